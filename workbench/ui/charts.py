"""Tidy DataFrame in, Altair chart out: encoding only.

Every function here takes a tidy :class:`pandas.DataFrame` (one row an
observation, one column a variable) that the domain modules already computed,
and returns an :class:`altair.Chart` (or a layered/faceted chart). Nothing here
computes a load, a ceiling, a target or a zone; a chart only maps columns to
marks. Required columns are checked at the edge, and a missing one raises a
:class:`ValueError` that names it.

Rendering (SVG, interactive widget, no network) lives in :mod:`workbench.ui.render`.

Colours come from the Okabe-Ito palette [1]_, which stays distinguishable under
the common colour-vision deficiencies; its vermillion is left out so that no
client-facing chart looks like an alarm. Colour is never the only cue: bars carry
tooltips and the pain guide labels every band.

References
----------
.. [1] Okabe M., Ito K. (2008) Color Universal Design (CUD): how to make figures
   and presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

__all__ = [
    "CEILING_COLOR",
    "PAIN_ZONE_COLORS",
    "PALETTE",
    "goal_chart",
    "load_chart",
    "mix_chart",
    "pain_traffic_light_chart",
    "scenario_chart",
    "sweep_chart",
]

#: Categorical colours, Okabe-Ito without vermillion, calm hues first.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#999999",  # grey
    "#F0E442",  # yellow (last: low contrast on white)
)

#: The ceiling is a reference line, not a warning: a quiet slate, dashed.
CEILING_COLOR = "#3B4A5A"

#: Soft tints for the pain-monitoring zones; "too much" is a warm sand, not red.
PAIN_ZONE_COLORS: dict[str, str] = {
    "safe": "#A6DBC4",
    "acceptable": "#F5E08F",
    "too much": "#E9B98A",
}

_WIDTH = 480
_HEIGHT = 260


def _require(df: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    """Raise ``ValueError`` naming every required column that ``df`` lacks."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{chart} expects a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        have = ", ".join(repr(str(c)) for c in df.columns) or "none"
        raise ValueError(f"{chart} needs column(s) {names}; the table has columns: {have}")


def _load_layers(*, tooltip_extra: tuple[alt.Tooltip, ...] = ()) -> alt.LayerChart:
    """Bars of load per week and the ceiling as a dashed line with points (no data)."""
    # A constant "series" per layer gives the two layers one shared legend.
    series = alt.Color(
        "series:N",
        scale=alt.Scale(domain=["planned load", "ceiling"], range=[PALETTE[0], CEILING_COLOR]),
        legend=alt.Legend(title=None, orient="top"),
    )
    tooltip = [
        *tooltip_extra,
        alt.Tooltip("week:O", title="week"),
        alt.Tooltip("load:Q", title="planned load [AU]"),
        alt.Tooltip("ceiling:Q", title="ceiling [AU]"),
    ]
    base = alt.Chart().encode(
        x=alt.X("week:O", title="week", axis=alt.Axis(labelAngle=0)),
        color=series,
        tooltip=tooltip,
    )
    bars = (
        base.transform_calculate(series="'planned load'")
        .mark_bar(opacity=0.85)
        .encode(y=alt.Y("load:Q", title="load [AU]"))
    )
    ceiling = (
        base.transform_calculate(series="'ceiling'")
        .mark_line(strokeDash=[6, 4], strokeWidth=2, point=True)
        .encode(y=alt.Y("ceiling:Q"))
    )
    return alt.layer(bars, ceiling)


def load_chart(df: pd.DataFrame) -> alt.LayerChart:
    """Planned load per week as bars, with the weekly ceiling as a dashed line.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per week, with columns

        - ``week`` (int): week number of the plan, from 1.
        - ``load`` [AU]: planned session-RPE load for the week (effort x minutes).
        - ``ceiling`` [AU]: the weekly load ceiling that applies to that week.

    Returns
    -------
    altair.LayerChart
        Titled "Weekly load against the ceiling".

    Raises
    ------
    ValueError
        If a required column is missing; the message names it.
    """
    _require(df, ("week", "load", "ceiling"), "load_chart")
    layers = _load_layers()
    layers.data = df
    return layers.properties(title="Weekly load against the ceiling", width=_WIDTH, height=_HEIGHT)


