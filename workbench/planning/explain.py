"""Why each block was chosen, why each exercise was left out, what binds, what +10% buys.

Plain words for the trainer, computed from the plan and the rules' output.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean, pstdev

from workbench.defaults import Params
from workbench.domain import Client, Dimension, Discipline, Exercise, Goal
from workbench.optimize.constraints import FAMILIES
from workbench.optimize.problem import WeekProblem
from workbench.optimize.whatif import LOAD_FAMILIES
from workbench.optimize.whatif import binding_families as week_binding
from workbench.planning.result import PlanResult, WeekChange
from workbench.rules.contraindications import FAMILIES as EXCLUSION_FAMILIES
from workbench.rules.contraindications import Eligibility
from workbench.rules.load import rise_fraction


def exclusion_table(elig: Eligibility, by_id) -> list[dict]:
    """Every excluded exercise with every reason: one dict per (exercise, reason)."""
    all_weeks = tuple(range(1, elig.weeks + 1))
    return [
        {
            "exercise_id": e.exercise_id,
            "name": by_id[e.exercise_id].name if e.exercise_id in by_id else e.exercise_id,
            "family": e.family,
            "rule": EXCLUSION_FAMILIES[e.family],
            "reason": e.reason,
            "weeks": "all" if e.weeks == all_weeks else list(e.weeks),
        }
        for e in elig.exclusions
    ]


def block_reasons(ex: Exercise, p: WeekProblem, client: Client, elig: Eligibility) -> list[str]:
    """Why ``ex`` is in week ``p.week``: the goals it serves, preference, tolerance, load."""
    goals = list(Goal)
    i = next(j for j, e in enumerate(p.exercises) if e.id == ex.id)
    served = [
        f"{g.label} {p.credit[i, goals.index(g)]:.0f} min"
        for g in p.targets
        if p.credit[i, goals.index(g)] > 0
    ]
    out = []
    if served:
        out.append("counts towards " + ", ".join(served))
    if ex.discipline in client.liked:
        out.append(f"{ex.discipline.label}: a discipline the client enjoys")
    named = {str(x) for x in client.liked if not isinstance(x, Discipline)}
    liked_too = sorted((ex.tags | ex.settings) & named)
    if liked_too:
        words = ", ".join(x.replace("-", " ") for x in liked_too)
        out.append(f"the client enjoys {words}")
    tol = elig.tolerances[p.week - 1]
    dims = list(Dimension)
    worst = max(dims, key=lambda d: ex.demands[d] - tol[dims.index(d)])
    out.append(
        f"within every movement tolerance (closest: {worst.label} {ex.demands[worst]} of "
        f"{tol[dims.index(worst)]})"
    )
    out.append(f"effort RPE {ex.rpe:g} for {ex.minutes} min = {ex.load:g} AU")
    if any(pin.exercise_id == ex.id for pin in p.pins):
        out.append("pinned by the trainer")
    return out


def session_order(blocks: list) -> list:
    """Order a session's blocks: main work by effort, calm relaxation blocks last."""
    return sorted(blocks, key=lambda b: (b.rpe <= 2, -b.rpe, b.exercise_id))


def week_warnings(wp, sol, params: Params) -> list[str]:
    """Soft guardrails: goal shortfall, monotony (Foster 1998), acute:chronic (Gabbett 2016)."""
    out = []  # goal shortfalls are explained on their own (shortfall_reasons)
    daily = [0.0] * 7
    for d in wp.days:
        daily[d.day.index] = d.load
    sd = pstdev(daily)
    if sd > 0 and mean(daily) / sd > params.monotony_max:
        out.append(
            f"monotony {mean(daily) / sd:.1f} > {params.monotony_max:g}: days are very alike"
        )
    p = sol.problem
    if p.chronic:
        ratio = wp.load / p.chronic
        if ratio > params.acwr_warn:
            out.append(f"acute:chronic load {ratio:.2f} > {params.acwr_warn:g}")
    return out


