"""The master/packing loop of one week: master plans packed into days until proven.

The week master (how often each exercise is done) proposes; each plan is packed into days
(:mod:`workbench.optimize.placing`, :mod:`workbench.optimize.packing`); one that cannot be
packed is repaired and cut off (:mod:`workbench.optimize.cuts`); the loop stops when the
master's bound proves the best packed plan within the gap, or hands over to the exact day
model when the week's time budget is nearly spent.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pulp

from workbench.optimize.cuts import _apply_cut, _lifted, _no_good_groups, _not_this_plan
from workbench.optimize.heuristic import keeps_rules, repair
from workbench.optimize.model import build_model, objective
from workbench.optimize.packing import (
    UNPACKABLE,
    conflict,
    pack,
)
from workbench.optimize.placing import _place, _remaining
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import (
    EXACT_CUTS,
    LOOP_SHARE,
    MAX_CUTS,
    NO_DAYS,
    SESSION_AFTER,
    Found,
    _counts_of,
    _gap,
    _uses_of,
)
from workbench.optimize.solve import (
    INFEASIBLE,
    OPTIMAL,
    TIME_LIMIT,
    Outcome,
    SolverSettings,
    solve,
)
from workbench.optimize.starts import _day_start, _few_sessions, _session_packing, _start_values


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
    (:func:`~workbench.optimize.sessions.define_session_constraints`). Returns
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


def _value(sub: WeekProblem, mv, counts: dict[int, int]) -> float:
    """The master's objective for ``counts`` (evaluated on its own expression)."""
    start = _start_values(sub, mv, counts)
    expr = objective(sub, mv, aggregated=True)
    return expr.constant + sum(c * start.get(v, 0.0) for v, c in expr.items())
