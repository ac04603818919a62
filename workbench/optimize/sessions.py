"""Whole sessions in the week model: the session patterns and the session master's rows.

A session pattern is one day's blocks as a whole (minutes per discipline, strength);
when plans keep failing to pack, the master places every block in a session itself, so
a plan it proposes is packed by construction.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

import pulp

from workbench.domain import Discipline
from workbench.optimize.constraints import Vars, _add, _expr
from workbench.optimize.problem import WeekProblem

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
    keys = tuple(sorted(((key, limit[key]) for key in limit if limit[key] > 0), reverse=True))
    caps = tuple(
        sorted(
            {
                key[2]: float(p.session_caps[Discipline(key[2])])
                for key, _ in keys
                if key[2:3] and key[2]
            }.items()
        )
    )
    found = _maximal_sessions(cap, keys, caps, MAX_PATTERNS)
    return [dict(q) for q in found]


@functools.lru_cache(maxsize=512)
def _maximal_sessions(
    cap: float, keys: tuple, caps: tuple, most_patterns: int
) -> tuple[tuple[tuple[tuple, int], ...], ...]:
    """The maximal sessions of :func:`session_patterns`, from its slots alone.

    A pure function of the session length ``cap`` [min], the slots with their most
    blocks (``keys``: (slot, limit), longest first), the capped disciplines' session caps
    [min] and the most patterns wanted, so a week's masters (and later weeks with the
    same slots) share one enumeration (random client 3's 12-week plan enumerated the
    same patterns 44 times: 4.2 of its 9.2 s under cProfile). The minutes spent per
    capped discipline are kept as the search goes (they were summed over every slot at
    every step). Returns () when there are more than ``most_patterns``.
    """
    order = [key for key, _n in keys]
    limit = dict(keys)
    caps_of = dict(caps)
    found: list[tuple[tuple[tuple, int], ...]] = []
    counts: dict[tuple, int] = {}
    spent: dict[str, float] = defaultdict(float)

    def left(key) -> float:
        # minutes the session still has for the key's capped discipline (disc slots)
        if len(key) < 3 or not key[2]:
            return math.inf
        return caps_of[key[2]] - spent[key[2]]

    def grow(k: int, room: float) -> bool:
        if len(found) > most_patterns:
            return False
        if k == len(order):
            # maximal: no slot can take one more block
            if all(
                counts.get(key, 0) >= limit[key] or key[0] > min(room, left(key)) + 1e-9
                for key in order
            ):
                found.append(tuple((key, n) for key, n in counts.items() if n))
            return True
        key = order[k]
        capped = key[2] if len(key) > 2 and key[2] else None
        most = min(limit[key], int(math.floor(min(room, left(key)) / key[0] + 1e-9)))
        for n in range(max(most, 0), -1, -1):
            counts[key] = n
            if capped:
                spent[capped] += n * key[0]
            ok = grow(k + 1, room - n * key[0])
            if capped:
                spent[capped] -= n * key[0]
            if not ok:
                return False
        counts[key] = 0
        return True

    if not grow(0, cap):
        return ()
    return tuple(found)


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
    patterns = _choose_patterns(p, v, [i for i, _d in v.uses])
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
        _define_slot_rows(m, p, v, key, items)
    if v.patterns_typed:
        _define_strength_sessions_row(m, p, v)


def _choose_patterns(p: WeekProblem, v: Vars, indices: list[int]) -> list[dict[tuple, int]]:
    """The week's session patterns, and (on ``v``) which slots they tell apart.

    The session master's slots tell capped disciplines apart, while the patterns stay
    few; else strength slots only while the patterns stay few (they multiply with the
    slots); else lengths alone. Sets ``v.patterns_disc`` and ``v.patterns_typed``.

    Returns
    -------
    list of dict
        Slot → blocks, one per pattern; [] when there are too many of them.
    """
    patterns = session_patterns(p, indices, typed=False, disc=True) if v.patterns_disc else []
    v.patterns_disc = bool(patterns)
    if not patterns:
        patterns = session_patterns(p, indices, typed=True) if p.strength_days > 0 else []
        v.patterns_typed = 0 < len(patterns) <= TYPED_PATTERNS
        if not v.patterns_typed:
            patterns = session_patterns(p, indices, typed=False)
    return patterns


def _define_slot_rows(m, p: WeekProblem, v: Vars, key: tuple, items: list) -> None:
    """One slot's rows: its blocks at most the patterns' slots of it (``slots_…``), and
    an exercise used more than once at most once per session holding the slot
    (``daily_<exercise id>``).

    Parameters
    ----------
    key : tuple
        The slot (:func:`slot`): block length [min], strength, capped discipline.
    items : list of (exercise index, uses variable)
        The uses of that slot.
    """
    w = p.week
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


def _define_strength_sessions_row(m, p: WeekProblem, v: Vars) -> None:
    """As many sessions as strength days whose pattern holds the strength day's minutes."""
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
        f"packing__w{p.week}__strength_sessions",
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
    w = p.week
    kinds = session_types(p)
    for (i, _d), var in v.uses.items():
        _define_sessions_of(m, p, v, i, var, kinds)
    per_session: dict[int, list] = defaultdict(list)
    for (i, s), x in v.sessions.items():
        per_session[s].append((i, x))
    minutes = {}
    for s in range(len(kinds)):
        minutes[s] = _define_session_rows(m, p, v, s, per_session[s])
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
    _define_longest_first(m, p, v, kinds, minutes)


def _define_sessions_of(m, p: WeekProblem, v: Vars, i: int, var, kinds: list[bool]) -> None:
    """Exercise ``i``'s uses ``var``, each in its own session (``sessions_of_<id>``).

    One binary ``x[i, s]`` per session that may hold it (a supervised-only block only
    in supervised sessions; ``kinds`` from :func:`session_types`), kept in
    ``v.sessions``.
    """
    w, ex = p.week, p.exercises[i]
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


def _define_session_rows(m, p: WeekProblem, v: Vars, s: int, items: list):
    """Session ``s``'s rows: its minutes at most the session length, each discipline's
    minutes at most its session cap (each only when the blocks could pass it) and, with
    strength days, ``z[s]`` only with the strength day's minutes of strength blocks.

    Parameters
    ----------
    items : list of (exercise index, x variable)
        The blocks the session may hold.

    Returns
    -------
    pulp.LpAffineExpression
        The session's minutes [min].
    """
    w, cap = p.week, float(p.session_minutes)
    minutes = _expr((x, p.minutes[i]) for i, x in items)
    if sum(p.minutes[i] for i, _x in items) > cap + 1e-9:
        _add(m, v, minutes, pulp.LpConstraintLE, cap, f"packing__w{w}__s{s}_minutes", frozenset())
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
        minimum = p.params.strength_day_min_minutes
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
    return minutes


def _define_longest_first(m, p: WeekProblem, v: Vars, kinds: list[bool], minutes: dict) -> None:
    """Sessions of one kind (supervised or not) come longest first (``minutes``: session →
    its minutes [min]): they are interchangeable, so this only removes symmetric plans."""
    for s in range(len(kinds) - 1):
        if kinds[s] == kinds[s + 1]:
            _add(
                m,
                v,
                minutes[s] - minutes[s + 1],
                pulp.LpConstraintGE,
                0,
                f"packing__w{p.week}__s{s}_longest_first",
                frozenset(),
            )
