"""Shared test set-up: ``tests/`` is on the import path, so ``strategies`` (the one place
the property tests keep their hypothesis strategies) imports from every test folder.

Tests mirror the package: ``tests/catalog/`` tests :mod:`workbench.catalog`,
``tests/client/`` tests :mod:`workbench.client`, and so on; tests of the whole project
(docs, lock, notebooks, the layout) stay at the top.

The store's tests run on both stores the workbench supports: ``store_url`` gives a real
SQLite file, then a new database on a real PostgreSQL server (``postgres_server``, started
once a session by :mod:`pgserver`).
"""

import os

import pytest
from pgserver import PostgresServer, server_bin

# ------------------------------------------------------------------ the store's servers


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (Debian's ``postgresql`` package).

    Skipped when the server is not installed, except under CI (``CI`` set), where a missing
    server fails: ``./dev.sh test`` installs it (``scripts/ensure_postgresql.sh``).
    """
    bin_dir = server_bin()
    if bin_dir is None:
        message = "PostgreSQL is not installed (bash scripts/ensure_postgresql.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Where a store lives: a real SQLite file, then a new database on a real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("postgres_server").database()
