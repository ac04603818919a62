"""Pain during a session: green, amber or red, and what rests (domain.md §5).

The bands come from Silbernagel 2007's pain-monitoring model, which was built for tendon
pain and is extrapolated here to back pain: 0-2 safe, 3-5 acceptable, above 5 too much. With
resting pain (the client's pain now, or the pre-session rating, at or above
``resting_pain_level``) "acceptable" is at most ``resting_pain_rise_max`` above the
pre-session rating.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbench.defaults import Params
from workbench.domain import Day, Dimension, Exercise
from workbench.followup.decision import Light, Rested
from workbench.records.models import ScheduledSession, SessionLog

#: Said wherever the pain-monitoring bands decide.
SILBERNAGEL = (
    "the pain bands follow Silbernagel 2007's pain-monitoring model, which comes from "
    "tendon pain and is extrapolated here to back pain"
)


def acceptable_limit(log: SessionLog, pain_now: int, params: Params) -> float:
    """Highest acceptable pain during this session (NRS 0-10)."""
    before = log.pain_before
    if pain_now >= params.resting_pain_level or (
        before is not None and before >= params.resting_pain_level
    ):
        base = before if before is not None else pain_now
        return min(params.pain_acceptable_max, base + params.resting_pain_rise_max)
    return params.pain_acceptable_max


def session_light(log: SessionLog, pain_now: int, params: Params) -> Light:
    """The session's light from its worst pain during (no rating: green)."""
    if log.pain_during is None:
        return Light.GREEN
    if log.pain_during > acceptable_limit(log, pain_now, params):
        return Light.RED
    if log.pain_during > params.pain_safe_max:
        return Light.AMBER
    return Light.GREEN


def main_dimension(exercise: Exercise) -> Dimension | None:
    """The exercise's highest movement demand (ties by Dimension order); None if all 0."""
    best: Dimension | None = None
    for dim in Dimension:
        level = exercise.demands.get(dim, 0)
        if level > 0 and (best is None or level > exercise.demands.get(best, 0)):
            best = dim
    return best


def rested_for(
    log: SessionLog,
    session: ScheduledSession | None,
    catalog: Mapping[str, Exercise],
    limit: float,
) -> list[Rested]:
    """The exercises that hurt in a red session, each eased below its main demand or rested.

    The log's ``hurt`` ids, else every exercise of the session.
    """
    ids: Sequence[str] = log.hurt or (session.exercises if session is not None else ())
    day = list(Day)[log.on.weekday()].label  # not strftime: the locale would change it
    out = []
    for ex_id in ids:
        exercise = catalog.get(ex_id)
        name = exercise.name if exercise is not None else ex_id
        lead = f"pain during the {name} reached {log.pain_during}/10 on {day}, above {limit:g}"
        dim = main_dimension(exercise) if exercise is not None else None
        if dim is None:
            out.append(Rested(ex_id, None, None, f"{lead}: that exercise rests this week"))
            continue
        tolerance = exercise.demands[dim] - 1
        out.append(
            Rested(
                ex_id,
                dim,
                tolerance,
                f"{lead}: that movement rests this week ({dim.value.replace('_', ' ')} "
                f"eased to {tolerance} for now, to come back by graded exposure)",
            )
        )
    return out
