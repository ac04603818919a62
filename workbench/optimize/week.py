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
from dataclasses import dataclass, field, replace

import numpy as np
import pulp

from workbench.optimize.candidates import _binding, _candidates, _outside_bounds, _reduced_costs
from workbench.optimize.heuristic import improve, keeps_rules, score
from workbench.optimize.master import _master_and_pack
from workbench.optimize.model import build_model
from workbench.optimize.packing import (
    pack,
)
from workbench.optimize.packing_rows import reach_binding
from workbench.optimize.placing import _on_days
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import WeekSolution, _counts_of, _gap, _shortfall, _uses_of
from workbench.optimize.solve import (
    OPTIMAL,
    TIME_LIMIT,
    Outcome,
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
    s = _screen(p, settings, patterns, sessions, known_bound)
    if s.out is not None:  # the LP found no plan: nor does the week
        return WeekSolution(p, [], s.out, None, None, {}, {}, 0, s.seconds)
    _choose_candidates(s, prefer, hint, alt)
    _first_plan(s, hint, alt)
    _tighten_lp(s)
    if s.open:
        _improve_plan(s)
    if s.open:
        _bound_outside(s)
    if s.open:
        _second_master(s)
    elif s.out.objective is not None and s.whole:
        bound = s.out.bound if s.out.bound is not None else s.bound
        s.gap = _gap(min(s.bound, bound), s.out.objective)
    return _solution(s)


@dataclass
class _Search:
    """What one week's search knows so far (see :func:`solve_week`, steps 1-4)."""

    p: WeekProblem
    settings: SolverSettings
    deadline: float  # perf_counter time the week's budget ends [s]
    patterns: bool  # the master has the session-pattern rows
    sessions: bool  # the master puts every block in a session
    lp: pulp.LpProblem  # the week model's LP relaxation
    lv: object  # its variables
    lp_bound: float  # the LP's optimum
    bound: float  # the proven bound on every plan of the week
    seconds: float  # solver time so far [s]
    lp_patterns: bool
    lp_disc: bool  # the LP has the session patterns by discipline
    out: Outcome | None = None  # the best plan's outcome (None: no LP plan yet)
    dj: object = None  # reduced costs
    keep_twin: object = None  # the kept member of each class of twins
    everything: list = field(default_factory=list)  # every exercise kept (twins: members)
    rows: list = field(default_factory=list)  # the candidates
    whole: bool = False  # the candidates are every exercise
    sub: WeekProblem | None = None  # the problem over the best plan's exercises
    found: object = None  # the master's answer of the best plan
    plan_rows: list = field(default_factory=list)  # what ``found.placed`` indexes
    gap: float = 0.0  # the proven relative gap of the best plan
    outside: object = None  # bounds on plans with each exercise beyond the candidates
    limit: float = 0.0  # a plan must score above this to beat the best by the gap
    reach: frozenset = frozenset()  # the groups whose reach rows the LP met with equality

    @property
    def open(self) -> bool:
        """A plan beyond the candidates may still beat the best by more than the gap."""
        return (
            self.out.objective is not None
            and not self.whole
            and self.gap > self.settings.relative_gap
        )


def _screen(p, settings, patterns, sessions, known_bound) -> _Search:
    """Step 1: the week model's LP relaxation over every allowed exercise."""
    deadline = time.perf_counter() + settings.time_limit
    lp_disc = sessions and _few_sessions(p)
    lp, lv = build_model(p, aggregated=True, patterns=patterns or lp_disc, disc=lp_disc)
    screen = solve(lp, settings, mip=False)
    s = _Search(
        p,
        settings,
        deadline,
        patterns,
        sessions,
        lp,
        lv,
        lp_bound=0.0,  # set below, once the LP is solved
        bound=0.0,
        seconds=screen.seconds,
        lp_patterns=patterns,
        lp_disc=lp_disc,
    )
    if screen.status != OPTIMAL:
        s.out = screen
        return s
    s.lp_bound = s.bound = screen.objective
    s.reach = reach_binding(lp)
    if known_bound is not None:
        s.bound = min(s.bound, known_bound)  # every plan of the week, whatever it uses
    return s


def _choose_candidates(s: _Search, prefer, hint, alt) -> None:
    """The master's first exercises: the LP's support and the best few by reduced cost.

    Twins (exercises the model cannot tell apart): only the first few of each class
    enter a master; plans with the others have twin plans with these.
    """
    p = s.p
    s.dj = _reduced_costs(p, s.lv)
    starts = frozenset(prefer | set(hint or ()) | set(alt or ()))
    classes, s.keep_twin = p.twins(starts)
    s.rows = _candidates(p, s.lv, s.dj, starts, classes, s.keep_twin)
    s.everything = np.flatnonzero(s.keep_twin).tolist()
    s.whole = set(s.everything) <= set(s.rows)


def _first_master(s: _Search, hint, alt):
    """(sub-problem, master answer) over ``s.rows``, started from the better of the
    plans ``hint`` and ``alt`` that keeps the week's rules."""
    sub = s.p.subset(s.rows)
    where = {sub.exercises[i].id: i for i in range(len(s.rows))}
    start = {where[e]: k for e, k in (hint or {}).items() if e in where} or None
    other = {where[e]: k for e, k in (alt or {}).items() if e in where} or None
    if other and keeps_rules(sub, other):
        if not (start and keeps_rules(sub, start)) or score(sub, other) > score(sub, start):
            start = other
    found = _master_and_pack(
        sub, s.settings, s.deadline, start, s.patterns, sessions=s.sessions, reach=s.reach
    )
    return sub, found


def _first_plan(s: _Search, hint, alt) -> None:
    """Step 2: the master over the candidates; over every exercise if they make no plan."""
    s.sub, s.found = _first_master(s, hint, alt)
    s.seconds += s.found.seconds
    if s.found.outcome.objective is None and not s.whole and time.perf_counter() < s.deadline:
        # The candidates are chosen for the LP, not to make a plan together: when they
        # have none, every exercise (of twins, the kept members) goes to the master.
        s.rows, s.whole = s.everything, True
        s.sub, s.found = _first_master(s, hint, alt)
        s.seconds += s.found.seconds
    s.patterns, s.sessions = s.found.patterns, s.found.sessions
    s.out = s.found.outcome
    s.plan_rows = s.rows


def _tighten_lp(s: _Search) -> None:
    """The master turned to sessions this week: the LP with the sessions' patterns by
    discipline is a tighter relaxation, for the bound and for step 3 (60 random clients'
    plans: 40.5 -> 37.6 s in all in one pair of runs, as many proven)."""
    if s.sessions and not s.lp_disc and not s.whole and s.out.objective is not None:
        s.lp_disc = True
        again, av = build_model(s.p, aggregated=True, patterns=True, disc=True)
        screen = solve(again, s.settings, mip=False)
        s.seconds += screen.seconds
        if screen.status == OPTIMAL:
            s.lp, s.lv, s.lp_bound = again, av, screen.objective
            s.reach = s.reach | reach_binding(again)
            s.bound = min(s.bound, s.lp_bound)
            s.dj = _reduced_costs(s.p, s.lv)
    s.gap = _gap(s.bound, s.out.objective)


def _improve_plan(s: _Search) -> None:
    """A better plan shrinks step 3 (on the example clients, a plan 0.5% better about
    halves the exercises that could still beat it): trade uses for any exercise of the
    week while that scores more and the week still packs."""
    rows = s.rows
    better = _improve(s.p, {rows[i]: k for i, k in _counts_of(s.found.placed).items()})
    if better is not None and better[0] > s.out.objective + 1e-9:
        value, uses = better
        s.plan_rows = sorted(set(rows) | {i for i, _d in uses})
        s.sub = s.p.subset(s.plan_rows)
        at = {i: k for k, i in enumerate(s.plan_rows)}
        placed = [(at[i], d) for i, d in uses]
        s.found = s.found._replace(outcome=replace(s.out, objective=value), placed=placed)
        s.out = s.found.outcome
        s.gap = _gap(s.bound, value)


def _bound_outside(s: _Search) -> None:
    """Plans with an exercise outside the candidates: bounded one exercise at a time
    (reduced cost, then the LP with that exercise forced in). Plans without one are
    bounded by the master's own bound."""
    value = s.out.objective
    s.limit = value * (1 + s.settings.relative_gap)
    # (a twin left out needs no bound: its plans have twin plans with kept members,
    # which are bounded here or are candidates)
    skip = set(s.rows) | set(np.flatnonzero(~s.keep_twin).tolist())
    outside = _outside_bounds(s.p, s.lp, s.lv, s.dj, s.lp_bound, skip, s.limit, s.deadline)
    s.outside = np.minimum(outside, s.bound)
    if s.out.bound is not None:
        s.gap = _gap(min(s.bound, max(s.out.bound, float(s.outside.max()))), value)


def _second_master(s: _Search) -> None:
    """Step 3: keep what could still beat the plan by more than the gap; start from the
    plan we have. The rest cannot: with them no plan scores above ``limit``."""
    n, value, limit, outside = len(s.p.exercises), s.out.objective, s.limit, s.outside
    counts = {s.plan_rows[i]: k for i, k in _counts_of(s.found.placed).items()}
    keep = sorted(set(s.rows) | set(counts) | {i for i in range(n) if outside[i] > limit})
    sub2 = s.p.subset(keep)
    start = {keep.index(i): k for i, k in counts.items()}
    # Plans over the first candidates alone are bounded by the first master, when its
    # bound is within ``limit``: then this master only looks at plans with at least one
    # exercise beyond them, and only for one scoring above ``limit`` (measured: the
    # twelve 12-week ban re-plans of the benchmark 6.6 -> 5.7 s).
    first = s.out.bound if s.out.bound is not None and s.out.bound <= limit else None
    beyond = {}
    if first is not None:
        within = set(s.rows)
        beyond = {
            "force": [k for k, i in enumerate(keep) if i not in within],
            "cutoff": limit * (1 - 1e-9),  # so that the gap proven is below the gap asked
        }
    found2 = _master_and_pack(
        sub2,
        s.settings,
        s.deadline,
        start,
        s.patterns,
        s.found.cuts,
        sessions=s.sessions,
        reach=s.reach,
        **beyond,
    )
    s.patterns, s.sessions = found2.patterns, found2.sessions
    s.seconds += found2.seconds
    if found2.outcome.objective is not None and found2.outcome.bound is not None:
        # its bound holds over ``keep`` (with ``first``: over plans beyond the first
        # candidates; the first master's over the rest); the rest cannot beat ``limit``
        left = set(keep)
        rest = max([float(outside[i]) for i in range(n) if i not in left], default=value)
        proven = max(found2.outcome.bound, rest, value, first if first is not None else value)
        if found2.outcome.objective > value:
            s.sub, s.found, s.rows = sub2, found2, keep
            s.out = found2.outcome
        s.gap = _gap(min(s.bound, proven), s.out.objective)


def _solution(s: _Search) -> WeekSolution:
    """The week's answer from the best plan found and what was proven about it.

    The status says what was proven for the week, whichever solve stopped last: optimal
    within the gap of the week's bound, or stopped by the week's budget above it. The
    objective is the plan's own score, not the solver's (which a continuous variable
    within its tolerance can lift: 1e-6 above the best plan on a tiny week).
    """
    p, out, v = s.p, s.found.outcome, s.found.placed
    if out.objective is None:
        return WeekSolution(
            p,
            [],
            out,
            s.bound,
            None,
            {},
            {},
            len(s.rows),
            s.seconds,
            s.patterns,
            sessions=s.sessions,
        )
    counts = _counts_of(v)
    status = OPTIMAL if s.gap <= s.settings.relative_gap else TIME_LIMIT
    out = replace(out, status=status, objective=score(s.sub, counts))
    return WeekSolution(
        p,
        [(s.sub.exercises[i], d) for i, d in _uses_of(v)],
        out,
        s.bound,
        s.gap,
        _shortfall(s.sub, counts),
        _binding(s.lp),
        len(s.rows),
        s.seconds,
        s.patterns,
        lp_patterns=s.lp_patterns,
        lp_bound=s.lp_bound,
        sessions=s.sessions,
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
