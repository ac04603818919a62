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
"""

from __future__ import annotations

import math
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
    strength_day: dict[Day, pulp.LpVariable] = field(default_factory=dict)
    # week model: sessions of each size pattern (see define_session_pattern_constraints)
    patterns: list[tuple[dict[tuple[float, bool], int], pulp.LpVariable]] = field(
        default_factory=list
    )
    patterns_typed: bool = False  # pattern slots tell strength blocks apart
    patterns_disc: bool = False  # they tell capped disciplines apart (session master)
    # week model: pairs of short strength blocks (see _define_strength_pairs)
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
    """Blocks using a newly returned movement step ≤ the exposure allowance."""
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


def _dff(size: float, capacity: float, k: int) -> float:
    """Fekete-Schepers dual-feasible function u_k: sum of u_k(size/capacity) over the
    items in one bin is at most 1, so over ``T`` bins at most ``T``."""
    x = size / capacity
    if abs((k + 1) * x - round((k + 1) * x)) < 1e-9:
        return x
    return math.floor((k + 1) * x) / k


def define_packing_bounds_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week model only: valid limits on what can be packed into the training days.

    Dual-feasible functions (Fekete & Schepers 2001) of the block lengths, against the
    session length and against each discipline's session cap, bound how many long blocks
    the training days hold; blocks that need supervision fit only in supervised sessions;
    each strength day needs a strength block. These cut off most week plans that cannot
    be packed before the packing check has to.
    """
    if not aggregated:
        return
    w, t, cap = p.week, p.training_days, p.session_minutes
    groups: list[tuple[str, float, list]] = [("session", float(cap), list(v.uses.items()))]
    per_disc: dict[Discipline, list] = defaultdict(list)
    for key, var in v.uses.items():
        per_disc[p.exercises[key[0]].discipline].append((key, var))
    for k, items in per_disc.items():
        if p.session_caps[k] < cap:
            groups.append((k.value, float(p.session_caps[k]), items))
    for label, capacity, items in groups:
        for j in (1, 2, 3):
            terms = [(var, _dff(p.minutes[i], capacity, j)) for (i, _d), var in items]
            terms = [(var, c) for var, c in terms if c > 0]
            if terms and sum(c * var.upBound for var, c in terms) > t + 1e-9:
                _add(
                    m,
                    v,
                    _expr(terms),
                    pulp.LpConstraintLE,
                    t,
                    f"packing__w{w}__{label}_dff{j}",
                    frozenset(),
                )
    sup = [
        (var, p.minutes[i])
        for (i, _d), var in v.uses.items()
        if p.exercises[i].id in p.supervised_only
    ]
    if sup:
        days = len([d for d in p.days if d in p.supervised])
        _add(
            m,
            v,
            _expr(sup),
            pulp.LpConstraintLE,
            min(days, t) * cap,
            f"packing__w{w}__supervised",
            frozenset(),
        )
    if p.strength_days > 0:
        strong = [(var, 1) for (i, _d), var in v.uses.items() if p.is_strength(i)]
        _add(
            m,
            v,
            _expr(strong),
            pulp.LpConstraintGE,
            p.strength_days,
            f"packing__w{w}__strength_blocks",
            frozenset(),
        )
        _define_strength_pairs(m, p, v)


def _define_strength_pairs(m, p: WeekProblem, v: Vars) -> None:
    """Strength days need enough strength minutes each: a block at least that long makes
    one alone; shorter ones only in pairs of different exercises (at most once a day).
    So strength days ≤ long blocks + pairs, and pairs ≤ half the short blocks and ≤ the
    short blocks of all other exercises than any one (a matching of distinct pairs)."""
    w, minimum = p.week, p.params.strength_day_min_minutes
    long_, short = [], []
    for (i, _d), var in v.uses.items():
        if p.is_strength(i):
            (long_ if p.minutes[i] >= minimum - 1e-9 else short).append((i, var))
    if not short:
        return
    pairs = pulp.LpVariable(f"strength_pairs__w{w}", 0)
    v.strength_pairs = pairs
    total = _expr((var, 1) for _i, var in short)
    name = f"packing__w{w}__strength_pairs"
    _add(m, v, 2 * pairs - total, pulp.LpConstraintLE, 0, f"{name}_half", frozenset())
    for i, var in short:
        row = pairs - total + var
        _add(m, v, row, pulp.LpConstraintLE, 0, f"{name}_{p.exercises[i].id}", frozenset())
    days = _expr([(var, 1) for _i, var in long_] + [(pairs, 1)])
    _add(m, v, days, pulp.LpConstraintGE, p.strength_days, f"{name}_days", frozenset())


