"""Rows to records and back: the store's JSON columns and UTC times in one place."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from workbench.records.models import (
    AssessmentRecord,
    ClientRecord,
    IssuedPlan,
    LogStatus,
    ReviewRecord,
    ScheduledSession,
    SessionLog,
)


def now() -> datetime:
    """The time now, UTC (stored without the zone, read back as UTC)."""
    return datetime.now(UTC)


def stored_time(moment: datetime) -> datetime:
    """A time as stored: UTC, naive (portable across SQLite and PostgreSQL)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def read_time(value: datetime) -> datetime:
    """A stored time back as an aware UTC time."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def dumps(value: Any) -> str:
    """JSON text for a document column (UTF-8 kept, key order kept)."""
    return json.dumps(value, ensure_ascii=False)


def loads(text: str) -> Any:
    """A document column's JSON back."""
    return json.loads(text)


def client_record(row) -> ClientRecord:
    return ClientRecord(id=row.id, name=row.name, created_at=read_time(row.created_at))


def assessment_record(row) -> AssessmentRecord:
    return AssessmentRecord(
        client_id=row.client_id,
        version=row.version,
        assessed_on=row.assessed_on,
        kind=row.kind,
        document=loads(row.document),
        recorded_at=read_time(row.recorded_at),
    )


def plan_record(row) -> IssuedPlan:
    return IssuedPlan(
        id=row.id,
        client_id=row.client_id,
        assessment_version=row.assessment_version,
        issued_at=read_time(row.issued_at),
        start_date=row.start_date,
        first_week=row.first_week,
        weeks=row.weeks,
        options=loads(row.options),
        catalog_hash=row.catalog_hash,
        document=loads(row.document),
        replaces=row.replaces,
        review_id=row.review_id,
    )


def session_values(session: ScheduledSession, plan_id: int, client_id: str) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "client_id": client_id,
        "week": int(session.week),
        "day": str(session.day),
        "on": session.on,
        "exercises": dumps(list(session.exercises)),
        "minutes": int(session.minutes),
        "load": float(session.load),
    }


def session_record(row) -> ScheduledSession:
    return ScheduledSession(
        id=row.id,
        plan_id=row.plan_id,
        client_id=row.client_id,
        week=row.week,
        day=row.day,
        on=row.on,
        exercises=tuple(loads(row.exercises)),
        minutes=row.minutes,
        load=row.load,
    )


def _opt_int(value) -> int | None:
    return None if value is None else int(value)


def log_values(log: SessionLog, logged_at: datetime) -> dict[str, Any]:
    return {
        "client_id": log.client_id,
        "session_id": log.session_id,
        "on": log.on,
        "status": LogStatus(log.status).value,
        "minutes": int(log.minutes),
        "effort": None if log.effort is None else float(log.effort),
        "pain_before": _opt_int(log.pain_before),
        "pain_during": _opt_int(log.pain_during),
        "pain_after": _opt_int(log.pain_after),
        "next_morning_pain": _opt_int(log.next_morning_pain),
        "next_morning_stiffness": _opt_int(log.next_morning_stiffness),
        "hurt": dumps(list(log.hurt)),
        "notes": log.notes,
        "discipline": None if log.discipline is None else str(log.discipline),
        "logged_at": stored_time(logged_at),
    }


def log_record(row) -> SessionLog:
    return SessionLog(
        id=row.id,
        client_id=row.client_id,
        session_id=row.session_id,
        on=row.on,
        status=LogStatus(row.status),
        minutes=row.minutes,
        effort=row.effort,
        pain_before=row.pain_before,
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        next_morning_pain=row.next_morning_pain,
        next_morning_stiffness=row.next_morning_stiffness,
        hurt=tuple(loads(row.hurt)),
        notes=row.notes,
        discipline=row.discipline,
        logged_at=read_time(row.logged_at),
    )


def review_values(review: ReviewRecord, decided_at: datetime) -> dict[str, Any]:
    return {
        "client_id": review.client_id,
        "week": int(review.week),
        "proposed": str(review.proposed),
        "decision": str(review.decision),
        "light": str(review.light),
        "reasons": dumps(list(review.reasons)),
        "ceiling": float(review.ceiling),
        "accepted_by": review.accepted_by,
        "override_reason": review.override_reason,
        "plan_id": review.plan_id,
        "document": dumps(review.document),
        "decided_at": stored_time(decided_at),
    }


def review_record(row) -> ReviewRecord:
    return ReviewRecord(
        id=row.id,
        client_id=row.client_id,
        week=row.week,
        proposed=row.proposed,
        decision=row.decision,
        light=row.light,
        reasons=tuple(loads(row.reasons)),
        ceiling=row.ceiling,
        accepted_by=row.accepted_by,
        override_reason=row.override_reason,
        plan_id=row.plan_id,
        document=loads(row.document),
        decided_at=read_time(row.decided_at),
    )


def as_date(value: date | None, default: date) -> date:
    """``value``, or ``default`` when None."""
    return default if value is None else value


def plan_weeks(result_json: dict, sessions, first_week: int) -> int:
    """A plan's number of weeks: its ``weeks`` list, else its sessions' span."""
    weeks = result_json.get("weeks")
    if isinstance(weeks, list) and weeks:
        return len(weeks)
    if isinstance(weeks, int) and weeks > 0:
        return weeks
    return max((s.week - first_week + 1 for s in sessions), default=0)
