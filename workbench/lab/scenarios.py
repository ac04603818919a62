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

The teaching notebook's tables live here too (:func:`ceiling_frame`,
:func:`pain_zone_frame`, :func:`demand_tolerance_frame`): notebooks and widgets only
show them.

Units: load in session-RPE arbitrary units [AU] (Foster 2001), minutes [min], goal
coverage in percent of the weekly goal minutes [%].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from workbench.defaults import DEFAULTS, Params, resolve
from workbench.domain import Client, Dimension, Goal
from workbench.optimize.constraints import FAMILIES as BINDING_WORDS
from workbench.planning.explain import limits_in_words
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.result import PlanResult
from workbench.rules.load import ceiling_schedule

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

#: Metric names of :func:`sweep` (the ``metric`` column).
COVERAGE = "goal coverage [%]"
LOAD = "mean weekly load [AU]"

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


# ------------------------------------------------------------------ measures


def goal_coverage(result: PlanResult) -> float | None:
    """Share of the wanted goal minutes the plan delivers, over all weeks [%].

    Each goal's credited minutes count up to its target (more of one goal does not make
    up for less of another). None when there is no plan or no goal minutes.
    """
    if not result.planned:
        return None
    wanted = sum(t for w in result.weeks for t in w.goal_targets.values())
    if wanted <= 0:
        return None
    met = sum(
        min(w.minutes_by_goal.get(g, 0.0), t)
        for w in result.weeks
        for g, t in w.goal_targets.items()
    )
    return round(100.0 * met / wanted, 1)


def binding_families(result: PlanResult) -> list[str]:
    """Constraint families that bind in any week, in order of first appearance."""
    out: list[str] = []
    for w in result.weeks:
        for fam in w.binding:
            if fam not in out:
                out.append(fam)
    return out


def week_uses(result: PlanResult, week: int) -> Counter:
    """How many times each exercise id is used in ``week`` of the plan."""
    return Counter(
        b.exercise_id for w in result.weeks if w.week == week for d in w.days for b in d.blocks
    )


# ------------------------------------------------------------------ compare


def _names(result: PlanResult) -> dict[str, str]:
    return {b.exercise_id: b.name for w in result.weeks for d in w.days for b in d.blocks}


def _uses_text(counts: Counter, names: Mapping[str, str]) -> str:
    return ", ".join(
        f"{names.get(i, i)}" + (f" ×{n}" if n > 1 else "") for i, n in sorted(counts.items())
    )


def _diff(base: PlanResult, other: PlanResult) -> list[dict]:
    """Rows (week, item, baseline, value, change) of every difference, week by week."""
    rows: list[dict] = []
    if base.status != other.status or not base.planned:
        rows.append(
            {
                "week": None,
                "item": "status",
                "baseline": base.status,
                "value": other.status,
                "change": "" if base.status == other.status else f"{base.status} → {other.status}",
            }
        )
    if not (base.planned and other.planned):
        return rows
    weeks_b = {w.week: w for w in base.weeks}
    weeks_o = {w.week: w for w in other.weeks}
    names = {**_names(base), **_names(other)}
    for week in sorted(set(weeks_b) | set(weeks_o)):
        b, o = weeks_b.get(week), weeks_o.get(week)
        if b is None or o is None:
            rows.append(
                {
                    "week": week,
                    "item": "week planned",
                    "baseline": b is not None,
                    "value": o is not None,
                    "change": "added" if b is None else "removed",
                }
            )
            continue
        for item, vb, vo in (
            ("load [AU]", b.load, o.load),
            ("ceiling [AU]", b.ceiling, o.ceiling),
        ):
            rows.append(
                {
                    "week": week,
                    "item": item,
                    "baseline": vb,
                    "value": vo,
                    "change": round(vo - vb, 1),
                }
            )
        goals = [
            g
            for g in Goal
            if any(
                g in m
                for m in (b.goal_targets, o.goal_targets, b.minutes_by_goal, o.minutes_by_goal)
            )
        ]
        for g in goals:
            tb, to = b.goal_targets.get(g, 0.0), o.goal_targets.get(g, 0.0)
            if tb != to:
                rows.append(
                    {
                        "week": week,
                        "item": f"target: {g.label} [min]",
                        "baseline": tb,
                        "value": to,
                        "change": round(to - tb, 1),
                    }
                )
            mb = round(b.minutes_by_goal.get(g, 0.0), 1)
            mo = round(o.minutes_by_goal.get(g, 0.0), 1)
            rows.append(
                {
                    "week": week,
                    "item": f"minutes: {g.label} [min]",
                    "baseline": mb,
                    "value": mo,
                    "change": round(mo - mb, 1),
                }
            )
        ub, uo = week_uses(base, week), week_uses(other, week)
        added, removed = uo - ub, ub - uo
        rows.append(
            {
                "week": week,
                "item": "exercises added",
                "baseline": "",
                "value": _uses_text(added, names),
                "change": sum(added.values()),
            }
        )
        rows.append(
            {
                "week": week,
                "item": "exercises removed",
                "baseline": "",
                "value": _uses_text(removed, names),
                "change": -sum(removed.values()),
            }
        )
        if set(b.binding) != set(o.binding):
            rows.append(
                {
                    "week": week,
                    "item": "limited by",
                    "baseline": limits_in_words(b.binding),
                    "value": limits_in_words(o.binding),
                    "change": "changed",
                }
            )
    return rows


