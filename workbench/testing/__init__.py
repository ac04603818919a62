"""Public helpers to check plans the way the tests do, and synthetic clients.

Owns the checks built on the independent verifier (``checks``: a plan keeps every rule,
its solver status tells the truth) and the synthetic client and catalog generators
(``synthetic``; ``wide`` for the wide and strange clients of the planner's tail), so tests, benchmarks and outside users check plans the same way::

    from workbench.testing import assert_plan_keeps_rules, random_client
    assert_plan_keeps_rules(result, client, options, catalog)

May import: the ground, :mod:`workbench.catalog`, :mod:`workbench.client`,
:mod:`workbench.rules`, :mod:`workbench.optimize` and :mod:`workbench.planning`; never
:mod:`workbench.lab` (its peer) or the user interfaces above.
"""

from workbench.testing.checks import (
    assert_plan_keeps_rules,
    assert_planned,
    assert_solver_status_is_truthful,
    plan_violations,
)
from workbench.testing.synthetic import random_catalog, random_client, random_exercise
from workbench.testing.wide import wide_random_client

__all__ = [
    "assert_plan_keeps_rules",
    "assert_planned",
    "assert_solver_status_is_truthful",
    "plan_violations",
    "random_catalog",
    "random_client",
    "random_exercise",
    "wide_random_client",
]
