"""The wide random clients (:func:`workbench.testing.wide_random_client`): valid client
files from the strange ends of every range, planned with every rule kept or diagnosed."""

from hypothesis import HealthCheck, given, settings
from strategies import PULP_V4, seeds

from workbench.catalog import builtin_catalog, merged_catalog
from workbench.client.assessment import client_from_dict, client_problems, client_to_dict
from workbench.domain import Goal
from workbench.planning.context import PlanOptions
from workbench.planning.planner import plan
from workbench.planning.result import PlanStatus
from workbench.testing import plan_violations, wide_random_client

pytestmark = PULP_V4


@given(seed=seeds)
def test_every_wide_client_is_a_valid_client_file(seed):
    client = wide_random_client(seed)
    assert client_problems(client) == []
    assert client_from_dict(client_to_dict(client)) == client
    assert wide_random_client(seed) == client  # reproducible


def test_the_wide_clients_reach_the_strange_ends_of_every_range():
    """Among 200 seeds: one day a week and seven, 10- and 120-minute sessions, all
    tolerances 3 and all 0, one goal and every goal, a doctor's RPE limit, most
    disciplines or a third of the built-in catalog banned, very low and very high loads,
    and the edge of infeasibility (one day of at most 15 minutes with high goals)."""
    clients = [wide_random_client(s) for s in range(200)]
    builtin = len(builtin_catalog())
    seen = {
        "one day": any(len(c.available_days) == 1 for c in clients),
        "seven days": any(c.max_training_days == 7 for c in clients),
        "10 min": any(c.minutes_per_session == 10 for c in clients),
        "120 min": any(c.minutes_per_session == 120 for c in clients),
        "all 3": any(set(c.tolerances.values()) == {3} for c in clients),
        "all 0": any(set(c.tolerances.values()) == {0} for c in clients),
        "one goal": any(sum(m > 0 for m in c.goals.values()) == 1 for c in clients),
        "every goal": any(all(c.goals[g] >= 45 for g in Goal) for c in clients),
        "max rpe": any(c.clearance.max_rpe is not None for c in clients),
        "disciplines banned": any(len(c.clearance.banned_disciplines) >= 5 for c in clients),
        "catalog banned": any(len(c.clearance.banned_exercises) >= builtin / 3 for c in clients),
        "low load": any(c.baseline_load <= 30 for c in clients),
        "high load": any(c.baseline_load >= 1500 for c in clients),
        "edge": any(
            c.max_training_days == 1
            and c.minutes_per_session <= 15
            and sum(c.goals.values()) >= 300
            for c in clients
        ),
    }
    assert all(seen.values()), [k for k, v in seen.items() if not v]


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=seeds)
def test_wide_clients_get_verified_plans_or_a_diagnosis(seed):
    client = wide_random_client(seed)
    catalog = merged_catalog()
    options = PlanOptions(weeks=2, explain=False, include_unreviewed=True)
    result = plan(client, catalog, options)
    if result.planned:
        assert plan_violations(result, client, options, catalog) == []
    else:
        assert result.status == PlanStatus.NO_PLAN, result.status
        assert result.diagnosis
