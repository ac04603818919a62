"""Checks the database cannot make by itself, made inside the writing transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

import workbench.records.tables as t
from workbench.records.engine import StoreError
from workbench.records.models import SessionLog


def sessions_are_their_clients(conn: Connection, logs: Sequence[SessionLog]) -> None:
    """Refuse a log naming another client's session (a foreign key checks only that the
    session exists).

    Raises
    ------
    StoreError
        Naming the session, whose it is and whose log it was.
    """
    wanted = {log.session_id for log in logs if log.session_id is not None}
    if not wanted:
        return
    query = select(t.sessions.c.id, t.sessions.c.client_id).where(t.sessions.c.id.in_(wanted))
    owners = dict(conn.execute(query).all())
    for log in logs:
        owner = owners.get(log.session_id, log.client_id)
        if owner != log.client_id:
            raise StoreError(
                f"a session log was not stored: session {log.session_id} belongs to "
                f"client {owner!r}, not {log.client_id!r}"
            )
