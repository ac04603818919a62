"""The re-plan of the weeks ahead after a weekly review (followup/replan.py)."""

from dataclasses import replace

import pytest

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.followup.decision import Decision, Light, Rested, Review
from workbench.followup.replan import follow_up_for, replan_ahead
from workbench.planning.planner import PlanOptions, plan

CATALOG = builtin_catalog()
OPTIONS = PlanOptions(weeks=12, explain=False)


def review(decision=Decision.PROGRESS, light=Light.GREEN, next_ceiling=330.0, rested=()):
    return Review(1, light, decision, ("a reason",), 300.0, next_ceiling, 1.0, rested=rested)


def blocks(result, week=None):
    weeks = result.weeks if week is None else [result.weeks[week - 1]]
    return {b.exercise_id for w in weeks for d in w.days for b in d.blocks}


def test_a_regress_lowers_week_1s_ceiling_and_the_plan_has_the_weeks_left():
    client = example_client("desk-worker-flexion")
    up = replan_ahead(client, CATALOG, OPTIONS, review(), [], logged_loads=[300.0], total_weeks=12)
    down = replan_ahead(
        client,
        CATALOG,
        OPTIONS,
        review(Decision.REGRESS, Light.RED, 210.0),
        [],
        logged_loads=[300.0],
        total_weeks=12,
    )
    assert up.planned and down.planned
    assert len(down.weeks) == 11 and len(up.weeks) == 11
    assert down.weeks[0].ceiling == 210.0 < up.weeks[0].ceiling
    assert down.weeks[0].load <= 210.0 + 0.05


def test_a_rested_exercise_is_gone_from_every_week():
    client = example_client("desk-worker-flexion")
    first = plan(client, CATALOG, PlanOptions(weeks=1, explain=False))
    hurt = sorted(blocks(first))[0]
    r = review(Decision.REGRESS, Light.RED, 210.0, (Rested(hurt, None, None, "pain 7/10"),))
    res = replan_ahead(client, CATALOG, OPTIONS, r, [], logged_loads=[250.0], total_weeks=12)
    assert res.planned and hurt not in blocks(res)
    assert follow_up_for(r, [], logged_loads=[250.0]).rested == ((hurt, "pain 7/10"),)


def test_a_suspended_review_raises():
    r = review(Decision.SUSPEND, Light.RED, 0.0)
    with pytest.raises(ValueError, match="suspended"):
        replan_ahead(
            example_client("desk-worker-flexion"),
            CATALOG,
            OPTIONS,
            r,
            [],
            logged_loads=[250.0],
            total_weeks=12,
        )


def test_an_eased_movement_lowers_the_tolerance_and_is_among_the_exclusions():
    from workbench.followup.pain_rules import main_dimension
    from workbench.planning.verify import verify_plan

    client = example_client("desk-worker-flexion")
    first = plan(client, CATALOG, PlanOptions(weeks=1, explain=False))
    by_id = {ex.id: ex for ex in CATALOG}
    hurt = next(i for i in sorted(blocks(first)) if main_dimension(by_id[i]) is not None)
    dim = main_dimension(by_id[hurt])
    level = by_id[hurt].demands[dim] - 1
    r = review(Decision.REGRESS, Light.RED, 210.0, (Rested(hurt, dim, level, "pain 7/10 in it"),))
    res = replan_ahead(
        client, CATALOG, PlanOptions(weeks=5), r, [], logged_loads=[250.0], total_weeks=6
    )
    assert res.planned
    assert all(by_id[i].demands.get(dim, 0) <= level for i in blocks(res))
    eased = [e for e in res.excluded if e["family"] == "eased"]
    assert hurt in {e["exercise_id"] for e in eased}
    assert all("pain 7/10 in it" in e["reason"] for e in eased)
    fu = follow_up_for(r, [], logged_loads=[250.0])
    assert fu.eased == ((dim, level, "pain 7/10 in it"),)
    options = replace(PlanOptions(weeks=5), follow_up=fu)
    assert not verify_plan(res, client, CATALOG, options)


@pytest.mark.parametrize("name", ["desk-worker-flexion", "older-walker-extension", "high-fear"])
def test_a_week_with_nothing_done_replans_under_the_reviews_ceiling(name):
    from strategies import week_sessions

    from workbench.followup.review import review_week
    from workbench.records.models import LogStatus, SessionLog
    from workbench.testing.checks import assert_plan_keeps_rules

    client = example_client(name)
    first = plan(client, CATALOG, PlanOptions(weeks=1, explain=False))
    sessions = week_sessions(1)
    logs = [SessionLog("rules", s.on, LogStatus.NOT_DONE, session_id=s.id) for s in sessions]
    by_id = {ex.id: ex for ex in CATALOG}
    r = review_week(1, first.weeks[0].ceiling, sessions, logs, [], catalog=by_id, client=client)
    options = PlanOptions(weeks=5, explain=False)
    res = replan_ahead(client, CATALOG, options, r, [], logged_loads=[0.0], total_weeks=6)
    assert res.planned, res.message
    assert 0 < res.weeks[0].load <= r.next_ceiling + 0.05
    fu = follow_up_for(r, [], logged_loads=[0.0], green_weeks_before=client.consecutive_green_weeks)
    assert_plan_keeps_rules(res, client, replace(options, follow_up=fu), CATALOG)
