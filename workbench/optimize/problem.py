"""The data of one week's planning problem: pure data, no solver.

The planner solves weeks in sequence (each capped by its ceiling and by the week
before). A :class:`WeekProblem` holds everything one week's model reads: the allowed
exercises as arrays, the days, the caps and the goal targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.defaults import Params
from workbench.domain import Day, Discipline, Exercise, Goal

#: A block counts towards the strength-days rule when its strength contribution is at
#: least this (0-3) (H).
STRENGTH_LEVEL = 2


@dataclass(frozen=True)
class Pin:
    """The trainer's pin: this exercise in this week (on this day, when given)."""

    exercise_id: str
    week: int
    day: Day | None = None


@dataclass
class WeekProblem:
    """One week's planning problem.

    Attributes
    ----------
    week : int
        1-based week of the horizon.
    exercises : list of Exercise
        Allowed this week (already filtered by the rules).
    days : list of Day
        Available days, Monday first.
    supervised : frozenset of Day
        Days with a trainer present.
    supervised_only : frozenset of str
        Exercise ids that may go only on supervised days.
    max_days : int
        Training days at most.
    session_minutes : int
        Session length at most [min].
    ceiling : float
        The rule ceiling [AU].
    progression_cap : float or None
        (1 + weekly rise) × last week's planned load [AU]; None in week 1.
    acwr_cap : float or None
        Below the acute:chronic block ratio × chronic load [AU].
    chronic : float or None
        Chronic load the acute:chronic guard compares with [AU]; None when there is none.
    session_caps : dict
        Longest session per discipline [min].
    targets : dict
        Wanted minutes per goal [min/week] (only goals above 0).
    hard_goals : bool
        Goals must be met in full (no shortfall).
    strength_days : int
        Non-consecutive strength days required (0: none).
    exposure_ids : frozenset of str
        Exercises that take a feared movement above the client's starting tolerance
        (graded-exposure mode); at most ``exposure_max_blocks`` of their blocks a week.
    pins : list of Pin
    notes : tuple of str
        What the week's rules could not give, in a trainer's words (a target not reached
        and why; see :mod:`workbench.optimize.structure`).
    strength_fitted : bool
        ``strength_days`` was lowered because no plan of the week kept every rule with
        more (a solve proved it: :func:`~workbench.optimize.structure.fewer_strength_days`).
    liked, disliked : frozenset
        What the client likes and dislikes: disciplines (as Discipline), settings, tags.
    current : dict
        The client's current activities: discipline → the longest of its current
        sessions [min]. A block of that discipline no longer than this keeps the activity
        (the objective's ``current_activity_points``).
    """

    week: int
    exercises: list[Exercise]
    days: list[Day]
    supervised: frozenset[Day]
    supervised_only: frozenset[str]
    max_days: int
    session_minutes: int
    ceiling: float
    progression_cap: float | None
    acwr_cap: float | None
    session_caps: dict[Discipline, float]
    targets: dict[Goal, float]
    hard_goals: bool
    strength_days: int
    exposure_ids: frozenset[str]
    exposure_max_blocks: int
    pins: list[Pin]
    liked: frozenset[Discipline]
    disliked: frozenset[Discipline]
    params: Params
    chronic: float | None = None
    current: dict[Discipline, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    strength_fitted: bool = False
    # arrays, filled by __post_init__
    minutes: np.ndarray = field(init=False, repr=False)
    load: np.ndarray = field(init=False, repr=False)
    credit: np.ndarray = field(init=False, repr=False)
    _strength: list[bool] = field(init=False, repr=False)  # is_strength, per exercise
    _day_count: list[int] = field(init=False, repr=False)  # len(allowed_days), per exercise

    def __post_init__(self) -> None:
        n = len(self.exercises)
        # read by the model builders and the packing search tens of thousands of times
        # a plan (13 random clients: 133,000 and 29,000 calls)
        self._strength = [e.goals[Goal.STRENGTH] >= STRENGTH_LEVEL for e in self.exercises]
        on_supervised = sum(1 for d in self.days if d in self.supervised)
        self._day_count = [
            on_supervised if e.id in self.supervised_only else len(self.days)
            for e in self.exercises
        ]
        self.minutes = np.array([e.minutes for e in self.exercises], dtype=float).reshape(n)
        self.load = np.array([e.load for e in self.exercises], dtype=float).reshape(n)
        goals = list(Goal)
        contrib = np.array(
            [[e.goals[g] for g in goals] for e in self.exercises], dtype=float
        ).reshape(n, len(goals))
        # credited minutes per goal for one block [min]
        self.credit = contrib * self.minutes[:, None] * self.params.goal_credit_per_level

    @property
    def load_cap(self) -> float:
        """The tightest of the load rules this week [AU]."""
        caps = [self.ceiling]
        caps += [c for c in (self.progression_cap, self.acwr_cap) if c is not None]
        return min(caps)

    @property
    def training_days(self) -> int:
        """Training days possible: the client's maximum and the available days."""
        return min(self.max_days, len(self.days))

    def allowed_days(self, i: int) -> list[Day]:
        """Days exercise ``i`` may go on (supervised days only, when it needs them)."""
        if self.exercises[i].id in self.supervised_only:
            return [d for d in self.days if d in self.supervised]
        return list(self.days)

    def max_uses(self, i: int) -> int:
        """Most times exercise ``i`` can be done this week."""
        return min(int(self.params.max_uses_per_exercise), self.training_days, self._day_count[i])

    def fits(self, i: int) -> bool:
        """One block of exercise ``i`` fits in a session and under its discipline's cap."""
        ex = self.exercises[i]
        return ex.minutes <= self.session_minutes and ex.minutes <= self.session_caps[ex.discipline]

    def keeps(self, i: int) -> Discipline | None:
        """The current activity a block of exercise ``i`` keeps: its discipline, when the
        client does it now and the block is no longer than one of its current sessions."""
        ex = self.exercises[i]
        longest = self.current.get(ex.discipline)
        return ex.discipline if longest is not None and ex.minutes <= longest else None

    def is_strength(self, i: int) -> bool:
        """Exercise ``i`` counts towards the strength-days rule."""
        return self._strength[i]

    def twins(self, first: frozenset[str] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
        """Exercises the week's model cannot tell apart, and which of them it needs.

        Two exercises are twins when everything the model reads of them is equal:
        discipline, block length, load, goal credit, strength, supervised-only and
        graded exposure (pinned exercises are never twins). Any week plan can swap
        twins freely, so a class of twins needs only as many members as one plan can
        use at once: ``q`` blocks fit in one session (the session length and the
        discipline's session cap), so at most ``t·q`` blocks a week over ``t`` training
        days; handing them out day by day in turn over ``K = max(q, ⌈t·q/u⌉)`` members
        uses none twice a day and none more than its ``u`` uses a week. So every plan
        has a twin plan, scoring the same, that uses only the first ``K`` members.

        Parameters
        ----------
        first : frozenset of str
            Ids to keep first within their class (a start plan's), then catalog order.

        Returns
        -------
        classes : numpy.ndarray
            Int per exercise: its class (the index of the class's first member).
        keep : numpy.ndarray
            Bool per exercise: one of the first ``K`` members of its class.
        """
        n = len(self.exercises)
        pinned = {pin.exercise_id for pin in self.pins}
        classes = np.arange(n)
        keep = np.ones(n, dtype=bool)
        members: dict[tuple, list[int]] = {}
        for i, ex in enumerate(self.exercises):
            if ex.id in pinned:
                continue
            key = (
                ex.discipline,
                float(self.minutes[i]),
                float(self.load[i]),
                tuple(self.credit[i].tolist()),
                self.is_strength(i),
                ex.id in self.supervised_only,
                ex.id in self.exposure_ids,
            )
            members.setdefault(key, []).append(i)
        t = self.training_days
        for (discipline, minutes, *_rest), group in members.items():
            classes[group] = group[0]
            room = min(float(self.session_caps[discipline]), float(self.session_minutes))
            q = int(np.floor(room / minutes + 1e-9)) if minutes > 0 else len(group)
            u = self.max_uses(group[0])
            need = len(group) if q <= 0 or u <= 0 else max(q, -(-t * q // u))
            if need >= len(group):
                continue
            order = sorted(group, key=lambda i: (self.exercises[i].id not in first, i))
            keep[order[need:]] = False
        return classes, keep

    def objective_base(self) -> float:
        """Points for full goal coverage (the offset of the objective)."""
        return self.params.coverage_points * len(self.targets)

    def subset(self, rows: list[int]) -> WeekProblem:
        """The same week restricted to the exercises at ``rows`` (candidate set)."""
        kw = {
            f: getattr(self, f)
            for f in self.__dataclass_fields__
            if self.__dataclass_fields__[f].init
        }
        kw["exercises"] = [self.exercises[i] for i in rows]
        return WeekProblem(**kw)
