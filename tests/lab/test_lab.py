"""The constraint lab's pure functions: scenarios, the diff, the sweep, teaching tables."""

from functools import cache

import pandas as pd
import pytest
from strategies import PULP_V4

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.defaults import OverrideError, resolve
from workbench.domain import Day, Dimension, Discipline, Goal
from workbench.lab import scenarios as lab
from workbench.planning.planner import PlanOptions
from workbench.planning.result import Block, DayPlan, PlanResult, WeekPlan
from workbench.ui import charts

FAST = "runner-returning"  # plans a week in a fraction of a second on the built-in catalog


def block(ex_id: str, load: float = 60.0, minutes: int = 20) -> Block:
    return Block(ex_id, ex_id.replace("-", " "), Discipline.YOGA, minutes, load / minutes, load)


def week(n: int, days: dict, minutes=None, targets=None, ceiling=500.0, binding=()) -> WeekPlan:
    return WeekPlan(
        week=n,
        ceiling=ceiling,
        cap=ceiling,
        days=tuple(DayPlan(d, tuple(block(i) for i in ids)) for d, ids in days.items()),
        minutes_by_goal=minutes or {},
        goal_targets=targets or {},
        binding=tuple(binding),
    )


def planned(*weeks: WeekPlan) -> PlanResult:
    return PlanResult(status="planned", message="", weeks=tuple(weeks))


# ------------------------------------------------------------------ measures


def test_goal_coverage_counts_each_goal_only_up_to_its_target():
    r = planned(
        week(
            1,
            {Day.MON: ["a"]},
            minutes={Goal.CARDIO: 150.0, Goal.STRENGTH: 20.0},
            targets={Goal.CARDIO: 100.0, Goal.STRENGTH: 40.0},
        )
    )
    # cardio's extra 50 min does not make up for strength's missing 20
    assert lab.goal_coverage(r) == round(100 * (100 + 20) / 140, 1)


def test_goal_coverage_is_none_without_a_plan_or_without_goals():
    assert lab.goal_coverage(PlanResult(status="referred", message="")) is None
    assert lab.goal_coverage(planned(week(1, {Day.MON: ["a"]}))) is None


def test_binding_families_are_listed_once_in_order_of_first_appearance():
    r = planned(
        week(1, {}, binding=["weekly_load_ceiling", "variety_disciplines"]),
        week(2, {}, binding=["session_minutes", "weekly_load_ceiling"]),
    )
    assert lab.binding_families(r) == [
        "weekly_load_ceiling",
        "variety_disciplines",
        "session_minutes",
    ]


# ------------------------------------------------------------------ compare


def test_compare_lists_load_minutes_and_exercises_added_and_removed_per_week():
    base = planned(
        week(1, {Day.MON: ["bird-dog", "walk"], Day.WED: ["walk"]}, {Goal.CORE_ENDURANCE: 20.0}),
        week(2, {Day.MON: ["bird-dog"]}),
    )
    other = planned(
        week(1, {Day.MON: ["bird-dog", "swim"], Day.WED: ["walk"]}, {Goal.CORE_ENDURANCE: 30.0}),
        week(2, {Day.MON: ["bird-dog"]}),
    )
    diff = lab.compare({"base": base, "other": other})
    rows = {(r.week, r.item): r for r in diff.itertuples()}
    assert set(diff["scenario"]) == {"other"}
    assert rows[(1, "exercises added")].value == "swim"
    assert rows[(1, "exercises removed")].value == "walk"
    assert rows[(1, "minutes: core endurance [min]")].change == 10.0
    # same load (60 AU each block), same week 2: nothing else changed
    assert (1, "load [AU]") not in rows
    assert not any(w == 2 for w, _ in rows)


def test_compare_with_all_rows_keeps_unchanged_load_and_counts_repeats():
    base = planned(week(1, {Day.MON: ["walk"]}))
    other = planned(week(1, {Day.MON: ["walk"], Day.WED: ["walk"]}))
    diff = lab.compare({"base": base, "other": other}, changed_only=False)
    load = diff[diff.item == "load [AU]"].iloc[0]
    assert (load.baseline, load.value, load.change) == (60.0, 120.0, 60.0)
    added = diff[diff.item == "exercises added"].iloc[0]
    assert added.value == "walk" and added.change == 1
    assert "ceiling [AU]" in set(diff.item)


def test_compare_names_a_change_of_status_and_what_binds():
    base = planned(week(1, {Day.MON: ["walk"]}, binding=["weekly_load_ceiling"]))
    binds = planned(week(1, {Day.MON: ["walk"]}, binding=["session_minutes"]))
    none = PlanResult(status="infeasible", message="no plan")
    diff = lab.compare({"base": base, "binds": binds, "none": none})
    assert diff[diff.scenario == "none"][["item", "change"]].values.tolist() == [
        ["status", "planned → infeasible"]
    ]
    what = diff[(diff.scenario == "binds") & (diff.item == "limited by")].iloc[0]
    assert (what.baseline, what.value) == ("the weekly load ceiling", "the minutes in one session")


