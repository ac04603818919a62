"""Weekly load ceilings and session caps (domain.md §4).

Load is session-RPE: effort (CR-10) × minutes, in arbitrary units [AU] (Foster 2001).
The starting ceiling is a share of the client's current tolerated weekly load, lowered
for STarT Back high risk; it then rises by at most ``weekly_rise`` a week (Gabbett 2016)
and never by more than ``max_weekly_rise`` (Nielsen 2014). A flare-up today
(:mod:`workbench.rules.flare`) lowers week 1 by ``flare_ceiling_factor`` and holds the
weeks after it at that ceiling for ``flare_hold_weeks``; the rise then starts from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.defaults import Params
from workbench.domain import Client, Discipline
from workbench.rules.flare import PainToday, held_weeks


@dataclass(frozen=True)
class Ceiling:
    """One week's load ceiling.

    Attributes
    ----------
    week : int
        1-based week of the horizon.
    value : float
        Ceiling [AU].
    reason : str
        How the value was reached, in the domain's words.
    """

    week: int
    value: float
    reason: str


def starting_ceiling(
    client: Client, params: Params, start_high: bool, today: PainToday | None = None
) -> Ceiling:
    """Week-1 ceiling [AU] from the client's baseline weekly load.

    Parameters
    ----------
    client : Client
    params : Params
    start_high : bool
        STarT Back high risk: the ceiling is multiplied by ``start_high_ceiling_factor``.
    today : PainToday, optional
        A flare-up today: the ceiling (after the floor) is multiplied by
        ``flare_ceiling_factor``.
    """
    base = client.baseline_load
    value = params.start_ceiling_fraction * base
    parts = [f"{params.start_ceiling_fraction:.0%} of the current {base:.0f} AU a week"]
    if start_high:
        value *= params.start_high_ceiling_factor
        parts.append(f"× {params.start_high_ceiling_factor:g} for STarT Back high risk")
    if value < params.min_start_ceiling_au:
        value = params.min_start_ceiling_au
        parts.append(f"raised to the {params.min_start_ceiling_au:.0f} AU starting floor")
    if today is not None and today.flare_up:
        value *= params.flare_ceiling_factor
        parts.append(f"× {params.flare_ceiling_factor:g} for a flare-up today ({today.reason})")
        if value < params.min_start_ceiling_au:  # the floor is a gentle week already
            value = params.min_start_ceiling_au
            parts.append(f"kept at the {params.min_start_ceiling_au:.0f} AU starting floor")
    return Ceiling(1, round(value, 1), "; ".join(parts))


def rise_fraction(params: Params) -> float:
    """Week-on-week rise of the ceiling: ``weekly_rise``, capped by ``max_weekly_rise``."""
    return min(params.weekly_rise, params.max_weekly_rise)


def ceiling_schedule(
    client: Client,
    weeks: int,
    params: Params,
    start_high: bool,
    today: PainToday | None = None,
    follow_up=None,
) -> list[Ceiling]:
    """The ceiling for each week of the horizon [AU].

    Week ``w + 1`` = week ``w`` × (1 + rise), the rise assuming week ``w`` is green. The
    planner further caps each week by the previous week's planned load (see
    :func:`next_week_cap`). With a flare-up ``today``, week 1 is the starting ceiling ×
    ``flare_ceiling_factor`` and the held weeks after it keep week 1's ceiling; the
    later weeks rise from the lowered week 1.
    """
    if follow_up is None:
        out = [starting_ceiling(client, params, start_high, today)]
    else:  # a re-plan after a weekly review: week 1 is the decision's ceiling
        value, why = follow_up.start_ceiling, follow_up.reason
        if today is not None and today.flare_up:  # a flare-up today still applies on top
            value = max(
                value * params.flare_ceiling_factor, min(value, params.min_start_ceiling_au)
            )
            why += f"; × {params.flare_ceiling_factor:g} for a flare-up today ({today.reason})"
        out = [Ceiling(1, round(value, 1), why)]
    rise = rise_fraction(params)
    held = held_weeks(today, weeks, params)
    for w in range(2, weeks + 1):
        if w in held:
            out.append(Ceiling(w, out[-1].value, "held at week 1's until the pain settles"))
            continue
        value = round(out[-1].value * (1.0 + rise), 1)
        out.append(Ceiling(w, value, f"week {w - 1} ceiling + {rise:.0%} after a green week"))
    return out


def next_week_cap(previous_load: float, params: Params) -> float:
    """Most the next week's planned load may be, from this week's planned load [AU].

    A week's load rises by at most ``weekly_rise`` over the week before (and never by more
    than ``max_weekly_rise``).
    """
    return previous_load * (1.0 + rise_fraction(params))


def chronic_load(previous_loads: list[float], params: Params) -> float:
    """Chronic load for the acute:chronic ratio: mean of up to four previous weeks [AU].

    Floored at ``min_start_ceiling_au`` (H): near zero the ratio says nothing useful.
    """
    recent = previous_loads[-4:]
    mean = sum(recent) / len(recent) if recent else 0.0
    return max(mean, params.min_start_ceiling_au)


#: The block is "at or above" ``acwr_block``; the cap stays this far under it [ratio].
ACWR_MARGIN = 0.01


def acute_chronic_cap(chronic: float, params: Params) -> float:
    """Most a week's load may be under the acute:chronic block [AU] (Gabbett 2016)."""
    return (params.acwr_block - ACWR_MARGIN) * chronic


def first_session_caps(client: Client, params: Params) -> dict[Discipline, float]:
    """Longest session allowed per discipline in week 1 [min].

    ``session_cap_fraction`` × the longest session in that discipline in the last 30 days
    (Frandsen 2025), and at least ``new_discipline_session_min`` (H) so a discipline the
    client has not done yet can start.
    """
    longest: dict[Discipline, float] = {}
    for a in client.activities:
        m = a.longest_minutes if a.longest_minutes is not None else a.minutes
        longest[a.discipline] = max(longest.get(a.discipline, 0.0), float(m))
    return {
        d: max(params.session_cap_fraction * longest.get(d, 0.0), params.new_discipline_session_min)
        for d in Discipline
    }


def next_session_cap(cap: float, longest_planned: float, params: Params) -> float:
    """Next week's session cap in one discipline [min], from this week's longest session."""
    return max(cap, params.session_cap_fraction * longest_planned)
