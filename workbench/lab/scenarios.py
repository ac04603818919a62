"""The constraint lab: scenarios side by side, one parameter swept, and teaching tables.

Pure functions over :func:`workbench.planning.planner.plan` and its :class:`~workbench.planning.result.PlanResult`
(product.md flow 7). A coach changes one rule at a time and sees what the plan does:

* :func:`scenario` / :func:`standard_scenarios` describe what-ifs (a slower weekly rise,
  variety off, a higher strength goal); :func:`run_scenarios` plans each;
* :func:`compare` lists what changed against a baseline, week by week: load, ceiling,
  minutes per goal, exercises added and removed, what limits the weeks;
* :func:`sweep` plans once per value of one parameter and returns the tidy frame that
  :func:`workbench.ui.charts.sweep_chart` draws: goal coverage and load per value, with the
  constraint families that bind there.

The scenarios and the sweep live here; the comparison in :mod:`workbench.lab.comparison`,
the measures and their tables (:func:`goal_coverage`, :func:`summary_frame`, ...) in
:mod:`workbench.lab.measures`, and the teaching notebook's tables (:func:`ceiling_frame`,
:func:`pain_zone_frame`, :func:`demand_tolerance_frame`: notebooks and widgets only show
them) in :mod:`workbench.lab.teaching`. Every public name is re-exported here.

Units: load in session-RPE arbitrary units [AU] (Foster 2001), minutes [min], goal
coverage in percent of the weekly goal minutes [%].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from workbench.defaults import DEFAULTS, resolve
from workbench.domain import Client, Goal
from workbench.lab.comparison import compare as compare
from workbench.lab.measures import COVERAGE as COVERAGE
from workbench.lab.measures import LOAD as LOAD
from workbench.lab.measures import binding_families as binding_families
from workbench.lab.measures import goal_coverage as goal_coverage
from workbench.lab.measures import scenario_frame as scenario_frame
from workbench.lab.measures import summary_frame as summary_frame
from workbench.lab.measures import week_uses as week_uses
from workbench.lab.teaching import ceiling_frame as ceiling_frame
from workbench.lab.teaching import demand_tolerance_frame as demand_tolerance_frame
from workbench.lab.teaching import pain_zone as pain_zone
from workbench.lab.teaching import pain_zone_frame as pain_zone_frame
from workbench.optimize.constraints import FAMILIES as BINDING_WORDS
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.result import PlanResult

__all__ = [
    "BINDING_WORDS",
    "COVERAGE",
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
    "sweep",
    "summary_frame",
    "sweep_summary",
    "sweepable_parameters",
    "week_uses",
]

#: Prefix of a swept goal: ``"goal.strength"`` sweeps the weekly strength minutes.
GOAL_PREFIX = "goal."

Planner = Callable[[Client, object, PlanOptions], PlanResult]


# ------------------------------------------------------------------ scenarios


@dataclass(frozen=True)
class Scenario:
    """One what-if: a name, the client as changed, and the planning options as changed."""

    name: str
    client: Client
    options: PlanOptions


def scenario(
    name: str,
    client: Client,
    options: PlanOptions | None = None,
    *,
    overrides: Mapping[str, float] | None = None,
    goals: Mapping[Goal | str, int] | None = None,
    hard_goals: bool | None = None,
    weeks: int | None = None,
) -> Scenario:
    """A scenario: ``client`` and ``options`` with the given changes.

    Parameters
    ----------
    name : str
        Shown as the scenario's column.
    client : Client
    options : PlanOptions, optional
        The baseline options (default: one week).
    overrides : mapping, optional
        Rule overrides (keys of :data:`workbench.defaults.DEFAULTS`) on top of the
        options' own, e.g. ``{"weekly_rise": 0.05}``.
    goals : mapping, optional
        Weekly goal minutes to set [min/week], e.g. ``{"strength": 90}``.
    hard_goals, weeks : optional
        Replace the options' values.

    Raises
    ------
    ValueError
        For an unknown rule or goal, or an override out of its allowed range.
    """
    options = options or PlanOptions()
    changes: dict = {}
    if overrides:
        merged = {**options.overrides, **overrides}
        resolve(merged)  # refuses unknown names and out-of-range values, by name
        changes["overrides"] = merged
    if hard_goals is not None:
        changes["hard_goals"] = hard_goals
    if weeks is not None:
        changes["weeks"] = weeks
    if goals:
        client = replace(
            client, goals={**client.goals, **{Goal(g): int(m) for g, m in goals.items()}}
        )
    return Scenario(name, client, replace(options, **changes))


def standard_scenarios(client: Client, options: PlanOptions | None = None) -> list[Scenario]:
    """The coach's first what-ifs: the plan as assessed against one change each.

    * ``as assessed``: no change;
    * ``slower rise (5 %)``: ``weekly_rise`` 0.05 instead of the default 0.10;
    * ``variety off``: ``min_disciplines_per_week`` 1 instead of 2;
    * ``strength goal +50 %``: the strength goal 1.5 times (at least +20 min/week).
    """
    strength = client.goals.get(Goal.STRENGTH, 0)
    higher = max(round(strength * 1.5), strength + 20)
    return [
        scenario("as assessed", client, options),
        scenario("slower rise (5 %)", client, options, overrides={"weekly_rise": 0.05}),
        scenario("variety off", client, options, overrides={"min_disciplines_per_week": 1}),
        scenario("strength goal +50 %", client, options, goals={Goal.STRENGTH: higher}),
    ]


def run_scenarios(
    scenarios: Iterable[Scenario], catalog, planner: Planner = plan
) -> dict[str, PlanResult]:
    """Plan every scenario; results keyed by scenario name, in the given order.

    Raises
    ------
    ValueError
        When two scenarios share a name.
    """
    out: dict[str, PlanResult] = {}
    for s in scenarios:
        if s.name in out:
            raise ValueError(f"two scenarios are named {s.name!r}; give each its own name")
        out[s.name] = planner(s.client, catalog, s.options)
    return out


# ------------------------------------------------------------------ sweep


def sweepable_parameters() -> dict[str, str]:
    """Parameters :func:`sweep` accepts, with their label and unit.

    Every rule of :data:`~workbench.defaults.DEFAULTS` (as an override) and every goal's
    weekly minutes (``"goal.<goal>"``).
    """
    out = {name: f"{name} [{rule.unit}]" for name, rule in DEFAULTS.items()}
    out.update({f"{GOAL_PREFIX}{g.value}": f"{g.label} goal [min/week]" for g in Goal})
    return out


def parameter_label(parameter: str) -> str:
    """Axis title of a swept parameter, with its unit; raises ValueError when unknown."""
    labels = sweepable_parameters()
    if parameter not in labels:
        raise ValueError(
            f"cannot sweep {parameter!r}; choose a rule name ({', '.join(DEFAULTS)}) or "
            f"{', '.join(GOAL_PREFIX + g.value for g in Goal)}"
        )
    return labels[parameter]


def sweep(
    client: Client,
    catalog,
    parameter: str,
    values: Sequence[float],
    options: PlanOptions | None = None,
    planner: Planner = plan,
) -> pd.DataFrame:
    """Plan once per value of one parameter; goal coverage, load and what binds per value.

    Parameters
    ----------
    client : Client
    catalog : Catalog
    parameter : str
        A rule name (swept as an override on top of ``options.overrides``) or
        ``"goal.<goal>"`` (that goal's weekly minutes [min/week]).
    values : sequence of float
        The values, in the parameter's unit.
    options : PlanOptions, optional
        Everything else (default: a one-week plan).

    Returns
    -------
    pandas.DataFrame
        Tidy, two rows per value (metrics :data:`COVERAGE` and :data:`LOAD`), columns
        ``value``, ``metric``, ``amount`` (None when there is no plan), ``binding`` (the
        families that bind in any week, comma-separated; the status when there is no
        plan) and ``status``: the table :func:`workbench.ui.charts.sweep_chart` draws.

    Raises
    ------
    ValueError
        For an unknown parameter or a value outside the rule's allowed range.
    """
    parameter_label(parameter)
    options = options or PlanOptions()
    rows = []
    for value in values:
        if parameter.startswith(GOAL_PREFIX):
            s = scenario(str(value), client, options, goals={parameter[len(GOAL_PREFIX) :]: value})
        else:
            s = scenario(str(value), client, options, overrides={parameter: float(value)})
        rows += _sweep_rows(value, planner(s.client, catalog, s.options))
    return pd.DataFrame(rows, columns=["value", "metric", "amount", "binding", "status"])


def _sweep_rows(value: float, result: PlanResult) -> list[dict]:
    """The two rows of one swept value: goal coverage and mean weekly load."""
    binding = ", ".join(binding_families(result)) if result.planned else result.status
    load = (
        round(sum(w.load for w in result.weeks) / len(result.weeks), 1) if result.planned else None
    )
    return [
        {
            "value": float(value),
            "metric": metric,
            "amount": amount,
            "binding": binding,
            "status": result.status,
        }
        for metric, amount in ((COVERAGE, goal_coverage(result)), (LOAD, load))
    ]


def sweep_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per swept value: status, each metric, and what binds (from :func:`sweep`)."""
    if frame.empty:
        return pd.DataFrame(columns=["value", "status", COVERAGE, LOAD, "binding"])
    wide = frame.pivot(index="value", columns="metric", values="amount")
    info = frame.drop_duplicates("value").set_index("value")[["status", "binding"]]
    out = info.join(wide).reset_index()
    out.columns.name = None
    return out[["value", "status", *[m for m in (COVERAGE, LOAD) if m in out], "binding"]]