def _changed(row: dict) -> bool:
    change = row["change"]
    if isinstance(change, int | float):
        return abs(change) > 0.05
    return bool(change)


def compare(
    results: Mapping[str, PlanResult], baseline: str | None = None, *, changed_only: bool = True
) -> pd.DataFrame:
    """What changed in each scenario against the baseline, week by week.

    Parameters
    ----------
    results : mapping of name to PlanResult
        E.g. from :func:`run_scenarios`.
    baseline : str, optional
        The scenario compared against (default: the first).
    changed_only : bool
        Keep only rows that changed (default); False keeps load, ceiling and minutes
        per goal of every week.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``week`` (None for the plan as a whole), ``item`` (``load
        [AU]``, ``ceiling [AU]``, ``minutes: <goal> [min]``, ``target: <goal> [min]``,
        ``exercises added``, ``exercises removed``, ``limited by``, ``status``),
        ``baseline``, ``value`` and ``change`` (value - baseline for numbers, the
        count of blocks for exercises, else a word).

    Raises
    ------
    KeyError
        When ``baseline`` is not a scenario name.
    """
    columns = ["scenario", "week", "item", "baseline", "value", "change"]
    if not results:
        return pd.DataFrame(columns=columns)
    base_name = baseline if baseline is not None else next(iter(results))
    if base_name not in results:
        raise KeyError(f"no scenario named {base_name!r}; scenarios: {', '.join(results)}")
    rows = []
    for name, result in results.items():
        if name == base_name:
            continue
        for row in _diff(results[base_name], result):
            if changed_only and not _changed(row):
                continue
            rows.append({"scenario": name, **row})
    return pd.DataFrame(rows, columns=columns)


def scenario_frame(results: Mapping[str, PlanResult]) -> pd.DataFrame:
    """Load and ceiling per scenario and week: the table :func:`charts.scenario_chart` draws.

    Scenarios without a plan have no rows.
    """
    rows = [
        {"scenario": name, "week": w.week, "load": w.load, "ceiling": w.ceiling}
        for name, r in results.items()
        for w in r.weeks
    ]
    return pd.DataFrame(rows, columns=["scenario", "week", "load", "ceiling"])