def goal_chart(df: pd.DataFrame) -> alt.LayerChart:
    """Minutes planned per goal, with the goal's target as a tick, for one or more weeks.

    Bars are grouped by week (x) and coloured by goal; a dark tick on each bar
    marks the target, so "how close to the target" reads without a legend lookup.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per (week, goal), with columns

        - ``week`` (int): week number.
        - ``goal`` (str): the weekly goal, e.g. ``"aerobic"``, ``"strength"``.
        - ``minutes`` [min]: minutes the plan gives to the goal that week.
        - ``target`` [min]: minutes the goal asks for that week.

    Returns
    -------
    altair.LayerChart
        Titled "Minutes per goal against the target".

    Raises
    ------
    ValueError
        If a required column is missing; the message names it.
    """
    _require(df, ("week", "goal", "minutes", "target"), "goal_chart")
    tooltip = [
        alt.Tooltip("week:O", title="week"),
        alt.Tooltip("goal:N", title="goal"),
        alt.Tooltip("minutes:Q", title="planned [min]"),
        alt.Tooltip("target:Q", title="target [min]"),
    ]
    base = alt.Chart(df).encode(
        x=alt.X("week:O", title="week", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("goal:N"),
        tooltip=tooltip,
    )
    bars = base.mark_bar(opacity=0.85).encode(
        y=alt.Y("minutes:Q", title="minutes [min]"),
        color=alt.Color("goal:N", title="goal", scale=alt.Scale(range=list(PALETTE))),
    )
    targets = base.mark_tick(color=CEILING_COLOR, thickness=3).encode(y=alt.Y("target:Q"))
    return alt.layer(bars, targets).properties(
        title=alt.Title(
            "Minutes per goal against the target", subtitle="bars: planned, ticks: target"
        ),
        width=_WIDTH,
        height=_HEIGHT,
    )


def mix_chart(df: pd.DataFrame) -> alt.Chart:
    """Each discipline's share of the weekly load, as stacked 100 % bars.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per (week, discipline), with columns

        - ``week`` (int): week number.
        - ``discipline`` (str): e.g. ``"yoga"``, ``"gym"``, ``"swimming"``.
        - ``load`` [AU]: the discipline's planned load that week.

    Returns
    -------
    altair.Chart
        Titled "Share of weekly load by discipline"; the stack is normalised by
        Vega-Lite, the table is not changed.

    Raises
    ------
    ValueError
        If a required column is missing; the message names it.
    """
    _require(df, ("week", "discipline", "load"), "mix_chart")
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("week:O", title="week", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "sum(load):Q",
                stack="normalize",
                title="share of weekly load",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "discipline:N", title="discipline", scale=alt.Scale(range=list(PALETTE))
            ),
            order=alt.Order("discipline:N"),
            tooltip=[
                alt.Tooltip("week:O", title="week"),
                alt.Tooltip("discipline:N", title="discipline"),
                alt.Tooltip("sum(load):Q", title="load [AU]"),
            ],
        )
        .properties(title="Share of weekly load by discipline", width=_WIDTH, height=_HEIGHT)
    )


