"""Plan a client's program: screening → rules → week-by-week optimization → plan.

The one entry point trainers, notebooks, widgets and the CLI call: :func:`plan`.
Weeks are solved in sequence; each is capped by its ceiling, by the rise over the week
before and by the acute:chronic guard, so later weeks follow from the planned load of
earlier ones. :func:`replan` re-solves from the first changed week and stops as soon as
a week comes out as before (later weeks then stand).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from workbench.client import screening
from workbench.client.questions import client_questions
from workbench.defaults import Params, resolve
from workbench.domain import Client, Day, Dimension, Discipline, Goal
from workbench.optimize.diagnose import diagnose_week, pin_problems
from workbench.optimize.problem import Pin as Pin
from workbench.optimize.problem import WeekProblem
from workbench.optimize.reuse import narrowed_bound, repeat_week, same_problem, still_holds
from workbench.optimize.solution import WeekSolution
from workbench.optimize.solve import SolverSettings, SolveStatus
from workbench.optimize.solve import set_solver_log as set_solver_log
from workbench.optimize.week import solve_week
from workbench.optimize.whatif import solve_with_load_raised
from workbench.planning.explain import (
    block_reasons,
    ceiling_plus_10,
    exclusion_table,
    session_order,
    shortfall_reasons,
    week_binding,
    week_warnings,
)
from workbench.planning.result import (
    NEEDS_CLEARANCE,
    NO_PLAN,
    PLANNED,
    REFERRED,
    Block,
    DayPlan,
    PlanResult,
    SolverInfo,
    WeekPlan,
)
from workbench.rules.contraindications import Eligibility, eligibility, variety_overrides
from workbench.rules.load import (
    acute_chronic_cap,
    ceiling_schedule,
    chronic_load,
    first_session_caps,
    next_session_cap,
    next_week_cap,
)
from workbench.rules.tolerance import tolerance_schedule

MAX_WEEKS = 12


@dataclass(frozen=True)
class PlanOptions:
    """What the trainer or coach sets for one planning call.

    Attributes
    ----------
    weeks : int
        Horizon, 1-12 [weeks].
    hard_goals : bool
        Goal minutes must be met in full (else soft, with the shortfall explained).
    pins : tuple of Pin
        Exercises the trainer wants in a week (on a day).
    bans : frozenset of str
        Exercise ids the trainer leaves out.
    include_unreviewed : bool
        Use imported rows not yet reviewed.
    allow_disliked : frozenset of str
        Disciplines, settings or tags the client dislikes that the trainer allows all the
        same (else nothing disliked is planned).
    solver : str
        ``"highs"`` or ``"cbc"``.
    overrides : dict
        Rule overrides on top of the client's (the constraint lab's knobs).
    explain : bool
        Also compute what a 10% higher ceiling would buy (one extra solve per week where
        the ceiling binds).
    """

    weeks: int = 1
    hard_goals: bool = False
    pins: tuple[Pin, ...] = ()
    bans: frozenset[str] = frozenset()
    include_unreviewed: bool = False
    allow_disliked: frozenset[str] = frozenset()
    solver: str = "highs"
    overrides: dict[str, float] = field(default_factory=dict)
    explain: bool = True


@dataclass
class _State:
    """What one week hands to the next."""

    previous_load: float | None
    loads: list[float]
    caps: dict[Discipline, float]
    green_before: int


@dataclass(frozen=True)
class Context:
    """Everything computed once per planning call, reused by re-plans."""

    client: Client
    options: PlanOptions
    params: Params
    modes: screening.Modes
    eligibility: Eligibility
    ceilings: tuple
    settings: SolverSettings
    notes: tuple[str, ...] = ()


def prepare(client: Client, catalog, options: PlanOptions) -> Context | PlanResult:
    """Screen the client and compute the rules' output; a PlanResult when no plan is due."""
    if not 1 <= options.weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1-{MAX_WEEKS}, got {options.weeks}")
    params = resolve({**client.overrides, **options.overrides})
    scr = screening.screen(client, params)
    if not scr.plannable:
        status = (
            REFERRED
            if scr.outcome in (screening.Outcome.EMERGENCY, screening.Outcome.REFER)
            else NEEDS_CLEARANCE
        )
        return PlanResult(
            status=status, message=scr.message, screening=scr, notes=(scr.trainer_message,)
        )
    usable = [ex for ex in catalog if options.include_unreviewed or not ex.needs_review]
    fitted = variety_overrides(client, usable, params, options.allow_disliked)
    if fitted:
        wanted = int(params.min_disciplines_per_week)
        params = resolve({**client.overrides, **options.overrides, **fitted})
        k = int(fitted["min_disciplines_per_week"])
        fitted_note = (
            f"Only {k} discipline{'s' if k > 1 else ''} can be done where this client trains "
            f"(and is not disliked): each week asks for {k} instead of {wanted}."
        )
    else:
        fitted_note = None
    md = screening.modes(client, params)
    tol = tolerance_schedule(client, options.weeks, params, md.graded_exposure)
    elig = eligibility(
        catalog,
        client,
        params,
        tol,
        bans=options.bans,
        include_unreviewed=options.include_unreviewed,
        allow_disliked=options.allow_disliked,
    )
    settings = SolverSettings(options.solver, params.relative_gap, params.time_limit_s)
    ceilings = tuple(ceiling_schedule(client, options.weeks, params, md.start_high))
    notes = (*md.reasons, *([fitted_note] if fitted_note else []))
    return Context(client, options, params, md, elig, ceilings, settings, notes)


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
        return ctx
    by_id = {ex.id: ex for ex in catalog}
    solutions = _solve_weeks(ctx, by_id, 1, _initial_state(ctx), [], None)
    return _assemble(ctx, by_id, solutions, start)


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
    return _assemble(ctx, by_id, solutions, start)


