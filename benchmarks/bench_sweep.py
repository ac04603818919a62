"""A broader planner sweep, for comparing changes to the week solver (a script, not a test).

Usage::

    .venv/bin/python benchmarks/bench_sweep.py

Every example client that can be planned, on the built-in and the merged catalog, for 1,
4, 8 and 12 weeks: one plan, then two re-plans after a ban of a planned exercise (one of
week 1's, and one of week 3's or the last week's), each from the first week that uses
it. One run each (the solver is deterministic but for its time budget). Prints one line
per plan, then the total seconds and the weeks not proven within the gap. Changes to the
solver tend to help some clients and hurt others: the totals over this many plans are
what to compare, not a single line.
"""

from __future__ import annotations

import time
from dataclasses import replace

from workbench import PlanOptions, builtin_catalog, example_clients, merged_catalog, plan, replan

HORIZONS = (1, 4, 8, 12)


def unproven(result) -> int:
    """Weeks of ``result`` not proven within the gap."""
    return sum(1 for d in result.solver.detail if d["status"] != "optimal")


def main() -> None:
    catalogs = {"built-in": (builtin_catalog(), False), "merged": (merged_catalog(), True)}
    total_plan = total_replan = 0.0
    weeks_unproven = 0
    print("catalog   client                      weeks   plan_s  replan_s  unproven weeks")
    for cname, (catalog, include) in catalogs.items():
        for name, client in example_clients().items():
            for weeks in HORIZONS:
                options = PlanOptions(weeks=weeks, explain=False, include_unreviewed=include)
                start = time.perf_counter()
                result = plan(client, catalog, options)
                plan_s = time.perf_counter() - start
                if not result.planned:
                    break  # referred or needs clearance: no plan at any horizon
                bad = unproven(result)
                replan_s = 0.0
                for week in sorted({1, min(3, weeks)}):
                    banned = result.weeks[week - 1].days[0].blocks[-1].exercise_id
                    first = min(
                        w.week
                        for w in result.weeks
                        for d in w.days
                        for b in d.blocks
                        if b.exercise_id == banned
                    )
                    changed = replace(options, bans=frozenset({banned}))
                    start = time.perf_counter()
                    again = replan(result, client, catalog, changed, first)
                    replan_s += time.perf_counter() - start
                    bad += unproven(again)
                total_plan += plan_s
                total_replan += replan_s
                weeks_unproven += bad
                print(f"{cname:9} {name:27} {weeks:5}  {plan_s:7.3f}  {replan_s:8.3f}  {bad:5}")
    print(
        f"total: plans {total_plan:.2f} s, re-plans {total_replan:.2f} s, "
        f"all {total_plan + total_replan:.2f} s; weeks not proven: {weeks_unproven}"
    )


if __name__ == "__main__":
    main()
