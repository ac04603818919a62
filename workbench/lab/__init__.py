"""The constraint lab's logic for coaches and teachers: scenarios and sweeps, no widgets.

Owns what-if scenarios over one client (a setting changed, a rule loosened) and sweeps of
a number across a range, each a table ready to chart. Everything is reached from here
(``from workbench import lab``; ``lab.sweep(...)``); ``scenarios`` holds it, with the
comparison (``comparison``), the measures (``measures``) and the teaching tables
(``teaching``) beside it.

May import: everything below it (ground, catalog, client, rules, optimize, plan); never
:mod:`workbench.ui` or :mod:`workbench.cli`.
"""

from workbench.lab.scenarios import (
    COVERAGE,
    GOAL_PREFIX,
    LOAD,
    Scenario,
    binding_families,
    ceiling_frame,
    compare,
    demand_tolerance_frame,
    goal_coverage,
    pain_zone,
    pain_zone_frame,
    parameter_label,
    run_scenarios,
    scenario,
    scenario_frame,
    standard_scenarios,
    summary_frame,
    sweep,
    sweep_summary,
    sweepable_parameters,
    week_uses,
)

__all__ = [
    "COVERAGE",
    "GOAL_PREFIX",
    "LOAD",
    "Scenario",
    "binding_families",
    "ceiling_frame",
    "compare",
    "demand_tolerance_frame",
    "goal_coverage",
    "pain_zone",
    "pain_zone_frame",
    "parameter_label",
    "run_scenarios",
    "scenario",
    "scenario_frame",
    "standard_scenarios",
    "summary_frame",
    "sweep",
    "sweep_summary",
    "sweepable_parameters",
    "week_uses",
]
