"""An independent check of a returned plan against every hard rule.

The planner is trusted nowhere here: :func:`verify_plan` re-reads each rule from
domain.md and the defaults table (:func:`workbench.defaults.resolve`) and recomputes it
from the plan's blocks and the inputs (client, catalog, options). It does not import
:mod:`workbench.rules` or :mod:`workbench.optimize`, so a bug shared by the rules and the
model cannot hide from it (PyPSA's habit: tests recompute balances from the solution,
not from the model object).

:func:`score_week` recomputes the optimizer's objective from a week of the plan, so an
exhaustive search over tiny instances can check that the optimizer's plan is the best.

Every rule checked, with the name a :class:`Violation` carries, is listed in
:data:`RULES`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workbench.client.triggers import resolve as resolve_trigger
from workbench.defaults import Params, resolve
from workbench.domain import (
    GYM_PROVIDES,
    RED_FLAGS,
    Client,
    Day,
    Dimension,
    Discipline,
    Exercise,
    Goal,
)

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

#: A block counts towards a strength day when its strength contribution is at least this.
STRENGTH_LEVEL = 2

#: Tolerance for sums of floats [AU or min].
EPS = 1e-6
#: Ceilings are stated to 0.1 AU: each week may carry half a step of rounding.
ROUNDING = 0.05


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


# --------------------------------------------------------------------- the inputs


def _variety_fitted(client: Client, exercises, params: Params, allowed) -> dict[str, float]:
    """The variety rules for the disciplines the client can do where they train, not
    disliked (checked here on its own, not taken from the rules package)."""
    disliked = {str(x) for x in client.disliked} - set(allowed)
    possible = set()
    for ex in exercises:
        if client.settings and not set(ex.settings) & set(client.settings):
            continue
        if {ex.discipline.value, *ex.tags} & disliked:
            continue
        if ex.settings and set(ex.settings) <= disliked:
            continue
        possible.add(ex.discipline)
    if not possible or len(possible) >= params.min_disciplines_per_week:
        return {}
    out = {"min_disciplines_per_week": float(len(possible))}
    if len(possible) == 1:
        out["max_discipline_share"] = 1.0
    return out


def _among(ex: Exercise, preferences) -> bool:
    """Likes or dislikes name the exercise: its discipline, a tag or a setting it is done in
    (written here on its own, not taken from the domain's method)."""
    if ex.discipline in preferences:
        return True
    named = {str(x) for x in preferences if not isinstance(x, Discipline)}
    return bool(named & set(ex.tags) or named & set(ex.settings))


def params_for(client: Client, options) -> Params:
    """The rule parameters of a planning call: defaults, client overrides, option overrides."""
    extra = getattr(options, "overrides", None) or {}
    return resolve({**client.overrides, **extra})


def _by_id(catalog: Iterable[Exercise]) -> dict[str, Exercise]:
    return {ex.id: ex for ex in catalog}


def screening_clear(client: Client) -> bool:
    """CLEAR screening (domain.md §1): no red flag, every question answered, cleared."""
    answers = client.red_flags
    if any(answers.get(q) is True for q in RED_FLAGS):
        return False
    if any(answers.get(q) is None for q in RED_FLAGS):
        return False
    return client.clearance.cleared


def start_back_high(client: Client) -> bool:
    """STarT Back high risk (Hill 2008): psychosocial subscale (items 5-9) ≥ 4.

    Items 1-8 score 1 when agreed; item 9 (answered 0-4) scores 1 only for "very much"
    (3) or "extremely" (4).
    """
    items = client.instruments.start_back
    if items is None:
        return False
    scored = [int(v >= 1) for v in items[:8]] + [int(items[8] >= 3)]
    total, subscale = sum(scored), sum(scored[4:9])
    return total >= 4 and subscale >= 4


def graded_exposure_mode(client: Client, params: Params) -> bool:
    """High-fear mode (domain.md §4): STarT Back high, FABQ-PA or TSK-17 above its cut."""
    ins = client.instruments
    if start_back_high(client):
        return True
    if ins.fabq_pa is not None and sum(ins.fabq_pa) > params.fabq_pa_elevated:
        return True
    if ins.tsk17 is not None:
        tsk = sum(5 - a if i in (4, 8, 12, 16) else a for i, a in enumerate(ins.tsk17, 1))
        if tsk > params.tsk_high:
            return True
    return False


def week_one_ceiling(client: Client, params: Params) -> float:
    """Week-1 ceiling [AU]: start_ceiling_fraction x baseline (x the STarT-high factor),
    then raised to min_start_ceiling_au (the floor applies after the factor)."""
    value = params.start_ceiling_fraction * client.baseline_load
    if start_back_high(client):
        value *= params.start_high_ceiling_factor
    return max(params.min_start_ceiling_au, value)


def rise(params: Params) -> float:
    """Largest week-on-week rise: weekly_rise, never above max_weekly_rise (Nielsen 2014)."""
    return min(params.weekly_rise, params.max_weekly_rise)


def ceilings(client: Client, params: Params, weeks: int) -> list[float]:
    """Each week's load ceiling [AU], unrounded: week 1, then x (1 + rise) a week."""
    first = week_one_ceiling(client, params)
    return [first * (1.0 + rise(params)) ** w for w in range(weeks)]


def _rounding_allowance(params: Params, week: int) -> float:
    # a ceiling rounded to 0.1 AU each week carries at most this much rounding by ``week``
    r = 1.0 + rise(params)
    return ROUNDING * sum(r**k for k in range(week)) + EPS


def tolerances(client: Client, params: Params, weeks: int) -> list[dict[Dimension, int]]:
    """Most tolerance each week allows per dimension (domain.md §3).

    Week 1 is the assessed tolerance (unassessed: 0). A dimension with an exposure target
    comes back at most one step per ``exposure_interval_weeks``; in graded-exposure mode
    one feared movement at a time, least feared (first listed) first.
    """
    level = {d: client.tolerances.get(d, 0) for d in Dimension}
    target = dict(level)
    for d, t in client.exposure_targets.items():
        target[d] = max(target[d], int(t))
    one_at_a_time = graded_exposure_mode(client, params)
    order = list(client.exposure_targets) if one_at_a_time else list(Dimension)
    interval = params.exposure_interval_weeks
    out = []
    for w in range(1, weeks + 1):
        if w > 1 and math.floor((w - 1) / interval) > math.floor((w - 2) / interval):
            for d in order:
                if level[d] < target[d]:
                    level[d] += 1
                    if one_at_a_time:
                        break
        out.append(dict(level))
    return out


def first_session_caps(client: Client, params: Params) -> dict[Discipline, float]:
    """Week-1 session cap per discipline [min]: session_cap_fraction x the longest session
    in the last 30 days (Frandsen 2025), at least new_discipline_session_min."""
    longest: dict[Discipline, float] = defaultdict(float)
    for a in client.activities:
        m = a.longest_minutes if a.longest_minutes is not None else a.minutes
        longest[a.discipline] = max(longest[a.discipline], float(m))
    return {
        k: max(params.session_cap_fraction * longest[k], params.new_discipline_session_min)
        for k in Discipline
    }


def _equipment(client: Client) -> frozenset[str]:
    items = frozenset(client.equipment)
    return items | GYM_PROVIDES if "gym" in items else items


def credited_minutes(blocks: Iterable[Exercise], params: Params) -> dict[Goal, float]:
    """Minutes credited to each goal: minutes x contribution x goal_credit_per_level."""
    out = dict.fromkeys(Goal, 0.0)
    for ex in blocks:
        for g in Goal:
            out[g] += ex.minutes * ex.goals.get(g, 0) * params.goal_credit_per_level
    return out


# ---------------------------------------------------------------------- the check


def verify_plan(result, client: Client, catalog, options=None) -> list[Violation]:
    """Every hard rule the plan breaks, recomputed from the plan and the inputs.

    Parameters
    ----------
    result : PlanResult
        What :func:`workbench.plan.planner.plan` (or ``replan``) returned.
    client : Client
    catalog : Catalog or iterable of Exercise
    options : PlanOptions, optional
        The planning call's options (weeks, pins, bans, overrides, hard goals).

    Returns
    -------
    list of Violation
        Empty when the plan keeps every rule of :data:`RULES`.
    """
    out: list[Violation] = []
    params = params_for(client, options)
    by_id = _by_id(catalog)
    allow_disliked = frozenset(getattr(options, "allow_disliked", ()) or ())
    disliked = {str(x) for x in client.disliked} - allow_disliked
    triggers = [(words, resolve_trigger(words)) for words in sorted(client.triggers)]
    triggers = [(words, t) for words, t in triggers if t is not None]
    reviewed_ok = bool(getattr(options, "include_unreviewed", False))
    usable = [ex for ex in by_id.values() if reviewed_ok or not ex.needs_review]
    fitted = _variety_fitted(client, usable, params, allow_disliked)
    if fitted:
        params = resolve(
            {**client.overrides, **(getattr(options, "overrides", None) or {}), **fitted}
        )

    def bad(week, day, rule, detail):
        out.append(Violation(week, day, rule, detail))

    positive = [q for q in RED_FLAGS if client.red_flags.get(q) is True]
    if positive:
        if result.status != "referred":
            bad(None, None, "red_flag", f"red flags {positive}: status is {result.status!r}")
        if result.weeks:
            bad(None, None, "red_flag", f"red flags {positive}, yet {len(result.weeks)} weeks")
    if result.status != "planned":
        if result.weeks:
            bad(None, None, "no_plan_weeks", f"status {result.status!r} with weeks")
        return out
    if not screening_clear(client):
        bad(None, None, "screening", "planned, but the screening is not CLEAR")

    wanted = getattr(options, "weeks", None)
    numbers = [w.week for w in result.weeks]
    if numbers != list(range(1, len(numbers) + 1)) or (wanted and len(numbers) != wanted):
        bad(None, None, "horizon", f"weeks {numbers}, asked for {wanted}")

    n = len(result.weeks)
    tol = tolerances(client, params, n)
    ceil = ceilings(client, params, n)
    ge = graded_exposure_mode(client, params)
    equipment = _equipment(client)
    bans = frozenset(getattr(options, "bans", ()) or ())
    unreviewed_ok = bool(getattr(options, "include_unreviewed", False))
    cl = client.clearance
    caps = first_session_caps(client, params)
    chronic_history = [client.baseline_load] * 4
    previous_load: float | None = None
    high = params.high_demand_level
    r = rise(params)

    for wp in result.weeks:
        w = wp.week
        if not 1 <= w <= n:
            continue
        program_week = client.consecutive_green_weeks + w
        green_before = client.consecutive_green_weeks + w - 1
        blocks: list[tuple[Day, Exercise]] = []
        for dp in wp.days:
            for b in dp.blocks:
                ex = by_id.get(b.exercise_id)
                if ex is None:
                    bad(w, dp.day, "unknown_exercise", f"{b.exercise_id} is not in the catalog")
                    continue
                if (b.minutes, b.discipline) != (ex.minutes, ex.discipline) or abs(
                    b.load - ex.rpe * ex.minutes
                ) > EPS:
                    bad(w, dp.day, "block_data", f"{ex.id}: block differs from the catalog row")
                blocks.append((dp.day, ex))

        # ---- per block: the exclusion rules
        for day, ex in blocks:
            for d in Dimension:
                if ex.demands.get(d, 0) > tol[w - 1][d]:
                    bad(
                        w,
                        day,
                        "tolerance",
                        f"{ex.id}: {d.label} {ex.demands[d]} > tolerance {tol[w - 1][d]}",
                    )
            if ex.discipline in cl.banned_disciplines:
                bad(w, day, "doctor_discipline", f"{ex.id}: {ex.discipline.value} is banned")
            if ex.id in cl.banned_exercises:
                bad(w, day, "doctor_exercise", f"{ex.id} is banned by the doctor")
            if cl.max_rpe is not None and ex.rpe > cl.max_rpe:
                bad(w, day, "doctor_max_effort", f"{ex.id}: RPE {ex.rpe:g} > {cl.max_rpe:g}")
            missing = sorted(set(ex.equipment) - equipment)
            if missing:
                bad(w, day, "equipment", f"{ex.id} needs {missing}")
            if client.settings and not set(ex.settings) & set(client.settings):
                bad(w, day, "setting", f"{ex.id} is done {sorted(ex.settings)}, not there")
            for words, t in triggers:
                if ex.id in t.exercises or set(t.tags) & set(ex.tags):
                    if t.longest is None or ex.minutes > params[t.longest]:
                        bad(w, day, "trigger", f"{ex.id} matches the trigger {words!r}")
            hates = {ex.discipline.value, *ex.tags} & disliked
            if hates or (ex.settings and set(ex.settings) <= disliked):
                bad(w, day, "disliked", f"{ex.id}: the client dislikes {sorted(hates) or 'where'}")
            if ex.needs_supervision and day not in client.supervised_days:
                bad(w, day, "supervision", f"{ex.id} needs supervision; {day.value} is not")
            if ex.id in bans:
                bad(w, day, "trainer_ban", f"{ex.id} is banned by the trainer")
            if ex.needs_review and not unreviewed_ok:
                bad(w, day, "needs_review", f"{ex.id} is not reviewed")
            if program_week <= params.early_phase_weeks and (
                ex.met >= params.vigorous_met or ex.rpe > params.early_max_rpe
            ):
                bad(
                    w,
                    day,
                    "early_phase_effort",
                    f"{ex.id}: MET {ex.met:g}, RPE {ex.rpe:g} in program week {program_week}",
                )
            n_high = sum(1 for d in Dimension if ex.demands.get(d, 0) >= high)
            if program_week <= params.multi_high_demand_weeks and (
                n_high >= params.multi_high_demand_count
            ):
                bad(
                    w,
                    day,
                    "early_phase_demands",
                    f"{ex.id}: {n_high} high demands in program week {program_week}",
                )
            vigorous = ex.met >= params.vigorous_met or ex.rpe >= params.vigorous_rpe
            if vigorous and green_before < params.vigorous_after_green_weeks:
                bad(
                    w,
                    day,
                    "vigorous_gating",
                    f"{ex.id}: vigorous after {green_before} green weeks",
                )
            if day not in client.available_days:
                bad(w, day, "available_days", f"{day.value} is not an available day")

        # ---- graded exposure: blocks using the newly returned step
        if ge and w > 1:
            before, now = tol[w - 2], tol[w - 1]
            raised = [d for d in Dimension if now[d] > before[d]]
            newly = [
                ex.id
                for _day, ex in blocks
                if any(ex.demands.get(d, 0) > before[d] for d in raised)
            ]
            if len(newly) > params.exposure_max_blocks:
                bad(
                    w,
                    None,
                    "graded_exposure",
                    f"{len(newly)} blocks use the newly returned step ({newly}) > "
                    f"{params.exposure_max_blocks:g}",
                )

        # ---- pins
        for pin in getattr(options, "pins", ()) or ():
            if pin.week != w:
                continue
            hit = [
                day
                for day, ex in blocks
                if ex.id == pin.exercise_id and (pin.day is None or day == pin.day)
            ]
            if not hit:
                where = f" on {pin.day.value}" if pin.day is not None else ""
                bad(w, pin.day, "pin", f"{pin.exercise_id} pinned{where} is not in the week")

        # ---- days
        per_day: dict[Day, list[Exercise]] = defaultdict(list)
        for day, ex in blocks:
            per_day[day].append(ex)
        if len(per_day) > client.max_training_days:
            bad(
                w,
                None,
                "training_days",
                f"{len(per_day)} training days > {client.max_training_days}",
            )
        for day, exs in per_day.items():
            minutes = sum(ex.minutes for ex in exs)
            if minutes > client.minutes_per_session + EPS:
                bad(
                    w,
                    day,
                    "session_minutes",
                    f"{minutes} min > the {client.minutes_per_session} min session",
                )
            ids = [ex.id for ex in exs]
            for i in sorted({i for i in ids if ids.count(i) > 1}):
                bad(w, day, "exercise_uses", f"{i} {ids.count(i)} times in one day")
            by_disc: dict[Discipline, float] = defaultdict(float)
            for ex in exs:
                by_disc[ex.discipline] += ex.minutes
            for k, minutes in by_disc.items():
                if minutes > caps[k] + EPS:
                    bad(
                        w,
                        day,
                        "session_spike",
                        f"{minutes:g} min of {k.value} > the {caps[k]:g} min session cap",
                    )

        # ---- the week
        load = sum(ex.rpe * ex.minutes for _day, ex in blocks)
        allowance = _rounding_allowance(params, w)
        if load > ceil[w - 1] + allowance:
            bad(
                w,
                None,
                "weekly_load_ceiling",
                f"load {load:g} AU > ceiling {ceil[w - 1]:.2f} AU",
            )
        if abs(wp.ceiling - ceil[w - 1]) > allowance:
            bad(
                w,
                None,
                "ceiling_reported",
                f"states {wp.ceiling:g} AU, the rule gives {ceil[w - 1]:.2f} AU",
            )
        if previous_load is not None and load > (1.0 + r) * previous_load + EPS:
            bad(
                w,
                None,
                "load_progression",
                f"load {load:g} AU > (1 + {r:g}) x last week's {previous_load:g} AU",
            )
        chronic = max(sum(chronic_history[-4:]) / 4.0, params.min_start_ceiling_au)
        if chronic > 0 and load / chronic >= params.acwr_block:
            bad(
                w,
                None,
                "acute_chronic",
                f"acute:chronic {load / chronic:.2f} >= {params.acwr_block:g}",
            )
        disciplines: dict[Discipline, float] = defaultdict(float)
        for _day, ex in blocks:
            disciplines[ex.discipline] += ex.rpe * ex.minutes
        if len(disciplines) < params.min_disciplines_per_week:
            bad(
                w,
                None,
                "variety_disciplines",
                f"{len(disciplines)} discipline(s) < {params.min_disciplines_per_week:g}",
            )
        for k, k_load in disciplines.items():
            if k_load > params.max_discipline_share * load + EPS:
                bad(
                    w,
                    None,
                    "discipline_share",
                    f"{k.value} carries {k_load:g} of {load:g} AU "
                    f"> {params.max_discipline_share:.0%}",
                )
        uses: dict[str, int] = defaultdict(int)
        for _day, ex in blocks:
            uses[ex.id] += 1
        for i, count in sorted(uses.items()):
            if count > params.max_uses_per_exercise:
                bad(
                    w,
                    None,
                    "exercise_uses",
                    f"{i} {count} times > {params.max_uses_per_exercise:g}",
                )
        if client.goals.get(Goal.STRENGTH, 0) > 0 and params.strength_min_days > 0:
            strong_days = sorted(
                (
                    day
                    for day, exs in per_day.items()
                    if sum(
                        ex.minutes for ex in exs if ex.goals.get(Goal.STRENGTH, 0) >= STRENGTH_LEVEL
                    )
                    >= params.strength_day_min_minutes
                ),
                key=lambda d: d.index,
            )
            apart = _non_consecutive(strong_days)
            if apart < params.strength_min_days:
                bad(
                    w,
                    None,
                    "strength_days",
                    f"strength on {apart} non-consecutive day(s) "
                    f"({[d.value for d in strong_days]}) < {params.strength_min_days:g}",
                )
        if getattr(options, "hard_goals", False):
            got = credited_minutes((ex for _day, ex in blocks), params)
            for g, target in client.goals.items():
                if target > 0 and got[g] < target - EPS:
                    bad(w, None, "goal_minutes", f"{g.value}: {got[g]:.1f} < {target} min")

        # ---- hand on to the next week
        for k in Discipline:
            longest = max(
                (sum(ex.minutes for ex in exs if ex.discipline is k) for exs in per_day.values()),
                default=0.0,
            )
            caps[k] = max(caps[k], params.session_cap_fraction * longest)
        previous_load = load
        chronic_history.append(load)
    return out


def _non_consecutive(days: list[Day]) -> int:
    """Most days of ``days`` (Monday first) with no two on consecutive weekdays.

    Greedy from Monday is optimal on a line (the week does not wrap).
    """
    count, last = 0, None
    for d in days:
        if last is None or d.index - last >= 2:
            count, last = count + 1, d.index
    return count


# ---------------------------------------------------------------------- the score


def score_week(
    result,
    week: int,
    client: Client,
    catalog,
    options=None,
    weights: Mapping[str, float] | None = None,
) -> float:
    """The optimizer's objective for ``week`` of ``result``, recomputed from the plan.

    ``coverage`` x (1 - shortfall / target) per goal, with shortfall = max(0, target -
    credited minutes); + ``liked`` x liked minutes / (session minutes x training days);
    - ``disliked`` x disliked minutes / the same; - ``load`` x week load / max(load cap,
    1); + ``variety`` x disciplines used. Training days = min(max_training_days, available
    days). The load cap is the tightest of the week's stated ceiling (stated to 0.1 AU;
    :func:`verify_plan` checks it against the rule), (1 + rise) x the previous week's
    planned load and the acute:chronic block (acwr_block - 0.01) x chronic load. The
    weights are the client's rules ``coverage_points``, ``liked_points``,
    ``disliked_points``, ``load_points`` and ``variety_points`` (defaults table).

    Parameters
    ----------
    result : PlanResult
    week : int
        1-based.
    weights : mapping, optional
        Weights by name (``coverage``, ``liked``, ``disliked``, ``variety``, ``load``)
        instead of the client's rules (``coverage_points`` etc. in the defaults table).
    """
    params = params_for(client, options)
    # the weights are rules of the defaults table (``*_points``), as for every other rule
    wts = {k: params[f"{k}_points"] for k in ("coverage", "liked", "disliked", "variety", "load")}
    wts.update(weights or {})
    by_id = _by_id(catalog)
    loads = []
    for wp in result.weeks:
        loads.append(sum(by_id[b.exercise_id].load for d in wp.days for b in d.blocks))
    wp = result.weeks[week - 1]
    exs = [by_id[b.exercise_id] for d in wp.days for b in d.blocks]
    cap = wp.ceiling  # the stated ceiling; verify_plan checks it against the rule
    history = [client.baseline_load] * 4 + loads[: week - 1]
    if week > 1:
        cap = min(cap, (1.0 + rise(params)) * loads[week - 2])
    if week > 1 or client.baseline_load > 0:
        chronic = max(sum(history[-4:]) / 4.0, params.min_start_ceiling_au)
        cap = min(cap, (params.acwr_block - 0.01) * chronic)
    session_total = max(
        1.0,
        float(
            client.minutes_per_session * min(client.max_training_days, len(client.available_days))
        ),
    )
    got = credited_minutes(exs, params)
    score = 0.0
    for g, target in client.goals.items():
        if target > 0:
            short = max(0.0, target - got[g])
            score += wts["coverage"] * (1.0 - short / target)
    liked = sum(ex.minutes for ex in exs if _among(ex, client.liked))
    disliked = sum(ex.minutes for ex in exs if _among(ex, client.disliked))
    score += wts["liked"] * liked / session_total - wts["disliked"] * disliked / session_total
    score -= wts["load"] * sum(ex.load for ex in exs) / max(cap, 1.0)
    score += wts["variety"] * len({ex.discipline for ex in exs})
    return score