def _initial_state(ctx: Context) -> _State:
    base = ctx.client.baseline_load
    return _State(
        None,
        [base] * 4,
        first_session_caps(ctx.client, ctx.params),
        ctx.client.consecutive_green_weeks,
    )


def _advance(ctx: Context, state: _State, sol: WeekSolution) -> _State:
    load = sum(ex.load for ex, _d in sol.uses)
    longest: dict[tuple[Discipline, Day], float] = {}
    for ex, d in sol.uses:
        longest[(ex.discipline, d)] = longest.get((ex.discipline, d), 0.0) + ex.minutes
    caps = dict(state.caps)
    for (k, _d), minutes in longest.items():
        caps[k] = next_session_cap(caps[k], minutes, ctx.params)
    return _State(load, state.loads + [load], caps, state.green_before)


def week_problem(ctx: Context, week: int, state: _State, by_id) -> WeekProblem:
    """The data of ``week``'s model from the rules and the state the week before left."""
    client, params, elig = ctx.client, ctx.params, ctx.eligibility
    allowed = [by_id[i] for i in elig.allowed(week)]
    newly = frozenset()
    if week > 1:
        before, now = elig.tolerances[week - 2], elig.tolerances[week - 1]
        raised = [i for i in range(len(now)) if now[i] > before[i]]
        if raised:
            dims = list(Dimension)
            newly = frozenset(
                ex.id for ex in allowed if any(ex.demands[dims[i]] > before[i] for i in raised)
            )
    goals = {g: float(m) for g, m in client.goals.items() if m > 0}
    strength = int(params.strength_min_days) if goals.get(Goal.STRENGTH, 0) > 0 else 0
    chronic = None
    if state.previous_load is not None or client.baseline_load > 0:
        chronic = chronic_load(state.loads, params)
    return WeekProblem(
        week=week,
        exercises=allowed,
        days=sorted(client.available_days, key=lambda d: d.index),
        supervised=client.supervised_days,
        supervised_only=elig.supervised_only,
        max_days=client.max_training_days,
        session_minutes=client.minutes_per_session,
        ceiling=ctx.ceilings[week - 1].value,
        progression_cap=None
        if state.previous_load is None
        else next_week_cap(state.previous_load, params),
        acwr_cap=None if chronic is None else acute_chronic_cap(chronic, params),
        session_caps=dict(state.caps),
        targets=goals,
        hard_goals=ctx.options.hard_goals,
        strength_days=strength,
        exposure_ids=newly if ctx.modes.graded_exposure else frozenset(),
        exposure_max_blocks=int(params.exposure_max_blocks),
        pins=[p for p in ctx.options.pins if p.week == week],
        liked=client.liked,
        disliked=client.disliked,
        params=params,
        chronic=chronic,
    )


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
            sol = solve_week(
                problem,
                ctx.settings,
                hint=hint,
                alt=alt,
                patterns=patterns,
                known_bound=known,
                sessions=sessions,
            )
        solutions.append(sol)
        if not sol.feasible:
            break
        if (
            previous is not None
            and week > first
            and _same_week(sol, previous)
            and same_problem(problem, previous.problem)
        ):
            solutions.extend(old[week:])
            break
        state = _advance(ctx, state, sol)
    return solutions


def _uses_by_id(sol: WeekSolution) -> dict[str, int]:
    """Exercise id → uses in the week's plan."""
    counts: dict[str, int] = {}
    for ex, _d in sol.uses:
        counts[ex.id] = counts.get(ex.id, 0) + 1
    return counts


def _same_week(a: WeekSolution, b: WeekSolution) -> bool:
    key = lambda s: sorted((ex.id, d.value) for ex, d in s.uses)  # noqa: E731
    return key(a) == key(b)


def _assemble(ctx: Context, by_id, solutions: list[WeekSolution], start: float) -> PlanResult:
    excluded = tuple(exclusion_table(ctx.eligibility, by_id))
    last = solutions[-1]
    detail = tuple(
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
    if not last.feasible:
        problems = pin_problems(ctx.options.pins, ctx.eligibility, ctx.client)
        diag, relax = diagnose_week(last.problem, ctx.settings, problems)
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
            notes=ctx.notes,
            questions=tuple(client_questions(ctx.client)),
            extra={"solutions": solutions},
        )
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
    return PlanResult(
        status=PLANNED,
        message=message,
        weeks=weeks,
        excluded=excluded,
        solver=info,
        ceiling_plus_10=plus,
        notes=ctx.notes,
        questions=tuple(client_questions(ctx.client)),
        objective=sum(s.outcome.objective for s in solutions),
        extra={"solutions": solutions, "context": ctx},
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
    )
    short = shortfall_reasons(wp, s, ctx.eligibility, by_id, ctx.params)
    return replace(wp, warnings=tuple(week_warnings(wp, s, ctx.params)), shortfalls=tuple(short))
