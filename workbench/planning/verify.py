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
from dataclasses import dataclass, field

from workbench.client.triggers import resolve as resolve_trigger
from workbench.defaults import Params, resolve
from workbench.domain import RED_FLAGS, Client, Day, Dimension, Discipline, Exercise, Goal
from workbench.planning.rederive import (
    EPS,
    STRENGTH_LEVEL,
    _by_id,
    _equipment,
    _non_consecutive,
    _rounding_allowance,
    _variety_fitted,
    ceilings,
    credited_minutes,
    first_session_caps,
    graded_exposure_mode,
    params_for,
    rise,
    screening_clear,
    tolerances,
)
from workbench.planning.score import score_week as score_week

#: Rule name → what it checks, in the domain's words (domain.md section in brackets).
RULES: dict[str, str] = {
    "screening": "a plan only for a CLEAR screening: no red flag, every question answered, "
    "medical clearance recorded (§1)",
    "red_flag": "any red flag: referred, and no weeks (§1)",
    "no_plan_weeks": "a result that is not a plan carries no weeks",
    "horizon": "a plan has exactly the weeks asked for, numbered 1..N",
    "unknown_exercise": "every block's exercise exists in the catalog",
    "block_data": "a block's minutes, effort, load and discipline are the catalog's",
    "tolerance": "no movement demand above the client's tolerance that week (§3)",
    "graded_exposure": "blocks using a newly returned movement step, at most "
    "exposure_max_blocks a week (graded-exposure mode, §3)",
    "doctor_discipline": "the doctor's banned disciplines (§3)",
    "doctor_exercise": "the doctor's banned exercises (§3)",
    "doctor_max_effort": "the doctor's maximum effort (§3)",
    "equipment": "equipment and settings the client has; gym access provides GYM_PROVIDES (§3)",
    "setting": "only exercises that can be done where the client trains (their settings)",
    "trigger": "no exercise matching a pain trigger's tags or exercises (longer than its "
    "longest block, when it has one) (docs/triggers.md)",
    "disliked": "nothing the client dislikes (discipline, tag, or only disliked settings), "
    "unless the trainer allows it",
    "supervision": "exercises that need supervision only on supervised days (§3)",
    "trainer_ban": "the trainer's bans",
    "needs_review": "imported rows not yet reviewed, only when the options allow them",
    "pin": "the trainer's pins are honoured",
    "early_phase_effort": "program weeks 1..early_phase_weeks: MET below vigorous_met and "
    "RPE at most early_max_rpe (§4)",
    "early_phase_demands": "exercises with several high demands left out of program weeks "
    "1..multi_high_demand_weeks (§4)",
    "vigorous_gating": "vigorous work only after vigorous_after_green_weeks green weeks (§4)",
    "available_days": "training only on the client's available days",
    "training_days": "training days at most max_training_days",
    "session_minutes": "a day's minutes at most minutes_per_session",
    "weekly_load_ceiling": "week load at most that week's ceiling (§4)",
    "ceiling_reported": "the ceiling the plan states is the rule's ceiling",
    "load_progression": "week load at most (1 + rise) x the week before's planned load (§4)",
    "acute_chronic": "acute:chronic load ratio below acwr_block (§4)",
    "variety_disciplines": "at least min_disciplines_per_week disciplines a week (§6)",
    "discipline_share": "no discipline above max_discipline_share of the week's load (§6)",
    "exercise_uses": "an exercise at most max_uses_per_exercise times a week, once a day",
    "strength_days": "with a strength goal, strength on strength_min_days non-consecutive "
    "days (§6)",
    "session_spike": "minutes of one discipline in one session at most its session cap (§4)",
    "goal_minutes": "with hard goals, every goal's weekly minutes met",
}


@dataclass(frozen=True)
class Violation:
    """One broken rule.

    Attributes
    ----------
    week : int or None
        1-based week of the plan; None for the whole result.
    day : Day or None
        The day, when the rule is about one day.
    rule : str
        A key of :data:`RULES`.
    detail : str
        What was found, with the numbers.
    """

    week: int | None
    day: Day | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = "plan" if self.week is None else f"week {self.week}"
        if self.day is not None:
            where += f" {self.day.value}"
        return f"{where}: {self.rule}: {self.detail}"


# ---------------------------------------------------------------------- the check


