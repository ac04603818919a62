"""The week's load figures: logged load, acute:chronic ratio and monotony (domain.md §4).

Shown as information and never a gate on their own: the acute:chronic ratio (Gabbett 2016)
has been criticised as a statistical artefact (Lolli 2019) and as a poor predictor
(Impellizzeri 2020); monotony is Foster 1998's mean daily load over its standard deviation.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date

from workbench.defaults import Params
from workbench.followup.decision import LoadInfo, Review
from workbench.records.models import ScheduledSession, SessionLog

#: Earlier weeks the chronic load averages over [weeks] (Gabbett 2016: 4).
CHRONIC_WEEKS = 4


def load_info(
    sessions: Sequence[ScheduledSession],
    logs: Sequence[SessionLog],
    history: Sequence[Review],
    params: Params,
) -> LoadInfo:
    """The week's planned and logged load [AU], its acute:chronic ratio and monotony.

    Parameters
    ----------
    sessions : the week's scheduled sessions (their ``load`` [AU] is the planned load)
    logs : the week's logs (load = effort × minutes [AU], Foster 2001)
    history : the earlier weeks' reviews, oldest first (their ``load.logged`` [AU])
    params : resolved parameters (``acwr_warn``, ``acwr_block``, ``monotony_max``)
    """
    planned = float(sum(s.load for s in sessions))
    logged = float(sum(log.load for log in logs))
    earlier = [r.load.logged for r in history[-CHRONIC_WEEKS:]]
    chronic = statistics.fmean(earlier) if earlier else 0.0
    acwr = logged / chronic if chronic > 0 else None
    monotony = _monotony(sessions, logs)
    words = [f"logged load {logged:.0f} AU (effort × minutes) against {planned:.0f} AU planned"]
    if acwr is not None:
        words.append(
            f"acute:chronic ratio {acwr:.2f} (this week over the mean of {len(earlier)} "
            f"earlier week(s)); above {params.acwr_warn:g} is worth a look"
        )
        if acwr >= params.acwr_block:
            words.append(
                f"the ratio is at or above {params.acwr_block:g}, where the planner's "
                "guardrail would trim a planned week; here it only informs the review"
            )
    if monotony is not None:
        words.append(
            f"monotony {monotony:.2f} (mean daily load / its spread); above "
            f"{params.monotony_max:g} the days are much alike"
        )
    words.append(
        "these figures are information only, never a reason on their own: the ratio is "
        "disputed (Lolli 2019, Impellizzeri 2020)"
    )
    return LoadInfo(planned, logged, acwr, monotony, tuple(words))


def _monotony(sessions: Sequence[ScheduledSession], logs: Sequence[SessionLog]) -> float | None:
    days = [s.on for s in sessions] + [log.on for log in logs]
    if not days:
        return None
    start: date = min(s.on for s in sessions) if sessions else min(days)
    daily = [0.0] * 7
    for log in logs:
        index = (log.on - start).days
        if 0 <= index < 7:
            daily[index] += log.load
    spread = statistics.pstdev(daily)
    if spread == 0:
        return None
    return statistics.fmean(daily) / spread
