"""Constraint families: one function each, named in the domain's words.

Every constraint carries a structured name ``<family>__w<week>[__<detail>]`` so a
diagnosis or an explanation speaks in the domain's words without a lookup table
(architecture.md, habit 2). Each function reads its data from the
:class:`~workbench.optimize.problem.WeekProblem`, returns early when it has nothing to
add, and works on both forms of the model:

* the **day model** (integer): ``uses[i, day]`` binary, exercise ``i`` on ``day``;
* the **week model** (the LP relaxation used to pick candidates and to prove a bound):
  ``uses[i, WEEK]`` continuous, how often exercise ``i`` is done in the week. Per-day
  rules appear there in their aggregated (relaxed) form, so its optimum bounds the day
  model's from above.

The week model's packing rows live beside this module: whole sessions and their
patterns in :mod:`workbench.optimize.sessions`, the dual-feasible bounds and the strength
pairs in :mod:`workbench.optimize.packing_rows`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pulp

from workbench.domain import Day, Discipline, Goal
from workbench.optimize.problem import WeekProblem

WEEK = "week"  # the single pseudo-day of the week model


#: Family → plain words, used by explanations and the diagnosis.
FAMILIES = {
    "session_minutes": "the minutes in one session",
    "training_days": "the number of training days",
    "weekly_load_ceiling": "the weekly load ceiling",
    "load_progression": "the rise over last week's load",
    "acute_chronic": "the acute:chronic load guard",
    "goal_minutes": "the weekly goal minutes",
    "strength_days": "strength on non-consecutive days",
    "strength_day_minutes": "the strength minutes that make a strength day",
    "strength_rest": "a rest day between strength days",
    "discipline_used": "a discipline counts as used only with a block in it",
    "variety_disciplines": "at least two disciplines a week",
    "discipline_share": "no discipline above its share of the week's load",
    "exercise_uses": "how often one exercise is repeated",
    "session_spike": "the longest session in a discipline",
    "graded_exposure": "one step of a feared movement at a time",
    "pin": "the trainer's pins",
    "packing": "fitting the week's blocks into its sessions",
    "count": "the uses the week plan chose",
}


@dataclass
class Vars:
    """The model's variables, keyed by index."""

    uses: dict[tuple[int, object], pulp.LpVariable] = field(default_factory=dict)
    train: dict[Day, pulp.LpVariable] = field(default_factory=dict)
    shortfall: dict[Goal, pulp.LpVariable] = field(default_factory=dict)
    used_discipline: dict[Discipline, pulp.LpVariable] = field(default_factory=dict)
    # a current activity kept: a block of its discipline no longer than its sessions
    kept: dict[Discipline, pulp.LpVariable] = field(default_factory=dict)
    strength_day: dict[Day, pulp.LpVariable] = field(default_factory=dict)
    # week model: sessions of each size pattern (see sessions.define_session_pattern_constraints)
    patterns: list[tuple[dict[tuple[float, bool], int], pulp.LpVariable]] = field(
        default_factory=list
    )
    patterns_typed: bool = False  # pattern slots tell strength blocks apart
    patterns_disc: bool = False  # they tell capped disciplines apart (session master)
    # week model: pairs of short strength blocks (see packing_rows._define_strength_pairs)
    strength_pairs: pulp.LpVariable | None = None
    # session master: (exercise index, session) → in that session; session → strength day
    sessions: dict[tuple[int, int], pulp.LpVariable] = field(default_factory=dict)
    session_strength: dict[int, pulp.LpVariable] = field(default_factory=dict)
    # week master: each packing cut's flag and its value for a plan (uses per exercise),
    # so that a warm start keeps the cuts
    cut_flags: list[tuple[pulp.LpVariable, object]] = field(default_factory=list)
    # elastic (diagnosis) variables: constraint name → variable
    elastic: dict[str, pulp.LpVariable] = field(default_factory=dict)

    def by_exercise(self) -> dict[int, list[pulp.LpVariable]]:
        """Exercise index → its use variables."""
        out: dict[int, list[pulp.LpVariable]] = defaultdict(list)
        for (i, _d), v in self.uses.items():
            out[i].append(v)
        return out


def _expr(terms) -> pulp.LpAffineExpression:
    return pulp.LpAffineExpression([(v, c) for v, c in terms if c != 0])


def _add(
    m: pulp.LpProblem, v: Vars, expr, sense: int, rhs: float, name: str, elastic: frozenset[str]
) -> None:
    """Add ``expr (sense) rhs`` named ``name``; elastic when its family is listed.

    An elastic constraint gets a non-negative variable that relaxes it; the diagnosis
    minimises the relaxation (see :mod:`workbench.optimize.diagnose`).
    """
    family = name.split("__", 1)[0]
    if family in elastic:
        e = pulp.LpVariable(f"relax__{name}", lowBound=0)
        v.elastic[name] = e
        expr = expr + (-e if sense == pulp.LpConstraintLE else e)
    m.addConstraint(pulp.LpConstraint(expr, sense, name, rhs))


