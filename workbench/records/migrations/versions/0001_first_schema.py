"""The first schema: clients, assessments, reviews, plans, sessions, session logs.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the six tables (portable SQL: SQLite and PostgreSQL)."""
    op.create_table(
        "clients",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("client_id", "version"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("week", sa.Integer, nullable=False),
        sa.Column("proposed", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("light", sa.String(16), nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("ceiling", sa.Float, nullable=False),
        sa.Column("accepted_by", sa.Text, nullable=False),
        sa.Column("override_reason", sa.Text, nullable=False),
        sa.Column("plan_id", sa.Integer, nullable=True),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("assessment_version", sa.Integer, nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("first_week", sa.Integer, nullable=False),
        sa.Column("weeks", sa.Integer, nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("catalog_hash", sa.String(128), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("replaces", sa.Integer, sa.ForeignKey("plans.id"), nullable=True),
        sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id"), nullable=True),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("week", sa.Integer, nullable=False),
        sa.Column("day", sa.String(8), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("exercises", sa.Text, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("load", sa.Float, nullable=False),
    )
    op.create_table(
        "session_logs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=True),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("effort", sa.Float, nullable=True),
        sa.Column("pain_before", sa.Integer, nullable=True),
        sa.Column("pain_during", sa.Integer, nullable=True),
        sa.Column("pain_after", sa.Integer, nullable=True),
        sa.Column("next_morning_pain", sa.Integer, nullable=True),
        sa.Column("next_morning_stiffness", sa.Integer, nullable=True),
        sa.Column("hurt", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("discipline", sa.String(32), nullable=True),
        sa.Column("logged_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    """Drop the six tables (children first)."""
    for name in ("session_logs", "sessions", "plans", "reviews", "assessments", "clients"):
        op.drop_table(name)
