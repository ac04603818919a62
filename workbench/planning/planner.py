"""Plan a client's program: screening → rules → week-by-week optimization → plan.

The one entry point trainers, notebooks, widgets and the CLI call: :func:`plan`.
Weeks are solved in sequence; each is capped by its ceiling, by the rise over the week
before and by the acute:chronic guard, so later weeks follow from the planned load of
earlier ones. :func:`replan` re-solves from the first changed week and stops as soon as
a week comes out as before (later weeks then stand).

What a call computes once lives in :mod:`workbench.planning.context` (its public names,
:class:`PlanOptions`, :func:`prepare`, :func:`week_problem`, are re-exported here); the
answer is put together in :mod:`workbench.planning.assemble`.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import replace

from workbench.domain import Client
from workbench.optimize.problem import Pin as Pin
from workbench.optimize.reuse import narrowed_bound, repeat_week, same_problem, still_holds
from workbench.optimize.solution import WeekSolution
from workbench.optimize.solve import ERROR, INFEASIBLE
from workbench.optimize.solve import set_solver_log as set_solver_log
from workbench.optimize.structure import fewer_strength_days
from workbench.optimize.week import solve_week
from workbench.planning.assemble import _assemble
from workbench.planning.context import MAX_WEEKS as MAX_WEEKS
from workbench.planning.context import Context as Context
from workbench.planning.context import PlanOptions as PlanOptions
from workbench.planning.context import _advance, _initial_state
from workbench.planning.context import prepare as prepare
from workbench.planning.context import week_problem as week_problem
from workbench.planning.exposure import same_history
from workbench.planning.provenance import provenance
from workbench.planning.relaxing import apply_relaxation
from workbench.planning.result import PlanResult

#: A week whose time budget ran out before any plan is solved once more with this many
#: times the budget (not a rule of the domain: how long the planner tries).
RESCUE_BUDGET = 4


def plan(client: Client, catalog, options: PlanOptions | None = None) -> PlanResult:
    """Plan ``options.weeks`` weeks for ``client`` from ``catalog``.

    Parameters
    ----------
    client : Client
    catalog : Catalog or iterable of Exercise
    options : PlanOptions

    Returns
    -------
    PlanResult
        ``referred`` / ``needs_clearance`` with the screening message and no plan;
        ``infeasible`` with a diagnosis; or ``planned``.
    """
    start = time.perf_counter()
    options = options or PlanOptions()
    ctx = prepare(client, catalog, options)
    if isinstance(ctx, PlanResult):
        return _stamped(ctx, client, catalog, options)
    by_id = {ex.id: ex for ex in catalog}
    solutions = _solve_weeks(ctx, by_id, 1, _initial_state(ctx), [], None)
    return _stamped(
        _assemble(ctx, by_id, solutions, start, _confirmer(client, catalog, options, by_id)),
        client,
        catalog,
        options,
    )


def _confirmer(client: Client, catalog, options: PlanOptions, by_id):
    """Offer → planning the client again with it made through its fields gives a plan up
    to the offer's week (the diagnosis offers only such changes)."""

    def confirm(offer) -> bool:
        weeks = offer.week or options.weeks
        try:
            c, o = apply_relaxation(client, replace(options, weeks=weeks, explain=False), offer)
            ctx = prepare(c, catalog, o)
        except ValueError:  # a value the file or the rules refuse
            return False
        if isinstance(ctx, PlanResult):
            return False
        solutions = _solve_weeks(ctx, by_id, 1, _initial_state(ctx), [], None)
        return len(solutions) == weeks and solutions[-1].feasible

    return confirm


def replan(
    previous: PlanResult, client: Client, catalog, options: PlanOptions, from_week: int = 1
) -> PlanResult:
    """Re-plan after a change that first affects ``from_week``.

    Weeks before ``from_week`` are kept. From there weeks are re-solved until one comes
    out with the same load and sessions as before: later weeks follow only from those,
    so they stand (unless the change itself reaches them, e.g. a pin in a later week,
    which the caller says by a smaller ``from_week``).
    """
    start = time.perf_counter()
    ctx = prepare(client, catalog, options)
    if isinstance(ctx, PlanResult) or not previous.planned or len(previous.weeks) != options.weeks:
        return plan(client, catalog, options)
    by_id = {ex.id: ex for ex in catalog}
    old = previous.extra.get("solutions", [])
    kept = old[: from_week - 1]
    state = _initial_state(ctx)
    for s in kept:
        state = _advance(ctx, state, s)
    solutions = _solve_weeks(ctx, by_id, from_week, state, kept, old)
    return _stamped(
        _assemble(ctx, by_id, solutions, start, _confirmer(client, catalog, options, by_id)),
        client,
        catalog,
        options,
    )


