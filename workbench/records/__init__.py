"""The client record store: clients, assessments, issued plans, sessions, logs, reviews.

Owns the records (``models``: frozen dataclasses) and their store: SQLAlchemy 2 Core
tables with Alembic migrations, a SQLite file by default (no set-up), the same schema on
PostgreSQL for a studio. Nothing is overwritten: every version is a new row, dated.

May import: the ground, :mod:`workbench.catalog`, :mod:`workbench.client` and
:mod:`workbench.planning` (it stores clients and plans); never :mod:`workbench.followup`,
:mod:`workbench.ui` or :mod:`workbench.cli`.
"""
