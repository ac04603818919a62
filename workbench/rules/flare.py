"""Today's pain: a flare-up shapes the first week; resting pain sets the session guidance.

domain.md §5. A **flare-up today** is pain now at or above ``flare_pain_now`` (H; NRS
7-10 is severe, Serlin 1995) or at least ``flare_rise_points`` above the last week's
average (the important change in pain, Ostelo 2008; H for reading it against the
week's average). Week 1 of the plan is then the flare week: its load ceiling is the
starting ceiling × ``flare_ceiling_factor`` (H), never below the starting floor
``min_start_ceiling_au`` (itself a gentle week), the ``flare_hold_weeks`` weeks after it
stay at that ceiling (the rise is held until the next check-in says the pain has
settled), and in week 1 only low effort (RPE at most ``flare_max_rpe``, H) and no exercise
with ``flare_high_demand_count`` or more high movement demands (H): the gentle, low-demand
work (mobility and relaxation, walking, water work, gentle yoga) is what remains. The flare
week and the held weeks ask for no strength days (strength work only as it fits under the
lowered ceiling).

**Resting pain** is pain now at or above ``resting_pain_level`` (Silbernagel 2007): pain
during a session is then acceptable up to ``resting_pain_rise_max`` points (H) above the
pre-session rating.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.defaults import Params
from workbench.domain import Client


@dataclass(frozen=True)
class PainToday:
    """What today's pain rating means for the plan.

    Attributes
    ----------
    now, average_week : int
        Pain now and the last week's average, NRS 0-10.
    flare_up : bool
        A flare-up today: week 1 starts gently.
    resting : bool
        Resting pain: session pain is measured from the pre-session rating.
    reason : str
        Why it is a flare-up, with the numbers ("" when it is not).
    """

    now: int
    average_week: int
    flare_up: bool
    resting: bool
    reason: str = ""


def pain_today(client: Client, params: Params) -> PainToday:
    """Read the client's pain now against the flare-up and resting-pain rules."""
    now, average = int(client.pain.now), int(client.pain.average_week)
    reasons = []
    if now >= params.flare_pain_now:
        reasons.append(f"≥ {params.flare_pain_now:g}")
    if now - average >= params.flare_rise_points:
        reasons.append(
            f"{now - average} points above the week's average {average}/10 "
            f"(≥ {params.flare_rise_points:g})"
        )
    return PainToday(
        now=now,
        average_week=average,
        flare_up=bool(reasons),
        resting=now >= params.resting_pain_level,
        reason=f"pain now {now}/10, " + " and ".join(reasons) if reasons else "",
    )


def flare_weeks(today: PainToday | None, weeks: int) -> tuple[int, ...]:
    """The 1-based weeks of the horizon that are flare weeks: week 1 in a flare-up."""
    return (1,) if today is not None and today.flare_up and weeks >= 1 else ()


def held_weeks(today: PainToday | None, weeks: int, params: Params) -> tuple[int, ...]:
    """The weeks after the flare week whose ceiling stays at week 1's [1-based weeks]."""
    if today is None or not today.flare_up:
        return ()
    return tuple(range(2, min(weeks, 1 + int(params.flare_hold_weeks)) + 1))


def gentle_weeks(today: PainToday | None, weeks: int, params: Params) -> tuple[int, ...]:
    """The flare week and the held weeks: they ask for no strength days (strength work
    as it fits under the lowered ceiling) [1-based weeks]."""
    return flare_weeks(today, weeks) + held_weeks(today, weeks, params)
