"""The store's tables: SQLAlchemy Core ``Table``s on one ``MetaData``.

Portable SQL only (SQLite by default, PostgreSQL for a studio): dates are ``Date``,
times ``DateTime`` (UTC), documents JSON text. Nothing is ever updated: every assessment,
plan, session log and review is a new row. The Alembic migrations
(:mod:`workbench.records.migrations`) create these; a change here needs a new migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: Constraint names, so migrations can name them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

clients = Table(
    "clients",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(64), ForeignKey("clients.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("assessed_on", Date, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("document", Text, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("client_id", "version"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(64), ForeignKey("clients.id"), nullable=False),
    Column("week", Integer, nullable=False),
    Column("proposed", String(16), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("light", String(16), nullable=False),
    Column("reasons", Text, nullable=False),
    Column("ceiling", Float, nullable=False),
    Column("accepted_by", Text, nullable=False),
    Column("override_reason", Text, nullable=False),
    Column("plan_id", Integer, nullable=True),
    Column("document", Text, nullable=False),
    Column("decided_at", DateTime, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(64), ForeignKey("clients.id"), nullable=False),
    Column("assessment_version", Integer, nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("first_week", Integer, nullable=False),
    Column("weeks", Integer, nullable=False),
    Column("options", Text, nullable=False),
    Column("catalog_hash", String(128), nullable=False),
    Column("document", Text, nullable=False),
    Column("replaces", Integer, ForeignKey("plans.id"), nullable=True),
    Column("review_id", Integer, ForeignKey("reviews.id"), nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("client_id", String(64), ForeignKey("clients.id"), nullable=False),
    Column("week", Integer, nullable=False),
    Column("day", String(8), nullable=False),
    Column("on", Date, nullable=False),
    Column("exercises", Text, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("load", Float, nullable=False),
)

session_logs = Table(
    "session_logs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(64), ForeignKey("clients.id"), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=True),
    Column("on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("effort", Float, nullable=True),
    Column("pain_before", Integer, nullable=True),
    Column("pain_during", Integer, nullable=True),
    Column("pain_after", Integer, nullable=True),
    Column("next_morning_pain", Integer, nullable=True),
    Column("next_morning_stiffness", Integer, nullable=True),
    Column("hurt", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("discipline", String(32), nullable=True),
    Column("logged_at", DateTime, nullable=False),
)

# Added by migration 0002: the follow-up reads a client's logs by date and sessions by week.
Index("ix_session_logs_client_id_on", session_logs.c.client_id, session_logs.c.on)
Index("ix_sessions_client_id_week", sessions.c.client_id, sessions.c.week)
