"""A week whose time budget runs out before any plan is not a week where nothing fits."""

from dataclasses import replace

from strategies import PULP_V4

import workbench.planning.planner as planner
from workbench.catalog import merged_catalog
from workbench.optimize.solve import ERROR, Outcome
from workbench.planning.context import PlanOptions
from workbench.testing import plan_violations, random_client

pytestmark = PULP_V4


def test_a_week_out_of_time_before_any_plan_is_tried_again_not_diagnosed(monkeypatch):
    """Random client 26 trains 7 days of 30 minutes and wants 500 goal minutes a week: on
    a busy machine (or under a profiler) its first week's 1 s ran out before the master
    found any plan (HiGHS: time limit, no solution), and the planner told the trainer
    that nothing fits. Here the first try ends that way, as HiGHS reports it; the week
    now gets a longer try and the client a plan that keeps every rule."""
    real = planner.solve_week
    tries = []

    def hurried(problem, settings, **kwargs):
        tries.append(settings.time_limit)
        sol = real(problem, settings, **kwargs)
        if len(tries) == 1:
            ran_out = Outcome(ERROR, None, None, None, sol.seconds, "HiGHS (Time limit reached)")
            sol = replace(sol, uses=[], outcome=ran_out, gap=None)
        return sol

    monkeypatch.setattr(planner, "solve_week", hurried)
    client, catalog = random_client(26), merged_catalog()
    options = PlanOptions(weeks=1, explain=False, include_unreviewed=True)
    result = planner.plan(client, catalog, options)
    assert result.planned, result.message
    assert len(tries) == 2 and tries[1] > tries[0]
    assert plan_violations(result, client, options, catalog) == []
