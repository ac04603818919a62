"""The teaching notebook's tables: graded load, the pain-monitoring zones, demand against tolerance.

Rule tables for teaching, each a frame ready to chart (notebooks and widgets only show
them): the weekly ceiling for several weekly rises (:func:`ceiling_frame`), the
pain-monitoring zone of each pain rating (:func:`pain_zone`, :func:`pain_zone_frame`) and
an exercise's movement demand against the client's tolerance
(:func:`demand_tolerance_frame`).

Units: load in session-RPE arbitrary units [AU] (Foster 2001); pain [NRS 0-10]; demand
and tolerance 0-3.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from workbench.defaults import Params, resolve
from workbench.domain import Client, Dimension
from workbench.rules.load import ceiling_schedule


def ceiling_frame(
    client: Client,
    weeks: int = 12,
    rises: Sequence[float] = (0.05, 0.10, 0.30),
    params: Params | None = None,
) -> pd.DataFrame:
    """Graded load: the weekly ceiling over ``weeks`` for each weekly rise [AU].

    The ceiling rules alone (:func:`workbench.rules.load.ceiling_schedule`): week 1 is a
    share of the client's current weekly load, and each green week may rise by the
    given fraction, compounding.

    Returns
    -------
    pandas.DataFrame
        Columns ``rise`` (label, e.g. ``"10 % a week"``), ``week``, ``ceiling`` [AU].
    """
    base = dict(params) if params is not None else dict(resolve(client.overrides))
    rows = []
    for rise in rises:
        # Above max_weekly_rise the rules cap the rise: that cap is part of the lesson.
        p = Params({**base, "weekly_rise": float(rise)})
        for c in ceiling_schedule(client, weeks, p, start_high=False):
            rows.append({"rise": f"{rise:.0%} a week", "week": c.week, "ceiling": c.value})
    return pd.DataFrame(rows, columns=["rise", "week", "ceiling"])


def pain_zone(pain: int, params: Params | None = None) -> str:
    """The pain-monitoring zone of a pain rating during exercise (Silbernagel 2007).

    ``"safe"`` up to ``pain_safe_max``, ``"acceptable"`` up to ``pain_acceptable_max``,
    else ``"too much"`` [NRS 0-10]. Extrapolated from tendon to back pain (domain.md §5).
    """
    p = params if params is not None else resolve()
    if pain <= p.pain_safe_max:
        return "safe"
    if pain <= p.pain_acceptable_max:
        return "acceptable"
    return "too much"


def pain_zone_frame(params: Params | None = None) -> pd.DataFrame:
    """Every pain rating 0-10 with its zone: the table ``pain_traffic_light_chart`` draws."""
    return pd.DataFrame(
        [{"pain": n, "zone": pain_zone(n, params)} for n in range(11)], columns=["pain", "zone"]
    )


def demand_tolerance_frame(client: Client, catalog, exercise_ids: Iterable[str]) -> pd.DataFrame:
    """Movement demand against the client's tolerance, per exercise and dimension.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise``, ``dimension``, ``demand`` and ``tolerance`` (0-3) and
        ``over`` (True where the demand exceeds the tolerance: the exercise is
        contraindicated, domain.md §3).
    """
    rows = []
    for i in exercise_ids:
        ex = catalog.by_id[i]
        for d in Dimension:
            demand, tol = ex.demands[d], client.tolerance(d)
            rows.append(
                {
                    "exercise": ex.name,
                    "dimension": d.label,
                    "demand": demand,
                    "tolerance": tol,
                    "over": demand > tol,
                }
            )
    return pd.DataFrame(rows, columns=["exercise", "dimension", "demand", "tolerance", "over"])
