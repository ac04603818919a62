"""Each relaxable family's change: the week problem with the rule relaxed, in its words.

The diagnosis (:mod:`workbench.optimize.diagnose`) finds by elastic solves how much each
family's rule would have to give; here that amount becomes a change of the week's
problem and the sentence a trainer reads. One function per family, all in
:data:`RELAXATIONS`; each takes the week problem and the elastic amounts (constraint
name → slack, in the rule's unit) and returns the relaxed problem and its
:class:`Relaxation`.

Every offer is a change a trainer can make: a client-file field the form and the
CLI's client file set (``minutes_per_session``, ``max_training_days``, ``goals.<goal>``,
``overrides.<rule>`` within the rule's range in :data:`~workbench.defaults.DEFAULTS`) or
a planning option (``pins.remove``), named as that field in its words and carried as
``(field, value)`` pairs in :attr:`Relaxation.changes`, so the app and a test can apply
it (:func:`workbench.planning.relaxing.apply_relaxation`). A change no field can
make is not offered (the function returns no offer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from workbench.defaults import DEFAULTS, Params
from workbench.domain import Goal
from workbench.optimize.problem import WeekProblem


@dataclass(frozen=True)
class Relaxation:
    """One change that would make a plan possible, checked by a re-solve.

    Attributes
    ----------
    family : str
        The constraint family relaxed (see :data:`~workbench.optimize.constraints.FAMILIES`).
    week : int or None
        The week it applies to, or None for every week.
    amount : float
        How much, in ``unit``.
    unit : str
        The amount's unit (AU, min, days, ...).
    text : str
        The change in a trainer's words, naming the field to set.
    changes : tuple of (str, object)
        The same change for a program: field path and the value to set it to
        (``"minutes_per_session"``, ``"max_training_days"``, ``"goals.<goal>"``,
        ``"overrides.<rule>"``, or ``"pins.remove"`` with the exercise id).
    """

    family: str
    week: int | None
    amount: float
    unit: str
    text: str
    changes: tuple[tuple[str, object], ...] = ()


Relaxed = tuple[WeekProblem, Relaxation | None]

#: The longest session the client file accepts [min] (``minutes_per_session``).
SESSION_MINUTES_MAX = 180

#: The client file's and the form's words for the fields an offer sets.
FIELD_WORDS = {
    "minutes_per_session": "session length, at most",
    "max_training_days": "training days, at most",
    "overrides": "rule overrides",
}


def settable(name: str, value: float) -> bool:
    """``overrides.<name>`` may be set to ``value``: within the rule's range."""
    rule = DEFAULTS[name]
    return rule.low - 1e-9 <= value <= rule.high + 1e-9


def override_words(pairs: dict[str, float]) -> str:
    """``"set the rule override weekly_rise to 0.15"`` for the form's rule overrides."""
    return " and ".join(f"set the rule override {k} to {v:g}" for k, v in pairs.items())


def _rise(params: Params) -> float:
    return min(params.weekly_rise, params.max_weekly_rise)


def _ceil(x: float, step: float) -> float:
    return math.ceil(x / step - 1e-9) * step


def _with_params(p: WeekProblem, **changes: float) -> Params:
    return Params({**dict(p.params), **changes})


