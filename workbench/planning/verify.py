"""An independent check of a returned plan against every hard rule.

The planner is trusted nowhere here: :func:`verify_plan` re-reads each rule from
domain.md and the defaults table (:func:`workbench.defaults.resolve`) and recomputes it
from the plan's blocks and the inputs (client, catalog, options). It does not import
:mod:`workbench.rules` or :mod:`workbench.optimize`, so a bug shared by the rules and the
model cannot hide from it (PyPSA's habit: tests recompute balances from the solution,
not from the model object).

The rules it re-derives (ceilings, tolerances, screening, ...) are in
:mod:`workbench.planning.rederive`, written there on their own; :func:`score_week`
(:mod:`workbench.planning.score`) recomputes the optimizer's objective from a week of
the plan, so an exhaustive search over tiny instances can check that the optimizer's
plan is the best.

Every rule checked, with the name a :class:`Violation` carries, is listed in
:data:`RULES`.
"""

from __future__ import annotations

from collections import defaultdict

from workbench.domain import RED_FLAGS, Client, Day, Dimension, Discipline, Exercise, Goal
from workbench.planning.rederive import (
    EPS,
    STRENGTH_LEVEL,
    _non_consecutive,
    _rounding_allowance,
    credited_minutes,
    first_session_caps,
    logged_start,
    rise,
    screening_clear,
)
from workbench.planning.score import score_week as score_week
from workbench.planning.verify_blocks import (
    check_exclusions,
    check_phase,
    check_precautions,
    week_blocks,
)
from workbench.planning.verify_inputs import _Carried, _Inputs, _inputs
from workbench.planning.violation import RULES as RULES
from workbench.planning.violation import Violation as Violation


def check_status(result, client: Client) -> list[Violation]:
    """``red_flag``, ``no_plan_weeks``, ``screening``: a plan only for a CLEAR screening."""
    out = []
    positive = [q for q in RED_FLAGS if client.red_flags.get(q) is True]
    if positive:
        if result.status != "referred":
            out.append(
                Violation(
                    None, None, "red_flag", f"red flags {positive}: status is {result.status!r}"
                )
            )
        if result.weeks:
            out.append(
                Violation(
                    None, None, "red_flag", f"red flags {positive}, yet {len(result.weeks)} weeks"
                )
            )
    if result.status != "planned":
        if result.weeks:
            out.append(
                Violation(None, None, "no_plan_weeks", f"status {result.status!r} with weeks")
            )
    elif not screening_clear(client):
        out.append(Violation(None, None, "screening", "planned, but the screening is not CLEAR"))
    return out


def check_horizon(result, options) -> list[Violation]:
    """``horizon``: exactly the weeks asked for, numbered 1..N."""
    wanted = getattr(options, "weeks", None)
    numbers = [w.week for w in result.weeks]
    if numbers != list(range(1, len(numbers) + 1)) or (wanted and len(numbers) != wanted):
        return [Violation(None, None, "horizon", f"weeks {numbers}, asked for {wanted}")]
    return []


def _above_start(inp: _Inputs, ex: Exercise) -> dict[Dimension, int]:
    """Feared dimension -> the block's demand, where it is above the assessed tolerance."""
    return {d: ex.demands.get(d, 0) for d, s in inp.feared.items() if ex.demands.get(d, 0) > s}


def check_graded_exposure(inp: _Inputs, w: int, blocks, carried: _Carried) -> list[Violation]:
    """``graded_exposure``: blocks above the assessed tolerance on any feared dimension, at
    most ``exposure_max_blocks`` a week; ``exposure_combined``: a block above it on two or
    more feared dimensions only once each was done on its own (by a block above it on
    that one alone, at the same level or more) in ``exposure_alone_weeks`` earlier weeks."""
    out = []
    taking = []
    need = inp.params.exposure_alone_weeks
    for day, ex in blocks:
        above = _above_start(inp, ex)
        if not above:
            continue
        taking.append(ex.id)
        if len(above) < 2:
            continue
        early = [
            f"{d.value} {level}"
            for d, level in above.items()
            if sum(1 for week in carried.alone if week.get(d, -1) >= level) < need
        ]
        if early:
            detail = (
                f"{ex.id} is above the assessed tolerance on {len(above)} feared dimensions "
                f"at once; not yet done on its own in {need:g} earlier week(s): {early}"
            )
            out.append(Violation(w, day, "exposure_combined", detail))
    limit = inp.params.exposure_max_blocks
    if len(taking) > limit:
        detail = f"{len(taking)} blocks take a feared movement ({taking}) > {limit:g}"
        out.append(Violation(w, None, "graded_exposure", detail))
    return out


