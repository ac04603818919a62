"""Solve one week: LP screen, integer week master on candidates, packing into days.

Why this shape (measured; see benchmarks/bench_planner.py and the README): one binary
per exercise × day is slow to prove, because interchangeable days make the search
symmetric and the block lengths make the LP bound loose. Here:

* the week model's LP relaxation over every allowed exercise proves an upper bound and
  gives reduced costs (a few ms);
* the week master (how often each exercise is done; days do not enter the objective)
  runs on the LP's support and the best few by reduced cost, started from last week's
  plan when it still fits;
* plans that use an exercise outside the candidates are bounded one exercise at a time
  (reduced cost, then the LP with that exercise forced in); when some could still beat
  the plan by more than the gap, the master runs again with them;
* each master plan is packed into days by an exact search
  (:mod:`workbench.optimize.packing`); one that cannot be packed is repaired (a good
  packed plan at once) and cut off, the master then also sees whole sessions (session
  patterns, :func:`~workbench.optimize.constraints.define_session_pattern_constraints`),
  and the loop stops as soon as the master's bound proves the best packed plan within
  the gap. The exact day model ends the loop when the week's time budget is nearly spent.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from itertools import permutations
from typing import NamedTuple

import numpy as np
import pulp

from workbench.domain import Goal
from workbench.optimize.constraints import (
    WEEK,
    load_rows,
    pattern_values,
    session_types,
    sessions_apply,
    strength_pairs_value,
)
from workbench.optimize.heuristic import improve, keeps_rules, repair, score
from workbench.optimize.model import build_model, objective
from workbench.optimize.packing import (
    PACKED,
    UNPACKABLE,
    assign_days,
    conflict,
    pack,
)
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solve import (
    ERROR,
    INFEASIBLE,
    OPTIMAL,
    TIME_LIMIT,
    Outcome,
    SolverSettings,
    solve,
)

FIRST_CANDIDATES = 16  # best by reduced cost, besides the LP's support
PER_GROUP = 1  # best per discipline and per goal, so variety and every goal have options
MAX_CUTS = 25  # packing cuts before falling back to the day model over the candidates
EXACT_CUTS = 1  # plans cut off one at a time (day rules) before the day model decides
LOOP_SHARE = 0.8  # share of the week's remaining budget for the master/packing loop
#: The master puts every block in a session itself on weeks of at most this many
#: sessions, once this many of its plans failed to pack (more sessions make the session
#: master slow: they are interchangeable). Measured with ``benchmarks/bench_random.py``
#: (60 random clients on the merged catalog, 12 weeks, then a ban), together with the
#: patterns by discipline and the day model over every candidate: plans 48.4 -> about
#: 43 s in all, plans and re-plans not proven within the gap 15 -> 8-9. After 2 failures
#: the sweep's re-plans of the desk worker on the merged catalog slowed from 4.5 to
#: 5.8 s (16 session masters) for one proof more; after 1 failure and up to 4 sessions,
#: the example clients' twelve ban re-plans took 12.3 s against 5.4 s.
SESSION_DAYS = 3
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
        The week master put every block in a session (few sessions, and plans kept
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


def solve_week(
    p: WeekProblem,
    settings: SolverSettings,
    prefer: frozenset[str] = frozenset(),
    hint: dict[str, int] | None = None,
    alt: dict[str, int] | None = None,
    patterns: bool = False,
    known_bound: float | None = None,
    sessions: bool = False,
) -> WeekSolution:
    """Plan week ``p.week``.

    1. The week model's LP relaxation over every allowed exercise: a proven bound, and
       reduced costs.
    2. The week model with integer uses (the master) over the LP's support and the best
       few by reduced cost: a good plan within milliseconds. The objective depends only
       on how often each exercise is done, so days do not enter it.
    3. When that plan is not proven within the relative gap of the LP bound: every plan
       using an exercise outside the candidates scores at most min(bound − its reduced
       cost, the LP with it forced in). Those that could still beat the plan by more
       than the gap join the candidates and the master runs again, with the plan of
       step 2 as the one to beat. When the first master's bound already covers the plans within the
       candidates, this master sees only plans with at least one exercise beyond them,
       scoring above the gap (a cutoff): none proves the plan. The proven bound is the
       largest of the masters' own and the bounds of the exercises left out. Candidates
       that make no plan together widen to every exercise.
    4. Each master plan is packed into days (:mod:`workbench.optimize.packing`); a plan
       that cannot be packed is cut off and the master solved again, with the session
       patterns from then on.

    Parameters
    ----------
    p : WeekProblem
    settings : SolverSettings
    prefer : frozenset of str
        Exercise ids to keep among the first candidates (e.g. last plan's).
    hint : dict, optional
        Exercise id → uses of a plan to start from (e.g. last week's, which usually
        still fits: limits only loosen from week to week).
    alt : dict, optional
        Another plan to start from (a re-plan: this week's old plan, without what the
        change took away); the better of the two that keeps the week's rules is used.
    patterns : bool
        Give the master the session-pattern rows from the start (last week needed them).
    known_bound : float, optional
        An upper bound on the week's objective already proven (a re-plan of a week the
        change only narrowed: :func:`narrowed_bound`); it joins the LP's.
    sessions : bool
        The master puts every block in a session from the start, when the week has few
        sessions (last week's master needed it).
    """
    deadline = time.perf_counter() + settings.time_limit
    lp_patterns = patterns
    lp_disc = sessions and _few_sessions(p)
    lp, lv = build_model(p, aggregated=True, patterns=patterns or lp_disc, disc=lp_disc)
    screen = solve(lp, settings, mip=False)
    if screen.status != OPTIMAL:
        return WeekSolution(p, [], screen, None, None, {}, {}, 0, screen.seconds)
    lp_bound = bound = screen.objective
    if known_bound is not None:
        bound = min(bound, known_bound)  # every plan of the week, whatever it uses
    n = len(p.exercises)
    dj = _reduced_costs(p, lv)
    # twins (exercises the model cannot tell apart): only the first few of each class
    # enter a master; plans with the others have twin plans with these
    starts = frozenset(prefer | set(hint or ()) | set(alt or ()))
    classes, keep_twin = p.twins(starts)
    rows = _candidates(p, lv, dj, starts, classes, keep_twin)
    everything = np.flatnonzero(keep_twin).tolist()
    whole = set(everything) <= set(rows)

    def first_master(rows: list[int]):
        sub = p.subset(rows)
        where = {sub.exercises[i].id: i for i in range(len(rows))}
        start = {where[e]: k for e, k in (hint or {}).items() if e in where} or None
        other = {where[e]: k for e, k in (alt or {}).items() if e in where} or None
        if other and keeps_rules(sub, other):
            if not (start and keeps_rules(sub, start)) or score(sub, other) > score(sub, start):
                start = other
        return sub, _master_and_pack(sub, settings, deadline, start, patterns, sessions=sessions)

    sub, found = first_master(rows)
    seconds = screen.seconds + found.seconds
    if found.outcome.objective is None and not whole and time.perf_counter() < deadline:
        # The candidates are chosen for the LP, not to make a plan together: when they
        # have none, every exercise (of twins, the kept members) goes to the master.
        rows, whole = everything, True
        sub, found = first_master(rows)
        seconds += found.seconds
    patterns, sessions = found.patterns, found.sessions
    if sessions and not lp_disc and not whole and found.outcome.objective is not None:
        # The master turned to sessions this week: the LP with the sessions' patterns
        # by discipline is a tighter relaxation, for the bound and for step 3 (60
        # random clients' plans: 40.5 -> 37.6 s in all in one pair of runs, as many
        # proven).
        lp_disc = True
        again, av = build_model(p, aggregated=True, patterns=True, disc=True)
        screen = solve(again, settings, mip=False)
        seconds += screen.seconds
        if screen.status == OPTIMAL:
            lp, lv, lp_bound = again, av, screen.objective
            bound = min(bound, lp_bound)
            dj = _reduced_costs(p, lv)
    out = found.outcome
    gap = _gap(bound, out.objective)
    plan_rows = rows  # what ``found.placed`` indexes (the candidates, or more)
    if out.objective is not None and not whole and gap > settings.relative_gap:
        # A better plan shrinks step 3 (on the example clients, a plan 0.5% better
        # about halves the exercises that could still beat it): trade uses for any
        # exercise of the week while that scores more and the week still packs.
        better = _improve(p, {rows[i]: k for i, k in _counts_of(found.placed).items()})
        if better is not None and better[0] > out.objective + 1e-9:
            value, uses = better
            plan_rows = sorted(set(rows) | {i for i, _d in uses})
            sub = p.subset(plan_rows)
            at = {i: k for k, i in enumerate(plan_rows)}
            placed = [(at[i], d) for i, d in uses]
            found = found._replace(outcome=replace(out, objective=value), placed=placed)
            out = found.outcome
            gap = _gap(bound, value)
    if out.objective is not None and not whole and gap > settings.relative_gap:
        # Plans with an exercise outside the candidates: bounded one exercise at a time
        # (reduced cost, then the LP with that exercise forced in). Plans without one
        # are bounded by the master's own bound.
        value = out.objective
        limit = value * (1 + settings.relative_gap)
        # (a twin left out needs no bound: its plans have twin plans with kept members,
        # which are bounded here or are candidates)
        skip = set(rows) | set(np.flatnonzero(~keep_twin).tolist())
        outside = _outside_bounds(p, lp, lv, dj, lp_bound, skip, limit, deadline)
        outside = np.minimum(outside, bound)
        if out.bound is not None:
            gap = _gap(min(bound, max(out.bound, float(outside.max()))), value)
    if out.objective is not None and not whole and gap > settings.relative_gap:
        # Step 3: keep what could still beat the plan by more than the gap; start from
        # the plan we have. The rest cannot: with them no plan scores above ``limit``.
        counts = {plan_rows[i]: k for i, k in _counts_of(found.placed).items()}
        keep = sorted(set(rows) | set(counts) | {i for i in range(n) if outside[i] > limit})
        sub2 = p.subset(keep)
        start = {keep.index(i): k for i, k in counts.items()}
        # Plans over the first candidates alone are bounded by the first master, when
        # its bound is within ``limit``: then this master only looks at plans with at
        # least one exercise beyond them, and only for one scoring above ``limit``
        # (measured: the twelve 12-week ban re-plans of the benchmark 6.6 -> 5.7 s).
        first = out.bound if out.bound is not None and out.bound <= limit else None
        if first is not None:
            within = set(rows)
            beyond = [k for k, i in enumerate(keep) if i not in within]
            found2 = _master_and_pack(
                sub2,
                settings,
                deadline,
                start,
                patterns,
                found.cuts,
                force=beyond,
                cutoff=limit * (1 - 1e-9),  # so that the gap proven is below the gap asked
                sessions=sessions,
            )
        else:
            found2 = _master_and_pack(
                sub2, settings, deadline, start, patterns, found.cuts, sessions=sessions
            )
        patterns, sessions = found2.patterns, found2.sessions
        seconds += found2.seconds
        if found2.outcome.objective is not None and found2.outcome.bound is not None:
            # its bound holds over ``keep`` (with ``first``: over plans beyond the first
            # candidates; the first master's over the rest); the rest cannot beat ``limit``
            left = set(keep)
            rest = max([float(outside[i]) for i in range(n) if i not in left], default=value)
            proven = max(found2.outcome.bound, rest, value, first if first is not None else value)
            if found2.outcome.objective > value:
                sub, found, rows = sub2, found2, keep
                out = found2.outcome
            gap = _gap(min(bound, proven), out.objective)
    elif out.objective is not None and whole:
        gap = _gap(min(bound, out.bound if out.bound is not None else bound), out.objective)
    out, v = found.outcome, found.placed
    if out.objective is None:
        return WeekSolution(
            p, [], out, bound, None, {}, {}, len(rows), seconds, patterns, sessions=sessions
        )
    # The status says what was proven for the week, whichever solve stopped last:
    # optimal within the gap of the week's bound, or stopped by the week's budget above it.
    # The plan's own score, not the solver's objective (which a continuous variable
    # within its tolerance can lift: 1e-6 above the best plan on a tiny week).
    counts = _counts_of(v)
    out = replace(
        out,
        status=OPTIMAL if gap <= settings.relative_gap else TIME_LIMIT,
        objective=score(sub, counts),
    )
    uses = [(sub.exercises[i], d) for i, d in _uses_of(v)]
    shortfall = _shortfall(sub, counts)
    tight = _binding(lp)
    return WeekSolution(
        p,
        uses,
        out,
        bound,
        gap,
        shortfall,
        tight,
        len(rows),
        seconds,
        patterns,
        lp_patterns=lp_patterns,
        lp_bound=lp_bound,
        sessions=sessions,
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


def _pin_keys(p: WeekProblem) -> set[tuple[str, str]]:
    return {(pin.exercise_id, pin.day.value if pin.day else "") for pin in p.pins}


def _pins_hold(p: WeekProblem, uses) -> bool:
    on = {(ex.id, d) for ex, d in uses}
    done = {ex.id for ex, _d in uses}
    return all(
        (pin.exercise_id, pin.day) in on if pin.day else pin.exercise_id in done for pin in p.pins
    )


def _improve(p: WeekProblem, counts: dict[int, int]) -> tuple[float, list] | None:
    """(score, (exercise index, Day) uses) of a plan at least as good as ``counts``, by
    trading one use for another over every exercise of ``p``
    (:func:`~workbench.optimize.heuristic.improve`), placed on days without a solver;
    None when no placement is found that way."""
    found = improve(p, counts)
    if found is None:
        return None
    value, better = found
    keys = sorted(better)
    small = p.subset(keys)
    local = {k: better[i] for k, i in enumerate(keys)}
    uses = _on_days(small, local, pack(small, local))
    if not isinstance(uses, list):
        return None
    return value, [(keys[k], d) for k, d in uses]


def _on_days(sub: WeekProblem, counts: dict[int, int], packing) -> list | str | None:
    """(exercise index, Day) uses for ``counts`` without a solver: by ``packing``
    (:func:`~workbench.optimize.packing.pack`'s answer) and an exact choice of days, then
    by every other packing; :data:`NO_DAYS` when that search proves none keeps the day
    rules; None when it cannot say (limits, or ``packing`` not packed)."""
    status, placed = packing
    if status != PACKED:
        return None
    uses = assign_days(sub, placed)
    if uses is None:  # another packing of the same uses may let the days keep the rules
        uses = _pack_on_days(sub, counts)
    return uses


def _pack_again(p: WeekProblem, uses) -> list | None:
    """The same blocks on days that keep every day rule of ``p`` (pins included)."""
    index = {e.id: i for i, e in enumerate(p.exercises)}
    counts: dict[int, int] = {}
    for ex, _d in uses:
        counts[index[ex.id]] = counts.get(index[ex.id], 0) + 1
    on_days = _pack_on_days(p, counts)
    if not isinstance(on_days, list):
        return None
    return [(p.exercises[i], d) for i, d in on_days]


def _pack_on_days(p: WeekProblem, counts: dict[int, int]) -> list | str | None:
    """(exercise index, Day) for ``counts`` packed so that the days keep every day rule
    (:func:`~workbench.optimize.packing.assign_days`), trying packing after packing;
    :data:`NO_DAYS` when the search tried every packing (up to interchangeable empty
    days) and none keeps them; None when it stopped at its limits."""
    found: list = []

    def days_fit(placed) -> bool:
        found[:] = [assign_days(p, placed)]
        return found[0] is not None

    status = pack(p, counts, accept=days_fit)[0]
    if status == PACKED:
        return found[0]
    return NO_DAYS if status == UNPACKABLE else None


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
    )


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


def _remaining(settings: SolverSettings, deadline: float) -> SolverSettings:
    left = max(0.05, deadline - time.perf_counter())
    return replace(settings, time_limit=left)


def _start_values(sub: WeekProblem, mv, counts: dict[int, int]) -> dict:
    """A full starting point for the master from uses per exercise."""
    start = {var: counts.get(i, 0) for (i, _d), var in mv.uses.items()}
    start.update(_goal_and_variety_start(sub, mv, counts))
    if mv.strength_pairs is not None:
        start[mv.strength_pairs] = strength_pairs_value(sub, counts)
    for flag, value in mv.cut_flags:
        start[flag] = value(counts)
    if mv.patterns or mv.sessions:
        status, placed = pack(sub, counts)
        if status == PACKED:
            on: dict[int, list[int]] = {b: [] for b in range(sub.training_days)}
            for i, bins in placed.items():
                for b in bins:
                    on[b].append(i)
            if mv.patterns:
                start.update(pattern_values(sub, mv, [s for s in on.values() if s]))
            if mv.sessions:
                start.update(_session_start(sub, mv, on))
    return start


def _few_sessions(p: WeekProblem) -> bool:
    """Whether week ``p`` may have the session master: few sessions, none pinned to a day."""
    return p.training_days <= SESSION_DAYS and sessions_apply(p)


def _session_start(sub: WeekProblem, mv, on: dict[int, list[int]]) -> dict:
    """Session-master values for a packed week (``on``: session → exercise indices, as
    :func:`~workbench.optimize.packing.pack` fills them, supervised ones first), with
    the sessions of one kind longest first, as the master orders them."""
    kinds = session_types(sub)
    order = sorted(on, key=lambda s: (not kinds[s], -sum(sub.minutes[i] for i in on[s])))
    start = {x: 0.0 for x in mv.sessions.values()}
    minimum = sub.params.strength_day_min_minutes
    for s, b in enumerate(order):
        for i in on[b]:
            x = mv.sessions.get((i, s))
            if x is None:
                return {}
            start[x] = 1.0
        z = mv.session_strength.get(s)
        if z is not None:
            strong = sum(sub.minutes[i] for i in on[b] if sub.is_strength(i))
            start[z] = 1.0 if strong >= minimum - 1e-9 else 0.0
    return start


def _session_packing(mv) -> tuple[str, dict[int, list[int]]]:
    """The session master's plan as :func:`~workbench.optimize.packing.pack` gives it."""
    placed: dict[int, list[int]] = {}
    for (i, s), x in mv.sessions.items():
        if (x.varValue or 0.0) > 0.5:
            placed.setdefault(i, []).append(s)
    return PACKED, placed


def _goal_and_variety_start(sub: WeekProblem, v, counts: dict[int, int]) -> dict:
    """Shortfall and discipline-used values implied by ``counts`` (either model)."""
    short = _shortfall(sub, counts)
    used = {sub.exercises[i].discipline for i, k in counts.items() if k}
    start = {s: short[g] for g, s in v.shortfall.items()}
    start.update({u: 1.0 if k in used else 0.0 for k, u in v.used_discipline.items()})
    return start


def _master_and_pack(
    sub: WeekProblem,
    settings: SolverSettings,
    deadline: float,
    start: dict[int, int] | None = None,
    patterns: bool = False,
    cuts: list | None = None,
    force: list[int] | None = None,
    cutoff: float | None = None,
    sessions: bool = False,
):
    """Solve the master over ``sub``'s exercises, pack into days, cut until it packs.

    Keeps the best plan that packs (starting from ``start`` when it packs), hands it to
    each master solve as a warm start, and stops when the master's bound proves it within
    the gap, when a better plan packs, or when the week's time budget (shared by every
    solve) runs out — then the best packed plan comes back with its real status.
    The master gets the session-pattern rows from the start when ``patterns``, else
    as soon as a plan fails to pack (they cut off most such plans, but slow the master
    on weeks that pack anyway). With few sessions (at most :data:`SESSION_DAYS`, none
    pinned to a day), the master puts every block in a session itself from the start
    when ``sessions``, else once :data:`SESSION_AFTER` plans failed to pack
    (:func:`~workbench.optimize.constraints.define_session_constraints`). Returns
    (outcome, day model, its variables, seconds, whether the master had the pattern
    rows, the cuts, whether it put the blocks in sessions).

    With ``force`` (exercise indices of ``sub``) the master sees only plans that use at
    least one of them, and with ``cutoff`` only plans scoring above it. When it then has
    none, ``start`` stands, proven over those plans up to ``cutoff`` (the bound that
    comes back). The start, which uses none of ``force``, is not handed to the solver.
    """

    def build(patterns: bool, sessions: bool = False):
        master, mv = build_model(
            sub, aggregated=True, integer=True, patterns=patterns, sessions=sessions, disc=sessions
        )
        if force:
            forced = set(force)
            terms = [(var, 1) for (i, _d), var in mv.uses.items() if i in forced]
            master += (pulp.LpAffineExpression(terms) >= 1, f"packing__w{sub.week}__force")
        return master, mv

    session_ok = _few_sessions(sub)
    sessions = sessions and session_ok
    master, mv = build(patterns, sessions)
    # packing cuts as (cut function, payload by exercise id): carried over when the master
    # is rebuilt, and from the candidates' master to the widened one (same week), each
    # with its images under swaps of twins
    classes, _keep = sub.twins()
    cuts = list(cuts or [])
    for k, (add_cut, payload) in enumerate(cuts):
        _apply_cut(master, mv, sub, add_cut, payload, k, classes)
    seconds = 0.0
    best = None  # (value, day model, its vars)
    out = None
    # the cut loop gets most of the budget; the rest goes to the day model (below)
    loop_deadline = time.perf_counter() + LOOP_SHARE * max(0.0, deadline - time.perf_counter())
    # a start (last week's plan, or a plan to widen) must keep this week's rules: a pin,
    # a lower cap or an exercise no longer allowed can break it, and a start that scores
    # more than the master can would otherwise come back as the plan
    start = start if start and keeps_rules(sub, start) else None
    packing = pack(sub, start) if start else (UNPACKABLE, None)
    if packing[0] != UNPACKABLE:
        placed = _place(sub, start, packing, settings, deadline)
        if placed not in (None, NO_DAYS):
            seconds += placed[2]
            best = (_value(sub, mv, start), placed[0], placed[1])
    last: dict[int, int] = {}
    unpacked = 0
    for _cut in range(MAX_CUTS):
        if time.perf_counter() >= loop_deadline:
            break
        warm = _start_values(sub, mv, _counts_of(best[2])) if best and not force else None
        out = solve(master, _remaining(settings, loop_deadline), start=warm, cutoff=cutoff)
        seconds += out.seconds
        if out.status == INFEASIBLE and cutoff is not None and best is not None:
            # no plan the master sees scores above the cutoff: the start stands
            proven = Outcome(OPTIMAL, best[0], cutoff, None, seconds, out.solver)
            return Found(proven, best[1], best[2], seconds, patterns, cuts, sessions)
        if out.objective is None:
            break
        if best is not None and out.objective <= best[0] + 1e-7:
            # the master cannot beat the packed plan: it is proven within the gap
            return Found(
                replace(out, objective=best[0]), best[1], best[2], seconds, patterns, cuts, sessions
            )
        counts = {
            i: int(round(var.varValue or 0.0))
            for (i, _d), var in mv.uses.items()
            if (var.varValue or 0.0) > 0.5
        }
        last = counts
        packing = _session_packing(mv) if mv.sessions else pack(sub, counts)
        if packing[0] == UNPACKABLE:
            unpacked += 1
            fixed = repair(sub, counts)
            if fixed is not None:
                value = _value(sub, mv, fixed)
                if best is None or value > best[0] + 1e-9:
                    placed = _place(sub, fixed, pack(sub, fixed), settings, deadline)
                    if placed not in (None, NO_DAYS):
                        seconds += placed[2]
                        best = (value, placed[0], placed[1])
            if (
                best is not None
                and out.bound is not None
                and (out.bound - best[0] <= settings.relative_gap * abs(best[0]))
            ):
                # the master's bound already proves the repaired plan within the gap
                return Found(
                    replace(out, objective=best[0]),
                    best[1],
                    best[2],
                    seconds,
                    patterns,
                    cuts,
                    sessions,
                )
            to_sessions = not sessions and session_ok and unpacked >= SESSION_AFTER
            if not patterns or to_sessions:
                # The first plan that does not pack: from now on the master also sees
                # whole sessions (the pattern rows), which cut off most such plans. On a
                # week of few sessions where they keep failing, the master puts every
                # block in a session itself: its plans then pack.
                patterns, sessions = True, sessions or to_sessions
                master, mv = build(True, sessions)
                for k, (add_cut, payload) in enumerate(cuts):
                    _apply_cut(master, mv, sub, add_cut, payload, k, classes)
            small = conflict(sub, counts)
            # (A cut by block type, every exercise of a type interchangeable, was measured
            # worse: it cuts more plans, but the master then settles on weaker ones and
            # the widened master grows; 60.9 s against 58.8 s on the whole benchmark.)
            ids = [e.id for e in sub.exercises]
            groups = _lifted(sub, small)
            add_cut, payload = _no_good_groups, [([ids[i] for i in g], n) for g, n in groups]
            cuts.append((add_cut, payload))
            _apply_cut(master, mv, sub, add_cut, payload, len(cuts) - 1, classes)
            continue
        placed = _place(sub, counts, packing, settings, deadline)
        if placed not in (None, NO_DAYS):
            seconds += placed[2]
            return Found(out, placed[0], placed[1], seconds, patterns, cuts, sessions)
        if placed is None or sum(1 for c in cuts if c[0] is _not_this_plan) >= EXACT_CUTS:
            # the day model ran out of time, or exact cuts keep meeting equivalent plans
            # (another exercise of the same kind): the day model decides, below
            break
        # The blocks pack but no choice of days keeps the day rules (strength days):
        # those rules are not monotone, so only this very plan is cut off.
        ids = [e.id for e in sub.exercises]
        cuts.append((_not_this_plan, {ids[i]: n for i, n in counts.items()}))
        _apply_cut(master, mv, sub, *cuts[-1], len(cuts) - 1)
    bound = out.bound if out is not None and out.bound is not None else None
    # The day model (exact packing) over the exercises of the best packed plan and of the
    # master's last plan, started from the best packed plan, stopping as soon as a plan
    # is within the gap of the master's bound.
    # (with no packed plan yet, over every candidate: a small set could miss the only
    # plans there are and wrongly report none)
    rows = sorted(set(_counts_of(best[2])) | set(last)) if best else list(range(len(sub.exercises)))
    small = sub.subset(rows)
    day, dv = build_model(small)
    warm = _day_start(small, dv, best, rows) if best else None
    target = None if bound is None else bound * (1 - settings.relative_gap)
    found = solve(day, _remaining(settings, deadline), start=warm, target=target)
    seconds += found.seconds
    if found.objective is not None and (best is None or found.objective > best[0] + 1e-9):
        uses = [(rows[i], d) for i, d in _uses_of(dv)]
        best = (found.objective, day, uses)
    if best is None:
        return Found(found, day, dv, seconds, patterns, cuts, sessions)
    gap = None if bound is None else _gap(bound, best[0])
    if (
        gap is not None
        and gap > settings.relative_gap
        and len(rows) < len(sub.exercises)
        and time.perf_counter() < deadline
    ):
        # Not proven, and time is left: the day model over every exercise of ``sub``
        # (exact, so its bound holds over all of ``sub``'s plans), from the best plan.
        # Before, such a week came back unproven with most of its budget unspent (a
        # random client, seed 47, week 6: after 0.28 s of 1 s; now proven in 0.47 s).
        everything = list(range(len(sub.exercises)))
        day, dv = build_model(sub)
        warm = _day_start(sub, dv, best, everything)
        found = solve(day, _remaining(settings, deadline), start=warm, target=target)
        seconds += found.seconds
        if found.objective is not None and found.objective > best[0] + 1e-9:
            best = (found.objective, day, _uses_of(dv))
        if found.bound is not None:
            bound = min(bound, max(found.bound, best[0]))
        gap = _gap(bound, best[0])
    status = OPTIMAL if gap is not None and gap <= settings.relative_gap else TIME_LIMIT
    outcome = Outcome(status, best[0], bound, gap, seconds, "HiGHS")
    return Found(outcome, best[1], best[2], seconds, patterns, cuts, sessions)


def _day_start(small: WeekProblem, dv, best, rows: list[int]) -> dict:
    """The best packed plan as a starting point for the day model over ``rows``."""
    where = {r: k for k, r in enumerate(rows)}
    start = {var: 0.0 for var in dv.uses.values()}
    on: dict = {}
    for i, d in _uses_of(best[2]):
        var = dv.uses.get((where.get(i, -1), d))
        if var is not None:
            start[var] = 1.0
            on.setdefault(d, []).append(where[i])
    for d, t in dv.train.items():
        start[t] = 1.0 if d in on else 0.0
    counts: dict[int, int] = {}
    for k in (k for ks in on.values() for k in ks):
        counts[k] = counts.get(k, 0) + 1
    start.update(_goal_and_variety_start(small, dv, counts))
    last = -10
    for d in sorted(dv.strength_day, key=lambda d: d.index):
        minutes = sum(small.minutes[k] for k in on.get(d, []) if small.is_strength(k))
        ok = minutes >= small.params.strength_day_min_minutes - 1e-9 and d.index - last > 1
        start[dv.strength_day[d]] = 1.0 if ok else 0.0
        if ok:
            last = d.index
    return start


def _place(sub, counts, packing, settings, deadline):
    """Place the uses on days: (model or None, uses or vars, seconds), else None (or
    :data:`NO_DAYS` when the day model proved that no placement keeps the day rules).

    ``packing`` is :func:`~workbench.optimize.packing.pack`'s answer for ``counts``.
    First by that packing and an exact choice of days (no solver), then by every other
    packing (no solver either: proves :data:`NO_DAYS` when it runs to the end; the day
    model could take the whole week's budget to prove the same); when the search stops
    at its limits, by the day model with the uses fixed.
    """
    uses = _on_days(sub, counts, packing)
    if uses is NO_DAYS:
        return NO_DAYS
    if uses is not None:
        return None, uses, 0.0
    day, dv = build_model(sub, counts=counts)
    packed = solve(day, _remaining(settings, deadline))
    if packed.objective is None:
        return NO_DAYS if packed.status == INFEASIBLE else None
    return day, dv, packed.seconds


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


def _value(sub: WeekProblem, mv, counts: dict[int, int]) -> float:
    """The master's objective for ``counts`` (evaluated on its own expression)."""
    start = _start_values(sub, mv, counts)
    expr = objective(sub, mv, aggregated=True)
    return expr.constant + sum(c * start.get(v, 0.0) for v, c in expr.items())


#: Packings checked to widen one cut from exercises to blocks of one length.
LIFT_CHECKS = 64


#: Most twin images added per packing cut, and swaps tried (:func:`_twin_images`).
TWIN_IMAGES = 8
TWIN_TRIES = 64


def _apply_cut(master, mv, sub: WeekProblem, add_cut, payload, k: int, classes=None) -> None:
    """Add a packing cut stored by exercise id to the master over ``sub``, and (given
    ``classes``, ``sub``'s twin classes) its images with twins swapped in."""
    index = {e.id: i for i, e in enumerate(sub.exercises)}
    if add_cut is _not_this_plan:
        add_cut(master, mv, sub, {index[e]: n for e, n in payload.items()}, k)
        return
    groups = [([index[e] for e in g], n) for g, n in payload]
    add_cut(master, mv, sub, groups, k)
    if classes is not None:
        for m, image in enumerate(_twin_images(groups, classes)):
            add_cut(master, mv, sub, image, f"{k}t{m}")


def _twin_images(groups, classes: np.ndarray) -> list[list[tuple[list[int], int]]]:
    """The cut ``groups`` with twins swapped in (up to ``TWIN_IMAGES`` distinct ones).

    Twins are alike in everything the master, the packing and the day rules read, so a
    plan is cut off by an image exactly when the plan with those twins swapped back is
    cut off by ``groups``: the images are valid cuts too. Without them the master
    offers the same unpackable plan again with a twin in place of one of its exercises
    (measured: a merged-catalog week went round three such plans).
    """
    members: dict[int, list[int]] = {}
    for i, c in enumerate(classes.tolist()):
        members.setdefault(c, []).append(i)
    by_class: dict[int, list[int]] = {}  # class → the cut's members of it (with twins)
    for i in sorted({i for g, _n in groups for i in g}):
        if len(members[int(classes[i])]) > 1:
            by_class.setdefault(int(classes[i]), []).append(i)
    if not by_class:
        return []
    key = lambda gs: frozenset((frozenset(g), n) for g, n in gs)  # noqa: E731
    seen = {key(groups)}
    images: list[list[tuple[list[int], int]]] = []
    classes_used = list(by_class.items())

    def swaps(k: int, swap: dict[int, int]):
        # lazily: every way to put twins in place of the cut's members, class by class
        if k == len(classes_used):
            yield swap
            return
        c, mine = classes_used[k]
        for pick in permutations(members[c], len(mine)):
            yield from swaps(k + 1, {**swap, **dict(zip(mine, pick, strict=True))})

    for tried, swap in enumerate(swaps(0, {})):
        if len(images) >= TWIN_IMAGES or tried >= TWIN_TRIES:
            break
        image = [([swap.get(i, i) for i in g], n) for g, n in groups]
        if key(image) not in seen:
            seen.add(key(image))
            images.append(image)
    return images


def _lifted(sub: WeekProblem, counts: dict[int, int]) -> list[tuple[list[int], int]]:
    """Groups (exercise indices, blocks) such that every plan with at least that many
    blocks from each group cannot be packed: exercises of one length in ``counts`` form a
    group when every way of splitting its blocks among them (within each one's uses)
    fails to pack too, checked by :func:`pack` (so the cut also removes the same plan with
    the blocks traded between those exercises). The rest stay one exercise each."""
    by_length: dict[float, list[int]] = {}
    for i in sorted(counts):
        by_length.setdefault(float(sub.minutes[i]), []).append(i)
    groups: list[tuple[list[int], int]] = []
    lifted: list[list[dict[int, int]]] = []  # the splits of each lifted group
    checks = 0
    for members in by_length.values():
        need = sum(counts[i] for i in members)
        splits = _splits(sub, members, need) if len(members) > 1 else []
        fixed = {i: n for i, n in counts.items() if not any(i in g for g, _n in groups)}
        combos = [{}]
        for options in lifted + [splits]:
            combos = [{**c, **o} for c in combos for o in options]
        ok = bool(splits) and checks + len(combos) <= LIFT_CHECKS
        if ok:
            for combo in combos:
                checks += 1
                rest = {i: n for i, n in fixed.items() if i not in combo}
                if pack(sub, {**rest, **combo})[0] != UNPACKABLE:
                    ok = False
                    break
        if ok:
            groups.append((members, need))
            lifted.append(splits)
        else:
            groups += [([i], counts[i]) for i in members]
    return groups


def _splits(sub: WeekProblem, members: list[int], need: int) -> list[dict[int, int]]:
    """Every way to do ``need`` blocks with ``members`` (each within its uses)."""
    out: list[dict[int, int]] = []

    def grow(k: int, left: int, chosen: dict[int, int]) -> None:
        if len(out) > LIFT_CHECKS:
            return
        if k == len(members):
            if left == 0:
                out.append(dict(chosen))
            return
        i = members[k]
        for n in range(min(left, sub.max_uses(i)), -1, -1):
            chosen[i] = n
            grow(k + 1, left - n, chosen)
        del chosen[i]

    grow(0, need, {})
    return [{i: n for i, n in split.items() if n} for split in out]


def _no_good_groups(master, mv, sub: WeekProblem, groups, k: int) -> None:
    """Cut off every week plan with at least ``n`` blocks from each group's exercises
    (groups from :func:`_lifted`; a one-exercise group is an ordinary no-good)."""
    import pulp

    flags = []
    for j, (members, n) in enumerate(groups):
        xs = [mv.uses[(i, WEEK)] for i in members]
        big = sum(x.upBound for x in xs)
        flag = pulp.LpVariable(f"gcut{k}__{j}", 0, 1, pulp.LpBinary)
        mv.cut_flags.append(
            (flag, lambda c, g=tuple(members), n=n: float(sum(c.get(i, 0) for i in g) < n))
        )
        # flag = 1 forces fewer than n blocks from the group
        master.addConstraint(
            pulp.LpConstraint(
                pulp.lpSum(xs) + big * flag,
                pulp.LpConstraintLE,
                f"packing__gcut{k}__{j}",
                n - 1 + big,
            )
        )
        flags.append(flag)
    master.addConstraint(
        pulp.LpConstraint(pulp.lpSum(flags), pulp.LpConstraintGE, f"packing__gcut{k}", 1)
    )


def _not_this_plan(master, mv, sub: WeekProblem, counts: dict[int, int], k: int) -> None:
    """Cut off exactly the week plan ``counts`` (every other plan stays): some exercise
    done more or less often, or one it does not have."""
    import pulp

    moves = []
    for (i, _d), x in mv.uses.items():
        n = counts.get(i, 0)
        if n == 0:
            moves.append(x)  # any use of another exercise differs
            continue
        up = pulp.LpVariable(f"ncut{k}__{i}__up", 0, 1, pulp.LpBinary)
        down = pulp.LpVariable(f"ncut{k}__{i}__down", 0, 1, pulp.LpBinary)
        mv.cut_flags.append((up, lambda c, i=i, n=n: float(c.get(i, 0) >= n + 1)))
        mv.cut_flags.append((down, lambda c, i=i, n=n: float(c.get(i, 0) <= n - 1)))
        # up = 1 forces x ≥ n + 1; down = 1 forces x ≤ n − 1
        master.addConstraint(
            pulp.LpConstraint(x - (n + 1) * up, pulp.LpConstraintGE, f"packing__ncut{k}__{i}_up", 0)
        )
        master.addConstraint(
            pulp.LpConstraint(
                x + (x.upBound - n + 1) * down,
                pulp.LpConstraintLE,
                f"packing__ncut{k}__{i}_down",
                x.upBound,
            )
        )
        moves += [up, down]
    master.addConstraint(
        pulp.LpConstraint(pulp.lpSum(moves), pulp.LpConstraintGE, f"packing__ncut{k}", 1)
    )


def _outside_bounds(p: WeekProblem, lp, lv, dj, bound, rows: set, limit, deadline) -> np.ndarray:
    """Upper bound on the week's objective over plans that use exercise ``i``, for each
    ``i`` outside ``rows`` (−inf in ``rows``, and for exercises that cannot be used).

    First ``bound − dj[i]`` (reduced cost); where that exceeds ``limit``, the week's LP
    is solved again with exercise ``i`` forced in (a warm-started dual simplex on the
    solver's copy of the LP, about 0.3 ms each), which is often much lower.
    """
    out = np.where(np.isfinite(dj), bound - dj, -np.inf)
    for i in rows:
        out[i] = -np.inf
    h = getattr(lp, "solverModel", None)
    if h is None:  # CBC (no solver object kept in process): reduced costs only
        return out
    status_class = h.getModelStatus().__class__
    sign = -1 if lp.sense == pulp.LpMaximize else 1
    for (i, _d), var in lv.uses.items():
        if out[i] <= limit or time.perf_counter() > deadline:
            continue
        h.changeColBounds(var.index, 1.0, float(var.upBound))
        h.run()
        status = h.getModelStatus()
        if status == status_class.kOptimal:
            out[i] = min(out[i], sign * h.getInfo().objective_function_value)
        elif status == status_class.kInfeasible:
            out[i] = -np.inf
        h.changeColBounds(var.index, 0.0, float(var.upBound))
    return out


def _reduced_costs(p: WeekProblem, lv) -> np.ndarray:
    """Reduced cost of one more use of each exercise in the LP (minimisation form).

    A use of exercise ``i`` costs at least ``dj[i]`` points against the LP bound, so a
    plan using it scores at most ``bound - dj[i]``. Exercises with no variable (a block
    that cannot fit this week) get infinity.
    """
    dj = np.full(len(p.exercises), np.inf)
    for (i, _d), var in lv.uses.items():
        dj[i] = max(0.0, var.dj) if (var.varValue or 0.0) <= 1e-7 else 0.0
    return dj


def _candidates(p: WeekProblem, lv, dj: np.ndarray, prefer, classes, keep) -> list[int]:
    """The LP's support, the best few by reduced cost (overall and per discipline and
    goal, so variety and every goal have options), pins and preferred ids: of twins
    (``classes``), only the members in ``keep`` (see :meth:`WeekProblem.twins`)."""
    n = len(p.exercises)
    order = [int(i) for i in np.lexsort((np.arange(n), dj)) if np.isfinite(dj[i]) and keep[i]]
    chosen = set(order[:FIRST_CANDIDATES])
    kept = {}
    for i in np.flatnonzero(keep).tolist():
        kept.setdefault(int(classes[i]), []).append(i)
    for (i, _d), var in lv.uses.items():
        if (var.varValue or 0.0) > 1e-7:
            # a twin left out stands for its class's kept members
            chosen.update([i] if keep[i] else kept[int(classes[i])])
    goals = list(Goal)
    groups: dict[object, int] = {}
    for i in order:
        ex = p.exercises[i]
        keys: list[object] = [ex.discipline]
        keys += [g for g in p.targets if p.credit[i, goals.index(g)] > 0]
        if p.strength_days and p.is_strength(i):
            keys.append("strength_days")
        for k in keys:
            if groups.get(k, 0) < PER_GROUP:
                groups[k] = groups.get(k, 0) + 1
                chosen.add(i)
    pinned = {pin.exercise_id for pin in p.pins} | set(prefer)
    chosen.update(i for i, ex in enumerate(p.exercises) if ex.id in pinned and keep[i])
    return sorted(chosen)


#: Rows that are part of the model's machinery, not rules a trainer sets.
INTERNAL = ("packing", "count", "discipline_used")


#: Machinery rows that restate a trainer's rule (the session patterns and dual-feasible
#: rows are the session length seen session by session): when one binds, the rule does.
STANDS_FOR = {
    "sessions": "session_minutes",
    "slots": "session_minutes",
    "daily": "session_minutes",
    "strength": "strength_days",
}


def _binding(lp) -> dict[str, bool]:
    """Constraint name → True when the rule has a shadow price in the week's LP relaxation
    over every allowed exercise: loosening it would raise what the week can score."""
    tight = {
        name: abs(con.pi or 0.0) > 1e-7
        for name, con in lp.constraints.items()
        if name.split("__", 1)[0] not in INTERNAL
    }
    for name, con in lp.constraints.items():
        parts = name.split("__")
        if parts[0] != "packing" or len(parts) < 3 or abs(con.pi or 0.0) <= 1e-7:
            continue
        if "_dff" in parts[2]:  # dual-feasible rows: the session length, or a discipline's
            label = parts[2].rsplit("_dff", 1)[0]
            family = "session_minutes" if label == "session" else "session_spike"
        else:
            family = STANDS_FOR.get(parts[2].split("_", 1)[0])
        if family is not None:
            tight[f"{family}__{parts[1]}"] = True
    return tight