@dataclass
class _Inputs:
    """What every check reads, derived once from the client, the catalog and the options."""

    client: Client
    options: object
    params: Params
    by_id: dict[str, Exercise]
    weeks: int
    tolerance: list[dict[Dimension, int]]
    ceiling: list[float]
    graded_exposure: bool
    equipment: frozenset[str]
    disliked: set[str]
    triggers: list
    bans: frozenset[str]
    unreviewed_ok: bool


@dataclass
class _Carried:
    """What one week hands on to the next: session caps, last week's load, load history."""

    caps: dict[Discipline, float]
    previous_load: float | None
    history: list[float] = field(default_factory=list)


def _inputs(result, client: Client, catalog, options) -> _Inputs:
    params = params_for(client, options)
    by_id = _by_id(catalog)
    allow_disliked = frozenset(getattr(options, "allow_disliked", ()) or ())
    unreviewed_ok = bool(getattr(options, "include_unreviewed", False))
    usable = [ex for ex in by_id.values() if unreviewed_ok or not ex.needs_review]
    fitted = _variety_fitted(client, usable, params, allow_disliked)
    if fitted:
        params = resolve(
            {**client.overrides, **(getattr(options, "overrides", None) or {}), **fitted}
        )
    triggers = [(words, resolve_trigger(words)) for words in sorted(client.triggers)]
    n = len(result.weeks)
    return _Inputs(
        client=client,
        options=options,
        params=params,
        by_id=by_id,
        weeks=n,
        tolerance=tolerances(client, params, n),
        ceiling=ceilings(client, params, n),
        graded_exposure=graded_exposure_mode(client, params),
        equipment=_equipment(client),
        disliked={str(x) for x in client.disliked} - allow_disliked,
        triggers=[(words, t) for words, t in triggers if t is not None],
        bans=frozenset(getattr(options, "bans", ()) or ()),
        unreviewed_ok=unreviewed_ok,
    )


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


def week_blocks(wp, by_id) -> tuple[list[tuple[Day, Exercise]], list[Violation]]:
    """The week's blocks as catalog rows, and ``unknown_exercise``, ``block_data``."""
    w, blocks, out = wp.week, [], []
    for dp in wp.days:
        for b in dp.blocks:
            ex = by_id.get(b.exercise_id)
            if ex is None:
                out.append(
                    Violation(
                        w, dp.day, "unknown_exercise", f"{b.exercise_id} is not in the catalog"
                    )
                )
                continue
            if (b.minutes, b.discipline) != (ex.minutes, ex.discipline) or abs(
                b.load - ex.rpe * ex.minutes
            ) > EPS:
                out.append(
                    Violation(
                        w, dp.day, "block_data", f"{ex.id}: block differs from the catalog row"
                    )
                )
            blocks.append((dp.day, ex))
    return blocks, out


def check_exclusions(inp: _Inputs, w: int, day: Day, ex: Exercise) -> list[Violation]:
    """The exclusion rules on one block: tolerance, the doctor's, equipment, setting,
    trigger, disliked, supervision, the trainer's bans and rows not yet reviewed."""
    out = []

    def bad(rule, detail):
        out.append(Violation(w, day, rule, detail))

    tol, cl, client = inp.tolerance[w - 1], inp.client.clearance, inp.client
    for d in Dimension:
        if ex.demands.get(d, 0) > tol[d]:
            bad("tolerance", f"{ex.id}: {d.label} {ex.demands[d]} > tolerance {tol[d]}")
    if ex.discipline in cl.banned_disciplines:
        bad("doctor_discipline", f"{ex.id}: {ex.discipline.value} is banned")
    if ex.id in cl.banned_exercises:
        bad("doctor_exercise", f"{ex.id} is banned by the doctor")
    if cl.max_rpe is not None and ex.rpe > cl.max_rpe:
        bad("doctor_max_effort", f"{ex.id}: RPE {ex.rpe:g} > {cl.max_rpe:g}")
    missing = sorted(set(ex.equipment) - inp.equipment)
    if missing:
        bad("equipment", f"{ex.id} needs {missing}")
    if client.settings and not set(ex.settings) & set(client.settings):
        bad("setting", f"{ex.id} is done {sorted(ex.settings)}, not there")
    for words, t in inp.triggers:
        if ex.id in t.exercises or set(t.tags) & set(ex.tags):
            if t.longest is None or ex.minutes > inp.params[t.longest]:
                bad("trigger", f"{ex.id} matches the trigger {words!r}")
    hates = {ex.discipline.value, *ex.tags} & inp.disliked
    if hates or (ex.settings and set(ex.settings) <= inp.disliked):
        bad("disliked", f"{ex.id}: the client dislikes {sorted(hates) or 'where'}")
    if ex.needs_supervision and day not in client.supervised_days:
        bad("supervision", f"{ex.id} needs supervision; {day.value} is not")
    if ex.id in inp.bans:
        bad("trainer_ban", f"{ex.id} is banned by the trainer")
    if ex.needs_review and not inp.unreviewed_ok:
        bad("needs_review", f"{ex.id} is not reviewed")
    return out


