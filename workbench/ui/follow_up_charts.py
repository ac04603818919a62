"""The Follow up view's charts: tidy DataFrame in, Altair chart out, encoding only.

As in :mod:`workbench.ui.charts` (whose palette and ceiling colour these share), nothing
here computes: the loop's :func:`~workbench.followup.status.load_frame`,
:func:`~workbench.followup.status.pain_frame` and
:func:`~workbench.followup.status.adherence` computed the figures; a chart folds columns
into series and maps them to marks. Required columns are checked at the edge and a
missing one raises :class:`ValueError` naming it. Rendered offline by
:class:`~workbench.ui.render.ChartPane` (SVG from vl-convert, no network).

The pain chart is client-facing: its words are calm (domain.md §7; checked with
:func:`workbench.language.find_threat_words` in the tests) and its colours leave out
red, so a week with more pain reads as information, not an alarm.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from workbench.ui.charts import _HEIGHT, _WIDTH, CEILING_COLOR, PALETTE, _require

__all__ = [
    "CHART_TITLES",
    "adherence_chart",
    "adherence_table",
    "followup_load_chart",
    "pain_trend_chart",
]

#: Every chart's title (client-facing words, checked in the tests).
CHART_TITLES = {
    "load": "Planned and logged load against the ceiling, week by week",
    "pain": "How the back felt: pain and next-morning stiffness (0-10)",
    "adherence": "Sessions done: the last 7, 30 and 90 days",
}

#: The pain frame's columns, in the order a client answers, and their legend words.
PAIN_SERIES = {
    "pain_before": "pain before",
    "pain_during": "pain during (worst)",
    "pain_after": "pain after",
    "next_morning_pain": "next-morning pain",
    "next_morning_stiffness": "next-morning stiffness",
}


def followup_load_chart(df: pd.DataFrame) -> alt.LayerChart:
    """Planned and logged load per program week as bars side by side, the ceiling dashed.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per program week (:func:`~workbench.followup.status.load_frame`):
        ``week`` (int, program week), ``ceiling``, ``planned``, ``logged`` [AU]
        (session-RPE load, effort × minutes; ``logged`` empty for a week not logged yet).

    Returns
    -------
    altair.LayerChart
        Titled :data:`CHART_TITLES` ``["load"]``.
    """
    _require(df, ("week", "ceiling", "planned", "logged"), "followup_load_chart")
    series = alt.Color(
        "series:N",
        scale=alt.Scale(
            domain=["planned", "logged", "ceiling"], range=[PALETTE[2], PALETTE[0], CEILING_COLOR]
        ),
        legend=alt.Legend(title=None, orient="top"),
    )
    x = alt.X("week:O", title="program week", axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart()
        .transform_fold(["planned", "logged"], as_=["series", "load"])
        .mark_bar(opacity=0.9)
        .encode(
            x=x,
            xOffset=alt.XOffset("series:N", sort=["planned", "logged"]),
            y=alt.Y("load:Q", title="load [AU]"),
            color=series,
            tooltip=[
                alt.Tooltip("week:O", title="week"),
                alt.Tooltip("series:N", title="load"),
                alt.Tooltip("load:Q", title="[AU]", format=".0f"),
            ],
        )
    )
    ceiling = (
        alt.Chart()
        .transform_calculate(series="'ceiling'")
        .mark_line(strokeDash=[6, 4], strokeWidth=2, point=True)
        .encode(
            x=x,
            y=alt.Y("ceiling:Q"),
            color=series,
            tooltip=[
                alt.Tooltip("week:O", title="week"),
                alt.Tooltip("ceiling:Q", title="ceiling [AU]", format=".0f"),
            ],
        )
    )
    return alt.layer(bars, ceiling, data=df).properties(
        title=CHART_TITLES["load"], width=_WIDTH, height=_HEIGHT
    )


def pain_trend_chart(df: pd.DataFrame) -> alt.Chart:
    """The pain ratings and next-morning stiffness over the days logged, one line each.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per session log (:func:`~workbench.followup.status.pain_frame`): ``on``
        (date) and the 0-10 ratings ``pain_before``, ``pain_during``, ``pain_after``,
        ``next_morning_pain``, ``next_morning_stiffness`` (empty where not given).

    Returns
    -------
    altair.Chart
        Titled :data:`CHART_TITLES` ``["pain"]``, y fixed at 0-10.
    """
    _require(df, ("on", *PAIN_SERIES), "pain_trend_chart")
    table = df.rename(columns=PAIN_SERIES).assign(on=pd.to_datetime(df["on"]))
    labels = list(PAIN_SERIES.values())
    return (
        alt.Chart(table)
        .transform_fold(labels, as_=["rating", "value"])
        .transform_filter("isValid(datum.value)")
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("on:T", title="day", axis=alt.Axis(format="%d %b")),
            y=alt.Y("value:Q", title="0-10", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color(
                "rating:N",
                sort=labels,
                scale=alt.Scale(domain=labels, range=list(PALETTE[:5])),
                legend=alt.Legend(title=None, orient="top", columns=3),
            ),
            tooltip=[
                alt.Tooltip("on:T", title="day", format="%a %d %b"),
                alt.Tooltip("rating:N", title="rating"),
                alt.Tooltip("value:Q", title="0-10"),
            ],
        )
        .properties(title=CHART_TITLES["pain"], width=_WIDTH, height=_HEIGHT)
    )


def adherence_table(adherence: Mapping[int, float | None]) -> pd.DataFrame:
    """The loop's adherence (days → share done, or None) as a tidy table.

    Columns ``window`` (label, e.g. "last 7 days"), ``days`` and ``done`` [fraction,
    empty where nothing was due]. A reshaping only: the shares are the loop's.
    """
    rows = [
        {"window": f"last {d} days", "days": int(d), "done": share}
        for d, share in sorted(adherence.items())
    ]
    return pd.DataFrame(rows, columns=["window", "days", "done"])


def adherence_chart(df: pd.DataFrame) -> alt.Chart:
    """Share of the planned sessions done over each window, as horizontal bars.

    Parameters
    ----------
    df : pandas.DataFrame
        :func:`adherence_table`: ``window`` (label), ``days`` and ``done`` [fraction 0-1,
        empty where no session was due].

    Returns
    -------
    altair.Chart
        Titled :data:`CHART_TITLES` ``["adherence"]``, x fixed at 0-100 %.
    """
    _require(df, ("window", "days", "done"), "adherence_chart")
    order = list(df.sort_values("days")["window"])
    return (
        alt.Chart(df)
        .transform_filter("isValid(datum.done)")
        .mark_bar(color=PALETTE[1])
        .encode(
            y=alt.Y("window:N", title=None, sort=order),
            x=alt.X(
                "done:Q",
                title="sessions done",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            tooltip=[
                alt.Tooltip("window:N", title="over"),
                alt.Tooltip("done:Q", title="done", format=".0%"),
            ],
        )
        .properties(title=CHART_TITLES["adherence"], width=_WIDTH, height=90)
    )
