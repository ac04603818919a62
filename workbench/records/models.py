"""The records the store keeps: plain frozen dataclasses, no database types.

Nothing is overwritten: an assessment, a plan, a session log and a review each get a new
row, dated; "current" is the latest. The store (:mod:`workbench.records.store`) reads and
writes these; the follow-up (:mod:`workbench.followup`) computes with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class LogStatus(StrEnum):
    """How much of a session the client did."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"


@dataclass(frozen=True)
class ClientRecord:
    """A client in the store: their id and name (the assessment holds the rest)."""

    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class AssessmentRecord:
    """One version of a client's assessment (the client file, unchanged).

    Attributes
    ----------
    version : int
        1, 2, ... per client; the current assessment is the highest.
    assessed_on : date
        The day of the assessment.
    kind : str
        ``"assessment"`` (the first, or a correction) or ``"reassessment"`` (the 4-weekly
        check against the baseline) or ``"rescreen"`` (red-flag questions asked again).
    document : dict
        The client file's JSON document, exactly as saved.
    """

    client_id: str
    version: int
    assessed_on: date
    kind: str
    document: dict[str, Any]
    recorded_at: datetime


@dataclass(frozen=True)
class IssuedPlan:
    """A plan as the client got it.

    Attributes
    ----------
    id : int
    start_date : date
        Monday of the plan's week 1.
    first_week : int
        The program week of the plan's week 1 (1 for a first plan; after a review of
        program week k the re-plan starts at k + 1).
    weeks : int
        Weeks in this plan.
    options : dict
        The plan options' JSON (``PlanResult.made["options"]``).
    catalog_hash : str
        The catalog's content hash when it was issued.
    document : dict
        ``PlanResult.to_json()``, exactly as issued.
    replaces : int or None
        The plan this one replaces from ``first_week`` on.
    review_id : int or None
        The review whose decision made this plan.
    """

    id: int
    client_id: str
    assessment_version: int
    issued_at: datetime
    start_date: date
    first_week: int
    weeks: int
    options: dict[str, Any]
    catalog_hash: str
    document: dict[str, Any]
    replaces: int | None = None
    review_id: int | None = None


@dataclass(frozen=True)
class ScheduledSession:
    """One planned training day on a calendar date.

    Attributes
    ----------
    week : int
        Program week (not the plan's week number).
    day : str
        ``Day`` value (``"mon"`` ...).
    exercises : tuple of str
        Exercise ids of its blocks, in order.
    minutes : int
        Planned minutes [min].
    load : float
        Planned load [AU].
    """

    id: int
    plan_id: int
    client_id: str
    week: int
    day: str
    on: date
    exercises: tuple[str, ...]
    minutes: int
    load: float


@dataclass(frozen=True)
class SessionLog:
    """What the client reports about one session (planned, or one they did on their own).

    Attributes
    ----------
    session_id : int or None
        The scheduled session; None for an unplanned one.
    on : date
        The day it was done (or due).
    status : LogStatus
    minutes : int
        Minutes done [min], 0-300.
    effort : float or None
        Session effort, CR-10 RPE 0-10 (None when not done).
    pain_before, pain_during, pain_after : int or None
        Pain 0-10 before, the worst during, and after the session.
    next_morning_pain, next_morning_stiffness : int or None
        0-10 the morning after.
    hurt : tuple of str
        Exercise ids that hurt.
    notes : str
        The client's words, free text.
    discipline : str or None
        For an unplanned session: its ``Discipline`` value.
    """

    client_id: str
    on: date
    status: LogStatus
    minutes: int = 0
    effort: float | None = None
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    next_morning_pain: int | None = None
    next_morning_stiffness: int | None = None
    hurt: tuple[str, ...] = ()
    notes: str = ""
    session_id: int | None = None
    discipline: str | None = None
    id: int | None = None
    logged_at: datetime | None = None

    @property
    def load(self) -> float:
        """Session-RPE load [AU]: effort × minutes (Foster 2001); 0 when not done."""
        if self.status is LogStatus.NOT_DONE or self.effort is None:
            return 0.0
        return float(self.effort) * self.minutes


@dataclass(frozen=True)
class ReviewRecord:
    """A weekly review as decided: the proposal, what the trainer accepted, and why.

    Attributes
    ----------
    week : int
        The program week reviewed.
    proposed : str
        The rules' decision (``progress`` / ``hold`` / ``regress`` / ``suspend``).
    decision : str
        What the trainer accepted (the proposal, or their override).
    light : str
        ``green`` / ``amber`` / ``red``.
    reasons : tuple of str
        The decision's reasons in plain words.
    ceiling : float
        The next week's ceiling after the decision [AU].
    accepted_by : str
        Who accepted it.
    override_reason : str
        The trainer's reason when ``decision`` differs from ``proposed``.
    document : dict
        The full review (``Review.to_json()``).
    """

    client_id: str
    week: int
    proposed: str
    decision: str
    light: str
    reasons: tuple[str, ...]
    ceiling: float
    accepted_by: str
    override_reason: str = ""
    plan_id: int | None = None
    document: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    decided_at: datetime | None = None
