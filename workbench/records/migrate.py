"""Running the store's Alembic migrations programmatically (no ``alembic.ini``).

The script location is the package's ``migrations`` directory; the open connection is
passed to ``env.py`` in ``config.attributes``. The revisions are ``0001``, ``0002`` ...;
:data:`HEAD` is the newest the package knows.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

#: The migrations directory inside the package (shipped as package data).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` on the package's migrations, with ``connection`` passed in."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision the package knows (e.g. ``"0002"``)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database on ``connection`` to ``revision`` (default: the head)."""
    command.upgrade(alembic_config(connection), revision)


def current(connection: Connection) -> str | None:
    """The database's revision, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()
