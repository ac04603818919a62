"""Alembic revisions of the store's schema, oldest first: each file one revision, never
edited after release (a change to the tables is a new revision).

May import: Alembic and SQLAlchemy only (a revision is frozen; it never reads the tables).
"""