def check_pins(inp: _Inputs, w: int, blocks) -> list[Violation]:
    """``pin``: every pin of this week is in the week (on its day, when it names one)."""
    out = []
    for pin in getattr(inp.options, "pins", ()) or ():
        if pin.week != w:
            continue
        hit = [
            day
            for day, ex in blocks
            if ex.id == pin.exercise_id and (pin.day is None or day == pin.day)
        ]
        if not hit:
            where = f" on {pin.day.value}" if pin.day is not None else ""
            out.append(
                Violation(w, pin.day, "pin", f"{pin.exercise_id} pinned{where} is not in the week")
            )
    return out


def check_days(inp: _Inputs, w: int, per_day, caps) -> list[Violation]:
    """``training_days``, ``session_minutes``, ``exercise_uses`` (once a day),
    ``session_spike``."""
    out = []
    client = inp.client
    if len(per_day) > client.max_training_days:
        detail = f"{len(per_day)} training days > {client.max_training_days}"
        out.append(Violation(w, None, "training_days", detail))
    for day, exs in per_day.items():
        minutes = sum(ex.minutes for ex in exs)
        if minutes > client.minutes_per_session + EPS:
            detail = f"{minutes} min > the {client.minutes_per_session} min session"
            out.append(Violation(w, day, "session_minutes", detail))
        ids = [ex.id for ex in exs]
        for i in sorted({i for i in ids if ids.count(i) > 1}):
            out.append(Violation(w, day, "exercise_uses", f"{i} {ids.count(i)} times in one day"))
        by_disc: dict[Discipline, float] = defaultdict(float)
        for ex in exs:
            by_disc[ex.discipline] += ex.minutes
        for k, minutes in by_disc.items():
            if minutes > caps[k] + EPS:
                detail = f"{minutes:g} min of {k.value} > the {caps[k]:g} min session cap"
                out.append(Violation(w, day, "session_spike", detail))
    return out


def check_load(inp: _Inputs, wp, load: float, carried: _Carried) -> list[Violation]:
    """``weekly_load_ceiling``, ``ceiling_reported``, ``load_progression``,
    ``acute_chronic``."""
    out = []
    w, params = wp.week, inp.params
    ceiling = inp.ceiling[w - 1]
    allowance = _rounding_allowance(params, w)
    if load > ceiling + allowance:
        detail = f"load {load:g} AU > ceiling {ceiling:.2f} AU"
        out.append(Violation(w, None, "weekly_load_ceiling", detail))
    if abs(wp.ceiling - ceiling) > allowance:
        detail = f"states {wp.ceiling:g} AU, the rule gives {ceiling:.2f} AU"
        out.append(Violation(w, None, "ceiling_reported", detail))
    r, previous = rise(params), carried.previous_load
    if previous is not None and load > (1.0 + r) * previous + EPS:
        detail = f"load {load:g} AU > (1 + {r:g}) x last week's {previous:g} AU"
        out.append(Violation(w, None, "load_progression", detail))
    chronic = max(sum(carried.history[-4:]) / 4.0, params.min_start_ceiling_au)
    if chronic > 0 and load / chronic >= params.acwr_block:
        detail = f"acute:chronic {load / chronic:.2f} >= {params.acwr_block:g}"
        out.append(Violation(w, None, "acute_chronic", detail))
    return out