def sweep_chart(df: pd.DataFrame, parameter_label: str) -> alt.FacetChart:
    """How each metric moves as one parameter is swept: one small panel per metric.

    Panels share the x axis (the swept parameter) and each has its own y scale, so
    a percentage and a load in AU can sit one above the other. The constraint
    families that bind at each point are in the tooltip.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per (value, metric), with columns

        - ``value``: the swept parameter's value (x), in the unit ``parameter_label`` says.
        - ``metric`` (str): what was measured, e.g. ``"goal coverage %"``, ``"load AU"``.
        - ``amount``: the metric's value at that parameter value.
        - ``binding`` (str): the constraint families that bind there, e.g.
          ``"weekly_load_ceiling, variety"`` (empty when none bind).
    parameter_label : str
        Axis title for the swept parameter, with its unit, e.g. ``"weekly rise [fraction]"``.

    Returns
    -------
    altair.FacetChart
        Titled "What changes with <parameter_label>".

    Raises
    ------
    ValueError
        If a required column is missing; the message names it.
    """
    _require(df, ("value", "metric", "amount", "binding"), "sweep_chart")
    lines = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True))
        .encode(
            x=alt.X(
                "value:Q",
                title=parameter_label,
                scale=alt.Scale(zero=False),
                axis=alt.Axis(tickCount=6, labelOverlap=True),
            ),
            y=alt.Y("amount:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color("metric:N", legend=None, scale=alt.Scale(range=list(PALETTE))),
            tooltip=[
                alt.Tooltip("value:Q", title=parameter_label),
                alt.Tooltip("metric:N", title="metric"),
                alt.Tooltip("amount:Q", title="amount"),
                alt.Tooltip("binding:N", title="binding"),
            ],
        )
        .properties(width=_WIDTH, height=120)
    )
    return (
        lines.facet(
            data=df,
            row=alt.Row("metric:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
        )
        .resolve_scale(y="independent")
        .properties(title=f"What changes with {parameter_label}")
    )


def pain_traffic_light_chart(df: pd.DataFrame) -> alt.LayerChart:
    """A teaching band: pain during exercise 0-10, each number in its zone's colour.

    The pain-monitoring model (Silbernagel 2007; see :mod:`workbench.defaults`)
    calls 0-2 safe, 3-5 acceptable and above 5 too much. The band is for
    explaining that model to a client, so its colours are soft and every cell
    carries its number and zone name in text as well as in colour.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per pain rating, with columns

        - ``pain`` (int, 0-10): the rating on the numeric pain scale.
        - ``zone`` (str): ``"safe"``, ``"acceptable"`` or ``"too much"``, as the
          rules assign it.

    Returns
    -------
    altair.LayerChart
        Titled "Pain during exercise: what the numbers mean".

    Raises
    ------
    ValueError
        If a required column is missing, or a zone is not one of the three names.
    """
    _require(df, ("pain", "zone"), "pain_traffic_light_chart")
    unknown = sorted(set(df["zone"].astype(str)) - set(PAIN_ZONE_COLORS))
    if unknown:
        allowed = ", ".join(repr(z) for z in PAIN_ZONE_COLORS)
        raise ValueError(
            f"pain_traffic_light_chart: column 'zone' has unknown value(s) "
            f"{', '.join(repr(z) for z in unknown)}; allowed: {allowed}"
        )
    base = alt.Chart(df).encode(
        # The cells carry the numbers, so the axis keeps only its title.
        x=alt.X(
            "pain:O",
            title="pain during exercise (0-10)",
            axis=alt.Axis(labels=False, ticks=False, domain=False),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "zone:N",
            title=None,
            scale=alt.Scale(domain=list(PAIN_ZONE_COLORS), range=list(PAIN_ZONE_COLORS.values())),
            legend=alt.Legend(orient="bottom", direction="horizontal", symbolSize=200),
        ),
        tooltip=[alt.Tooltip("pain:O", title="pain"), alt.Tooltip("zone:N", title="zone")],
    )
    numbers = base.mark_text(fontSize=16, color=CEILING_COLOR).encode(text=alt.Text("pain:O"))
    return alt.layer(cells, numbers).properties(
        title="Pain during exercise: what the numbers mean", width=_WIDTH, height=60
    )


def scenario_chart(df: pd.DataFrame) -> alt.FacetChart:
    """Two or more scenarios side by side: weekly load bars and ceiling, shared y axis.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per (scenario, week), with columns

        - ``scenario`` (str): the scenario's name, e.g. ``"as planned"``, ``"rise 5 %"``.
        - ``week`` (int): week number.
        - ``load`` [AU]: planned load that week in that scenario.
        - ``ceiling`` [AU]: the weekly ceiling in that scenario.

    Returns
    -------
    altair.FacetChart
        One column per scenario, titled "Scenarios side by side". The y scale is
        shared so that equal heights mean equal loads.

    Raises
    ------
    ValueError
        If a required column is missing; the message names it.
    """
    _require(df, ("scenario", "week", "load", "ceiling"), "scenario_chart")
    n_scenarios = max(int(df["scenario"].nunique()), 1)
    panel_width = max(140, _WIDTH // n_scenarios)
    layers = _load_layers(tooltip_extra=(alt.Tooltip("scenario:N", title="scenario"),))
    return (
        layers.properties(width=panel_width, height=_HEIGHT)
        .facet(data=df, column=alt.Column("scenario:N", title=None))
        .resolve_scale(y="shared")
        .properties(title="Scenarios side by side")
    )