def limits_in_words(binding) -> str:
    """``("weekly_load_ceiling", "goal_minutes")`` -> "the weekly load ceiling; the weekly
    goal minutes" (the trainer's words for each constraint family)."""
    return "; ".join(FAMILIES.get(f, f.replace("_", " ")) for f in binding)


def shortfall_reasons(wp, sol, elig: Eligibility, catalog_by_id, params: Params) -> list[str]:
    """Each goal that falls short this week, with its reason and what would change it.

    Parameters
    ----------
    wp : WeekPlan
        The week as planned (minutes by goal, targets, load, ceiling).
    sol : WeekSolution
        The week's solution (its problem, shortfall and binding families).
    elig : Eligibility
        Which exercises the rules allow, and why the others are out.
    catalog_by_id : Mapping[str, Exercise]
    params : Params

    Returns
    -------
    list of str
        One sentence per goal short by more than half a minute, e.g. "cardio 60 of 120
        min: the week's load limit of 270 AU (the weekly load ceiling) leaves no more
        room, after core endurance, relaxation; at +10% a week the ceiling has room for
        120 min around week 4", or "... only 2 cardio exercises fit this client's
        tolerances, settings and preferences ...", or "none of the 9 cardio exercises
        fits this week (left out: ...)".
    """
    w = sol.problem.week
    binding = set(week_binding(sol))
    allowed = set(elig.allowed(w))
    out = []
    for g, target in wp.goal_targets.items():
        got = wp.minutes_by_goal.get(g, 0.0)
        if target - got <= 0.5:
            continue
        serving = [ex for ex in catalog_by_id.values() if ex.goals.get(g, 0) > 0]
        fit = [ex for ex in serving if ex.id in allowed]
        if not fit:
            why = _why_none_fit(g, serving, elig, w)
        elif binding & set(LOAD_FAMILIES):
            why = _why_the_load_limit(g, wp, fit, binding, params, w)
        elif binding & {"session_minutes", "training_days"}:
            why = _why_the_sessions_are_full(binding)
        else:
            why = _why_few_fit(g, fit, binding)
        out.append(f"{g.label} {got:.0f} of {target:.0f} min: {why}")
    return out


def _why_the_load_limit(
    goal: Goal, wp, fit: list[Exercise], binding: set[str], params: Params, week: int
) -> str:
    """Why ``goal`` falls short when a load rule binds: the week's load limit [AU], the
    goals that took the room, and the week whose rising ceiling has room for the target."""
    target = wp.goal_targets[goal]
    got = wp.minutes_by_goal.get(goal, 0.0)
    cap = min(wp.cap, wp.ceiling)
    # the cheapest minute of this goal among what fits [AU/min]
    per_min = min(ex.rpe / max(ex.goals[goal], 1) for ex in fit)
    need = wp.load + (target - got) * per_min
    r = rise_fraction(params)
    ahead = _week_reaching(cap, need, r, week)
    when = (
        f"; at +{r:.0%} a week the ceiling has room for {target:.0f} min around week {ahead}"
        if ahead
        else ""
    )
    which = limits_in_words([f for f in LOAD_FAMILIES if f in binding])
    others = [
        x.label for x in wp.goal_targets if x != goal and wp.minutes_by_goal.get(x, 0.0) > 0.5
    ]
    went = f", after {', '.join(others)}" if others else ""
    return f"the week's load limit of {cap:.0f} AU ({which}) leaves no more room{went}{when}"


def _why_the_sessions_are_full(binding: set[str]) -> str:
    """Why a goal falls short when the session minutes or the training days bind."""
    return (
        f"the client's sessions are full ({limits_in_words(sorted(binding))}); "
        "more minutes a session or another training day would make room"
    )