def test_compare_against_a_named_baseline_and_refuses_an_unknown_one():
    a, b = planned(week(1, {Day.MON: ["walk"]})), planned(week(1, {Day.MON: ["swim"]}))
    assert set(lab.compare({"a": a, "b": b}, baseline="b")["scenario"]) == {"a"}
    with pytest.raises(KeyError, match="no scenario named 'c'"):
        lab.compare({"a": a, "b": b}, baseline="c")
    assert lab.compare({}).empty


def test_scenario_frame_has_the_columns_scenario_chart_draws():
    frame = lab.scenario_frame(
        {"a": planned(week(1, {Day.MON: ["walk"]})), "none": PlanResult("referred", "")}
    )
    assert frame.to_dict("records") == [
        {"scenario": "a", "week": 1, "load": 60.0, "ceiling": 500.0}
    ]
    charts.scenario_chart(frame).to_dict()  # the chart accepts it


# ------------------------------------------------------------------ scenarios


def test_scenario_applies_overrides_goals_and_options_without_touching_the_base():
    client = example_client(FAST)
    base = PlanOptions(weeks=2, overrides={"weekly_rise": 0.08})
    s = lab.scenario(
        "x", client, base, overrides={"min_disciplines_per_week": 1}, goals={"strength": 90}
    )
    assert s.options.overrides == {"weekly_rise": 0.08, "min_disciplines_per_week": 1}
    assert s.options.weeks == 2
    assert s.client.goals[Goal.STRENGTH] == 90
    assert client.goals[Goal.STRENGTH] == 40 and base.overrides == {"weekly_rise": 0.08}


def test_scenario_refuses_an_unknown_rule_or_an_out_of_range_value():
    client = example_client(FAST)
    with pytest.raises(OverrideError, match="unknown rule 'weekly_rize'"):
        lab.scenario("x", client, overrides={"weekly_rize": 0.1})
    with pytest.raises(OverrideError, match="between 0 and 0.3"):
        lab.scenario("x", client, overrides={"weekly_rise": 0.5})


def test_standard_scenarios_change_one_thing_each():
    client = example_client(FAST)
    by_name = {s.name: s for s in lab.standard_scenarios(client)}
    assert list(by_name) == [
        "as assessed",
        "slower rise (5 %)",
        "variety off",
        "strength goal +50 %",
    ]
    assert by_name["as assessed"].options.overrides == {}
    assert by_name["slower rise (5 %)"].options.overrides == {"weekly_rise": 0.05}
    assert by_name["variety off"].options.overrides == {"min_disciplines_per_week": 1}
    assert by_name["strength goal +50 %"].client.goals[Goal.STRENGTH] == 60


def test_run_scenarios_refuses_two_scenarios_with_one_name():
    client = example_client(FAST)
    twice = [lab.scenario("same", client), lab.scenario("same", client)]
    with pytest.raises(ValueError, match="two scenarios are named 'same'"):
        lab.run_scenarios(twice, builtin_catalog(), planner=lambda *a: None)


# ------------------------------------------------------------------ sweep


class FakePlanner:
    """Records what it was asked; answers a one-week plan whose load is the ceiling rule."""

    def __init__(self):
        self.calls = []

    def __call__(self, client, catalog, options):
        self.calls.append((client, options))
        rise = options.overrides.get("weekly_rise", 0.1)
        if rise > 0.25:
            return PlanResult(status="infeasible", message="no")
        return planned(
            week(
                1,
                {Day.MON: ["walk"]},
                {Goal.CARDIO: 100 * rise / 0.2},
                {Goal.CARDIO: 100.0},
                binding=["weekly_load_ceiling"] if rise < 0.2 else [],
            )
        )


def test_sweep_gives_coverage_load_and_binding_per_value_as_the_chart_wants():
    fake = FakePlanner()
    frame = lab.sweep(example_client(FAST), None, "weekly_rise", [0.1, 0.2, 0.3], planner=fake)
    assert [o.overrides["weekly_rise"] for _c, o in fake.calls] == [0.1, 0.2, 0.3]
    assert list(frame.columns) == ["value", "metric", "amount", "binding", "status"]
    cov = frame[frame.metric == lab.COVERAGE].set_index("value")
    assert cov.amount.tolist()[:2] == [50.0, 100.0] and pd.isna(cov.amount.tolist()[2])
    assert cov.binding.tolist() == ["weekly_load_ceiling", "", "infeasible"]
    assert frame[frame.metric == lab.LOAD].amount.tolist()[:2] == [60.0, 60.0]
    summary = lab.sweep_summary(frame)
    assert summary.columns.tolist() == ["value", "status", lab.COVERAGE, lab.LOAD, "binding"]
    assert summary.status.tolist() == ["planned", "planned", "infeasible"]
    charts.sweep_chart(frame, lab.parameter_label("weekly_rise")).to_dict()


