"""Structural rules are targets, not gates: every ordinary client gets a plan (issue 17)."""

from hypothesis import HealthCheck, given, settings
from strategies import ordinary_clients

from workbench.catalog import builtin_catalog
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.verify import verify_plan


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ordinary_clients())
def test_an_ordinary_client_with_soft_goals_gets_a_plan_the_verifier_accepts(client):
    options = PlanOptions(weeks=2, explain=False)
    result = plan(client, builtin_catalog(), options)
    assert result.planned, result.diagnosis
    assert verify_plan(result, client, builtin_catalog(), options) == []