def _load_expr(p: WeekProblem, v: Vars) -> pulp.LpAffineExpression:
    return _expr((var, p.load[i]) for (i, _d), var in v.uses.items())


def _days(p: WeekProblem, aggregated: bool):
    return [WEEK] if aggregated else p.days


def define_session_minutes_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Minutes on a training day ≤ the session length; nothing on a rest day."""
    w = p.week
    if aggregated:
        total = _expr((var, p.minutes[i]) for (i, _d), var in v.uses.items())
        _add(
            m,
            v,
            total,
            pulp.LpConstraintLE,
            p.session_minutes * p.training_days,
            f"session_minutes__w{w}",
            elastic,
        )
        return
    per_day: dict[Day, list] = defaultdict(list)
    for (i, d), var in v.uses.items():
        per_day[d].append((var, p.minutes[i]))
    for d in p.days:
        expr = _expr(per_day[d]) - p.session_minutes * v.train[d]
        _add(m, v, expr, pulp.LpConstraintLE, 0, f"session_minutes__w{w}__{d.value}", elastic)


def define_training_days_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Training days ≤ the client's maximum (day model only)."""
    if aggregated or not v.train:
        return
    _add(
        m,
        v,
        _expr((t, 1) for t in v.train.values()),
        pulp.LpConstraintLE,
        p.training_days,
        f"training_days__w{p.week}",
        elastic,
    )


def load_rows(p: WeekProblem) -> dict[str, float]:
    """The load rules that get a row in week ``p``'s model, and their caps [AU]: the
    ceiling always; the weekly rise when below it; the acute:chronic guard when below
    both."""
    rows = {"weekly_load_ceiling": p.ceiling}
    if p.progression_cap is not None and p.progression_cap < p.ceiling:
        rows["load_progression"] = p.progression_cap
    if p.acwr_cap is not None and p.acwr_cap < min(rows.values()):
        rows["acute_chronic"] = p.acwr_cap
    return rows


def _load_cap_row(family: str, m, p: WeekProblem, v: Vars, elastic) -> None:
    """Week load ≤ the family's cap [AU], when the family has a row this week."""
    cap = load_rows(p).get(family)
    if cap is None:
        return
    _add(m, v, _load_expr(p, v), pulp.LpConstraintLE, cap, f"{family}__w{p.week}", elastic)


def define_weekly_load_ceiling_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week load ≤ the week's ceiling [AU] (domain.md §4)."""
    _load_cap_row("weekly_load_ceiling", m, p, v, elastic)


def define_load_progression_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week load ≤ (1 + weekly rise) × last week's planned load [AU]."""
    _load_cap_row("load_progression", m, p, v, elastic)


def define_acute_chronic_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week load below the acute:chronic block ratio × chronic load [AU]."""
    _load_cap_row("acute_chronic", m, p, v, elastic)


def define_goal_minutes_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Credited minutes + shortfall ≥ the goal's weekly minutes, per goal.

    Soft by default: the named shortfall variable explains what is missing. With
    ``hard_goals`` the shortfall is fixed at zero.
    """
    goals = list(Goal)
    for g, target in p.targets.items():
        gi = goals.index(g)
        expr = _expr((var, p.credit[i, gi]) for (i, _d), var in v.uses.items())
        expr = expr + v.shortfall[g]
        _add(
            m, v, expr, pulp.LpConstraintGE, target, f"goal_minutes__w{p.week}__{g.value}", elastic
        )


def define_strength_days_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Strength on at least N non-consecutive days (WHO 2020; ACSM)."""
    n = p.strength_days
    if n <= 0:
        return
    w = p.week
    minimum = p.params.strength_day_min_minutes
    strong = [(i, d, var) for (i, d), var in v.uses.items() if p.is_strength(i)]
    if aggregated:
        expr = _expr((var, p.minutes[i]) for i, _d, var in strong)
        _add(m, v, expr, pulp.LpConstraintGE, n * minimum, f"strength_days__w{w}", elastic)
        return
    per_day: dict[Day, list] = defaultdict(list)
    for i, d, var in strong:
        per_day[d].append((var, p.minutes[i]))
    for d in p.days:
        expr = _expr(per_day[d]) - minimum * v.strength_day[d]
        _add(m, v, expr, pulp.LpConstraintGE, 0, f"strength_day_minutes__w{w}__{d.value}", elastic)
    _add(
        m,
        v,
        _expr((s, 1) for s in v.strength_day.values()),
        pulp.LpConstraintGE,
        n,
        f"strength_days__w{w}",
        elastic,
    )
    for a, b in zip(p.days, p.days[1:], strict=False):
        if b.index - a.index == 1:
            _add(
                m,
                v,
                v.strength_day[a] + v.strength_day[b],
                pulp.LpConstraintLE,
                1,
                f"strength_rest__w{w}__{a.value}_{b.value}",
                elastic,
            )


def define_variety_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """At least N disciplines a week; none above its share of the week's load."""
    w = p.week
    per_disc: dict[Discipline, list] = defaultdict(list)
    for (i, _d), var in v.uses.items():
        per_disc[p.exercises[i].discipline].append((i, var))
    for k, used in v.used_discipline.items():
        expr = _expr((var, 1) for _i, var in per_disc[k]) - used
        _add(m, v, expr, pulp.LpConstraintGE, 0, f"discipline_used__w{w}__{k.value}", frozenset())
    need = int(p.params.min_disciplines_per_week)
    if need >= 1:  # also at 1: an empty week is not a plan
        _add(
            m,
            v,
            _expr((u, 1) for u in v.used_discipline.values()),
            pulp.LpConstraintGE,
            need,
            f"variety_disciplines__w{w}",
            elastic,
        )
    share = p.params.max_discipline_share
    if share < 1.0:
        total = _load_expr(p, v)
        for k, items in per_disc.items():
            expr = _expr((var, p.load[i]) for i, var in items) - share * total
            _add(m, v, expr, pulp.LpConstraintLE, 0, f"discipline_share__w{w}__{k.value}", elastic)


