"""The client record store: clients, assessments, issued plans, sessions, logs, reviews.

Owns the records (``models``: frozen dataclasses) and their store: SQLAlchemy 2 Core
tables with Alembic migrations, a SQLite file by default (no set-up), the same schema on
PostgreSQL for a studio. Nothing is overwritten: every version is a new row, dated.

Public names
------------
Store
    The store: ``Store.open(path_or_url=None)``, then clients, assessments, plans,
    sessions, logs and reviews (:mod:`workbench.records.store`).
StoreError
    A store operation that cannot be done; the message names what and why.
StoreBusy
    Another workbench held the write lock past the busy timeout; try again.
StoreConflict
    The record changed since it was opened (another trainer saved it first); reload.
default_store_path
    Where the store lives when no path is given (``$WORKBENCH_STORE``, else the XDG
    data directory).

May import: the ground, :mod:`workbench.catalog`, :mod:`workbench.client` and
:mod:`workbench.planning` (it stores clients and plans); never :mod:`workbench.followup`,
:mod:`workbench.ui` or :mod:`workbench.cli`.
"""

from workbench.paths import default_store_path
from workbench.records.engine import StoreBusy, StoreConflict, StoreError
from workbench.records.store import Store

__all__ = ["Store", "StoreBusy", "StoreConflict", "StoreError", "default_store_path"]
