"""The store's statements inside one open transaction (a ``Connection``), shared by its writes.

:class:`workbench.records.store.Store` opens the transactions; these functions run in them:
find a client's row, the newest assessment version, insert an assessment version, refuse an
edit of a version that is not the newest any more, and pick each program week's sessions
from the plan that covers it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, insert, select

import workbench.records.rows as rows
import workbench.records.tables as t
from workbench.records.engine import StoreConflict, StoreError
from workbench.records.models import AssessmentRecord, IssuedPlan, ScheduledSession


def client_row(conn: Connection, client_id: str):
    """The client's row; :class:`StoreError` naming the known clients when there is none."""
    row = conn.execute(select(t.clients).where(t.clients.c.id == client_id)).first()
    if row is None:
        ids = conn.execute(select(t.clients.c.id).order_by(t.clients.c.id)).scalars().all()
        known = ", ".join(ids) if ids else "none yet"
        raise StoreError(f"no client {client_id!r} in the store (clients: {known})")
    return row


def latest_version(conn: Connection, client_id: str) -> int:
    """The client's newest assessment version (0 before the first)."""
    newest = conn.execute(
        select(func.max(t.assessments.c.version)).where(t.assessments.c.client_id == client_id)
    ).scalar()
    return newest or 0


def check_not_changed(conn: Connection, client_id: str, based_on: int) -> None:
    """Refuse an edit of version ``based_on`` when a newer version was saved since.

    Runs under the store's write lock, so the check and the insert after it are one step:
    of two trainers saving the same client at once, one wins and the other is told.
    """
    newest = latest_version(conn, client_id)
    if newest != based_on:
        raise StoreConflict(
            f"the record of {client_id!r} changed since you opened it: you edited version "
            f"{based_on}, and version {newest} was saved since (by another trainer or "
            "window). Nothing of yours was saved: reload the client and enter your change "
            "again."
        )


def check_plan_current(conn: Connection, client_id: str, replaces: int | None) -> None:
    """Refuse a plan meant to replace plan ``replaces`` when another was issued since (a
    review accepted by hand while a batch re-planned the same client: one wins)."""
    newest = conn.execute(
        select(func.max(t.plans.c.id)).where(t.plans.c.client_id == client_id)
    ).scalar()
    if newest != replaces:
        raise StoreConflict(
            f"the program of {client_id!r} changed since it was read: plan {newest} was "
            f"issued after plan {replaces} (by another trainer or run). Nothing was saved: "
            "read the client again."
        )


def insert_assessment(
    conn: Connection, client_id: str, document: dict, assessed_on, kind: str, moment
) -> AssessmentRecord:
    """Insert the next assessment version of a client; the record as stored."""
    version = latest_version(conn, client_id) + 1
    on = rows.as_date(assessed_on, moment.date())
    conn.execute(
        insert(t.assessments).values(
            client_id=client_id,
            version=version,
            assessed_on=on,
            kind=kind,
            document=rows.dumps(document),
            recorded_at=rows.stored_time(moment),
        )
    )
    return AssessmentRecord(client_id, version, on, kind, document, moment)


def current_sessions(
    plans: Sequence[IssuedPlan], found: Sequence[ScheduledSession]
) -> list[ScheduledSession]:
    """Per program week, the sessions of the newest plan whose weeks include it, by date."""

    def owner(w: int) -> int | None:
        covering = [p.id for p in plans if p.first_week <= w < p.first_week + p.weeks]
        return max(covering) if covering else None

    owners = {w: owner(w) for w in {s.week for s in found}}
    newest = {w: max(s.plan_id for s in found if s.week == w) for w in owners}
    kept = [s for s in found if (owners[s.week] or newest[s.week]) == s.plan_id]
    return sorted(kept, key=lambda s: (s.on, s.id))