def test_sweep_of_a_goal_sets_the_goal_minutes():
    fake = FakePlanner()
    lab.sweep(example_client(FAST), None, "goal.strength", [0, 60], planner=fake)
    assert [c.goals[Goal.STRENGTH] for c, _o in fake.calls] == [0, 60]


def test_sweep_refuses_an_unknown_parameter_by_name():
    with pytest.raises(ValueError, match="cannot sweep 'ceiling'"):
        lab.sweep(example_client(FAST), None, "ceiling", [1.0], planner=FakePlanner())
    assert lab.parameter_label("start_ceiling_fraction") == "start_ceiling_fraction [fraction]"
    assert lab.parameter_label("goal.cardio") == "cardio goal [min/week]"


# ------------------------------------------------------------------ with the real planner


@cache
def standard_results(weeks: int = 2):
    client = example_client(FAST)
    return lab.run_scenarios(
        lab.standard_scenarios(client, PlanOptions(weeks=weeks)), builtin_catalog()
    )


@PULP_V4
def test_a_slower_rise_lowers_the_week_two_ceiling_and_every_plan_stays_under_it():
    results = standard_results()
    assert all(r.planned for r in results.values())
    base, slower = results["as assessed"], results["slower rise (5 %)"]
    assert base.weeks[0].ceiling == slower.weeks[0].ceiling
    assert slower.weeks[1].ceiling == pytest.approx(base.weeks[0].ceiling * 1.05, abs=0.1)
    for r in results.values():
        assert all(w.load <= w.ceiling + 1e-6 for w in r.weeks)
    diff = lab.compare(results)
    ceiling = diff[(diff.scenario == "slower rise (5 %)") & (diff.item == "ceiling [AU]")]
    assert ceiling.week.tolist() == [2] and ceiling.change.iloc[0] < 0


@PULP_V4
def test_a_higher_strength_goal_shows_as_a_target_change_every_week():
    diff = lab.compare(standard_results())
    rows = diff[(diff.scenario == "strength goal +50 %") & (diff.item == "target: strength [min]")]
    assert rows.week.tolist() == [1, 2] and (rows.change == 20).all()


@PULP_V4
def test_sweeping_the_starting_ceiling_buys_goal_coverage_with_load():
    frame = lab.sweep(example_client(FAST), builtin_catalog(), "start_ceiling_fraction", [0.4, 1.0])
    cov = frame[frame.metric == lab.COVERAGE].amount.tolist()
    load = frame[frame.metric == lab.LOAD].amount.tolist()
    assert cov[1] > cov[0] and load[1] > load[0]
    assert "weekly_load_ceiling" in frame.binding.iloc[0]


# ------------------------------------------------------------------ teaching tables


def test_ceilings_compound_each_week_and_never_rise_above_the_hard_cap():
    client = example_client(FAST)
    frame = lab.ceiling_frame(client, 4, rises=[0.1, 0.3])
    ten = frame[frame.rise == "10% a week"].ceiling.tolist()
    assert ten[1] == pytest.approx(ten[0] * 1.1, abs=0.1)
    assert ten[3] == pytest.approx(ten[0] * 1.1**3, abs=0.3)
    capped = lab.ceiling_frame(client, 3, [0.3], resolve({"max_weekly_rise": 0.2}))
    assert capped.ceiling.tolist()[1] == pytest.approx(capped.ceiling.tolist()[0] * 1.2, abs=0.1)


@pytest.mark.parametrize(
    ("overrides", "zones"),
    [
        ({}, ["safe"] * 3 + ["acceptable"] * 3 + ["too much"] * 5),
        (
            {"pain_safe_max": 1, "pain_acceptable_max": 4},
            ["safe"] * 2 + ["acceptable"] * 3 + ["too much"] * 6,
        ),
    ],
)
def test_pain_zones_follow_the_defaults(overrides, zones):
    frame = lab.pain_zone_frame(resolve(overrides))
    assert frame.pain.tolist() == list(range(11))
    assert frame.zone.tolist() == zones
    charts.pain_traffic_light_chart(frame).to_dict()


def test_demand_above_tolerance_is_marked_over():
    client = example_client("desk-worker-flexion")  # loaded flexion tolerance 1
    catalog = builtin_catalog()
    crunch = next(e for e in catalog if e.id == "gym-crunch")
    frame = lab.demand_tolerance_frame(client, catalog, ["gym-crunch"])
    row = frame[frame.dimension == "loaded flexion"].iloc[0]
    assert (row.demand, row.tolerance) == (crunch.demands[Dimension.LOADED_FLEXION], 1)
    assert row.demand > 1 and bool(row.over)
    assert len(frame) == len(Dimension)
    assert frame.over.tolist() == [crunch.demands[d] > client.tolerance(d) for d in Dimension]
