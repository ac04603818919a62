"""A client's current program as the store holds it: its plans, weeks, logs and reviews.

A program starts with a plan whose first week is 1; each accepted review's re-plan covers
the weeks after it. :class:`Course` reads them once and answers what the loop and the
status need: a week's ceiling, its logs, the logged weekly loads, the accepted reviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workbench.client.screening import Outcome, screen
from workbench.followup.decision import Review
from workbench.followup.schedule import week_start
from workbench.planning.planner import PlanOptions
from workbench.records.models import IssuedPlan, ReviewRecord, SessionLog


@dataclass(frozen=True)
class Course:
    """One client's current program.

    Attributes
    ----------
    plans : the program's issued plans, oldest first (the first has first_week 1)
    start : Monday of program week 1
    reviews : the reviews decided since the program was issued, oldest first
    logs : the session logs dated within the program's weeks, by date
    """

    client_id: str
    plans: tuple[IssuedPlan, ...]
    start: date
    reviews: tuple[ReviewRecord, ...]
    logs: tuple[SessionLog, ...]

    @property
    def plan(self) -> IssuedPlan:
        """The latest plan (the weeks from its ``first_week`` on are its)."""
        return self.plans[-1]

    @property
    def total_weeks(self) -> int:
        """The program's weeks [weeks]."""
        return self.plan.first_week + self.plan.weeks - 1

    @property
    def options(self) -> PlanOptions:
        """The latest plan's options (with its follow-up)."""
        return PlanOptions.from_json(self.plan.options)

    def check_week(self, week: int) -> int:
        """``week`` when it is a week of the program; else ``ValueError``."""
        if not 1 <= week <= self.total_weeks:
            raise ValueError(f"week: the program has weeks 1-{self.total_weeks}, got {week}")
        return week

    def covering(self, week: int) -> IssuedPlan:
        """The newest plan whose weeks include program week ``week``."""
        self.check_week(week)
        return [p for p in self.plans if p.first_week <= week < p.first_week + p.weeks][-1]

    def ceiling(self, week: int) -> float:
        """Program week ``week``'s load ceiling as issued [AU]."""
        p = self.covering(week)
        return float(p.document["weeks"][week - p.first_week]["ceiling"])

    def week_of(self, day: date) -> int:
        """The program week ``day`` falls in (0 before the start)."""
        return max(0, (day - self.start).days // 7 + 1)

    def week_logs(self, week: int) -> list[SessionLog]:
        """The logs dated in program week ``week``."""
        return [g for g in self.logs if self.week_of(g.on) == week]

    def logged_loads(self, through: int) -> list[float]:
        """Logged load of program weeks 1..``through`` [AU] (effort × minutes summed)."""
        return [sum(g.load for g in self.week_logs(w)) for w in range(1, through + 1)]

    def accepted(self) -> dict[int, ReviewRecord]:
        """Program week -> its latest accepted review."""
        return {r.week: r for r in self.reviews}

    def history(self, *, before: int) -> list[Review]:
        """The accepted reviews of the weeks before ``before``, oldest week first."""
        got = self.accepted()
        return [Review.from_json(got[w].document) for w in sorted(got) if w < before]

    @property
    def next_week(self) -> int:
        """The week after the last one reviewed (the last week when all are).

        A week whose review paused the plan is reviewed again once the red-flag questions
        are answered, so it is the next week to review.
        """
        got = self.accepted()
        paused = [w for w, r in got.items() if r.decision == "suspend"]
        if paused:
            return min(paused)
        return min(max(got, default=0) + 1, self.total_weeks)


def course(store, client_id: str) -> Course:
    """The client's current program; ``ValueError`` when none has been issued."""
    plans = store.plans(client_id)
    firsts = [i for i, p in enumerate(plans) if p.first_week == 1]
    if not firsts:
        raise ValueError(
            f"client {client_id!r} has no program yet: issue one first "
            f"(workbench client plan {client_id} --start YYYY-MM-DD)"
        )
    program = tuple(plans[firsts[-1] :])
    first = program[0]
    start = first.start_date
    total = program[-1].first_week + program[-1].weeks - 1
    reviews = tuple(
        r for r in store.reviews(client_id) if r.decided_at and r.decided_at >= first.issued_at
    )
    logs = store.logs(client_id, since=start, until=week_start(start, total) + timedelta(days=6))
    return Course(client_id, program, start, reviews, tuple(logs))


#: Screening outcomes that stop an issued program: the client is referred, or their
#: doctor has not (or no longer) cleared them (domain.md §1). Unanswered red-flag
#: questions pause it through :func:`paused_questions` instead.
HOLD_OUTCOMES = (Outcome.EMERGENCY, Outcome.REFER, Outcome.NEEDS_CLEARANCE)


def clearance_hold(store, client_id: str) -> str:
    """Why the issued program stops, for the trainer ("" when it goes on).

    A new assessment that is not clear to plan (a doctor's "no", a referral, a clearance
    needed for a new precaution) stops the program already issued: nothing more is
    reviewed or re-planned, and the status says so, until a clear assessment is saved.
    """
    screening = screen(store.current_client(client_id))
    if screening.outcome not in HOLD_OUTCOMES:
        return ""
    first = screening.trainer_message.strip().splitlines()[0]
    return f"the program is on hold: {first}"


def paused_questions(store, client_id: str) -> tuple[str, ...]:
    """Red-flag questions a session's notes asked again and nobody has answered yet."""
    latest = store.assessments(client_id)[-1]
    if latest.kind != "rescreen":
        return ()
    client = store.current_client(client_id)
    return tuple(k for k, v in client.red_flags.items() if v is None)