def raise_ceiling(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """The week's load ceiling raised by the slack, rounded up to 5 AU."""
    w = p.week
    a = _ceil(sum(amounts.values()), 5)
    # set by the week-1 floor, which the ceiling rises from by the weekly rise a week
    floor = _ceil((p.ceiling + a) / (1.0 + _rise(p.params)) ** (w - 1) + 0.5, 5)
    if not settable("min_start_ceiling_au", floor) or floor <= p.params.min_start_ceiling_au:
        return p, None
    return replace(p, ceiling=p.ceiling + a), Relaxation(
        "weekly_load_ceiling",
        w,
        a,
        "AU",
        f"raise the week-{w} ceiling by {a:.0f} AU (to {p.ceiling + a:.0f} AU): "
        + override_words({"min_start_ceiling_au": floor}),
        (("overrides.min_start_ceiling_au", floor),),
    )


def raise_progression(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """The rise over last week's load allowed more, rounded up to 5 AU."""
    w = p.week
    a = _ceil(sum(amounts.values()), 5)
    before = p.progression_cap / (1.0 + _rise(p.params))  # last week's planned load [AU]
    rise = math.ceil(((p.progression_cap + a) / max(before, 1e-9) - 1.0) * 100 - 1e-6) / 100
    if rise > p.params.max_weekly_rise + 1e-9 or not settable("weekly_rise", rise):
        return p, None
    return replace(p, progression_cap=p.progression_cap + a), Relaxation(
        "load_progression",
        w,
        a,
        "AU",
        f"let week {w} rise {a:.0f} AU more over the week before: "
        + override_words({"weekly_rise": rise}),
        (("overrides.weekly_rise", rise),),
    )


def raise_acute_chronic(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """The acute:chronic guard's cap raised by the slack, rounded up to 5 AU."""
    w = p.week
    a = _ceil(sum(amounts.values()), 5)
    block = _ceil((p.acwr_cap + a) / p.chronic + p.params.acwr_block - p.acwr_cap / p.chronic, 0.05)
    if not settable("acwr_block", block):
        return p, None
    return replace(p, acwr_cap=p.acwr_cap + a), Relaxation(
        "acute_chronic",
        w,
        a,
        "AU",
        f"accept {a:.0f} AU more than the acute:chronic guard: "
        + override_words({"acwr_block": block}),
        (("overrides.acwr_block", block),),
    )


def lower_goals(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Each short goal lowered by its slack, rounded down to 5 min/week (0: no goal)."""
    targets = dict(p.targets)
    parts, changes = [], []
    for name, amount in amounts.items():
        if amount > 1e-6:
            g = Goal(name.rsplit("__", 1)[1])
            new = max(0.0, math.floor((targets[g] - amount) / 5) * 5)
            parts.append(f"lower the {g.label} goal to {new:.0f} min/week (goals.{g.value})")
            changes.append((f"goals.{g.value}", int(new)))
            targets[g] = new
            if new <= 0:
                del targets[g]  # a goal of 0 min is no goal (and no 1/target weight)
    total = sum(amounts.values())
    return replace(p, targets=targets), Relaxation(
        "goal_minutes", p.week, round(total, 1), "min", " and ".join(parts), tuple(changes)
    )


def fewer_strength_days(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Strength days required lowered by the slack, rounded up to whole days."""
    w = p.week
    a = math.ceil(sum(amounts.values()) - 1e-9)
    n = max(0, p.strength_days - a)
    return replace(p, strength_days=n), Relaxation(
        "strength_days",
        w,
        a,
        "days",
        f"plan strength on {n} day(s) a week instead of {p.strength_days}: "
        + override_words({"strength_min_days": n}),
        (("overrides.strength_min_days", n),),
    )


def fewer_disciplines(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Disciplines required a week lowered by the slack (at one, its share gives too)."""
    w = p.week
    a = math.ceil(sum(amounts.values()) - 1e-9)
    n = max(1, int(p.params.min_disciplines_per_week) - a)
    if n == 1:  # one discipline carries the whole week's load, so its share must give
        pairs = {"min_disciplines_per_week": 1, "max_discipline_share": 1.0}
        text = "accept 1 discipline a week, carrying all of its load: "
    else:
        pairs = {"min_disciplines_per_week": n}
        text = f"accept {n} disciplines a week: "
    params = _with_params(p, **pairs)
    changes = tuple((f"overrides.{k}", v) for k, v in pairs.items())
    return replace(p, params=params), Relaxation(
        "variety_disciplines", w, a, "disciplines", text + override_words(pairs), changes
    )


def larger_share(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """One discipline's share of the week's load raised, rounded up to 0.05 (at most 1)."""
    w = p.week
    total = sum(amounts.values())
    share = min(1.0, _ceil(p.params.max_discipline_share + total / max(p.load_cap, 1.0), 0.05))
    return replace(p, params=_with_params(p, max_discipline_share=share)), Relaxation(
        "discipline_share",
        w,
        share,
        "fraction",
        f"let one discipline carry up to {share:.0%} of a week's load: "
        + override_words({"max_discipline_share": share}),
        (("overrides.max_discipline_share", share),),
    )


def longer_sessions(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """The session length raised by the largest slack, rounded up to 5 min."""
    a = _ceil(max(amounts.values()), 5)
    new = p.session_minutes + int(a)
    if new > SESSION_MINUTES_MAX:
        return p, None
    return replace(p, session_minutes=new), Relaxation(
        "session_minutes",
        p.week,
        a,
        "min",
        f"allow sessions of {new} min: set {FIELD_WORDS['minutes_per_session']} to {new} min",
        (("minutes_per_session", new),),
    )


def more_training_days(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Training days at most raised by the slack, rounded up to whole days."""
    w = p.week
    a = math.ceil(sum(amounts.values()) - 1e-9)
    new = p.max_days + a
    if new > len(p.days):  # more than the available days: that field alone cannot do it
        return p, None
    return replace(p, max_days=new), Relaxation(
        "training_days",
        w,
        a,
        "days",
        f"allow {new} training days a week: set {FIELD_WORDS['max_training_days']} to {new}",
        (("max_training_days", new),),
    )


def longer_discipline_sessions(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Each short discipline's longest session raised by its slack, rounded up to 5 min."""
    caps = dict(p.session_caps)
    parts = []
    for name, amount in amounts.items():
        if amount > 1e-6:
            k = next(k for k in caps if name.endswith("__" + k.value))
            caps[k] = caps[k] + _ceil(amount, 5)
            parts.append(f"allow {k.label} sessions of {caps[k]:.0f} min")
    # every discipline's longest session is at least the new-discipline floor, every week
    floor = max(caps[k] for k in caps if caps[k] != p.session_caps[k])
    if not settable("new_discipline_session_min", floor):
        return p, None
    caps = {k: max(c, floor) for k, c in caps.items()}
    total = sum(amounts.values())
    return replace(p, session_caps=caps), Relaxation(
        "session_spike",
        p.week,
        round(total, 1),
        "min",
        " and ".join(parts) + ": " + override_words({"new_discipline_session_min": floor}),
        (("overrides.new_discipline_session_min", floor),),
    )


def more_uses(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Uses of one exercise a week raised by the largest slack, rounded up."""
    a = math.ceil(max(amounts.values()) - 1e-9)
    n = int(p.params.max_uses_per_exercise) + a
    if not settable("max_uses_per_exercise", n):
        return p, None
    return replace(p, params=_with_params(p, max_uses_per_exercise=n)), Relaxation(
        "exercise_uses",
        p.week,
        a,
        "uses",
        f"allow an exercise {n} times a week: " + override_words({"max_uses_per_exercise": n}),
        (("overrides.max_uses_per_exercise", n),),
    )


def more_exposure_blocks(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """Blocks taking a feared movement raised by the slack, rounded up."""
    a = math.ceil(sum(amounts.values()) - 1e-9)
    n = p.exposure_max_blocks + a
    if not settable("exposure_max_blocks", n):
        return p, None
    return replace(p, exposure_max_blocks=n), Relaxation(
        "graded_exposure",
        p.week,
        a,
        "blocks",
        f"allow {n} blocks with a movement the client is wary of: "
        + override_words({"exposure_max_blocks": n}),
        (("overrides.exposure_max_blocks", n),),
    )


def drop_pins(p: WeekProblem, amounts: dict[str, float]) -> Relaxed:
    """The pins whose rows took slack removed."""
    dropped = [name for name, amount in amounts.items() if amount > 1e-6]
    ids = {name.split("__")[2] for name in dropped}
    pins = [pin for pin in p.pins if pin.exercise_id not in ids]
    return replace(p, pins=pins), Relaxation(
        "pin",
        p.week,
        len(ids),
        "pins",
        "remove the pin of " + ", ".join(sorted(ids)),
        tuple(("pins.remove", i) for i in sorted(ids)),
    )


#: Family → its change (the families a trainer can change).
RELAXATIONS = {
    "weekly_load_ceiling": raise_ceiling,
    "load_progression": raise_progression,
    "acute_chronic": raise_acute_chronic,
    "goal_minutes": lower_goals,
    "strength_days": fewer_strength_days,
    "variety_disciplines": fewer_disciplines,
    "discipline_share": larger_share,
    "session_minutes": longer_sessions,
    "training_days": more_training_days,
    "session_spike": longer_discipline_sessions,
    "exercise_uses": more_uses,
    "graded_exposure": more_exposure_blocks,
    "pin": drop_pins,
}
