"""The planner's answer from the solved weeks: the plan with its reasons, or why there is none.

:func:`_assemble` turns the week solutions of a planning call into a
:class:`~workbench.planning.result.PlanResult`: each week's days and blocks with why each
block is there (:mod:`workbench.planning.explain`), what binds, the shortfalls and what a
10% higher ceiling would buy; or, when a week has no plan, the diagnosis and the
relaxations that would help.
"""

from __future__ import annotations

import time
from dataclasses import replace

from workbench.client.questions import client_questions
from workbench.domain import Day, Goal
from workbench.optimize.diagnose import diagnose_week, pin_problems
from workbench.optimize.solution import WeekSolution
from workbench.optimize.solve import SolveStatus
from workbench.optimize.whatif import solve_with_load_raised
from workbench.planning.activities import activities_kept_out
from workbench.planning.context import Context
from workbench.planning.explain import (
    block_reasons,
    ceiling_plus_10,
    exclusion_table,
    session_order,
    shortfall_reasons,
    week_binding,
    week_warnings,
)
from workbench.planning.exposure import held_back_rows, held_pin_problems
from workbench.planning.result import (
    NO_PLAN,
    PLANNED,
    Block,
    DayPlan,
    PlanResult,
    SolverInfo,
    WeekPlan,
)
from workbench.planning.today import today_note


def _assemble(
    ctx: Context, by_id, solutions: list[WeekSolution], start: float, confirm=None
) -> PlanResult:
    """The plan of the solved weeks, or why the last of them has none (``confirm``: offer
    → it makes a plan through its fields; see :func:`diagnose_week`)."""
    excluded = (
        *exclusion_table(ctx.eligibility, by_id),
        *held_back_rows(ctx, solutions, by_id),
    )
    detail = _week_detail(solutions)
    if not solutions[-1].feasible:
        return _no_plan(ctx, by_id, solutions, excluded, detail, start, confirm)
    return _planned(ctx, by_id, solutions, excluded, detail, start)


def _week_detail(solutions: list[WeekSolution]) -> tuple[dict, ...]:
    """The solver's detail per week: status, gap, candidates, allowed, seconds."""
    return tuple(
        {
            "week": s.problem.week,
            "status": s.outcome.status,
            "gap": s.gap,
            "candidates": s.candidates,
            "allowed": len(s.problem.exercises),
            "seconds": round(s.seconds, 4),
        }
        for s in solutions
    )


def _no_plan(
    ctx: Context,
    by_id,
    solutions: list[WeekSolution],
    excluded: tuple,
    detail: tuple,
    start: float,
    confirm=None,
) -> PlanResult:
    """No plan fits every rule in the last week solved: the diagnosis and what would help."""
    last = solutions[-1]
    problems = pin_problems(ctx.options.pins, ctx.eligibility, ctx.client)
    problems += held_pin_problems(ctx, solutions, by_id)
    diag, relax = diagnose_week(last.problem, ctx.settings, problems, confirm)
    info = SolverInfo(
        last.outcome.solver, SolveStatus.INFEASIBLE, None, time.perf_counter() - start, detail
    )
    return PlanResult(
        status=NO_PLAN,
        message=_infeasible_message(last.problem.week, diag),
        excluded=excluded,
        diagnosis=tuple(diag),
        relaxations=tuple(relax),
        solver=info,
        extra={"solutions": solutions},
        **_about_the_client(ctx, today_note(ctx)),
    )


def _about_the_client(ctx: Context, today) -> dict:
    """What every answer with weeks carries about the client, planned or not: how they
    are planned (notes), what to ask, today's pain and what they watch for."""
    return {
        "notes": ctx.notes,
        "questions": tuple(client_questions(ctx.client)),
        "today": today,
        "watch_for": ctx.watch_for,
    }


def _planned(
    ctx: Context,
    by_id,
    solutions: list[WeekSolution],
    excluded: tuple,
    detail: tuple,
    start: float,
) -> PlanResult:
    """Every week planned: the weeks, +10% on the ceiling, the solver's status and gap."""
    weeks = tuple(_week_plan(ctx, s, by_id) for s in solutions)
    plus = (
        tuple(ceiling_plus_10(s, solve_with_load_raised(s, ctx.settings)) for s in solutions)
        if ctx.options.explain
        else ()
    )
    within = all(
        s.outcome.status == SolveStatus.OPTIMAL
        and s.gap is not None
        and s.gap <= ctx.settings.relative_gap
        for s in solutions
    )
    status = SolveStatus.OPTIMAL if within else SolveStatus.TIME_LIMIT
    gaps = [s.gap for s in solutions if s.gap is not None]
    info = SolverInfo(
        solutions[0].outcome.solver,
        status,
        max(gaps) if gaps else None,
        time.perf_counter() - start,
        detail,
    )
    short = {g: round(v, 1) for s in solutions for g, v in s.shortfall.items() if v > 0.5}
    message = (
        f"{len(weeks)}-week plan within the load ceiling every week; every goal met."
        if not short
        else f"{len(weeks)}-week plan within the load ceiling every week; some goal minutes fall "
        "short (each shortfall says why)."
    )
    today = today_note(ctx)
    if today is not None and today.flare_up:
        message = f"{message} {today.flare_words()}"
    return PlanResult(
        status=PLANNED,
        message=message,
        weeks=weeks,
        excluded=excluded,
        solver=info,
        ceiling_plus_10=plus,
        objective=sum(s.outcome.objective for s in solutions),
        extra={"solutions": solutions, "context": ctx},
        **_about_the_client(ctx, today),
    )


def _infeasible_message(week: int, diagnosis: list[str]) -> str:
    """``"No plan fits every rule in week 3. "`` and the diagnosis's first finding,
    without saying the week twice."""
    head = f"No plan fits every rule in week {week}."
    if not diagnosis:
        return head
    first = diagnosis[0]
    prefix = f"In week {week} "
    if first.startswith(prefix):
        rest = first[len(prefix) :]
        first = rest[:1].upper() + rest[1:]
    return f"{head} {first}"


def _week_plan(ctx: Context, s: WeekSolution, by_id) -> WeekPlan:
    p = s.problem
    goals = list(Goal)
    by_day: dict[Day, list[Block]] = {}
    minutes_by_goal = {g: 0.0 for g in p.targets}
    index = {ex.id: i for i, ex in enumerate(p.exercises)}
    for ex, d in s.uses:
        i = index[ex.id]
        for g in p.targets:
            minutes_by_goal[g] += float(p.credit[i, goals.index(g)])
        by_day.setdefault(d, []).append(
            Block(
                ex.id,
                ex.name,
                ex.discipline,
                ex.minutes,
                ex.rpe,
                ex.load,
                tuple(block_reasons(ex, p, ctx.client, ctx.eligibility)),
            )
        )
    days = tuple(
        DayPlan(d, tuple(session_order(by_day[d]))) for d in sorted(by_day, key=lambda d: d.index)
    )
    wp = WeekPlan(
        week=p.week,
        ceiling=p.ceiling,
        cap=p.load_cap,
        days=days,
        minutes_by_goal=minutes_by_goal,
        goal_targets=dict(p.targets),
        binding=tuple(week_binding(s)),
        strength_days_fitted=p.strength_days if p.strength_fitted else None,
    )
    short = shortfall_reasons(wp, s, ctx.eligibility, by_id, ctx.params)
    out = activities_kept_out(s, ctx.client, ctx.eligibility, by_id, ctx.params)
    return replace(
        wp,
        warnings=(*p.notes, *week_warnings(wp, s, ctx.params)),
        shortfalls=tuple(short),
        kept_out=tuple(out),
    )
