"""Each chart renders offline to SVG with the marks and words a trainer expects,
and a table missing a column is refused with the column's name."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest

from workbench.ui import charts
from workbench.ui.render import ChartPane, chart_to_svg, enable_offline

WEEKS = [1, 2, 3, 4]


def _marks(svg: str, kind: str) -> int:
    """How many marks of Vega's ARIA kind ("bar", "point", "line mark", ...) the SVG has."""
    return svg.count(f'aria-roledescription="{kind}"')


@pytest.fixture
def load_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"week": WEEKS, "load": [140, 150, 165, 160], "ceiling": [150, 165, 180, 180]}
    )


@pytest.fixture
def goal_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"week": week, "goal": goal, "minutes": minutes, "target": target}
            for week in (1, 2)
            for goal, minutes, target in [("aerobic", 90, 150), ("strength", 40, 60)]
        ]
    )


@pytest.fixture
def mix_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"week": week, "discipline": discipline, "load": load}
            for week in WEEKS
            for discipline, load in [("yoga", 40), ("gym", 60), ("swimming", 30)]
        ]
    )


@pytest.fixture
def sweep_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"value": value, "metric": metric, "amount": amount, "binding": binding}
            for value in (0.05, 0.10, 0.15)
            for metric, amount, binding in [
                ("goal coverage %", 60 + value * 100, "weekly_load_ceiling"),
                ("load AU", 900 + value * 1000, "weekly_load_ceiling, variety"),
            ]
        ]
    )


@pytest.fixture
def pain_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"pain": range(11), "zone": ["safe"] * 3 + ["acceptable"] * 3 + ["too much"] * 5}
    )


@pytest.fixture
def scenario_table(load_table: pd.DataFrame) -> pd.DataFrame:
    gentler = load_table.assign(load=load_table["load"] * 0.9)
    return pd.concat([load_table.assign(scenario="as planned"), gentler.assign(scenario="gentler")])


def test_load_chart_shows_a_bar_per_week_and_the_ceiling_line(load_table):
    svg = chart_to_svg(charts.load_chart(load_table))

    assert "Weekly load against the ceiling" in svg
    assert _marks(svg, "bar") == len(WEEKS)
    assert _marks(svg, "line mark") == 1
    assert "load [AU]" in svg
    assert "ceiling" in svg and "planned load" in svg  # the legend


def test_goal_chart_shows_minutes_per_goal_and_a_target_tick_each(goal_table):
    svg = chart_to_svg(charts.goal_chart(goal_table))

    assert "Minutes per goal against the target" in svg
    assert _marks(svg, "bar") == len(goal_table)
    assert _marks(svg, "tick") == len(goal_table)
    assert "aerobic" in svg and "strength" in svg


def test_mix_chart_stacks_every_discipline_in_every_week(mix_table):
    svg = chart_to_svg(charts.mix_chart(mix_table))

    assert "Share of weekly load by discipline" in svg
    assert _marks(svg, "bar") == len(mix_table)
    assert "100%" in svg  # the normalised axis


def test_sweep_chart_draws_one_line_per_metric_with_binding_in_the_tooltip(sweep_table):
    svg = chart_to_svg(charts.sweep_chart(sweep_table, "weekly rise [fraction]"))

    assert "What changes with weekly rise [fraction]" in svg
    assert _marks(svg, "line mark") == 2
    assert _marks(svg, "point") == len(sweep_table)
    assert "goal coverage %" in svg and "load AU" in svg
    assert "binding: weekly_load_ceiling, variety</title>" in svg


def test_pain_guide_labels_all_eleven_ratings_and_names_each_zone(pain_table):
    svg = chart_to_svg(charts.pain_traffic_light_chart(pain_table))

    assert "Pain during exercise: what the numbers mean" in svg
    assert _marks(svg, "rect mark") == 11
    assert _marks(svg, "text mark") == 11
    for zone in ("safe", "acceptable", "too much"):
        assert f">{zone}</text>" in svg


def test_pain_guide_uses_no_alarm_red():
    assert not any(
        color.upper() in {"#FF0000", "#D55E00", "#E41A1C", "#D62728"}
        for color in charts.PAIN_ZONE_COLORS.values()
    )


def test_pain_guide_refuses_a_zone_it_does_not_know(pain_table):
    pain_table.loc[10, "zone"] = "danger"
    with pytest.raises(ValueError, match=r"'zone'.*'danger'"):
        charts.pain_traffic_light_chart(pain_table)


def test_scenario_chart_puts_scenarios_side_by_side_on_one_scale(scenario_table):
    svg = chart_to_svg(charts.scenario_chart(scenario_table))

    assert "Scenarios side by side" in svg
    assert "as planned" in svg and "gentler" in svg
    assert _marks(svg, "bar") == len(scenario_table)
    assert _marks(svg, "line mark") == 2
    spec = charts.scenario_chart(scenario_table).to_dict()
    assert spec["resolve"]["scale"]["y"] == "shared"


@pytest.mark.parametrize(
    ("chart", "table", "column"),
    [
        (charts.load_chart, "load_table", "ceiling"),
        (charts.goal_chart, "goal_table", "target"),
        (charts.mix_chart, "mix_table", "discipline"),
        (lambda df: charts.sweep_chart(df, "rise"), "sweep_table", "binding"),
        (charts.pain_traffic_light_chart, "pain_table", "zone"),
        (charts.scenario_chart, "scenario_table", "scenario"),
    ],
)
def test_a_missing_column_is_named_in_the_error(chart, table, column, request):
    df = request.getfixturevalue(table).drop(columns=[column])
    with pytest.raises(ValueError, match=rf"needs column\(s\) '{column}'"):
        chart(df)


def test_charts_keep_a_modest_width(load_table, mix_table, goal_table):
    for chart in (
        charts.load_chart(load_table),
        charts.mix_chart(mix_table),
        charts.goal_chart(goal_table),
    ):
        width = int(re.search(r'<svg[^>]* width="(\d+)"', chart_to_svg(chart)).group(1))
        assert 400 <= width <= 700


def test_svg_marks_carry_hover_titles(load_table):
    svg = chart_to_svg(charts.load_chart(load_table))
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    # four bars and four ceiling points; the dashed line (one mark for all weeks) has none
    assert len([t for t in titles if t.startswith("week: ")]) == 2 * len(WEEKS)
    assert any("week: 1;" in t and "ceiling [AU]: 150" in t for t in titles)
    assert "<title>" not in chart_to_svg(charts.load_chart(load_table), tooltips=False)


def test_chart_pane_replaces_its_chart_in_place(load_table):
    pane = ChartPane(charts.load_chart(load_table))
    first = pane.value

    pane.update(charts.load_chart(load_table.head(2)))

    assert _marks(first, "bar") == 4
    assert _marks(pane.value, "bar") == 2
    assert "workbench-chart" in pane._dom_classes
    pane.update(None)
    assert pane.value == ""


def test_enable_offline_sets_a_renderer_that_needs_no_network():
    previous = alt.renderers.active
    try:
        assert enable_offline("svg") == "svg"
        assert alt.renderers.active == "svg"
        with pytest.raises(ValueError, match="'svg' or 'jupyter'"):
            enable_offline("default")
    finally:
        alt.renderers.enable(previous)
