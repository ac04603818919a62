"""Where a client's program stands, read from the store (nothing is written).

:func:`program_status` is what the Follow up view and ``workbench client show`` open with;
:func:`load_frame`, :func:`pain_frame` and :func:`adherence` are the figures its charts draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from workbench.client.assessment import client_from_dict
from workbench.defaults import resolve
from workbench.followup.course import Course, clearance_hold, course, paused_questions
from workbench.followup.reassess import InstrumentChange, reassess, reassessment_due
from workbench.followup.review import session_adherence
from workbench.followup.schedule import week_start
from workbench.records.models import (
    ClientRecord,
    IssuedPlan,
    ReviewRecord,
    ScheduledSession,
    SessionLog,
)

#: The ratings :func:`pain_frame` has, one column each (0-10).
PAIN_COLUMNS = (
    "pain_before",
    "pain_during",
    "pain_after",
    "next_morning_pain",
    "next_morning_stiffness",
)


@dataclass(frozen=True)
class ProgramStatus:
    """A client's program today.

    Attributes
    ----------
    client : ClientRecord
    plan : IssuedPlan or None
        The latest issued plan (None before the first).
    week : int or None
        The program week ``today`` falls in, within 1 .. the last week (None without a plan).
    sessions : list of (ScheduledSession, SessionLog or None)
        That week's sessions with their logs.
    last_review : ReviewRecord or None
    suspended : bool
        Red-flag questions are asked again and not answered yet: nothing is planned.
    questions : tuple of str
        Those questions' keys.
    reassessment_due : bool
        ``week`` is a 4-weekly reassessment week (``reassess_every_weeks``).
    next_review : int or None
        The week the next review is of.
    changes : tuple of InstrumentChange
        The latest reassessment against the first assessment (improved / no change /
        worse, with the important-change rule); empty before the first reassessment.
    hold : str
        Why the program is on hold ("" when it goes on): the current assessment is not
        clear to plan (a doctor's "no", a referral); ``suspended`` is then true.
    """

    client: ClientRecord
    plan: IssuedPlan | None
    week: int | None
    sessions: list[tuple[ScheduledSession, SessionLog | None]]
    last_review: ReviewRecord | None
    suspended: bool
    questions: tuple[str, ...]
    reassessment_due: bool = False
    next_review: int | None = None
    changes: tuple[InstrumentChange, ...] = ()
    hold: str = ""

    def to_json(self) -> dict:
        """The ``workbench client show --json`` document."""
        return {
            "client": {"id": self.client.id, "name": self.client.name},
            "plan": None
            if self.plan is None
            else {
                "id": self.plan.id,
                "start_date": self.plan.start_date.isoformat(),
                "first_week": self.plan.first_week,
                "last_week": self.plan.first_week + self.plan.weeks - 1,
            },
            "week": self.week,
            "sessions": [
                {
                    "session": s.id,
                    "on": s.on.isoformat(),
                    "day": s.day,
                    "minutes": s.minutes,
                    "load": s.load,
                    "exercises": list(s.exercises),
                    "log": None if g is None else {"status": g.status.value, "id": g.id},
                }
                for s, g in self.sessions
            ],
            "last_review": None
            if self.last_review is None
            else {
                "week": self.last_review.week,
                "decision": self.last_review.decision,
                "light": self.last_review.light,
                "ceiling": self.last_review.ceiling,
            },
            "suspended": self.suspended,
            "questions": list(self.questions),
            "hold": self.hold,
            "reassessment_due": self.reassessment_due,
            "next_review": self.next_review,
            "reassessment": [
                {
                    "instrument": c.instrument,
                    "baseline": c.baseline,
                    "now": c.now,
                    "verdict": c.verdict,
                    "threshold": c.threshold,
                }
                for c in self.changes
            ],
        }


def _course(store, client_id: str) -> Course | None:
    try:
        return course(store, client_id)
    except ValueError:
        return None


def changes_since_baseline(store, client_id: str) -> tuple[InstrumentChange, ...]:
    """The latest reassessment's instruments against the first assessment's."""
    versions = store.assessments(client_id)
    later = [a for a in versions[1:] if a.kind == "reassessment"]
    if not later:
        return ()
    return tuple(reassess(store.baseline_client(client_id), client_from_dict(later[-1].document)))


def program_status(store, client_id: str, *, today: date | None = None) -> ProgramStatus:
    """Where the client's program stands on ``today`` (default: today)."""
    today = today or date.today()
    record = store.client(client_id)
    questions = paused_questions(store, client_id)
    hold = clearance_hold(store, client_id)
    changes = changes_since_baseline(store, client_id)
    c = _course(store, client_id)
    if c is None:
        return ProgramStatus(
            record, None, None, [], None, bool(questions or hold), questions, changes=changes,
            hold=hold,
        )  # fmt: skip
    week = min(max(c.week_of(today), 1), c.total_weeks)
    logs = {g.session_id: g for g in c.logs if g.session_id is not None}
    sessions = [(s, logs.get(s.id)) for s in store.sessions(client_id, week=week)]
    last = c.reviews[-1] if c.reviews else None
    client = store.current_client(client_id)
    params = resolve({**client.overrides, **c.options.overrides})
    return ProgramStatus(
        record,
        c.plan,
        week,
        sessions,
        last,
        bool(questions or hold),
        questions,
        reassessment_due(week, params),
        c.next_week,
        changes,
        hold,
    )


def load_frame(store, client_id: str, *, today: date | None = None) -> pd.DataFrame:
    """Per program week: ``week``, ``ceiling``, ``planned``, ``logged`` [AU], ``decision``.

    ``logged`` is empty (NaN) for a week that has not started by ``today``; ``decision``
    is the accepted review's (empty before it).
    """
    columns = ["week", "ceiling", "planned", "logged", "decision"]
    c = _course(store, client_id)
    if c is None:
        return pd.DataFrame(columns=columns)
    today = today or date.today()
    sessions = store.sessions(client_id)
    accepted = c.accepted()
    loads = c.logged_loads(c.total_weeks)
    rows = []
    for w in range(1, c.total_weeks + 1):
        started = week_start(c.start, w) <= today
        rows.append(
            {
                "week": w,
                "ceiling": c.ceiling(w),
                "planned": sum(s.load for s in sessions if s.week == w),
                "logged": loads[w - 1] if started else float("nan"),
                "decision": accepted[w].decision if w in accepted else None,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def pain_frame(store, client_id: str) -> pd.DataFrame:
    """One row per session log, by date: ``on`` and the 0-10 ratings (empty where not given)."""
    logs = store.logs(client_id)
    rows = [{"on": g.on, **{k: getattr(g, k) for k in PAIN_COLUMNS}} for g in logs]
    return pd.DataFrame(rows, columns=["on", *PAIN_COLUMNS]).astype(
        {k: "float" for k in PAIN_COLUMNS}
    )


def adherence(
    store, client_id: str, *, today: date | None = None, days: tuple[int, ...] = (7, 30, 90)
) -> dict[int, float | None]:
    """Share of the scheduled sessions done over the last ``d`` days, for each ``d``.

    A session counts when its date is within ``today - d + 1 .. today``; partly done counts
    half (:func:`~workbench.followup.review.session_adherence`, as the weekly review
    counts). None where no session was due in the window [fraction].
    """
    today = today or date.today()
    sessions = store.sessions(client_id)
    logs = store.logs(client_id)
    out: dict[int, float | None] = {}
    for d in days:
        due = [s for s in sessions if today - timedelta(days=d - 1) <= s.on <= today]
        out[d] = round(session_adherence(due, logs), 3) if due else None
    return out
