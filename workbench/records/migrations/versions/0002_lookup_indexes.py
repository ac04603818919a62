"""Indexes for the follow-up's lookups: a client's sessions by week, logs by date.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``ix_sessions_client_id_week`` and ``ix_session_logs_client_id_on``."""
    op.create_index("ix_sessions_client_id_week", "sessions", ["client_id", "week"])
    op.create_index("ix_session_logs_client_id_on", "session_logs", ["client_id", "on"])


def downgrade() -> None:
    """Drop the two indexes."""
    op.drop_index("ix_session_logs_client_id_on", table_name="session_logs")
    op.drop_index("ix_sessions_client_id_week", table_name="sessions")
