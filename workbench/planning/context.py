"""What one planning call computes once: its options, the rules' output, each week's problem.

:class:`PlanOptions` is what the trainer sets; :func:`prepare` screens the client and runs
the rules (tolerances, eligibility, ceilings, variety) into a :class:`Context`, or answers
the :class:`~workbench.planning.result.PlanResult` of a client who cannot be planned;
:func:`week_problem` turns the context and what the week before left (its load, the
session caps) into the data of that week's model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from workbench.client import screening
from workbench.defaults import Params, resolve
from workbench.domain import Client, Day, Dimension, Discipline, Goal
from workbench.optimize.problem import Pin, WeekProblem
from workbench.optimize.solution import WeekSolution
from workbench.optimize.solve import SolverSettings
from workbench.optimize.structure import fit_strength_days
from workbench.planning.exposure import exposing_ids, held_back, week_history
from workbench.planning.follow_up import FollowUp
from workbench.planning.result import NEEDS_CLEARANCE, REFERRED, PlanResult
from workbench.rules.contraindications import Eligibility, eligibility, variety_overrides
from workbench.rules.flare import PainToday, gentle_weeks, pain_today
from workbench.rules.load import (
    acute_chronic_cap,
    ceiling_schedule,
    chronic_load,
    first_session_caps,
    next_session_cap,
    next_week_cap,
)
from workbench.rules.precautions import precaution_overrides
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
    follow_up : FollowUp or None
        A re-plan of the weeks ahead after a weekly review (:mod:`.follow_up`): the
        decision's ceiling, the logged loads, the exercises resting and movements eased.
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
    follow_up: FollowUp | None = None

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> PlanOptions:
        """The options a plan's ``"made"`` record names (the inverse of
        :func:`workbench.planning.provenance.options_json`): with the same client and
        catalog (their hashes match) and the same workbench version, planning with them
        makes the plan again.

        Raises
        ------
        ValueError
            Naming any option the record has that the planner does not know.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(doc) - known)
        if unknown:
            raise ValueError(f"unknown plan options {unknown}; known: {', '.join(sorted(known))}")
        values = dict(doc)
        values["pins"] = tuple(
            Pin(p["exercise_id"], int(p["week"]), None if p.get("day") is None else Day(p["day"]))
            for p in doc.get("pins", ())
        )
        for name in ("bans", "allow_disliked"):
            values[name] = frozenset(values.get(name, ()))
        values["overrides"] = dict(values.get("overrides", {}))
        if values.get("follow_up") is not None:
            values["follow_up"] = FollowUp.from_json(values["follow_up"])
        return cls(**values)


@dataclass
class _State:
    """What one week hands to the next."""

    previous_load: float | None
    loads: list[float]
    caps: dict[Discipline, float]
    green_before: int
    #: per planned week, what it did of each feared movement on its own (graded exposure)
    alone: tuple[dict[Dimension, int], ...] = ()


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
    today: PainToday | None = None
    #: What the client watches for (the screening's, domain.md §8).
    watch_for: tuple[str, ...] = ()


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
            status=status,
            message=scr.message,
            screening=scr,
            notes=(scr.trainer_message,),
            watch_for=scr.watch_for,
        )
    usable = [ex for ex in catalog if options.include_unreviewed or not ex.needs_review]
    fitted = variety_overrides(client, usable, params, options.allow_disliked)
    slower = precaution_overrides(client, params)  # domain.md §8: progress slowly
    if slower:
        params = resolve({**client.overrides, **options.overrides, **fitted, **slower})
    if fitted:
        wanted = int(params.min_disciplines_per_week)
        params = resolve({**client.overrides, **options.overrides, **fitted, **slower})
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
        follow_up=options.follow_up,
    )
    settings = SolverSettings(options.solver, params.relative_gap, params.time_limit_s)
    today = pain_today(client, params)
    ceilings = tuple(
        ceiling_schedule(client, options.weeks, params, md.start_high, today, options.follow_up)
    )
    notes = (*md.reasons, *([fitted_note] if fitted_note else []))
    if slower:
        notes += (
            "Known heart, metabolic or kidney disease: the weekly load rises by at most "
            f"{slower['weekly_rise']:.0%} (progress slowly).",
        )
    return Context(
        client, options, params, md, elig, ceilings, settings, notes, today, scr.watch_for
    )


def _initial_state(ctx: Context) -> _State:
    base = ctx.client.baseline_load
    fu = ctx.options.follow_up
    if fu is not None and fu.recent_loads:  # coupled to the load the client logged
        loads = [base] * max(0, 4 - len(fu.recent_loads)) + list(fu.recent_loads)
        return _State(
            fu.recent_loads[-1],
            loads,
            first_session_caps(ctx.client, ctx.params),
            fu.green_weeks,
        )
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
    alone = (*state.alone, week_history(ctx, sol.uses))
    return _State(load, state.loads + [load], caps, state.green_before, alone)


def week_problem(ctx: Context, week: int, state: _State, by_id) -> WeekProblem:
    """The data of ``week``'s model from the rules and the state the week before left."""
    client, params, elig = ctx.client, ctx.params, ctx.eligibility
    allowed = [by_id[i] for i in elig.allowed(week)]
    # graded exposure: a block combining feared movements waits until each was done on
    # its own in the earlier weeks' plans; every block taking one counts to the limit
    held = held_back(ctx, allowed, state.alone)
    allowed = [ex for ex in allowed if ex.id not in held]
    goals = {g: float(m) for g, m in client.goals.items() if m > 0}
    strength = int(params.strength_min_days) if goals.get(Goal.STRENGTH, 0) > 0 else 0
    if week in gentle_weeks(ctx.today, week, params):  # a flare-up: strength as it fits
        strength = 0
    chronic = None
    if state.previous_load is not None or client.baseline_load > 0:
        chronic = chronic_load(state.loads, params)
    problem = WeekProblem(
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
        exposure_ids=exposing_ids(ctx, allowed),
        exposure_max_blocks=int(params.exposure_max_blocks),
        pins=[p for p in ctx.options.pins if p.week == week],
        liked=client.liked,
        disliked=client.disliked,
        params=params,
        chronic=chronic,
        current=current_sessions(client),
    )
    # a target, not a gate (domain.md §6): as many strength days as the week can give
    return fit_strength_days(problem, strength)


def current_sessions(client: Client) -> dict[Discipline, int]:
    """The client's current activities: discipline → the longest of its current
    sessions [min] (one session's ``minutes``, the largest when several activities share
    a discipline)."""
    out: dict[Discipline, int] = {}
    for a in client.activities:
        if a.sessions_per_week > 0 and a.minutes > 0:
            out[a.discipline] = max(out.get(a.discipline, 0), int(a.minutes))
    return out