def _why_few_fit(goal: Goal, fit: list[Exercise], binding: set[str]) -> str:
    """Why ``goal`` falls short when neither load nor sessions bind: few of its exercises
    fit the client, and what else limits the week."""
    return (
        f"only {len(fit)} {goal.label} exercise{'s' if len(fit) != 1 else ''} fit "
        f"this client's tolerances, settings and preferences; what limits the week: "
        f"{limits_in_words(sorted(binding)) or 'the rules above'}"
    )


def _week_reaching(cap: float, need: float, rise: float, week: int, horizon: int = 52):
    """The first week whose ceiling, rising by ``rise`` a week from ``cap`` in ``week``,
    is at least ``need`` [AU]; None beyond ``horizon`` weeks or without a rise."""
    if rise <= 0:
        return None
    value, k = cap, week
    while value < need and k < week + horizon:
        value *= 1.0 + rise
        k += 1
    return k if value >= need and k > week else None


def _why_none_fit(goal: Goal, serving: list[Exercise], elig: Eligibility, week: int) -> str:
    """Why no exercise that counts for ``goal`` is allowed in ``week``: the reasons that
    leave most of them out, in the trainer's words, with what would change it."""
    counts: Counter = Counter()
    for ex in serving:
        for fam in {e.family for e in elig.reasons(ex.id, week)}:
            counts[fam] += 1
    if not counts:
        return f"no exercise in the catalog counts for {goal.label}"
    parts = [f"{n} {EXCLUSION_FAMILIES[f]}" for f, n in counts.most_common(3)]
    change = {
        "tolerance": "as tolerance returns (re-assess it), more will fit",
        "graded_exposure": "they come back step by step under graded exposure",
        "setting": "another setting would add some",
        "equipment": "more equipment would add some",
        "early_phase_effort": "the first weeks stay moderate; later weeks allow more",
        "flare_effort": "a flare-up's first week stays gentle; the next check-in opens more",
        "vigorous_gating": "vigorous work opens after enough green weeks",
        "disliked": "the trainer may allow a disliked discipline",
        "trigger": "re-check the triggers with the client",
    }.get(counts.most_common(1)[0][0], "")
    tail = f"; {change}" if change else ""
    return (
        f"none of the {len(serving)} {goal.label} exercises fits this week (left out: "
        f"{'; '.join(parts)}){tail}"
    )


def ceiling_plus_10(sol, more) -> str:
    """What raising this week's load ceiling by 10% would buy, read from the what-if solve.

    Parameters
    ----------
    sol : WeekSolution
        The week as planned.
    more : WeekSolution or None
        The same week solved with its load caps 10% higher
        (:func:`workbench.optimize.whatif.solve_with_load_raised`); None when no load rule
        binds, so none was solved.
    """
    p = sol.problem
    w = p.week
    if more is None:
        what = ", ".join(FAMILIES[f] for f in week_binding(sol)) or "nothing"
        return f"week {w}: a higher ceiling would change nothing; what limits the week: {what}"
    if not more.feasible:
        return f"week {w}: no better plan with a 10% higher ceiling"
    gains = []
    for g in p.targets:
        delta = sol.shortfall.get(g, 0.0) - more.shortfall.get(g, 0.0)
        if delta > 0.5:
            gains.append(f"+{delta:.0f} min {g.label}")
    if not gains:
        return (
            f"week {w}: +10% ceiling ({p.load_cap:.0f} → {p.load_cap * 1.1:.0f} AU) adds no goal "
            "minutes; goals are already met or held by other rules"
        )
    return (
        f"week {w}: +10% ceiling ({p.load_cap:.0f} → {p.load_cap * 1.1:.0f} AU) would add "
        + ", ".join(gains)
    )


