"""Why each block was chosen, why each exercise was left out, what binds, what +10% buys.

Plain words for the trainer, computed from the plan and the rules' output.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import mean, pstdev

from workbench.defaults import Params
from workbench.domain import Client, Dimension, Exercise, Goal
from workbench.optimize.constraints import FAMILIES
from workbench.optimize.problem import WeekProblem
from workbench.rules.contraindications import FAMILIES as EXCLUSION_FAMILIES
from workbench.rules.contraindications import Eligibility

LOAD_FAMILIES = ("weekly_load_ceiling", "load_progression", "acute_chronic")


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


def week_binding(sol) -> list[str]:
    """Constraint families that bind this week: loosening them would raise what the week
    can score (a shadow price in the week's LP relaxation)."""
    fams = []
    for name, tight in sol.tight.items():
        fam = name.split("__", 1)[0]
        if tight and fam not in fams and fam in FAMILIES:
            fams.append(fam)
    return fams


def week_warnings(wp, sol, params: Params) -> list[str]:
    """Soft guardrails: goal shortfall, monotony (Foster 1998), acute:chronic (Gabbett 2016)."""
    out = []
    for g, short in sol.shortfall.items():
        if short > 0.5:
            got = wp.minutes_by_goal.get(g, 0.0)
            out.append(f"{g.label}: {got:.0f} of {wp.goal_targets[g]:.0f} min this week")
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


def ceiling_plus_10(sol, settings) -> str:
    """What raising this week's load ceiling by 10% would buy, by a re-solve of the week."""
    from workbench.optimize.week import solve_week

    p = sol.problem
    w = p.week
    load_tight = [f for f in week_binding(sol) if f in LOAD_FAMILIES]
    if not load_tight:
        what = ", ".join(FAMILIES[f] for f in week_binding(sol)) or "nothing"
        return f"week {w}: a higher ceiling would change nothing; what limits the week: {what}"
    up = replace(
        p,
        ceiling=p.ceiling * 1.1,
        progression_cap=None if p.progression_cap is None else p.progression_cap * 1.1,
        acwr_cap=None if p.acwr_cap is None else p.acwr_cap * 1.1,
    )
    more = solve_week(up, settings, frozenset(ex.id for ex, _d in sol.uses))
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
