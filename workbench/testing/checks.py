"""Checks of a plan that tests, benchmarks and outside users share.

Built on the independent verifier (:func:`workbench.planning.verify.verify_plan`), which
re-derives every rule from the client, the catalog and the defaults without the
optimizer, so a check here cannot agree with the planner by sharing its mistakes.
"""

from __future__ import annotations

from workbench.catalog import builtin_catalog
from workbench.domain import Client
from workbench.planning.planner import PlanOptions
from workbench.planning.rederive import params_for
from workbench.planning.result import PlanResult, PlanStatus
from workbench.planning.verify import verify_plan

#: The solver statuses a plan may report [text].
PLAN_SOLVER_STATUSES = ("optimal", "time_limit")


def plan_violations(
    result: PlanResult, client: Client, options: PlanOptions | None = None, catalog=None
) -> list[str]:
    """Every rule ``result`` breaks, one sentence each (empty when it keeps them all).

    Parameters
    ----------
    result : PlanResult
        A plan (any status: a referral must hold no weeks).
    client : Client
        The client it was planned for.
    options : PlanOptions, optional
        The options it was planned with (default: one week, no pins or bans).
    catalog : iterable of Exercise, optional
        The catalog it was planned on (default: the built-in catalog).
    """
    catalog = builtin_catalog() if catalog is None else catalog
    return [str(v) for v in verify_plan(result, client, catalog, options)]


def assert_plan_keeps_rules(
    result: PlanResult, client: Client, options: PlanOptions | None = None, catalog=None
) -> None:
    """Fail with every broken rule listed, unless ``result`` keeps every rule.

    Raises
    ------
    AssertionError
        One line per broken rule (week, day, rule, what was found).
    """
    found = plan_violations(result, client, options, catalog)
    assert not found, "the plan breaks rules:\n" + "\n".join(found)


def assert_planned(result: PlanResult) -> None:
    """Fail with the planner's message unless ``result`` is a plan."""
    assert result.status == PlanStatus.PLANNED, f"{result.status}: {result.message}"


def assert_solver_status_is_truthful(
    result: PlanResult, client: Client, options: PlanOptions | None = None
) -> None:
    """``optimal`` only when every week is within the relative gap of a proven bound.

    Reads the per-week detail the planner reports: a week the solver stopped on its time
    limit must say ``time_limit``, and the plan is ``optimal`` only if every week is.
    """
    info = result.solver
    assert info is not None and info.status in PLAN_SOLVER_STATUSES, info
    rel = params_for(client, options).relative_gap
    weeks = info.detail
    assert [d["week"] for d in weeks] == [w.week for w in result.weeks]
    for d in weeks:
        assert d["status"] in PLAN_SOLVER_STATUSES, d
        if d["status"] == "optimal":
            assert d["gap"] is not None and d["gap"] <= rel + 1e-9, d
    if info.status == "optimal":
        assert all(d["status"] == "optimal" for d in weeks)
        assert info.gap is not None and info.gap <= rel + 1e-9
    else:
        assert any(d["status"] == "time_limit" for d in weeks)