def plan_changes(before: PlanResult, after: PlanResult) -> tuple[WeekChange, ...]:
    """How each week of ``after`` (a re-plan) differs from the same week of ``before``.

    Parameters
    ----------
    before, after : PlanResult
        Two plans; weeks only one of them has are left out.

    Returns
    -------
    tuple of WeekChange
        One per week both plans have, in week order (unchanged weeks included).
    """
    old = {w.week: w for w in before.weeks}
    out = []
    for new in after.weeks:
        if new.week not in old:
            continue
        was = old[new.week]
        names = {b.exercise_id: b.name for w in (was, new) for d in w.days for b in d.blocks}
        ids_old = Counter(b.exercise_id for d in was.days for b in d.blocks)
        ids_new = Counter(b.exercise_id for d in new.days for b in d.blocks)
        on_old = Counter((d.day, b.exercise_id) for d in was.days for b in d.blocks)
        # the new week's blocks not on that day before: added ones first, the rest moved
        fresh: list[tuple[object, int, str]] = []
        left = Counter(on_old)
        for d in new.days:
            for k, b in enumerate(d.blocks):
                if left[(d.day, b.exercise_id)] > 0:
                    left[(d.day, b.exercise_id)] -= 1
                else:
                    fresh.append((d.day, k, b.exercise_id))
        added = ids_new - ids_old
        moved = Counter(i for _d, _k, i in fresh) - added
        out.append(
            WeekChange(
                week=new.week,
                added=_pairs(added, names),
                removed=_pairs(ids_old - ids_new, names),
                moved=_pairs(moved, names),
                load_before=was.load,
                load_after=new.load,
                new_blocks=frozenset((d, k) for d, k, _i in fresh),
                ids_before=frozenset(ids_old),
                ids_after=frozenset(ids_new),
            )
        )
    return tuple(out)


def changes_frame(changes: tuple[WeekChange, ...]):
    """The changes as a pandas DataFrame, a row per week: what went out, what came in,
    what moved to another day (names, "×2" for two blocks) and the load before and after
    [AU]."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "week": c.week,
                "out": ", ".join(_names(c.removed)),
                "in": ", ".join(_names(c.added)),
                "on another day": ", ".join(_names(c.moved)),
                "load before [AU]": c.load_before,
                "load after [AU]": c.load_after,
            }
            for c in changes
        ]
    )


def _pairs(counts: Counter, names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(id, name) per counted block, ids in order."""
    return tuple((i, names[i]) for i in sorted(counts) for _ in range(counts[i]))


def changes_summary(changes: tuple[WeekChange, ...]) -> str:
    """One sentence for the trainer: how many weeks a re-plan changed, and how the first
    changed week changed (what went out and came in, one block more or fewer of what it
    kept, and its load)."""
    changed = [c for c in changes if c.changed]
    if not changed:
        return "Re-planned: no block changed."
    first = changed[0]
    gone = [p for p in first.removed if p[0] not in first.ids_after]
    fewer = [p for p in first.removed if p[0] in first.ids_after]
    came = [p for p in first.added if p[0] not in first.ids_before]
    more = [p for p in first.added if p[0] in first.ids_before]
    parts = []
    if gone:
        parts.append(", ".join(_names(gone)) + " out")
    if came:
        parts.append(", ".join(_names(came)) + " in")
    if more:
        parts.append(", ".join(_names(more, "more")))
    if fewer:
        parts.append(", ".join(_names(fewer, "fewer")))
    if not parts:
        parts.append(", ".join(_names(first.moved)) + " on another day")
    if abs(first.load_after - first.load_before) >= 0.5:
        parts.append(f"load {first.load_before:g} → {first.load_after:g} AU")
    weeks = "1 week" if len(changes) == 1 else f"{len(changed)} of {len(changes)} weeks"
    return f"Re-planned: {weeks} changed; week {first.week}: " + "; ".join(parts) + "."


def _names(pairs, word: str = "") -> list[str]:
    """Names, each once, with how many: "Bridge", "Bridge ×2"; with ``word`` ("more",
    "fewer"): "one more Bridge", "2 more Bridge"."""
    counts = Counter(name for _i, name in pairs)
    if word:
        return [f"{'one' if n == 1 else n} {word} {name}" for name, n in counts.items()]
    return [name if n == 1 else f"{name} ×{n}" for name, n in counts.items()]
