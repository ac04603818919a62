"""What solving one week returns, the solve loop's settings, and reading a plan's counts.

:class:`WeekSolution` (the blocks placed, the solver's outcome, the gap, what binds),
:class:`Found` (one plan of the master/packing loop) and small helpers on a plan's
exercise counts; the loop's numbers, each measured (see the comments and ``benchmarks/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from workbench.domain import Goal
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solve import (
    ERROR,
    INFEASIBLE,
    Outcome,
)

FIRST_CANDIDATES = 16  # best by reduced cost, besides the LP's support


PER_GROUP = 1  # best per discipline and per goal, so variety and every goal have options


MAX_CUTS = 25  # packing cuts before falling back to the day model over the candidates


EXACT_CUTS = 1  # plans cut off one at a time (day rules) before the day model decides


LOOP_SHARE = 0.8  # share of the week's remaining budget for the master/packing loop


#: The master puts every block in a session itself on weeks of at most this many
#: sessions, once :data:`SESSION_AFTER` of its plans failed to pack. It was 3 (more
#: sessions are interchangeable, which can make the session master slow), measured with
#: ``benchmarks/bench_random.py`` on 60 random clients when the master turned to
#: sessions after 1 failure (plans 48.4 -> about 43 s in all, unproven 15 -> 8-9; up to
#: 4 sessions then slowed the example clients' ban re-plans 5.4 -> 12.3 s). After 3
#: failures every week may have it (7: a week has at most 7 sessions): random client 26
#: (7 sessions of 30 minutes, 500 goal minutes), whose pattern masters kept offering
#: plans of 206-209 of the 210 minutes that did not pack, plans in 2.5 s against 5.1 s
#: with every week proven (4 weeks were not); ``bench_random.py`` (200 clients, paired
#: runs) plan max 4.59 -> 2.71 s, unproven weeks 10 -> 5; every example plan is the same
#: and the example clients' ban sweeps (``bench_planner.py --all-bans``) are as fast.
SESSION_DAYS = 7


SESSION_AFTER = 3


NO_DAYS = "no days"  # _place: proven that these uses cannot keep the day rules


class Found(NamedTuple):
    """What :func:`_master_and_pack` returns."""

    outcome: Outcome  # the best packed plan's value and the master's bound
    model: object  # the day model that placed it, or None
    placed: object  # its uses on days: (exercise index, Day) pairs, or day-model variables
    seconds: float
    patterns: bool  # the master had the session-pattern rows
    cuts: list  # packing cuts learnt, by exercise id (for a widened master)
    sessions: bool = False  # the master put every block in a session


@dataclass
class WeekSolution:
    """One week's answer.

    Attributes
    ----------
    uses : list of (Exercise, Day)
        The blocks chosen.
    outcome : Outcome
        The integer solve's outcome.
    bound : float or None
        Proven upper bound on the week's objective over the whole allowed set.
    gap : float or None
        Relative gap of the plan against ``bound`` (fraction).
    shortfall : dict
        Goal → minutes missing [min].
    tight : dict
        Constraint name → True when the rule binds (shadow price in the LP relaxation).
    candidates : int
        Size of the candidate set the integer model ran on.
    patterns : bool
        The week master saw whole sessions (the session-pattern rows): a plan of this
        week or of an earlier one failed to pack without them. Later weeks start so.
    lp_patterns : bool
        The LP relaxation that gave ``tight`` had the session-pattern rows.
    lp_bound : float or None
        That LP relaxation's value.
    sessions : bool
        The week master put every block in a session (plans kept
        failing to pack). Later weeks start so.
    """

    problem: WeekProblem
    uses: list
    outcome: Outcome
    bound: float | None
    gap: float | None
    shortfall: dict[Goal, float]
    tight: dict[str, bool]
    candidates: int
    seconds: float
    patterns: bool = False
    lp_patterns: bool = False
    lp_bound: float | None = None
    sessions: bool = False

    @property
    def feasible(self) -> bool:
        """A plan exists for the week."""
        return self.outcome.status not in (INFEASIBLE, ERROR)


def _shortfall(sub: WeekProblem, counts: dict[int, int]) -> dict[Goal, float]:
    """Goal → minutes missing [min], from the uses."""
    goals = list(Goal)
    credit = np.zeros(len(goals))
    for i, k in counts.items():
        credit += k * sub.credit[i]
    return {g: max(0.0, t - float(credit[goals.index(g)])) for g, t in sub.targets.items()}


def _gap(bound: float, value: float | None) -> float:
    if value is None:
        return float("inf")
    return float(max(0.0, (bound - value) / max(abs(value), 1e-9)))


def _uses_of(placed) -> list[tuple[int, object]]:
    """(exercise index, day) pairs from a placement: a list already, or day-model vars."""
    if isinstance(placed, list):
        return placed
    return [(i, d) for (i, d), var in placed.uses.items() if (var.varValue or 0.0) > 0.5]


def _counts_of(placed) -> dict[int, int]:
    counts: dict[int, int] = {}
    for i, _d in _uses_of(placed):
        counts[i] = counts.get(i, 0) + 1
    return counts