#: Most session patterns enumerated; beyond this the DFF rows alone bound the packing.
MAX_PATTERNS = 400
#: Most patterns with strength slots (they see strength days, but multiply the patterns:
#: 270 against 72 for the desk worker, whose master then slowed down); beyond, plain
#: lengths.
TYPED_PATTERNS = 120


def slot(p: WeekProblem, i: int, typed: bool = True, disc: bool = False) -> tuple:
    """What a session pattern sees of exercise ``i``: its length, (``typed``) whether it
    counts towards a strength day, when the week needs strength days, and (``disc``) its
    discipline when that discipline's session cap is below the session length ("" else)."""
    strength = bool(typed and p.strength_days > 0 and p.is_strength(i))
    if disc:
        k = p.exercises[i].discipline
        capped = p.session_caps[k] < p.session_minutes
        return float(p.minutes[i]), strength, k.value if capped else ""
    return float(p.minutes[i]), strength


def session_patterns(
    p: WeekProblem, indices, typed: bool = True, disc: bool = False
) -> list[dict[tuple, int]]:
    """Maximal sessions by slot (:func:`slot`): slot → blocks.

    A session holds at most ``cap`` minutes and, of each slot, at most as many blocks as
    there are distinct exercises of that slot that fit together under their disciplines'
    session caps (an exercise at most once a day); with ``disc``, the slots of one
    capped discipline together keep its cap. Every session a week plan can have is
    contained in one of these, which is what makes the pattern rows valid. Returns []
    when there are more than ``MAX_PATTERNS``.
    """
    cap = float(p.session_minutes)
    per: dict[tuple, dict[Discipline, int]] = defaultdict(lambda: defaultdict(int))
    for i in indices:
        per[slot(p, i, typed, disc)][p.exercises[i].discipline] += 1
    limit = {
        key: sum(min(n, int(math.floor(p.session_caps[k] / key[0] + 1e-9))) for k, n in by.items())
        for key, by in per.items()
    }
    keys = sorted((key for key in limit if limit[key] > 0), reverse=True)
    found: list[dict[tuple, int]] = []
    counts: dict[tuple, int] = {}

    def left(key) -> float:
        # minutes the session still has for the key's capped discipline (disc slots)
        if len(key) < 3 or not key[2]:
            return math.inf
        spent = sum(k[0] * n for k, n in counts.items() if k[2:] == key[2:])
        return float(p.session_caps[Discipline(key[2])]) - spent

    def grow(k: int, room: float) -> bool:
        if len(found) > MAX_PATTERNS:
            return False
        if k == len(keys):
            # maximal: no slot can take one more block
            if all(
                counts.get(key, 0) >= limit[key] or key[0] > min(room, left(key)) + 1e-9
                for key in keys
            ):
                found.append({key: n for key, n in counts.items() if n})
            return True
        key = keys[k]
        most = min(limit[key], int(math.floor(min(room, left(key)) / key[0] + 1e-9)))
        for n in range(max(most, 0), -1, -1):
            counts[key] = n
            if not grow(k + 1, room - n * key[0]):
                return False
        counts[key] = 0
        return True

    if not grow(0, cap):
        return []
    return found


