"""Build one week's model: reads like a table of contents.

Only allowed exercises get variables (the rules already removed the rest, with their
reasons). Two forms share the constraint families (see
:mod:`workbench.optimize.constraints`): the integer day model, and the week model, its
LP relaxation, which picks candidates and proves a bound.
"""

from __future__ import annotations

import pulp

from workbench.domain import Goal
from workbench.optimize import constraints as c
from workbench.optimize.packing_rows import define_packing_bounds_constraints, define_reachable_rows
from workbench.optimize.problem import WeekProblem
from workbench.optimize.sessions import (
    define_session_constraints,
    define_session_pattern_constraints,
)

FAMILY_BUILDERS = (
    c.define_session_minutes_constraints,
    c.define_training_days_constraints,
    c.define_weekly_load_ceiling_constraints,
    c.define_load_progression_constraints,
    c.define_acute_chronic_constraints,
    c.define_goal_minutes_constraints,
    c.define_strength_days_constraints,
    c.define_variety_constraints,
    c.define_exercise_uses_constraints,
    c.define_session_spike_constraints,
    c.define_graded_exposure_constraints,
    c.define_pin_constraints,
    define_packing_bounds_constraints,
)


def build_model(
    p: WeekProblem,
    *,
    aggregated: bool = False,
    integer: bool = False,
    elastic: frozenset[str] = frozenset(),
    counts: dict[int, int] | None = None,
    patterns: bool = False,
    sessions: bool = False,
    disc: bool = False,
    reach: frozenset[str] = frozenset(),
) -> tuple[pulp.LpProblem, c.Vars]:
    """The model of week ``p.week``.

    Parameters
    ----------
    p : WeekProblem
    aggregated : bool
        Build the week model (uses per week) instead of the day model (uses per day).
    integer : bool
        With ``aggregated``: integer uses (the master problem); else its LP relaxation.
    elastic : frozenset of str
        Constraint families to make elastic (diagnosis); the objective then minimises
        their relaxation instead.
    counts : dict, optional
        Day model only: exercise index → uses fixed by the master problem (packing).
    patterns : bool
        Week model only: add the session-pattern rows
        (:func:`~workbench.optimize.sessions.define_session_pattern_constraints`).
    sessions : bool
        Week master only: put every use in a session
        (:func:`~workbench.optimize.sessions.define_session_constraints`).
    reach : frozenset of str
        Week master only: the groups (``session`` or a discipline) whose reach rows it
        gets (:func:`~workbench.optimize.packing_rows.define_reachable_rows`); the LP
        has them all.
    """
    m = pulp.LpProblem(f"week_{p.week}", pulp.LpMinimize if elastic else pulp.LpMaximize)
    v = define_variables(p, aggregated, integer)
    for define in FAMILY_BUILDERS:
        define(m, p, v, aggregated, elastic)
    if patterns:
        v.patterns_disc = disc
        define_session_pattern_constraints(m, p, v, aggregated, elastic)
    if sessions:
        define_session_constraints(m, p, v, aggregated, elastic)
    if reach and aggregated and integer:
        define_reachable_rows(m, p, v, reach)
    define_kept_activity_rows(m, p, v)
    if counts is not None:
        c.define_count_constraints(m, p, v, counts)
    if elastic:
        m.setObjective(elastic_objective(p, v))
    else:
        m.setObjective(objective(p, v, aggregated))
    return m, v


def define_variables(p: WeekProblem, aggregated: bool, integer: bool = False) -> c.Vars:
    """Uses per (exercise, day) — or per exercise in the week model — and helpers.

    An exercise gets no variable when one block is longer than the session or than the
    longest session allowed in its discipline this week.
    """
    v = c.Vars()
    if aggregated:
        cat = pulp.LpInteger if integer else pulp.LpContinuous
    else:
        cat = pulp.LpBinary
    for i, ex in enumerate(p.exercises):
        if not p.fits(i):
            continue
        if aggregated:
            ub = p.max_uses(i)
            if ub > 0:
                v.uses[(i, c.WEEK)] = pulp.LpVariable(f"uses__{ex.id}", 0, ub, cat)
        else:
            for d in p.allowed_days(i):
                v.uses[(i, d)] = pulp.LpVariable(f"use__{ex.id}__{d.value}", 0, 1, cat)
    if not aggregated:
        v.train = {d: pulp.LpVariable(f"train__{d.value}", 0, 1, pulp.LpBinary) for d in p.days}
        if p.strength_days > 0:
            v.strength_day = {
                d: pulp.LpVariable(f"strength_day__{d.value}", 0, 1, pulp.LpBinary) for d in p.days
            }
    for g, target in p.targets.items():
        v.shortfall[g] = pulp.LpVariable(f"shortfall__{g.value}", 0, 0 if p.hard_goals else target)
    for k in sorted({e.discipline for e in p.exercises}):
        v.used_discipline[k] = pulp.LpVariable(
            f"used__{k.value}",
            0,
            1,
            pulp.LpContinuous if cat == pulp.LpContinuous else pulp.LpBinary,
        )
    kept = {p.keeps(i) for (i, _d) in v.uses} - {None}
    for k in sorted(kept):
        v.kept[k] = pulp.LpVariable(
            f"kept__{k.value}",
            0,
            1,
            pulp.LpContinuous if cat == pulp.LpContinuous else pulp.LpBinary,
        )
    return v


