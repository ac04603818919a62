"""Re-plan reuse: when a week's earlier solution still holds, and how tight a bound it leaves.

A re-plan re-solves weeks only until one comes out as before; these decide, from the
week's LP relaxation, whether last time's solution is still the answer for a changed
week (:func:`still_holds`, :func:`repeat_week`) and what bound it proves
(:func:`narrowed_bound`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from workbench.optimize.candidates import _binding
from workbench.optimize.constraints import (
    load_rows,
)
from workbench.optimize.model import build_model
from workbench.optimize.placing import _pack_again
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import WeekSolution, _gap
from workbench.optimize.solve import (
    OPTIMAL,
    SolverSettings,
    solve,
)


def _pin_keys(p: WeekProblem) -> set[tuple[str, str]]:
    return {(pin.exercise_id, pin.day.value if pin.day else "") for pin in p.pins}


def _pins_hold(p: WeekProblem, uses) -> bool:
    on = {(ex.id, d) for ex, d in uses}
    done = {ex.id for ex, _d in uses}
    return all(
        (pin.exercise_id, pin.day) in on if pin.day else pin.exercise_id in done for pin in p.pins
    )


def _same_rest(a: WeekProblem, b: WeekProblem) -> bool:
    """Same week, and all but the allowed exercises, the load caps, the session caps and
    the pins."""
    return a.week == b.week and _rest_key(a) == _rest_key(b)


def _rest_key(p: WeekProblem) -> tuple:
    """What a week's model reads besides its week number, allowed exercises, load caps,
    session caps and pins."""
    return (
        p.days,
        p.supervised,
        p.supervised_only,
        p.max_days,
        p.session_minutes,
        p.targets,
        p.hard_goals,
        p.strength_days,
        p.exposure_ids,
        p.exposure_max_blocks,
        p.liked,
        p.disliked,
        p.params,
        tuple(sorted(p.current.items())),
    )


def same_problem(a: WeekProblem, b: WeekProblem) -> bool:
    """The two weeks' models have the same plans and the same scores (only the week
    number differs): same allowed exercises, days, caps, goals, pins and preferences.
    The load rules enter only through the tightest of them."""

    def key(p: WeekProblem):
        ids = [e.id for e in p.exercises]
        return (_rest_key(p), ids, round(p.load_cap, 9), p.session_caps, _pin_keys(p))

    return key(a) == key(b)


def repeat_week(p: WeekProblem, previous: WeekSolution, settings: SolverSettings) -> WeekSolution:
    """Week ``p`` when it is the same problem as ``previous``'s (:func:`same_problem`):
    the same plan, with the same bound (proven within the gap, or the gap that week's
    time budget left, and the same status). Which of this week's rules bind comes from
    its LP relaxation (:func:`relaxation`: e.g. the ceiling may bind instead of last
    week's rise)."""
    value, tight, seconds = relaxation(p, previous.patterns, settings, previous)
    return replace(
        previous,
        problem=p,
        tight=tight,
        seconds=seconds,
        outcome=replace(previous.outcome, seconds=seconds),
        lp_patterns=previous.patterns,
        lp_bound=value,
    )


def relaxation(
    p: WeekProblem, patterns: bool, settings: SolverSettings, last: WeekSolution | None = None
) -> tuple[float | None, dict[str, bool], float]:
    """Week ``p``'s LP relaxation (with the session-pattern rows when ``patterns``): its
    value, which rules bind (:func:`_binding`) and the seconds it took.

    When ``last`` (the week before) had the same LP (the same problem, the same pattern
    rows, the same load rows, the same of them at the tightest cap: the others are
    slack at every plan, whatever their caps), its answer is renamed to this week
    instead of solving it again (e.g. weeks held by last week's load while the ceiling
    still rises): checked equal to solving it on every week of the example clients'
    12-week plans and re-plans.
    """
    if (
        last is not None
        and last.lp_bound is not None
        and last.lp_patterns == patterns
        and same_problem(p, last.problem)
        and _load_key(p) == _load_key(last.problem)
    ):
        return last.lp_bound, _renamed(last.tight, last.problem.week, p.week), 0.0
    lp, _lv = build_model(p, aggregated=True, patterns=patterns)
    screen = solve(lp, settings, mip=False)
    return screen.objective, _binding(lp), screen.seconds


def _load_key(p: WeekProblem) -> tuple[frozenset, frozenset]:
    """The load rows of week ``p``'s model, and those at the tightest cap."""
    rows = load_rows(p)
    low = min(rows.values())
    return frozenset(rows), frozenset(k for k, cap in rows.items() if cap <= low + 1e-9)


def _renamed(tight: dict[str, bool], old: int, new: int) -> dict[str, bool]:
    """Constraint names of week ``old`` as week ``new``'s (``family__w3…``)."""
    pattern = re.compile(rf"__w{old}(?=__|$)")
    return {pattern.sub(f"__w{new}", name): on for name, on in tight.items()}


def still_holds(
    p: WeekProblem,
    previous: WeekSolution,
    settings: SolverSettings,
    last: WeekSolution | None = None,
) -> WeekSolution | None:
    """``previous``'s plan for week ``p``, when a re-plan leaves it standing, else None.

    It stands when ``p`` only narrows the week ``previous`` solved (fewer allowed
    exercises, a lower load cap, shorter discipline sessions, more pins; all else
    equal), the plan still keeps those narrower rules, and it is still proven within the
    relative gap: a narrower week can score no more than ``previous``'s bound (the load
    term only gets dearer as the cap falls). A pin on an exercise the plan already has
    moves it to the pinned day (the same blocks packed again; the days do not enter the
    score). A trainer's ban then leaves untouched weeks as they were. ``last``, the
    re-plan's week before, may share this week's LP relaxation (:func:`relaxation`).
    """
    q = previous.problem
    bound = narrowed_bound(p, previous)
    if bound is None:
        return None
    allowed = {e.id for e in p.exercises}
    load = sum(ex.load for ex, _d in previous.uses)
    per_session: dict[tuple, float] = {}
    for ex, d in previous.uses:
        per_session[(ex.discipline, d)] = per_session.get((ex.discipline, d), 0.0) + ex.minutes
    if (
        any(ex.id not in allowed for ex, _d in previous.uses)
        or load > p.load_cap + 1e-6
        or any(m > p.session_caps[k] + 1e-9 for (k, _d), m in per_session.items())
    ):
        return None
    uses = previous.uses
    if not _pins_hold(p, uses):
        # only a move to the pinned day: a pin on an exercise the plan lacks needs a solve
        uses = _pack_again(p, uses)
        if uses is None or not _pins_hold(p, uses):
            return None
    old_value = previous.outcome.objective
    charge = p.params.load_points * load
    value = old_value - charge * (1 / max(p.load_cap, 1.0) - 1 / max(q.load_cap, 1.0))
    gap = _gap(bound, value)
    if gap > settings.relative_gap:
        return None
    lp_value, tight, seconds = relaxation(p, previous.patterns, settings, last)
    outcome = replace(previous.outcome, status=OPTIMAL, objective=value, gap=gap, seconds=seconds)
    return replace(
        previous,
        problem=p,
        uses=uses,
        outcome=outcome,
        bound=min(bound, lp_value) if lp_value is not None else bound,
        gap=gap,
        tight=tight,
        seconds=seconds,
        lp_patterns=previous.patterns,
        lp_bound=lp_value,
    )


def narrowed_bound(p: WeekProblem, previous: WeekSolution) -> float | None:
    """``previous``'s proven bound, when it also bounds week ``p``, else None.

    It does when ``p`` only narrows the week ``previous`` solved: fewer allowed
    exercises, a lower load cap, shorter discipline sessions, more pins, all else equal.
    Every plan of ``p`` is then a plan of that week and scores no more there (the load
    term only gets dearer as the cap falls).
    """
    q = previous.problem
    if not previous.feasible or previous.gap is None or previous.outcome.objective is None:
        return None
    if not _same_rest(p, q) or p.load_cap > q.load_cap + 1e-9:
        return None
    if not _pin_keys(q) <= _pin_keys(p):
        return None
    if any(p.session_caps[k] > q.session_caps[k] + 1e-9 for k in p.session_caps):
        return None
    if not {e.id for e in p.exercises} <= {e.id for e in q.exercises}:
        return None
    value = previous.outcome.objective
    return value + previous.gap * max(abs(value), 1e-9)
