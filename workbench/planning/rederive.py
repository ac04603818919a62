"""The rules re-derived for the verifier, from the client, the options and the defaults.

Written here on their own, from domain.md and the defaults table, and never imported
from :mod:`workbench.rules` or :mod:`workbench.optimize`: the verifier
(:mod:`workbench.planning.verify`) checks the planner with these, so a bug shared by the
rules and the model cannot hide from it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

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

#: A block counts towards a strength day when its strength contribution is at least this.
STRENGTH_LEVEL = 2

#: Tolerance for sums of floats [AU or min].
EPS = 1e-6
#: Ceilings are stated to 0.1 AU: each week may carry half a step of rounding.
ROUNDING = 0.05


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


def feared_start(client: Client, params: Params) -> dict[Dimension, int]:
    """Graded-exposure mode (domain.md §3, George 2010): each feared dimension, one with an
    exposure target above the assessed tolerance, with that assessed tolerance [level
    0-3]; empty outside the mode."""
    if not graded_exposure_mode(client, params):
        return {}
    out = {}
    for d, t in client.exposure_targets.items():
        start = client.tolerances.get(d, 0)
        if int(t) > start:
            out[d] = start
    return out


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


def flare_up_today(client: Client, params: Params) -> bool:
    """A flare-up today (domain.md §5): pain now at least flare_pain_now, or at least
    flare_rise_points above the last week's average."""
    now, average = client.pain.now, client.pain.average_week
    return now >= params.flare_pain_now or now - average >= params.flare_rise_points


def ceilings(client: Client, params: Params, weeks: int, follow_up=None) -> list[float]:
    """Each week's load ceiling [AU], unrounded: week 1, then x (1 + rise) a week.

    A flare-up today: week 1 x flare_ceiling_factor (not below min_start_ceiling_au), the
    next flare_hold_weeks weeks at week 1's ceiling, the rise from there. A re-plan after
    a weekly review (``follow_up``): week 1 is the review's ceiling, a flare-up today
    lowering it as above (though never raising a ceiling already below the floor)."""
    first, held = week_one_ceiling(client, params), 0
    if follow_up is not None:
        first = float(follow_up.start_ceiling)
    if flare_up_today(client, params):
        floor = params.min_start_ceiling_au
        if follow_up is not None:
            floor = min(first, floor)
        first = max(first * params.flare_ceiling_factor, floor)
        held = int(params.flare_hold_weeks)
    return [first * (1.0 + rise(params)) ** max(0, w - held) for w in range(weeks)]


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


def _non_consecutive(days: list[Day]) -> int:
    """Most days of ``days`` (Monday first) with no two on consecutive weekdays.

    Greedy from Monday is optimal on a line (the week does not wrap).
    """
    count, last = 0, None
    for d in days:
        if last is None or d.index - last >= 2:
            count, last = count + 1, d.index
    return count


def _says_yes(client: Client, precaution: str) -> bool:
    return client.precautions.get(precaution) is True


def slower_rise(client: Client, params: Params) -> dict[str, float]:
    """With known heart, metabolic or kidney disease the weekly rise is the smaller of
    weekly_rise and heart_metabolic_kidney_weekly_rise (domain.md §8; Riebe 2015)."""
    if not _says_yes(client, "heart_metabolic_kidney"):
        return {}
    if params.heart_metabolic_kidney_weekly_rise >= params.weekly_rise:
        return {}
    return {"weekly_rise": params.heart_metabolic_kidney_weekly_rise}


def has_osteoporosis(client: Client, params: Params) -> bool:
    """Osteoporosis or a fragility fracture: ticked, or a T-score at or below the
    osteoporosis_t_score cut (WHO 1994)."""
    t = client.osteoporosis_t_score
    return _says_yes(client, "osteoporosis") or (t is not None and t <= params.osteoporosis_t_score)


def weeks_done(client: Client, follow_up=None) -> int:
    """Program weeks behind the client before the plan's week 1: their green weeks
    before the program, and in a re-plan after a weekly review the program weeks done."""
    done = client.consecutive_green_weeks
    return done if follow_up is None else done + int(follow_up.done_weeks)


def green_before(client: Client, follow_up=None) -> int:
    """Consecutive green weeks behind the client before the plan's week 1 (a re-plan
    after a weekly review: the follow-up's count, the client's own included)."""
    return client.consecutive_green_weeks if follow_up is None else int(follow_up.green_weeks)


def logged_start(client: Client, params: Params, follow_up=None) -> tuple[float | None, list]:
    """The week before week 1: its load the rise is from [AU] (None: no week before), and
    the four weeks' loads of the acute:chronic guard [AU], oldest first. A re-plan after a
    weekly review: the loads logged (padded with the baseline), the last floored at
    min_start_ceiling_au (a week the client did nothing still lets the next one start)."""
    logged = [] if follow_up is None else [float(x) for x in follow_up.recent_loads]
    history = [client.baseline_load] * max(0, 4 - len(logged)) + logged
    if not logged:
        return None, history
    return max(logged[-1], params.min_start_ceiling_au), history


def osteoporosis_impact_cap(client: Client, params: Params, week: int, follow_up=None) -> float:
    """Most impact in plan ``week`` with osteoporosis [level 0-3]: the starting level, one
    more after each osteoporosis_impact_step_weeks program weeks, at most 3."""
    program_week = weeks_done(client, follow_up) + week
    steps = math.floor((program_week - 1) / params.osteoporosis_impact_step_weeks)
    return min(3.0, params.osteoporosis_impact_start + steps)


def pregnancy_lying_week(client: Client, params: Params, week: int, follow_up=None) -> bool:
    """Whether plan ``week`` is at or past pregnancy_lying_from_week of pregnancy (every
    week when the weeks of pregnancy are not recorded)."""
    if not _says_yes(client, "pregnancy"):
        return False
    if client.pregnancy_weeks is None:
        return True
    behind = 0 if follow_up is None else int(follow_up.done_weeks)
    return client.pregnancy_weeks + behind + (week - 1) >= params.pregnancy_lying_from_week


def hmk_start_week(client: Client, params: Params, week: int, follow_up=None) -> bool:
    """Whether plan ``week`` is one of the light-to-moderate first program weeks of known
    heart, metabolic or kidney disease."""
    program_week = weeks_done(client, follow_up) + week
    return (
        _says_yes(client, "heart_metabolic_kidney")
        and program_week <= params.heart_metabolic_kidney_weeks
    )