def check_variety(inp: _Inputs, w: int, blocks, load: float) -> list[Violation]:
    """``variety_disciplines``, ``discipline_share``, ``exercise_uses`` (a week)."""
    out = []
    params = inp.params
    disciplines: dict[Discipline, float] = defaultdict(float)
    for _day, ex in blocks:
        disciplines[ex.discipline] += ex.rpe * ex.minutes
    if len(disciplines) < params.min_disciplines_per_week:
        detail = f"{len(disciplines)} discipline(s) < {params.min_disciplines_per_week:g}"
        out.append(Violation(w, None, "variety_disciplines", detail))
    for k, k_load in disciplines.items():
        if k_load > params.max_discipline_share * load + EPS:
            detail = (
                f"{k.value} carries {k_load:g} of {load:g} AU > {params.max_discipline_share:.0%}"
            )
            out.append(Violation(w, None, "discipline_share", detail))
    uses: dict[str, int] = defaultdict(int)
    for _day, ex in blocks:
        uses[ex.id] += 1
    for i, count in sorted(uses.items()):
        if count > params.max_uses_per_exercise:
            detail = f"{i} {count} times > {params.max_uses_per_exercise:g}"
            out.append(Violation(w, None, "exercise_uses", detail))
    return out


def strength_days_due(inp: _Inputs, w: int, caps) -> int:
    """Strength days week ``w`` must have: ``strength_min_days``, or as many as the client
    can do (domain.md §6: a target, not a gate), re-derived here on its own: at most the
    client's training days, and the days apart among their available days on which the
    blocks the rules allow (:func:`check_exclusions`, :func:`check_phase`) that fit the
    session and the discipline's longest session hold ``strength_day_min_minutes``."""
    params, client = inp.params, inp.client
    minimum, session = params.strength_day_min_minutes, client.minutes_per_session
    strong = [
        ex
        for ex in inp.by_id.values()
        if ex.goals.get(Goal.STRENGTH, 0) >= STRENGTH_LEVEL
        and ex.minutes <= min(session, caps[ex.discipline])
    ]
    # The block checks differ between available days only by supervision: check each
    # block once on a supervised day (or any available one), then per day only that.
    days = client.available_days
    probe = next((d for d in days if d in client.supervised_days), next(iter(days), None))
    # The exclusions depend on the week only through its tolerance: kept per tolerance.
    tolerance = tuple(inp.tolerance[w - 1][d] for d in Dimension)
    excluded = inp.memo.setdefault(("excluded", tolerance), {})
    allowed = []
    for ex in strong if probe is not None else ():
        if ex.id not in excluded:
            excluded[ex.id] = bool(check_exclusions(inp, w, probe, ex))
        if not excluded[ex.id] and not check_phase(inp, w, probe, ex):
            allowed.append(ex)
    roomy = []
    for day in days:
        per_discipline: dict[Discipline, float] = defaultdict(float)
        for ex in allowed:
            if not (ex.needs_supervision and day not in client.supervised_days):
                per_discipline[ex.discipline] += ex.minutes
        room = sum(min(m, caps[k]) for k, m in per_discipline.items())
        if min(room, session) >= minimum - EPS:
            roomy.append(day)
    roomy.sort(key=lambda d: d.index)
    return int(min(params.strength_min_days, client.max_training_days, _non_consecutive(roomy)))


def check_strength_days(
    inp: _Inputs, w: int, per_day, caps, fitted: int | None = None
) -> list[Violation]:
    """``strength_days``: with a strength goal, strength on enough non-consecutive days
    (as many as :func:`strength_days_due` says the client can do).

    ``fitted`` is the week's ``strength_days_fitted``: fewer days, at least one, because
    no plan of the week kept every rule with more. Only a solve can tell that (the load
    cap, the discipline shares and the blocks that fit interact), so the verifier holds
    the week to that count; the week says so to the trainer in its warnings.
    """
    params = inp.params
    if not (inp.client.goals.get(Goal.STRENGTH, 0) > 0 and params.strength_min_days > 0):
        return []
    if inp.flare_up and w <= 1 + params.flare_hold_weeks:  # a flare-up: none asked (§5)
        return []

    def strength_minutes(exs) -> float:
        return sum(ex.minutes for ex in exs if ex.goals.get(Goal.STRENGTH, 0) >= STRENGTH_LEVEL)

    strong_days = sorted(
        (
            d
            for d, exs in per_day.items()
            if strength_minutes(exs) >= params.strength_day_min_minutes
        ),
        key=lambda d: d.index,
    )
    apart = _non_consecutive(strong_days)
    due = strength_days_due(inp, w, caps)
    if fitted is not None and fitted >= 1:
        due = min(due, int(fitted))
    if apart < due:
        detail = (
            f"strength on {apart} non-consecutive day(s) "
            f"({[d.value for d in strong_days]}) < {due} of {params.strength_min_days:g}"
        )
        return [Violation(w, None, "strength_days", detail)]
    return []


