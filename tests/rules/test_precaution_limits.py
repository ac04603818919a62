"""The precautions' movement limits (domain.md §8): on every allowed (exercise, week) of
the catalog, in the plans of the two issue clients, and in the verifier."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from strategies import (
    ALL_NO,
    CLEARED,
    PULP_V4,
    plain_client,
    precaution_clients,
    result_from_schedule,
)

from workbench import PlanOptions, builtin_catalog, plan
from workbench.defaults import resolve
from workbench.domain import Day, Dimension
from workbench.planning.verify import verify_plan
from workbench.rules.contraindications import eligibility
from workbench.rules.precautions import fall_risk, lies_back_or_front
from workbench.rules.tolerance import tolerance_schedule

CATALOG = builtin_catalog()
P = resolve()
SPINE = (Dimension.LOADED_FLEXION, Dimension.END_RANGE_FLEXION, Dimension.ROTATION)


def _allowed(client, weeks=12):
    tol = tolerance_schedule(client, weeks, P, False)
    elig = eligibility(CATALOG, client, P, tol)
    by_id = {ex.id: ex for ex in CATALOG}
    return [(w, by_id[i]) for w in range(1, weeks + 1) for i in elig.allowed(w)], elig


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(precaution_clients())
def test_no_allowed_exercise_breaks_a_precaution_limit(client):
    pairs, _ = _allowed(client)
    done = client.consecutive_green_weeks
    osteo = client.precautions.get("osteoporosis") or (
        client.osteoporosis_t_score is not None and client.osteoporosis_t_score <= -2.5
    )
    for w, ex in pairs:
        if osteo:
            assert all(ex.demands[d] <= 1 for d in SPINE), (w, ex.id)
            assert ex.demands[Dimension.IMPACT] <= 1 + (done + w - 1) // 4, (w, ex.id)
        if client.precautions.get("pregnancy"):
            assert ex.rpe <= 5 and not fall_risk(ex, 2), (w, ex.id)
            at = client.pregnancy_weeks
            if at is None or at + w - 1 >= 20:
                assert not lies_back_or_front(ex), (w, ex.id)
        if client.precautions.get("heart_metabolic_kidney") and done + w <= 4:
            assert ex.met < 6 and ex.rpe <= 5, (w, ex.id)


def test_each_exclusion_names_its_precaution():
    client = plain_client(precautions={"pregnancy": True}, pregnancy_weeks=22)
    _, elig = _allowed(client, 1)
    reasons = {e.exercise_id: e.reason for e in elig.exclusions if e.family == "pregnancy"}
    assert (
        reasons["yoga-bridge"]
        == "pregnancy: no lying on the back or front from week 20 of pregnancy"
    )
    assert reasons["run-jog-easy"].startswith("pregnancy: running is a fall-risk")


# as the issue tells them, once their clearance covers the precaution (domain.md §8)
ISSUE_PREGNANT = plain_client(
    precautions={"pregnancy": True},
    pregnancy_weeks=22,
    clearance=replace(CLEARED, covers=frozenset({"pregnancy"})),
)
ISSUE_OSTEO = plain_client(
    age=72,
    precautions={"osteoporosis": True},
    osteoporosis_t_score=-2.9,
    notes="Fracture after a fall two years ago.",
    red_flags={**ALL_NO, "significant_trauma": False},
    confirmed_no={"significant_trauma": ("Fracture", "fall")},
    clearance=replace(CLEARED, covers=frozenset({"osteoporosis"})),
)


@PULP_V4
def test_the_issue_clients_get_plans_that_keep_the_limits():
    options = PlanOptions(weeks=12, explain=False)
    for client in (ISSUE_PREGNANT, ISSUE_OSTEO):
        result = plan(client, CATALOG, options)
        assert result.status == "planned"
        assert verify_plan(result, client, CATALOG, options) == []
        by_id = {ex.id: ex for ex in CATALOG}
        for wp in result.weeks:
            for dp in wp.days:
                for b in dp.blocks:
                    ex = by_id[b.exercise_id]
                    if client is ISSUE_OSTEO:
                        assert all(ex.demands[d] <= 1 for d in SPINE)
                    else:
                        assert ex.rpe <= 5 and not lies_back_or_front(ex)


def _broken(client, ids):
    result = result_from_schedule([{Day.MON: ids}], client, CATALOG)
    return {v.rule for v in verify_plan(result, client, CATALOG)}


def test_the_verifier_flags_each_broken_limit():
    assert "osteoporosis" in _broken(ISSUE_OSTEO, ["gym-crunch"])
    assert "osteoporosis" in _broken(ISSUE_OSTEO, ["run-jog-easy"])  # impact 2 in week 1
    assert "pregnancy" in _broken(ISSUE_PREGNANT, ["yoga-bridge"])
    assert "pregnancy" in _broken(ISSUE_PREGNANT, ["cycle-outdoor-leisure"])
    hmk = plain_client(precautions={"heart_metabolic_kidney": True})
    assert "heart_metabolic_kidney" in _broken(hmk, ["run-jog-easy"])  # MET 7 in week 1
    assert "pregnancy" not in _broken(replace(ISSUE_PREGNANT, pregnancy_weeks=10), ["yoga-bridge"])
