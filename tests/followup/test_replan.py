"""The re-plan of the weeks ahead after a weekly review (followup/replan.py)."""

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
