"""The week's structural rules fitted to what the client can do: targets, not gates.

domain.md §6: strength on at least ``strength_min_days`` non-consecutive days is a target.
A client who trains one day a week still gets strength work that day, and the plan says
the target is not reached and why. :func:`fit_strength_days` asks for the most strength
days the week can give (the client's training days, the days apart among their available
days, the days with room for a strength day's minutes in the allowed exercises), and
words the reason when that is fewer than the rule's target.

(The variety rules are fitted the same way in
:func:`workbench.rules.contraindications.variety_overrides`: the disciplines the client
can do where they train.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from workbench.domain import Day, Discipline
from workbench.optimize.problem import WeekProblem


def days_apart(days: Iterable[Day]) -> int:
    """Most of ``days`` with no two on consecutive weekdays (greedy from Monday is best
    on a week that does not wrap)."""
    count, last = 0, None
    for d in sorted(days, key=lambda d: d.index):
        if last is None or d.index - last >= 2:
            count, last = count + 1, d.index
    return count


def strength_room(p: WeekProblem, day: Day) -> float:
    """Most strength minutes one session on ``day`` can hold [min]: the allowed strength
    blocks that fit a session, each discipline up to its longest session, all up to the
    session length (blocks taken as divisible: an upper bound)."""
    per_discipline: dict[Discipline, float] = defaultdict(float)
    for i, ex in enumerate(p.exercises):
        if p.is_strength(i) and p.fits(i) and day in p.allowed_days(i):
            per_discipline[ex.discipline] += ex.minutes
    room = sum(min(m, p.session_caps[k]) for k, m in per_discipline.items())
    return min(room, float(p.session_minutes))


def strength_days_possible(p: WeekProblem) -> tuple[int, str]:
    """The most non-consecutive strength days week ``p`` can give, and what limits it.

    Returns
    -------
    days : int
        At most the client's training days, the days apart among their available days,
        and the days apart among those with room for ``strength_day_min_minutes``.
    reason : str
        What limits it, in a trainer's words (empty when nothing does below 7 days).
    """
    minimum = p.params.strength_day_min_minutes
    roomy = [d for d in p.days if strength_room(p, d) >= minimum - 1e-9]
    limits = [
        (p.max_days, f"the client trains at most {p.max_days} day(s) a week"),
        (
            days_apart(p.days),
            f"the available days ({_labels(p.days)}) have {days_apart(p.days)} day(s) "
            "with a rest day between",
        ),
        (
            days_apart(roomy),
            f"{days_apart(roomy)} day(s) apart have room for {minimum:g} strength minutes "
            "with the allowed exercises, the session length and the longest session per "
            "discipline",
        ),
    ]
    n, reason = min(limits, key=lambda t: t[0])
    return n, reason


def fit_strength_days(p: WeekProblem, wanted: int) -> WeekProblem:
    """Week ``p`` asking for ``wanted`` strength days, or as many as it can give (with
    the note saying the target is not reached, and why)."""
    if wanted <= 0:
        return replace(p, strength_days=0)
    n, reason = strength_days_possible(p)
    if n >= wanted:
        return replace(p, strength_days=wanted)
    note = (
        f"Strength on {n} day(s) in week {p.week}, short of the target of {wanted} "
        f"non-consecutive days (WHO 2020): {reason}."
    )
    return replace(p, strength_days=n, notes=(*p.notes, note))


def fewer_strength_days(p: WeekProblem) -> WeekProblem | None:
    """Week ``p`` asking for one strength day fewer, once a solve proved that no plan of
    the week keeps every rule with ``p.strength_days`` (a target, not a gate: domain.md
    §6), with the note saying so. None when ``p`` asks for one day or none: a week where
    not even one strength day fits gets no plan, and the diagnosis says what would help.

    The load is what usually runs out: after a flare-up's lowered weeks the rise over the
    week before leaves little, and a strength day costs load (a synthetic client's week
    3, capped at 68 AU: its only strength day that fits is two swims, 31 AU, and with two
    such days swimming would carry more than its share of the week's load).
    """
    if p.strength_days <= 1:
        return None
    n = p.strength_days - 1
    note = (
        f"Strength on {n} day(s) in week {p.week}, short of the target of "
        f"{p.params.strength_min_days:g} non-consecutive days (WHO 2020): no plan of the "
        f"week keeps every rule with strength on {p.strength_days} days under its load "
        f"cap of {p.load_cap:.0f} AU."
    )
    return replace(p, strength_days=n, notes=(*p.notes, note), strength_fitted=True)


def _labels(days) -> str:
    return ", ".join(d.label for d in sorted(days, key=lambda d: d.index))
