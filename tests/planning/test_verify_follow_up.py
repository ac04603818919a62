"""The verifier checks a re-plan after a weekly review against the follow-up's rules."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import follow_up_reviews

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.followup.decision import Decision, Light, Rested, Review
from workbench.followup.pain_rules import main_dimension
from workbench.followup.replan import follow_up_for, replan_ahead
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.verify import verify_plan
from workbench.testing.checks import assert_plan_keeps_rules

CATALOG = builtin_catalog()
WEEKS = 4
OPTIONS = PlanOptions(weeks=WEEKS, explain=False)
CLIENTS = ("desk-worker-flexion", "high-fear", "older-walker-extension", "strength-goal-gym")
DECISIONS = {
    "progress": (Decision.PROGRESS, Light.GREEN, 1.1),
    "hold": (Decision.HOLD, Light.AMBER, 1.0),
    "regress": (Decision.REGRESS, Light.RED, 0.7),
}
_FIRST: dict[str, object] = {}


def first_plan(name):
    if name not in _FIRST:
        _FIRST[name] = plan(example_client(name), CATALOG, OPTIONS)
    return _FIRST[name]


def blocks(result, week=None):
    weeks = result.weeks if week is None else [result.weeks[week - 1]]
    return sorted({b.exercise_id for w in weeks for d in w.days for b in d.blocks})


def review_after(name, decision, rested=(), week=1):
    first = first_plan(name).weeks[week - 1]
    kind, light, factor = DECISIONS[decision]
    return Review(
        week,
        light,
        kind,
        ("a reason",),
        first.ceiling,
        round(first.ceiling * factor, 1),
        1.0,
        rested=rested,
    )


def replanned(name, review, logged, history=()):
    """The re-plan and the options it was planned with (as replan_ahead builds them)."""
    client = example_client(name)
    res = replan_ahead(
        client,
        CATALOG,
        OPTIONS,
        review,
        list(history),
        logged_loads=logged,
        total_weeks=review.week + WEEKS,
    )
    fu = follow_up_for(
        review,
        list(history),
        logged_loads=logged,
        green_weeks_before=client.consecutive_green_weeks,
    )
    return client, res, replace(OPTIONS, follow_up=fu)


@pytest.mark.parametrize("name", CLIENTS)
@pytest.mark.parametrize("decision", sorted(DECISIONS))
def test_a_replan_keeps_the_follow_ups_rules(name, decision):
    rested = ()
    if decision == "regress":  # the first block of week 1 hurt: it rests
        ids = blocks(first_plan(name), 1)
        rested = (Rested(ids[0], None, None, "pain 7/10"),)
        ex = next((e for e in CATALOG if e.id in ids[1:] and main_dimension(e)), None)
        if ex is not None:  # the next one's main movement is eased a level
            dim = main_dimension(ex)
            rested += (Rested(ex.id, dim, max(0, ex.demands[dim] - 1), "pain 6/10"),)
    r = review_after(name, decision, rested)
    client, res, opts = replanned(name, r, [first_plan(name).weeks[0].load])
    assert res.planned, res.message
    assert_plan_keeps_rules(res, client, opts, CATALOG)


def test_a_plan_above_the_reviews_ceiling_is_flagged():
    name = "desk-worker-flexion"
    load = first_plan(name).weeks[0].load
    _c, up, _o = replanned(name, review_after(name, "progress"), [load])
    client, _down, down_opts = replanned(name, review_after(name, "regress"), [load])
    found = {v.rule for v in verify_plan(up, client, CATALOG, down_opts)}
    assert {"weekly_load_ceiling", "ceiling_reported"} <= found


def test_a_rested_exercise_in_the_plan_is_flagged():
    name = "desk-worker-flexion"
    load = first_plan(name).weeks[0].load
    client, res, opts = replanned(name, review_after(name, "hold"), [load])
    hurt = blocks(res, 1)[0]
    fu = replace(opts.follow_up, rested=((hurt, "pain 7/10"),))
    found = [v for v in verify_plan(res, client, CATALOG, replace(opts, follow_up=fu))]
    assert {v.rule for v in found} == {"rested"} and found[0].week == 1


def test_a_rise_above_the_logged_load_is_flagged():
    name = "desk-worker-flexion"
    load = first_plan(name).weeks[0].load
    client, res, opts = replanned(name, review_after(name, "hold"), [load])
    fu = replace(opts.follow_up, recent_loads=(load / 3,))
    found = {v.rule for v in verify_plan(res, client, CATALOG, replace(opts, follow_up=fu))}
    assert "load_progression" in found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(follow_up_reviews())
def test_any_replan_keeps_the_follow_ups_rules(drawn):
    done, factor, share, green = drawn
    name = "older-walker-extension"
    weeks = first_plan(name).weeks
    light, kind = (Light.GREEN, Decision.PROGRESS) if green else (Light.AMBER, Decision.HOLD)
    history = [
        Review(
            w,
            Light.GREEN,
            Decision.PROGRESS,
            ("a reason",),
            weeks[w - 1].ceiling,
            weeks[w].ceiling,
            1.0,
        )
        for w in range(1, done)
    ]
    r = Review(
        done,
        light,
        kind,
        ("a reason",),
        weeks[done - 1].ceiling,
        round(weeks[done - 1].ceiling * factor, 1),
        1.0,
    )
    logged = [wp.load for wp in weeks[: done - 1]] + [share * weeks[done - 1].load]
    client, res, opts = replanned(name, r, logged, history)
    assert res.planned, res.message
    assert_plan_keeps_rules(res, client, opts, CATALOG)


def test_the_precautions_first_weeks_count_the_program_weeks_done():
    from workbench.defaults import resolve
    from workbench.planning.follow_up import FollowUp
    from workbench.planning.rederive import hmk_start_week, osteoporosis_impact_cap
    from workbench.rules.precautions import precaution_limits

    params = resolve()
    client = replace(
        example_client("desk-worker-flexion"),
        precautions={"heart_metabolic_kidney": True, "osteoporosis": True},
    )
    last = int(params.heart_metabolic_kidney_weeks)
    fu = FollowUp(done_weeks=last, start_ceiling=200.0, reason="hold")
    fresh, later = precaution_limits(client, params, 4), precaution_limits(client, params, 4, fu)
    assert fresh.hmk_weeks and not later.hmk_weeks
    assert not any(hmk_start_week(client, params, w, fu) for w in range(1, 5))
    step = int(params.osteoporosis_impact_step_weeks)
    fu = replace(fu, done_weeks=step)
    later = precaution_limits(client, params, 4, fu)
    assert later.impact_caps[0] == min(3.0, fresh.impact_caps[0] + 1)
    assert osteoporosis_impact_cap(client, params, 1, fu) == later.impact_caps[0]