def define_exercise_uses_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """An exercise at most N times a week (variety, H)."""
    if aggregated:
        return  # carried by the variables' upper bounds
    cap = int(p.params.max_uses_per_exercise)
    for i, vars_ in v.by_exercise().items():
        if len(vars_) > cap:
            _add(
                m,
                v,
                _expr((x, 1) for x in vars_),
                pulp.LpConstraintLE,
                cap,
                f"exercise_uses__w{p.week}__{p.exercises[i].id}",
                elastic,
            )


def define_session_spike_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Minutes of one discipline in one session ≤ its session cap (Frandsen 2025)."""
    w = p.week
    groups: dict[tuple[object, Discipline], list] = defaultdict(list)
    for (i, d), var in v.uses.items():
        groups[(d, p.exercises[i].discipline)].append((var, p.minutes[i]))
    for (d, k), terms in groups.items():
        cap = p.session_caps[k] * (p.training_days if aggregated else 1)
        if sum(c * var.upBound for var, c in terms) <= cap:
            continue  # can never bind
        day = "week" if aggregated else d.value
        _add(
            m,
            v,
            _expr(terms),
            pulp.LpConstraintLE,
            cap,
            f"session_spike__w{w}__{day}__{k.value}",
            elastic,
        )


def define_graded_exposure_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Blocks taking a feared movement above the starting tolerance ≤ the exposure allowance."""
    if not p.exposure_ids:
        return
    terms = [(var, 1) for (i, _d), var in v.uses.items() if p.exercises[i].id in p.exposure_ids]
    if terms:
        _add(
            m,
            v,
            _expr(terms),
            pulp.LpConstraintLE,
            p.exposure_max_blocks,
            f"graded_exposure__w{p.week}",
            elastic,
        )


def define_pin_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """The trainer's pins: the exercise is in the week (on the day, when given).

    Pins of one exercise make one row in the week model (as many uses as days pinned, at
    least one), and one row per pinned day in the day model (plus one for "any day" when
    no day is pinned).
    """
    index = {e.id: i for i, e in enumerate(p.exercises)}
    for exercise_id, days in pinned_days(p.pins).items():
        i = index.get(exercise_id, -1)  # -1: excluded this week, so the pin cannot hold
        rows: list[tuple[list, int, str]] = []
        if aggregated or not days:
            terms = [(var, 1) for (j, _d), var in v.uses.items() if j == i]
            rows.append((terms, max(1, len(days)), "any"))
        else:
            for d in days:
                var = v.uses.get((i, d))
                rows.append(([] if var is None else [(var, 1)], 1, d.value))
        for terms, need, day in rows:
            _add(
                m,
                v,
                _expr(terms),
                pulp.LpConstraintGE,
                need,
                f"pin__w{p.week}__{exercise_id}__{day}",
                elastic,
            )


def pinned_days(pins) -> dict[str, list[Day]]:
    """Exercise id → the distinct days it is pinned to (empty: any day), pins in order."""
    out: dict[str, list[Day]] = {}
    for pin in pins:
        days = out.setdefault(pin.exercise_id, [])
        if pin.day is not None and pin.day not in days:
            days.append(pin.day)
    return {e: sorted(days, key=lambda d: d.index) for e, days in out.items()}


def define_count_constraints(m, p: WeekProblem, v: Vars, counts: dict[int, int]):
    """Day model as a packing check: each exercise's uses fixed to the week plan's."""
    for i, vars_ in v.by_exercise().items():
        _add(
            m,
            v,
            _expr((x, 1) for x in vars_),
            pulp.LpConstraintEQ,
            counts.get(i, 0),
            f"count__w{p.week}__{p.exercises[i].id}",
            frozenset(),
        )