def check_goal_minutes(inp: _Inputs, w: int, blocks) -> list[Violation]:
    """``goal_minutes``: with hard goals, every goal's weekly minutes met."""
    if not getattr(inp.options, "hard_goals", False):
        return []
    got = credited_minutes((ex for _day, ex in blocks), inp.params)
    return [
        Violation(w, None, "goal_minutes", f"{g.value}: {got[g]:.1f} < {target} min")
        for g, target in inp.client.goals.items()
        if target > 0 and got[g] < target - EPS
    ]


def _carry(inp: _Inputs, carried: _Carried, per_day, load: float) -> None:
    """Hand the week on: session caps grow with the longest session done, load history."""
    for k in Discipline:
        longest = max(
            (sum(ex.minutes for ex in exs if ex.discipline is k) for exs in per_day.values()),
            default=0.0,
        )
        carried.caps[k] = max(carried.caps[k], inp.params.session_cap_fraction * longest)
    carried.previous_load = load
    carried.history.append(load)
    alone: dict[Dimension, int] = {}
    for exs in per_day.values():
        for ex in exs:
            above = _above_start(inp, ex)
            if len(above) == 1:
                ((d, level),) = above.items()
                alone[d] = max(alone.get(d, 0), level)
    carried.alone.append(alone)


def check_week(inp: _Inputs, wp, carried: _Carried) -> list[Violation]:
    """Every rule on one week of the plan, in the order of :data:`RULES` within a week."""
    w = wp.week
    blocks, out = week_blocks(wp, inp.by_id)
    for day, ex in blocks:
        out += check_exclusions(inp, w, day, ex)
        out += check_phase(inp, w, day, ex)
        out += check_precautions(inp, w, day, ex)
    out += check_graded_exposure(inp, w, blocks, carried)
    out += check_pins(inp, w, blocks)
    per_day: dict[Day, list[Exercise]] = defaultdict(list)
    for day, ex in blocks:
        per_day[day].append(ex)
    out += check_days(inp, w, per_day, carried.caps)
    load = sum(ex.rpe * ex.minutes for _day, ex in blocks)
    out += check_load(inp, wp, load, carried)
    out += check_variety(inp, w, blocks, load)
    out += check_strength_days(inp, w, per_day, carried.caps, wp.strength_days_fitted)
    out += check_goal_minutes(inp, w, blocks)
    _carry(inp, carried, per_day, load)
    return out


def verify_plan(result, client: Client, catalog, options=None) -> list[Violation]:
    """Every hard rule the plan breaks, recomputed from the plan and the inputs.

    One ``check_<rules>`` function per family of :data:`RULES`, as PyPSA's
    ``consistency.py`` has one ``check_<thing>`` each; each is a pure function of the
    derived inputs and the week.

    Parameters
    ----------
    result : PlanResult
        What :func:`workbench.planning.planner.plan` (or ``replan``) returned.
    client : Client
    catalog : Catalog or iterable of Exercise
    options : PlanOptions, optional
        The planning call's options (weeks, pins, bans, overrides, hard goals).

    Returns
    -------
    list of Violation
        Empty when the plan keeps every rule of :data:`RULES`.
    """
    out = check_status(result, client)
    if result.status != "planned":
        return out
    out += check_horizon(result, options)
    inp = _inputs(result, client, catalog, options)
    previous, history = logged_start(client, inp.params, getattr(options, "follow_up", None))
    carried = _Carried(first_session_caps(client, inp.params), previous, history)
    for wp in result.weeks:
        if 1 <= wp.week <= inp.weeks:
            out += check_week(inp, wp, carried)
    return out
