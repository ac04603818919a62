"""What a re-plan changed: :func:`workbench.planning.explain.plan_changes` and its summary.

The trainer bans or pins a block and the plan comes back; the app says how many weeks
changed, what went out and came in, and marks the blocks new on their day.
"""

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import PULP_V4, WEEK_IDS, plan_weeks
from strategies import walking_block as block

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.domain import Day
from workbench.optimize.problem import Pin
from workbench.planning.explain import changes_frame, changes_summary, plan_changes
from workbench.planning.planner import PlanOptions, plan, replan
from workbench.planning.result import PLANNED, DayPlan, PlanResult, WeekPlan


def result(ws) -> PlanResult:
    return PlanResult(status=PLANNED, message="", weeks=ws)


def ids(week: WeekPlan) -> Counter:
    return Counter(b.exercise_id for d in week.days for b in d.blocks)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(plan_weeks(n), plan_weeks(n))))
def test_the_changes_turn_the_old_weeks_into_the_new_ones(pair):
    old, new = pair
    changes = plan_changes(result(old), result(new))
    assert [c.week for c in changes] == [w.week for w in new]
    for before, after, c in zip(old, new, changes, strict=True):
        # old blocks − removed + added are exactly the new blocks, exercise by exercise
        counted = ids(before)
        counted.subtract(Counter(i for i, _n in c.removed))
        counted.update(Counter(i for i, _n in c.added))
        assert +counted == ids(after)
        assert not set(i for i, _n in c.added) & set(i for i, _n in c.removed)
        # every block marked new is a block of the new week not on that day before
        on_day = {d.day: d.blocks for d in after.days}
        old_on = Counter((d.day, b.exercise_id) for d in before.days for b in d.blocks)
        new_on = Counter((d.day, b.exercise_id) for d in after.days for b in d.blocks)
        marked = Counter((day, on_day[day][k].exercise_id) for day, k in c.new_blocks)
        assert marked == new_on - old_on
        assert len(c.new_blocks) == len(c.added) + len(c.moved)
        assert c.changed == (ids(before) != ids(after) or new_on != old_on)
        assert c.load_before == before.load and c.load_after == after.load


def test_a_week_on_the_same_days_is_unchanged_and_a_session_on_another_day_moved():
    week = WeekPlan(
        1, 100.0, 100.0, (DayPlan(Day.MON, (block("walk-a"), block("yoga-c"))),), {}, {}
    )
    moved = replace(week, days=(DayPlan(Day.SAT, week.days[0].blocks),))
    (same,) = plan_changes(result((week,)), result((week,)))
    assert not same.changed and same.new_blocks == frozenset()
    assert changes_summary((same,)) == "Re-planned: no block changed."
    (other,) = plan_changes(result((week,)), result((moved,)))
    assert other.changed and not other.added and not other.removed
    assert [i for i, _n in other.moved] == ["walk-a", "yoga-c"]
    assert other.new_blocks == {(Day.SAT, 0), (Day.SAT, 1)}
    assert changes_summary((other,)) == (
        "Re-planned: 1 week changed; week 1: WALK-A, YOGA-C on another day."
    )


def test_the_summary_tells_an_exercise_gone_from_one_block_fewer():
    a, b, c = block("walk-a"), block("yoga-c"), block("gym-d")
    week = WeekPlan(1, 100.0, 100.0, (DayPlan(Day.MON, (a, b)), DayPlan(Day.THU, (a, b))), {}, {})
    after = replace(week, days=(DayPlan(Day.MON, (a, c)), DayPlan(Day.THU, (a, a, a))))
    (change,) = plan_changes(result((week,)), result((after,)))
    assert changes_summary((change,)) == (
        "Re-planned: 1 week changed; week 1: YOGA-C ×2 out; GYM-D in; 2 more WALK-A; "
        "load 120 → 150 AU."
    )
    swapped = replace(week, days=(DayPlan(Day.MON, (a, b)), DayPlan(Day.THU, (a, c))))
    (one,) = plan_changes(result((week,)), result((swapped,)))
    assert changes_summary((one,)) == (
        "Re-planned: 1 week changed; week 1: GYM-D in; one fewer YOGA-C."
    )
    fewer = replace(week, days=(DayPlan(Day.MON, (a, b)), DayPlan(Day.THU, (b,))))
    (more,) = plan_changes(result((fewer,)), result((week,)))
    assert changes_summary((more,)) == (
        "Re-planned: 1 week changed; week 1: one more WALK-A; load 90 → 120 AU."
    )
    (back,) = plan_changes(result((after,)), result((week,)))
    assert changes_summary((back,)) == (
        "Re-planned: 1 week changed; week 1: GYM-D out; YOGA-C ×2 in; 2 fewer WALK-A; "
        "load 150 → 120 AU."
    )


def planned(name: str, weeks: int):
    """An example client's plan on the built-in catalog, and a function that re-plans it
    with changed options (from week 1 unless told)."""
    catalog, client = builtin_catalog(), example_client(name)
    options = PlanOptions(weeks=weeks, explain=False)
    before = plan(client, catalog, options)

    def replanned(from_week: int = 1, **changes):
        return replan(before, client, catalog, replace(options, **changes), from_week=from_week)

    return before, replanned


@PULP_V4
def test_a_ban_takes_the_exercise_out_of_every_week_that_had_it_and_says_so():
    before, replanned = planned("high-fear", 4)
    banned = before.weeks[0].days[0].blocks[0]
    after = replanned(bans=frozenset({banned.exercise_id}))
    changes = plan_changes(before, after)
    for week, c in zip(before.weeks, changes, strict=True):
        had = sum(b.exercise_id == banned.exercise_id for d in week.days for b in d.blocks)
        assert Counter(i for i, _n in c.removed)[banned.exercise_id] == had
        assert banned.exercise_id not in {i for i, _n in c.added}
    text = changes_summary(changes)
    assert text.startswith("Re-planned: ") and "week 1: " in text
    assert banned.name in text.split(" out")[0]
    frame = changes_frame(changes)
    assert list(frame["week"]) == [w.week for w in before.weeks]
    assert all(banned.name in out for out in frame["out"][frame["week"] == 1])
    assert list(frame["load after [AU]"]) == [w.load for w in after.weeks]


@PULP_V4
def test_a_pin_in_the_last_week_changes_no_earlier_week():
    before, replanned = planned("runner-returning", 3)
    last = before.weeks[-1]
    pin = Pin(last.days[-1].blocks[-1].exercise_id, 3, last.days[0].day)
    after = replanned(from_week=3, pins=(pin,))
    changes = plan_changes(before, after)
    assert [c.changed for c in changes[:2]] == [False, False]
    pinned_day = next(d for d in after.weeks[-1].days if d.day == pin.day)
    k = [b.exercise_id for b in pinned_day.blocks].index(pin.exercise_id)
    assert changes[2].changed and (pin.day, k) in changes[2].new_blocks


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4).flatmap(plan_weeks), st.sampled_from(WEEK_IDS))
def test_a_ban_replans_from_the_first_week_that_used_the_exercise(ws, exercise_id):
    r = result(ws)
    first = r.first_week_with(exercise_id)
    using = [w.week for w in ws if ids(w)[exercise_id]]
    assert first == (using[0] if using else 1)
    assert not any(ids(w)[exercise_id] for w in ws if w.week < first)