def define_kept_activity_rows(m: pulp.LpProblem, p: WeekProblem, v: c.Vars) -> None:
    """A current activity counts as kept only when the week has a block of it no longer
    than one of its current sessions (the objective's ``current_activity_points``).

    Not a rule (nothing is required): the rows only tie the objective's term to the uses.
    """
    for k, kept in v.kept.items():
        uses = [(var, 1) for (i, _d), var in v.uses.items() if p.keeps(i) == k]
        m.addConstraint(
            pulp.LpConstraint(
                pulp.LpAffineExpression(uses) - kept,
                pulp.LpConstraintGE,
                f"kept_activity__w{p.week}__{k.value}",
                0,
            )
        )


def objective(p: WeekProblem, v: c.Vars, aggregated: bool) -> pulp.LpAffineExpression:
    """Goal coverage first, then what the client does and likes, variety, a lighter load.

    ``coverage_points`` per goal fully met (the constant), less the shortfall's share;
    ``current_activity_points`` for each current activity the week keeps (a block of its
    discipline no longer than its sessions), so cheaper minutes towards other goals do
    not push out what the client already does; ``liked_discipline_points`` for each
    liked discipline used; small terms reward liked minutes and each discipline used, and
    charge disliked minutes and load, so ties go to the gentler, more varied,
    better-liked week. The weights are rules of the defaults table (``*_points``).
    """
    w = p.params
    session_total = max(1.0, float(p.session_minutes * p.training_days))
    terms = []
    for g, s in v.shortfall.items():
        terms.append((s, -w.coverage_points / p.targets[g]))
    liked = {i for i, ex in enumerate(p.exercises) if ex.is_among(p.liked)}
    disliked = {i for i, ex in enumerate(p.exercises) if ex.is_among(p.disliked)}
    for (i, _d), var in v.uses.items():
        coef = -w.load_points * p.load[i] / max(p.load_cap, 1.0)
        if i in liked:
            coef += w.liked_points * p.minutes[i] / session_total
        if i in disliked:
            coef -= w.disliked_points * p.minutes[i] / session_total
        terms.append((var, coef))
    terms += [(u, discipline_points(p, k)) for k, u in v.used_discipline.items()]
    terms += [(kept, w.current_activity_points) for kept in v.kept.values()]
    return pulp.LpAffineExpression(terms, constant=p.objective_base())


def discipline_points(p: WeekProblem, k) -> float:
    """What using discipline ``k`` in the week scores: ``variety_points``, and
    ``liked_discipline_points`` more when the client likes it [points]."""
    w = p.params
    return w.variety_points + (w.liked_discipline_points if k in p.liked else 0.0)


def elastic_objective(p: WeekProblem, v: c.Vars) -> pulp.LpAffineExpression:
    """Sum of relaxations, each scaled to a share of its right-hand side."""
    terms = []
    for name, e in v.elastic.items():
        family = name.split("__", 1)[0]
        terms.append((e, _elastic_weight(p, family, name)))
    return pulp.LpAffineExpression(terms)


def _elastic_weight(p: WeekProblem, family: str, name: str) -> float:
    # A relaxation is charged per unit of its own scale, so 10% of a ceiling costs about
    # the same as 10% of a goal: the diagnosis then prefers small relative changes.
    if family in ("weekly_load_ceiling", "load_progression", "acute_chronic"):
        return 100.0 / max(p.ceiling, 1.0)
    if family == "goal_minutes":
        g = Goal(name.rsplit("__", 1)[1])
        return 100.0 / max(p.targets.get(g, 1.0), 1.0)
    if family == "session_minutes":
        return 100.0 / max(p.session_minutes, 1)
    return 100.0
