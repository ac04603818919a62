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
  patterns, :func:`~workbench.optimize.sessions.define_session_pattern_constraints`),
  and the loop stops as soon as the master's bound proves the best packed plan within
  the gap. The exact day model ends the loop when the week's time budget is nearly spent.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from workbench.optimize.candidates import _binding, _candidates, _outside_bounds, _reduced_costs
from workbench.optimize.heuristic import improve, keeps_rules, score
from workbench.optimize.master import _master_and_pack
from workbench.optimize.model import build_model
from workbench.optimize.packing import (
    pack,
)
from workbench.optimize.placing import _on_days
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import WeekSolution, _counts_of, _gap, _shortfall, _uses_of
from workbench.optimize.solve import (
    OPTIMAL,
    TIME_LIMIT,
    SolverSettings,
    solve,
)
from workbench.optimize.starts import _few_sessions


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
