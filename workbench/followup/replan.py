"""The re-plan of the weeks ahead after a weekly review (issue 18).

:func:`follow_up_for` turns an accepted :class:`~workbench.followup.decision.Review` (and
the reviews before it) into the planner's :class:`~workbench.planning.follow_up.FollowUp`;
:func:`replan_ahead` plans the program weeks after the review with it, reusing the planner
(:func:`workbench.planning.planner.plan`) and its diagnosis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from workbench.defaults import Params, resolve
from workbench.domain import Client
from workbench.followup.decision import Light, Review
from workbench.optimize.problem import Pin
from workbench.planning.follow_up import FollowUp
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.result import PlanResult

#: Highest tolerance level [0-3]: an eased movement back at it is no longer eased.
TOP_LEVEL = 3


def _green_weeks(review: Review, history: Sequence[Review], before: int) -> int:
    """Consecutive green weeks ending with ``review`` (the client's own when all are)."""
    count = 0
    for r in reversed([*history, review]):
        if r.light is not Light.GREEN:
            return count
        count += 1
    return count + before


def follow_up_for(
    review: Review,
    history: Sequence[Review],
    *,
    logged_loads: Sequence[float],
    green_weeks_before: int = 0,
    params: Params | None = None,
) -> FollowUp:
    """The planner's follow-up input after ``review`` (weeks 1..``review.week`` done).

    Parameters
    ----------
    review : Review
        The accepted review of program week ``review.week``.
    history : sequence of Review
        The accepted reviews of the weeks before, oldest first.
    logged_loads : sequence of float
        Logged weekly loads of program weeks 1..``review.week`` [AU].
    green_weeks_before : int
        Consecutive green weeks behind the client when the program started.
    params : Params, optional
        ``exposure_interval_weeks``: an earlier review's eased movement has come back one
        level per interval since; its rested exercise rests one interval.
    """
    params = params or resolve()
    interval = max(1.0, float(params.exposure_interval_weeks))
    earlier = [h for h in history if h.week < review.week]
    rested: dict[str, str] = {}
    eased: dict = {}
    for r in [*earlier, review]:
        since = review.week - r.week
        steps = math.floor(since / interval)
        for item in r.rested:
            if item.dimension is None or item.tolerance is None:
                if steps == 0:
                    rested[item.exercise_id] = item.reason
                continue
            level = int(item.tolerance) + steps
            if level >= TOP_LEVEL:
                continue
            old = eased.get(item.dimension)
            if old is None or level < old[0]:
                eased[item.dimension] = (level, item.reason)
    reason = f"{review.decision.value} after the week {review.week} review" + (
        ": " + "; ".join(review.reasons) if review.reasons else ""
    )
    return FollowUp(
        done_weeks=review.week,
        start_ceiling=float(review.next_ceiling),
        reason=reason,
        recent_loads=tuple(float(x) for x in logged_loads[: review.week]),
        green_weeks=_green_weeks(review, earlier, green_weeks_before),
        rested=tuple(rested.items()),
        eased=tuple((d, lv, why) for d, (lv, why) in eased.items()),
    )


def replan_ahead(
    client: Client,
    catalog,
    options: PlanOptions,
    review: Review,
    history: Sequence[Review],
    *,
    logged_loads: Sequence[float],
    total_weeks: int,
) -> PlanResult:
    """Plan program weeks ``review.week + 1`` .. ``total_weeks`` after ``review``.

    A plan of ``total_weeks - review.week`` weeks whose week 1 is program week
    ``review.week + 1``: ``options`` (the issued plan's) with its pins shifted by the weeks
    done (pins of done weeks dropped), its bans kept, and the follow-up.

    Raises
    ------
    ValueError
        A suspended review (nothing is planned until the red-flag questions are answered
        again), or no weeks left.
    """
    if review.suspended:
        raise ValueError(
            f"the week {review.week} review suspended the plan: answer the red-flag "
            f"questions again ({', '.join(review.questions) or 'see the review'}) first"
        )
    remaining = total_weeks - review.week
    if remaining < 1:
        raise ValueError(f"no weeks left after week {review.week} of {total_weeks}")
    offset = options.follow_up.done_weeks if options.follow_up is not None else 0
    pins = tuple(
        Pin(p.exercise_id, p.week + offset - review.week, p.day)
        for p in options.pins
        if p.week + offset > review.week
    )
    follow_up = follow_up_for(
        review,
        history,
        logged_loads=logged_loads,
        green_weeks_before=client.consecutive_green_weeks,
        params=resolve({**client.overrides, **options.overrides}),
    )
    return plan(client, catalog, replace(options, weeks=remaining, pins=pins, follow_up=follow_up))
