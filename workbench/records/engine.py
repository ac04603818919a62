"""The store's database engine: SQLite settings, file mode, and busy handling.

The SQLite settings are chosen on purpose and set on every new connection
(SQLAlchemy's ``connect`` event):

``journal_mode=WAL``
    Write-ahead logging: readers do not block the writer, nor the writer the readers (a
    trainer's notebook can read while the command line logs a session).
``synchronous=FULL``
    The WAL is synced to disk at every commit, so a committed transaction survives a
    power loss (``NORMAL`` in WAL mode may lose the last commits).
``foreign_keys=ON``
    SQLite checks foreign keys only when asked: a session log cannot name a session that
    does not exist.
``busy_timeout`` (:data:`BUSY_TIMEOUT_MS`)
    How long a connection waits for another writer's lock before giving up.

Write transactions begin ``IMMEDIATE`` (the write lock is taken at ``BEGIN``): two writers
that both began by reading can never deadlock on upgrading to a write lock; the second
simply waits up to the busy timeout. A lock held longer raises :class:`StoreBusy`, never a
raw ``OperationalError``.

The file and its ``-wal``/``-shm`` companions are created readable and writable by their
owner only (``0o600``; the process umask is narrowed while the file is created): the store
holds health data.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

#: How long a connection waits for another writer's lock [ms] before :class:`StoreBusy`.
BUSY_TIMEOUT_MS = 5000

#: The mode of the store's files: owner read and write only.
FILE_MODE = 0o600

#: The umask while the store's files are created (nothing for group and others).
CREATE_UMASK = 0o077

#: The SQLite pragmas set on every connection, in order (see the module docstring).
PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
)


class StoreError(Exception):
    """A store operation that cannot be done; the message names what and why."""


class StoreBusy(StoreError):
    """Another process held the store's write lock longer than the busy timeout."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "the store is busy: another workbench is writing to it; try again in a moment"
        )


#: PostgreSQL's SQLSTATE for a lock not granted within ``lock_timeout``.
PG_LOCK_NOT_AVAILABLE = "55P03"

#: The key of the PostgreSQL advisory lock every write transaction takes (one writer at a
#: time, as SQLite's ``BEGIN IMMEDIATE``): "WBSTORE" read as a number.
PG_WRITE_LOCK_KEY = 0x5742_5354_4F52_45


class StoreConflict(StoreError):
    """The record changed since it was opened: another trainer saved it first.

    Nothing of the later save was stored; the message says which version is now the
    newest, so the trainer can reload it and enter their change again.
    """


def is_busy(err: BaseException) -> bool:
    """Whether a database error is "another writer holds the lock": SQLite's "database is
    locked" / "busy", or PostgreSQL's lock time-out (SQLSTATE 55P03)."""
    orig = getattr(err, "orig", err)
    if getattr(orig, "sqlstate", None) == PG_LOCK_NOT_AVAILABLE:
        return True
    text = str(orig).lower()
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


@contextlib.contextmanager
def busy_as_store_busy() -> Iterator[None]:
    """Turn SQLite's lock time-out into :class:`StoreBusy` (other errors pass through)."""
    try:
        yield
    except OperationalError as err:
        if is_busy(err):
            raise StoreBusy() from err
        raise


@contextlib.contextmanager
def narrow_umask() -> Iterator[None]:
    """Create files owner-only inside the block (the umask is restored after)."""
    old = os.umask(CREATE_UMASK)
    try:
        yield
    finally:
        os.umask(old)


def _set_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's BEGIN (below) control transactions, not the sqlite3 module.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for name, value in PRAGMAS:
            cursor.execute(f"PRAGMA {name}={value}")
    finally:
        cursor.close()


def _begin(conn: Connection) -> None:
    mode = conn.info.get("begin", "DEFERRED")  # the store asks IMMEDIATE for writes
    conn.exec_driver_sql(f"BEGIN {mode}")


def sqlite_engine(path: Path, *, create: bool = True) -> Engine:
    """An engine on the SQLite file ``path`` with the store's settings.

    Parameters
    ----------
    path : pathlib.Path
        The database file; its directory is created when ``create``.
    create : bool
        Create the directory and the file when missing; else :class:`StoreError`.

    Raises
    ------
    StoreError
        When the file is missing and ``create`` is false, or cannot be created.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError(f"no store at {path} (and create=False: nothing was made)")
        try:
            with narrow_umask():
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
                os.close(fd)
        except OSError as err:
            raise StoreError(f"cannot create the store at {path}: {err.strerror}") from err
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "before_cursor_execute", refuse_nul)
    # The -wal and -shm files are made by the first connection: make them owner-only.
    with narrow_umask(), busy_as_store_busy(), engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.chmod(companion, FILE_MODE)
    return engine


def database_url(url: str) -> str:
    """``url`` with the store's driver: ``postgresql://`` (as a studio writes it) and
    ``postgres://`` mean psycopg 3 (``postgresql+psycopg://``); others are kept."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def url_engine(url: str) -> Engine:
    """An engine for a database URL (a studio's PostgreSQL: ``postgresql://user@host/db``).

    PostgreSQL runs at READ COMMITTED; every write transaction of the store takes one
    advisory lock first (:func:`take_write_lock`), so writes are one at a time, as on
    SQLite, and a lock held longer than :data:`BUSY_TIMEOUT_MS` raises :class:`StoreBusy`.
    Connections are checked before use (a studio server may restart between sessions).
    """
    try:
        engine = create_engine(database_url(url), pool_pre_ping=True)
    except (ArgumentError, ModuleNotFoundError) as err:
        raise StoreError(f"cannot open the store at {url!r}: {err}") from err
    event.listen(engine, "before_cursor_execute", refuse_nul)
    return engine


def refuse_nul(_conn, _cursor, _statement, parameters, _context, executemany) -> None:
    """Refuse a write whose text holds a NUL character, on every backend alike.

    PostgreSQL cannot keep NUL in text and SQLite would keep it silently, so the same
    record would be stored on one and refused on the other. The fields refuse NUL where it
    is typed (:data:`~workbench.client.field_types.NUL_REASON`); this is the store's own
    check (SQLAlchemy's ``before_cursor_execute`` event), before anything is sent.

    Raises
    ------
    StoreError
        Naming the value's column where the driver names it; the transaction is rolled
        back, so nothing of the write is kept.
    """
    rows = parameters if executemany else (parameters,)
    for row in rows or ():
        pairs = row.items() if isinstance(row, Mapping) else enumerate(row or ())
        for key, value in pairs:
            if isinstance(value, str) and "\x00" in value:
                where = f" ({key})" if isinstance(key, str) else ""
                raise StoreError(
                    f"nothing was stored: a text{where} contains a NUL character (\\x00), "
                    "which cannot be saved"
                )


def take_write_lock(conn: Connection) -> None:
    """Take the store's write lock inside the transaction that begins a write.

    On SQLite ``BEGIN IMMEDIATE`` (:func:`_begin`) already took it. On PostgreSQL a
    transaction-scoped advisory lock is taken, waiting at most :data:`BUSY_TIMEOUT_MS`; it
    is released at commit or rollback.
    """
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")


@contextlib.contextmanager
def named_integrity(what: str) -> Iterator[None]:
    """Turn a foreign-key or uniqueness failure into :class:`StoreError` naming ``what``."""
    try:
        yield
    except IntegrityError as err:
        raise StoreError(
            f"{what} was not stored: it names a client, plan, review or session that is not "
            f"in the store ({err.orig})"
        ) from err