def _stamped(result: PlanResult, client: Client, catalog, options: PlanOptions) -> PlanResult:
    """``result`` with whose plan it is and how it was made (:mod:`.provenance`)."""
    return dataclasses.replace(result, made=provenance(client, catalog, options))


def _solve_weeks(ctx, by_id, first, state, kept, old) -> list[WeekSolution]:
    solutions = list(kept)
    for week in range(first, ctx.options.weeks + 1):
        problem = week_problem(ctx, week, state, by_id)
        previous = old[week - 1] if old and len(old) >= week else None
        # A re-plan keeps a week's old plan when the change only narrows that week and
        # the plan still keeps every rule within the gap; otherwise it solves the week as
        # a fresh plan would (same candidates, same start: last week's plan).
        last = solutions[-1] if solutions else None
        hint = _uses_by_id(last) if last is not None else {}
        standing = None if previous is None else still_holds(problem, previous, ctx.settings, last)
        if standing is not None:
            # a re-plan: the week's old plan keeps the (narrower) rules and its proof
            sol = standing
        elif last is not None and last.feasible and same_problem(problem, last.problem):
            # a plateau (caps no longer rising): last week's plan stands with its proof,
            # or with its gap when the week's time budget stopped it (solving the same
            # week again spends the same budget for the same answer: in an experiment
            # with other candidates, a plateau of 7 such weeks took 0.86 s each)
            sol = repeat_week(problem, last, ctx.settings)
        else:
            # the master sees whole sessions (or puts blocks in sessions itself) from the
            # start once an earlier week needed it
            patterns = last is not None and last.patterns
            sessions = last is not None and last.sessions
            known = None if previous is None else narrowed_bound(problem, previous)
            # a re-plan also offers the week's old plan as a start (without what the
            # change took away): usually closer than last week's (measured: re-plans of
            # the twelve 12-week benchmark plans 10.0 -> 9.3 s in all)
            alt = None if previous is None else _uses_by_id(previous)
            kwargs = dict(hint=hint, alt=alt, patterns=patterns, known_bound=known)
            sol = solve_week(problem, ctx.settings, sessions=sessions, **kwargs)
            if sol.outcome.status == ERROR:
                # the budget ran out before any plan (a slow or busy machine): that is no
                # proof that none exists, so the week gets one longer try before the
                # client is told nothing fits (random client 26's week 1, 7 days of 30
                # minutes, came back "infeasible" under load or a profiler)
                longer = replace(ctx.settings, time_limit=RESCUE_BUDGET * ctx.settings.time_limit)
                sol = solve_week(problem, longer, sessions=sessions or sol.sessions, **kwargs)
            if sol.outcome.status == INFEASIBLE:
                sol = _fewer_strength_days(problem, sol, ctx.settings, sessions, kwargs)
                problem = sol.problem  # the week as solved (a re-plan compares it below)
        solutions.append(sol)
        if not sol.feasible:
            break
        if (
            previous is not None
            and week > first
            and _same_week(sol, previous)
            and same_problem(problem, previous.problem)
            # later weeks' graded exposure reads what the weeks so far did on their own
            and same_history(ctx, solutions, old)
        ):
            solutions.extend(old[week:])
            break
        state = _advance(ctx, state, sol)
    return solutions


def _fewer_strength_days(problem, sol, settings, sessions, kwargs) -> WeekSolution:
    """The week with one strength day fewer at a time while no plan fits (the count is a
    target, not a gate: :func:`~workbench.optimize.structure.fewer_strength_days`), down
    to one; ``sol`` itself (its diagnosis is the week's) when none fits with fewer.

    The old week's bound does not hold for the wider week, so none is handed on.
    """
    kwargs = {**kwargs, "known_bound": None}
    fewer = fewer_strength_days(problem)
    while fewer is not None:
        again = solve_week(fewer, settings, sessions=sessions, **kwargs)
        if again.feasible:
            return again
        if again.outcome.status != INFEASIBLE:  # no proof that none fits: say so as is
            return sol
        fewer = fewer_strength_days(fewer)
    return sol


def _uses_by_id(sol: WeekSolution) -> dict[str, int]:
    """Exercise id → uses in the week's plan."""
    counts: dict[str, int] = {}
    for ex, _d in sol.uses:
        counts[ex.id] = counts.get(ex.id, 0) + 1
    return counts


def _same_week(a: WeekSolution, b: WeekSolution) -> bool:
    key = lambda s: sorted((ex.id, d.value) for ex, d in s.uses)  # noqa: E731
    return key(a) == key(b)
