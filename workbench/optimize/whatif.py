"""What-if solves on a planned week: the same week again with one rule moved.

The planner asks, and the explanation only reads the answer: "explain" never solves.
Today one question: what a 10% higher load ceiling would buy in a week whose load rules
bind.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.optimize.constraints import FAMILIES
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import WeekSolution
from workbench.optimize.solve import SolverSettings
from workbench.optimize.week import solve_week

#: The constraint families that hold a week's load: the ceiling, its weekly rise and the
#: acute:chronic ratio.
LOAD_FAMILIES = ("weekly_load_ceiling", "load_progression", "acute_chronic")

#: The what-if's raise of every load cap [factor]: +10%.
CEILING_RAISE = 1.1


def binding_families(sol: WeekSolution) -> list[str]:
    """Constraint families that bind this week, in the model's order.

    A family binds when loosening it would raise what the week can score (a shadow price
    in the week's LP relaxation).
    """
    fams = []
    for name, tight in sol.tight.items():
        fam = name.split("__", 1)[0]
        if tight and fam not in fams and fam in FAMILIES:
            fams.append(fam)
    return fams


def raise_load_caps(problem: WeekProblem, factor: float = CEILING_RAISE) -> WeekProblem:
    """The week with its ceiling, rise cap and acute:chronic cap times ``factor``."""
    return replace(
        problem,
        ceiling=problem.ceiling * factor,
        progression_cap=None
        if problem.progression_cap is None
        else problem.progression_cap * factor,
        acwr_cap=None if problem.acwr_cap is None else problem.acwr_cap * factor,
    )


def solve_with_load_raised(
    sol: WeekSolution, settings: SolverSettings, factor: float = CEILING_RAISE
) -> WeekSolution | None:
    """The week solved again with its load caps raised, warm-started from ``sol``'s blocks.

    Returns
    -------
    WeekSolution or None
        The raised week's solution; None when no load family binds (a higher ceiling
        would change nothing, so nothing is solved).
    """
    if not any(f in LOAD_FAMILIES for f in binding_families(sol)):
        return None
    up = raise_load_caps(sol.problem, factor)
    return solve_week(up, settings, frozenset(ex.id for ex, _d in sol.uses))
