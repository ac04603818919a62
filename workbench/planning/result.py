"""What the planner returns: a plan, or the screening message, or a diagnosis.

Plain frozen dataclasses with a JSON form (the ``workbench plan --json`` document) and
tidy DataFrames for charts. No computation beyond sums of what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from workbench.domain import Day, Discipline, Goal
from workbench.optimize.constraints import FAMILIES as FAMILY_WORDS
from workbench.optimize.diagnose import OFFERS as OFFERS
from workbench.optimize.diagnose import Relaxation as Relaxation
from workbench.planning.provenance import Provenance
from workbench.planning.today import TodayNote


class PlanStatus(StrEnum):
    """What the planner answered: the ``status`` of a plan (and of ``plan --json``).

    A plan status, not a solver status (:class:`workbench.optimize.solve.SolveStatus`
    says how a solve ended). The values are the JSON words and stay as they are.
    """

    #: A plan: every week keeps every rule.
    PLANNED = "planned"
    #: No plan: a red flag; the client is referred before any exercise.
    REFERRED = "referred"
    #: No plan yet: medical clearance comes first.
    NEEDS_CLEARANCE = "needs_clearance"
    #: No plan fits every rule; the diagnosis says which rules and what would help.
    NO_PLAN = "infeasible"


PLANNED = PlanStatus.PLANNED
REFERRED = PlanStatus.REFERRED
NEEDS_CLEARANCE = PlanStatus.NEEDS_CLEARANCE
NO_PLAN = PlanStatus.NO_PLAN


@dataclass(frozen=True)
class Block:
    """One exercise block in a day.

    Attributes
    ----------
    minutes : int
        [min].
    rpe : float
        Typical effort, CR-10.
    load : float
        rpe × minutes [AU].
    reasons : tuple of str
        Why it was chosen, in plain words.
    """

    exercise_id: str
    name: str
    discipline: Discipline
    minutes: int
    rpe: float
    load: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class DayPlan:
    """The blocks of one training day."""

    day: Day
    blocks: tuple[Block, ...]

    @property
    def minutes(self) -> int:
        """Session length [min]."""
        return sum(b.minutes for b in self.blocks)

    @property
    def load(self) -> float:
        """Session load [AU]."""
        return sum(b.load for b in self.blocks)


@dataclass(frozen=True)
class WeekPlan:
    """One week of the plan.

    Attributes
    ----------
    ceiling : float
        The rule ceiling for the week [AU].
    cap : float
        What the load could be this week after every load rule (ceiling, rise over last
        week's planned load, acute:chronic guard) [AU].
    minutes_by_goal, goal_targets : dict
        Credited and wanted minutes per goal [min].
    binding : tuple of str
        Constraint families that bind in this week.
    shortfalls : tuple of str
        Each goal that falls short, with its reason and what would change it.
    kept_out : tuple of str
        Each current activity the week leaves out, with the rule that keeps it out.
    strength_days_fitted : int or None
        The strength days the week asks for when no plan of it kept every rule with the
        rule's count (a solve proved it), fewer than the rule's and said in ``warnings``;
        None when the week asks for what the rule does (or for what the client's days can
        give, which the verifier re-derives on its own).
    """

    week: int
    ceiling: float
    cap: float
    days: tuple[DayPlan, ...]
    minutes_by_goal: dict[Goal, float]
    goal_targets: dict[Goal, float]
    binding: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    shortfalls: tuple[str, ...] = ()
    kept_out: tuple[str, ...] = ()
    strength_days_fitted: int | None = None

    @property
    def load(self) -> float:
        """Week load [AU]."""
        return round(sum(d.load for d in self.days), 1)

    @property
    def minutes(self) -> int:
        """Week minutes [min]."""
        return sum(d.minutes for d in self.days)


@dataclass(frozen=True)
class WeekChange:
    """How one week of a re-plan differs from the plan before it.

    Blocks are matched by exercise, counted (a second block of an exercise is a block of
    its own).

    Attributes
    ----------
    week : int
    added, removed : tuple of (str, str)
        (exercise id, name) of the blocks only the new / only the old week has.
    moved : tuple of (str, str)
        (exercise id, name) of blocks both weeks have, now on another day.
    load_before, load_after : float
        Week load [AU].
    new_blocks : frozenset of (Day, int)
        (day, position in that day's session) of the new week's blocks that the old
        week did not have on that day: added or moved.
    ids_before, ids_after : frozenset of str
        The exercises of the old and of the new week.
    """

    week: int
    added: tuple[tuple[str, str], ...]
    removed: tuple[tuple[str, str], ...]
    moved: tuple[tuple[str, str], ...]
    load_before: float
    load_after: float
    new_blocks: frozenset = frozenset()
    ids_before: frozenset[str] = frozenset()
    ids_after: frozenset[str] = frozenset()

    @property
    def changed(self) -> bool:
        """The week's blocks or their days differ."""
        return bool(self.added or self.removed or self.moved)


@dataclass(frozen=True)
class SolverInfo:
    """How the solve went: the solver's *real* status and the proven gap.

    Attributes
    ----------
    status : str
        ``optimal`` (within the relative gap), ``time_limit`` (stopped with a feasible
        plan), ``infeasible``, or ``error``.
    gap : float or None
        Largest relative gap across weeks, against a proven bound (fraction).
    seconds : float
        Wall time of the whole planning call [s].
    """

    name: str
    status: str
    gap: float | None
    seconds: float
    detail: tuple[dict, ...] = ()

    def unproven_weeks(self) -> list[int]:
        """Weeks whose time budget ran out before their plan was proven within the gap."""
        return [d["week"] for d in self.detail if d.get("status") == "time_limit"]

    def summary(self) -> str:
        """Which weeks ran out of time, in plain words for the trainer; "" when every
        week is proven (or there is no plan)."""
        if self.status != "time_limit":
            return ""
        weeks = self.unproven_weeks()
        which = (
            (f"Week {weeks[0]}" if len(weeks) == 1 else "Weeks " + ", ".join(map(str, weeks)))
            if weeks
            else "Some weeks"
        )
        gap = "" if self.gap is None else f", at most {self.gap:.1%} short of it"
        rest = " The other weeks are proven." if 0 < len(weeks) < len(self.detail) else ""
        return (
            f"{which}: the time allowed ran out before the plan was proven the best the "
            f"rules allow; it is a good plan{gap}.{rest}"
        )


@dataclass(frozen=True)
class PlanResult:
    """The planner's answer.

    Attributes
    ----------
    status : PlanStatus
        planned | referred | needs_clearance | infeasible (:class:`PlanStatus`).
    message : str
        One paragraph for the trainer.
    excluded : tuple of (exercise_id, reason) dicts
        Every excluded exercise with its reasons.
    diagnosis : tuple of str
        When infeasible: the conflicting families in plain words.
    relaxations : tuple of Relaxation
        The smallest changes that make a plan possible.
    ceiling_plus_10 : tuple of str
        What raising each week's ceiling by 10% would buy.
    questions : tuple of Question
        What the client's file leaves to ask (:func:`workbench.client.questions.client_questions`).
    made : Provenance or None
        Whose plan it is and how it was made (:mod:`workbench.planning.provenance`); not
        part of equality, so two makings of one plan compare equal.
    today : TodayNote or None
        What today's pain changes (a flare-up, resting pain), in numbers and words.
    watch_for : tuple of str
        For the client: what to stop and call about, one line per precaution that applies
        (domain.md §8; the screening's ``watch_for``).
    """

    status: str
    message: str
    weeks: tuple[WeekPlan, ...] = ()
    excluded: tuple[dict, ...] = ()
    diagnosis: tuple[str, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    ceiling_plus_10: tuple[str, ...] = ()
    solver: SolverInfo | None = None
    screening: object | None = None
    notes: tuple[str, ...] = ()
    questions: tuple = ()
    objective: float | None = None
    today: TodayNote | None = None
    extra: dict = field(default_factory=dict, compare=False, repr=False)
    made: Provenance | None = field(default=None, compare=False, repr=False)
    watch_for: tuple[str, ...] = ()

    @property
    def planned(self) -> bool:
        """True when a plan came back."""
        return self.status == PLANNED

    def first_week_with(self, exercise_id: str) -> int:
        """The first week whose plan uses ``exercise_id`` (1 when none does or no plan):
        where a re-plan after banning it has to start."""
        used = [
            w.week
            for w in self.weeks
            if any(b.exercise_id == exercise_id for d in w.days for b in d.blocks)
        ]
        return min(used, default=1)

    def to_json(self) -> dict:
        """The ``workbench plan --json`` document: loads in AU, minutes in min, the
        solver's time in s."""
        return {
            "status": self.status,
            "message": self.message,
            "weeks": [_week_json(w) for w in self.weeks],
            "excluded": list(self.excluded),
            "diagnosis": list(self.diagnosis),
            "relaxations": [
                {
                    "family": r.family,
                    "week": r.week,
                    "amount": r.amount,
                    "unit": r.unit,
                    "text": r.text,
                    "changes": [{"field": k, "value": v} for k, v in r.changes],
                }
                for r in self.relaxations
            ],
            "ceiling_plus_10": list(self.ceiling_plus_10),
            "notes": list(self.notes),
            "questions": [q.to_json() for q in self.questions],
            "flare_up": None if self.today is None else self.today.flare_json(),
            "pain_guidance": None if self.today is None else self.today.guidance_json(),
            "watch_for": list(self.watch_for),
            "solver": None if self.solver is None else _solver_json(self.solver),
            "made": None if self.made is None else self.made.to_json(),
        }

    # ---- tidy frames for charts (encoding lives in workbench.ui.charts)
    def load_frame(self):
        """DataFrame: week, load, ceiling [AU]."""
        import pandas as pd

        return pd.DataFrame(
            [{"week": w.week, "load": w.load, "ceiling": w.ceiling} for w in self.weeks],
            columns=["week", "load", "ceiling"],
        )

    def goal_frame(self):
        """DataFrame: week, goal, minutes, target [min]."""
        import pandas as pd

        rows = [
            {
                "week": w.week,
                "goal": g.label,
                "minutes": round(w.minutes_by_goal.get(g, 0.0), 1),
                "target": t,
            }
            for w in self.weeks
            for g, t in w.goal_targets.items()
        ]
        return pd.DataFrame(rows, columns=["week", "goal", "minutes", "target"])

    def mix_frame(self):
        """DataFrame: week, discipline, load [AU]."""
        import pandas as pd

        acc: dict[tuple[int, str], float] = {}
        for w in self.weeks:
            for d in w.days:
                for b in d.blocks:
                    key = (w.week, b.discipline.label)
                    acc[key] = acc.get(key, 0.0) + b.load
        rows = [{"week": k[0], "discipline": k[1], "load": v} for k, v in sorted(acc.items())]
        return pd.DataFrame(rows, columns=["week", "discipline", "load"])

    def grid_frame(self, week: int = 1):
        """DataFrame of one week: day, exercise_id, name, discipline, minutes, rpe, load."""
        import pandas as pd

        rows = [
            {
                "day": d.day.value,
                "exercise_id": b.exercise_id,
                "name": b.name,
                "discipline": b.discipline.label,
                "minutes": b.minutes,
                "rpe": b.rpe,
                "load": b.load,
            }
            for w in self.weeks
            if w.week == week
            for d in w.days
            for b in d.blocks
        ]
        return pd.DataFrame(
            rows, columns=["day", "exercise_id", "name", "discipline", "minutes", "rpe", "load"]
        )


# ---- the parts of the ``--json`` document


def _week_json(w: WeekPlan) -> dict:
    """One week: ceiling, cap and load [AU], minutes [min], what binds, its days."""
    return {
        "week": w.week,
        "ceiling": w.ceiling,
        "cap": round(w.cap, 1),
        "load": w.load,
        "minutes": w.minutes,
        "minutes_by_goal": {g.value: round(v, 1) for g, v in w.minutes_by_goal.items()},
        "goal_targets": {g.value: v for g, v in w.goal_targets.items()},
        "binding": list(w.binding),
        "limited_by": [FAMILY_WORDS.get(f, f) for f in w.binding],
        "shortfalls": list(w.shortfalls),
        "kept_out": list(w.kept_out),
        "warnings": list(w.warnings),
        "strength_days_fitted": w.strength_days_fitted,
        "days": [_day_json(d) for d in w.days],
    }


def _day_json(d: DayPlan) -> dict:
    """One day: minutes [min], load [AU] and its blocks (minutes, RPE, load, reasons)."""
    return {
        "day": d.day.value,
        "minutes": d.minutes,
        "load": round(d.load, 1),
        "blocks": [
            {
                "exercise_id": b.exercise_id,
                "name": b.name,
                "discipline": b.discipline.value,
                "minutes": b.minutes,
                "rpe": b.rpe,
                "load": b.load,
                "reasons": list(b.reasons),
            }
            for b in d.blocks
        ],
    }


def _solver_json(s: SolverInfo) -> dict:
    """The solver's name, real status, proven gap (fraction) and time [s, to 0.1 ms]."""
    return {"name": s.name, "status": s.status, "gap": s.gap, "seconds": round(s.seconds, 4)}