def check_phase(inp: _Inputs, w: int, day: Day, ex: Exercise) -> list[Violation]:
    """The early weeks and the day on one block: ``early_phase_effort``,
    ``early_phase_demands``, ``vigorous_gating``, ``available_days``."""
    out = []
    params, client = inp.params, inp.client
    program_week = client.consecutive_green_weeks + w
    green_before = program_week - 1
    if program_week <= params.early_phase_weeks and (
        ex.met >= params.vigorous_met or ex.rpe > params.early_max_rpe
    ):
        detail = f"{ex.id}: MET {ex.met:g}, RPE {ex.rpe:g} in program week {program_week}"
        out.append(Violation(w, day, "early_phase_effort", detail))
    n_high = sum(1 for d in Dimension if ex.demands.get(d, 0) >= params.high_demand_level)
    if program_week <= params.multi_high_demand_weeks and (
        n_high >= params.multi_high_demand_count
    ):
        detail = f"{ex.id}: {n_high} high demands in program week {program_week}"
        out.append(Violation(w, day, "early_phase_demands", detail))
    vigorous = ex.met >= params.vigorous_met or ex.rpe >= params.vigorous_rpe
    if vigorous and green_before < params.vigorous_after_green_weeks:
        detail = f"{ex.id}: vigorous after {green_before} green weeks"
        out.append(Violation(w, day, "vigorous_gating", detail))
    if day not in client.available_days:
        out.append(Violation(w, day, "available_days", f"{day.value} is not an available day"))
    return out


def check_graded_exposure(inp: _Inputs, w: int, blocks) -> list[Violation]:
    """``graded_exposure``: blocks using the newly returned step, at most
    ``exposure_max_blocks`` a week."""
    if not inp.graded_exposure or w <= 1:
        return []
    before, now = inp.tolerance[w - 2], inp.tolerance[w - 1]
    raised = [d for d in Dimension if now[d] > before[d]]
    newly = [ex.id for _day, ex in blocks if any(ex.demands.get(d, 0) > before[d] for d in raised)]
    limit = inp.params.exposure_max_blocks
    if len(newly) > limit:
        detail = f"{len(newly)} blocks use the newly returned step ({newly}) > {limit:g}"
        return [Violation(w, None, "graded_exposure", detail)]
    return []


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


def check_strength_days(inp: _Inputs, w: int, per_day) -> list[Violation]:
    """``strength_days``: with a strength goal, strength on enough non-consecutive days."""
    params = inp.params
    if not (inp.client.goals.get(Goal.STRENGTH, 0) > 0 and params.strength_min_days > 0):
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
    if apart < params.strength_min_days:
        detail = (
            f"strength on {apart} non-consecutive day(s) "
            f"({[d.value for d in strong_days]}) < {params.strength_min_days:g}"
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


def check_week(inp: _Inputs, wp, carried: _Carried) -> list[Violation]:
    """Every rule on one week of the plan, in the order of :data:`RULES` within a week."""
    w = wp.week
    blocks, out = week_blocks(wp, inp.by_id)
    for day, ex in blocks:
        out += check_exclusions(inp, w, day, ex)
        out += check_phase(inp, w, day, ex)
    out += check_graded_exposure(inp, w, blocks)
    out += check_pins(inp, w, blocks)
    per_day: dict[Day, list[Exercise]] = defaultdict(list)
    for day, ex in blocks:
        per_day[day].append(ex)
    out += check_days(inp, w, per_day, carried.caps)
    load = sum(ex.rpe * ex.minutes for _day, ex in blocks)
    out += check_load(inp, wp, load, carried)
    out += check_variety(inp, w, blocks, load)
    out += check_strength_days(inp, w, per_day)
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
    carried = _Carried(first_session_caps(client, inp.params), None, [client.baseline_load] * 4)
    for wp in result.weeks:
        if 1 <= wp.week <= inp.weeks:
            out += check_week(inp, wp, carried)
    return out
