"""The store's Alembic migrations: ``env.py`` (runs on the connection the store passes
in) and ``versions/`` (``0001_first_schema``, ``0002_lookup_indexes``), run by
:func:`workbench.records.migrate.upgrade` whenever a store is opened behind the head.

May import: :mod:`workbench.records.tables` (the target MetaData) and Alembic.
"""