def define_session_pattern_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week model only: the week's blocks as whole sessions (Gilmore-Gomory style).

    ``y_q`` counts the sessions of each maximal pattern ``q`` (blocks per slot: length,
    and strength or not, from :func:`session_patterns`): at most the training days; the
    blocks of each slot at most the pattern slots; an exercise done ``n`` times needs
    ``n`` sessions with a slot for it (at most once a day); and, when strength days are
    required, that many sessions whose pattern has enough strength minutes. This makes
    the week model see most of the packing — e.g. an exercise done every day takes its
    minutes from every session — so its plans pack far more often and its bound is
    closer to the packed optimum. Rows are named ``packing__…`` (machinery, not a
    trainer's rule).
    """
    if not aggregated or not v.uses:
        return
    w, t = p.week, p.training_days
    indices = [i for i, _d in v.uses]
    # The session master's slots tell capped disciplines apart, while the patterns stay
    # few; else strength slots only while the patterns stay few (they multiply with the
    # slots); else lengths alone.
    patterns = session_patterns(p, indices, typed=False, disc=True) if v.patterns_disc else []
    v.patterns_disc = bool(patterns)
    if not patterns:
        patterns = session_patterns(p, indices, typed=True) if p.strength_days > 0 else []
        v.patterns_typed = 0 < len(patterns) <= TYPED_PATTERNS
        if not v.patterns_typed:
            patterns = session_patterns(p, indices, typed=False)
    if not patterns:
        return
    by_slot: dict[tuple, list] = defaultdict(list)
    for (i, _d), var in v.uses.items():
        by_slot[slot(p, i, v.patterns_typed, v.patterns_disc)].append((i, var))
    for q, pattern in enumerate(patterns):
        y = pulp.LpVariable(f"sessions__w{w}__q{q}", 0, t, pulp.LpContinuous)
        v.patterns.append((pattern, y))
    _add(
        m,
        v,
        _expr((y, 1) for _q, y in v.patterns),
        pulp.LpConstraintLE,
        t,
        f"packing__w{w}__sessions",
        frozenset(),
    )
    for key, items in by_slot.items():
        label = f"{key[0]:g}{'s' if key[1] else ''}{key[2] if len(key) > 2 else ''}"
        slots = [(y, -q.get(key, 0)) for q, y in v.patterns]
        _add(
            m,
            v,
            _expr([(var, 1) for _i, var in items] + slots),
            pulp.LpConstraintLE,
            0,
            f"packing__w{w}__slots_{label}",
            frozenset(),
        )
        holding = [(y, -1) for q, y in v.patterns if q.get(key, 0) > 0]
        for i, var in items:
            if var.upBound > 1:
                _add(
                    m,
                    v,
                    _expr([(var, 1)] + holding),
                    pulp.LpConstraintLE,
                    0,
                    f"packing__w{w}__daily_{p.exercises[i].id}",
                    frozenset(),
                )
    if v.patterns_typed:
        minimum = p.params.strength_day_min_minutes
        strong = [
            (y, 1)
            for q, y in v.patterns
            if sum(key[0] * n for key, n in q.items() if key[1]) >= minimum - 1e-9
        ]
        _add(
            m,
            v,
            _expr(strong),
            pulp.LpConstraintGE,
            p.strength_days,
            f"packing__w{w}__strength_sessions",
            frozenset(),
        )


def strength_pairs_value(p: WeekProblem, counts: dict[int, int]) -> float:
    """The most pairs of different short strength blocks in ``counts`` (warm starts)."""
    minimum = p.params.strength_day_min_minutes
    short = [n for i, n in counts.items() if p.is_strength(i) and p.minutes[i] < minimum - 1e-9]
    total = sum(short)
    return float(min(total // 2, total - max(short, default=0)))


def pattern_values(p: WeekProblem, v: Vars, sessions: list[list[int]]) -> dict:
    """Values of the pattern variables for a packed week (``sessions``: exercise indices
    per session), for a warm start; {} when a session fits no pattern."""
    values = {y: 0.0 for _q, y in v.patterns}
    for session in sessions:
        need: dict[tuple, int] = defaultdict(int)
        for i in session:
            need[slot(p, i, v.patterns_typed, v.patterns_disc)] += 1
        for q, y in v.patterns:
            if all(q.get(m, 0) >= n for m, n in need.items()):
                values[y] += 1.0
                break
        else:
            return {}
    return values


def session_types(p: WeekProblem) -> list[bool]:
    """Whether each of the week's sessions is supervised: supervised ones first, as the
    packing check (:func:`~workbench.optimize.packing.pack`) fills them."""
    supervised = sum(1 for d in p.days if d in p.supervised)
    return [s < supervised for s in range(p.training_days)]


def sessions_apply(p: WeekProblem) -> bool:
    """Whether the session master is exact for packing: the sessions differ only in
    supervision (no block is pinned to a day)."""
    return p.training_days > 0 and not any(pin.day is not None for pin in p.pins)


def define_session_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week master only: every use in one of the week's sessions (the session master).

    ``x[i, s]`` puts one block of exercise ``i`` in session ``s`` (so at most once a
    day); each session keeps the session length, each discipline's session cap and,
    for blocks that need one, a trainer; ``z[s]`` marks a session with enough strength
    minutes for a strength day, and there are as many as the week needs. These are the
    packing check's rules (:mod:`workbench.optimize.packing`), so the master's plans
    pack: on weeks with few training days, cuts one plan at a time could take the
    week's whole budget (a synthetic client with 2 days: 10 plans that did not pack in
    0.8 s). Sessions of one kind are interchangeable: they come longest first. Which
    days the sessions go on (strength days apart, pins) is still decided afterwards.
    Rows are named ``packing__…`` (machinery, not a trainer's rule).
    """
    if not aggregated or not v.uses:
        return
    w, cap = p.week, float(p.session_minutes)
    kinds = session_types(p)
    minimum = p.params.strength_day_min_minutes
    for (i, _d), var in v.uses.items():
        ex = p.exercises[i]
        xs = []
        for s, supervised in enumerate(kinds):
            if supervised or ex.id not in p.supervised_only:
                x = pulp.LpVariable(f"session__w{w}__{ex.id}__s{s}", 0, 1, pulp.LpBinary)
                v.sessions[(i, s)] = x
                xs.append((x, 1))
        _add(
            m,
            v,
            _expr(xs + [(var, -1)]),
            pulp.LpConstraintEQ,
            0,
            f"packing__w{w}__sessions_of_{ex.id}",
            frozenset(),
        )
    per_session: dict[int, list] = defaultdict(list)
    for (i, s), x in v.sessions.items():
        per_session[s].append((i, x))
    minutes = {}
    for s in range(len(kinds)):
        items = per_session[s]
        minutes[s] = _expr((x, p.minutes[i]) for i, x in items)
        if sum(p.minutes[i] for i, _x in items) > cap + 1e-9:
            _add(
                m,
                v,
                minutes[s],
                pulp.LpConstraintLE,
                cap,
                f"packing__w{w}__s{s}_minutes",
                frozenset(),
            )
        by_disc: dict[Discipline, list] = defaultdict(list)
        for i, x in items:
            by_disc[p.exercises[i].discipline].append((x, p.minutes[i]))
        for k, terms in by_disc.items():
            if sum(c for _x, c in terms) > p.session_caps[k] + 1e-9:
                _add(
                    m,
                    v,
                    _expr(terms),
                    pulp.LpConstraintLE,
                    float(p.session_caps[k]),
                    f"packing__w{w}__s{s}_{k.value}",
                    frozenset(),
                )
        if p.strength_days > 0:
            z = pulp.LpVariable(f"strength_session__w{w}__s{s}", 0, 1, pulp.LpBinary)
            v.session_strength[s] = z
            strong = [(x, p.minutes[i]) for i, x in items if p.is_strength(i)]
            _add(
                m,
                v,
                _expr(strong + [(z, -minimum)]),
                pulp.LpConstraintGE,
                0,
                f"packing__w{w}__s{s}_strength",
                frozenset(),
            )
    if p.strength_days > 0:
        _add(
            m,
            v,
            _expr((z, 1) for z in v.session_strength.values()),
            pulp.LpConstraintGE,
            p.strength_days,
            f"packing__w{w}__strength_session_count",
            frozenset(),
        )
    for s in range(len(kinds) - 1):
        if kinds[s] == kinds[s + 1]:
            _add(
                m,
                v,
                minutes[s] - minutes[s + 1],
                pulp.LpConstraintGE,
                0,
                f"packing__w{w}__s{s}_longest_first",
                frozenset(),
            )


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