def summary_frame(results: Mapping[str, PlanResult]) -> pd.DataFrame:
    """One row per scenario: status, goal coverage [%], total load [AU], what limits it."""
    rows = []
    for name, r in results.items():
        rows.append(
            {
                "scenario": name,
                "status": r.status,
                COVERAGE: goal_coverage(r),
                "total load [AU]": round(sum(w.load for w in r.weeks), 1) if r.planned else None,
                "limited by": limits_in_words(binding_families(r)),
            }
        )
    return pd.DataFrame(
        rows, columns=["scenario", "status", COVERAGE, "total load [AU]", "limited by"]
    )


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
        result = planner(s.client, catalog, s.options)
        binding = ", ".join(binding_families(result)) if result.planned else result.status
        load = (
            round(sum(w.load for w in result.weeks) / len(result.weeks), 1)
            if result.planned
            else None
        )
        for metric, amount in ((COVERAGE, goal_coverage(result)), (LOAD, load)):
            rows.append(
                {
                    "value": float(value),
                    "metric": metric,
                    "amount": amount,
                    "binding": binding,
                    "status": result.status,
                }
            )
    return pd.DataFrame(rows, columns=["value", "metric", "amount", "binding", "status"])


def sweep_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per swept value: status, each metric, and what binds (from :func:`sweep`)."""
    if frame.empty:
        return pd.DataFrame(columns=["value", "status", COVERAGE, LOAD, "binding"])
    wide = frame.pivot(index="value", columns="metric", values="amount")
    info = frame.drop_duplicates("value").set_index("value")[["status", "binding"]]
    out = info.join(wide).reset_index()
    out.columns.name = None
    return out[["value", "status", *[m for m in (COVERAGE, LOAD) if m in out], "binding"]]


# ------------------------------------------------------------------ teaching tables


def ceiling_frame(
    client: Client,
    weeks: int = 12,
    rises: Sequence[float] = (0.05, 0.10, 0.30),
    params: Params | None = None,
) -> pd.DataFrame:
    """Graded load: the weekly ceiling over ``weeks`` for each weekly rise [AU].

    The ceiling rules alone (:func:`workbench.rules.load.ceiling_schedule`): week 1 is a
    share of the client's current weekly load, and each green week may rise by the
    given fraction, compounding.

    Returns
    -------
    pandas.DataFrame
        Columns ``rise`` (label, e.g. ``"10 % a week"``), ``week``, ``ceiling`` [AU].
    """
    base = dict(params) if params is not None else dict(resolve(client.overrides))
    rows = []
    for rise in rises:
        # Above max_weekly_rise the rules cap the rise: that cap is part of the lesson.
        p = Params({**base, "weekly_rise": float(rise)})
        for c in ceiling_schedule(client, weeks, p, start_high=False):
            rows.append({"rise": f"{rise:.0%} a week", "week": c.week, "ceiling": c.value})
    return pd.DataFrame(rows, columns=["rise", "week", "ceiling"])


def pain_zone(pain: int, params: Params | None = None) -> str:
    """The pain-monitoring zone of a pain rating during exercise (Silbernagel 2007).

    ``"safe"`` up to ``pain_safe_max``, ``"acceptable"`` up to ``pain_acceptable_max``,
    else ``"too much"`` [NRS 0-10]. Extrapolated from tendon to back pain (domain.md §5).
    """
    p = params if params is not None else resolve()
    if pain <= p.pain_safe_max:
        return "safe"
    if pain <= p.pain_acceptable_max:
        return "acceptable"
    return "too much"


def pain_zone_frame(params: Params | None = None) -> pd.DataFrame:
    """Every pain rating 0-10 with its zone: the table ``pain_traffic_light_chart`` draws."""
    return pd.DataFrame(
        [{"pain": n, "zone": pain_zone(n, params)} for n in range(11)], columns=["pain", "zone"]
    )


def demand_tolerance_frame(client: Client, catalog, exercise_ids: Iterable[str]) -> pd.DataFrame:
    """Movement demand against the client's tolerance, per exercise and dimension.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise``, ``dimension``, ``demand`` and ``tolerance`` (0-3) and
        ``over`` (True where the demand exceeds the tolerance: the exercise is
        contraindicated, domain.md §3).
    """
    rows = []
    for i in exercise_ids:
        ex = catalog.by_id[i]
        for d in Dimension:
            demand, tol = ex.demands[d], client.tolerance(d)
            rows.append(
                {
                    "exercise": ex.name,
                    "dimension": d.label,
                    "demand": demand,
                    "tolerance": tol,
                    "over": demand > tol,
                }
            )
    return pd.DataFrame(rows, columns=["exercise", "dimension", "demand", "tolerance", "over"])
