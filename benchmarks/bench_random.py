"""Random clients on the merged catalog: how the planner fares beyond the examples.

Usage::

    .venv/bin/python benchmarks/bench_random.py [--seeds FIRST LAST]

Each client of ``workbench.testing.random_client(seed)`` (seeds 0-59 by default) is
planned for 12 weeks on the merged catalog (unreviewed rows included), then re-planned
after a ban of its first block, from week 1. One run each: a week that reaches its time
budget makes the figures move between runs by 5-10%, so compare runs made back to back.
Prints the clients that took long or were not proven within the gap, then the totals:
how many were planned or diagnosed infeasible, the seconds of the plans and re-plans
(sum, median, largest), the re-plans over 0.6 s, and the plans and re-plans with a week
not proven within the gap (reported as ``time_limit``, with the real gap).
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from workbench import PlanOptions, merged_catalog, plan, replan
from workbench.testing import random_client

REPLAN_TARGET_S = 0.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs=2, type=int, default=(0, 59), metavar=("FIRST", "LAST"))
    args = parser.parse_args()
    catalog = merged_catalog()
    plans: list[float] = []
    replans: list[float] = []
    statuses: dict[str, int] = {}
    unproven: list[str] = []
    for seed in range(args.seeds[0], args.seeds[1] + 1):
        client = random_client(seed)
        options = PlanOptions(weeks=12, explain=False, include_unreviewed=True)
        began = time.perf_counter()
        result = plan(client, catalog, options)
        plan_s = time.perf_counter() - began
        statuses[result.status] = statuses.get(result.status, 0) + 1
        if not result.planned:
            continue
        first = result.weeks[0].days[0].blocks[0].exercise_id
        banned = replace(options, bans=frozenset({first}))
        began = time.perf_counter()
        again = replan(result, client, catalog, banned, from_week=1)
        replan_s = time.perf_counter() - began
        plans.append(plan_s)
        replans.append(replan_s)
        notes = []
        for tag, res in (("plan", result), ("re-plan", again)):
            if res.solver is not None and res.solver.status != "optimal":
                weeks = [d["week"] for d in res.solver.detail if d["status"] != "optimal"]
                notes.append(f"{tag} gap {res.solver.gap:.2%} (weeks {weeks})")
                unproven.append(f"{seed}:{tag}")
        if notes or replan_s > REPLAN_TARGET_S or plan_s > 2.0:
            print(
                f"seed {seed:3}  plan {plan_s:5.2f} s  re-plan {replan_s:5.2f} s  {'; '.join(notes)}"
            )
    print()
    print("clients:", ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    print(
        f"plans: {sum(plans):.1f} s in all, median {statistics.median(plans):.2f} s, "
        f"largest {max(plans):.2f} s"
    )
    print(
        f"re-plans: {sum(replans):.1f} s in all, median {statistics.median(replans):.2f} s, "
        f"largest {max(replans):.2f} s, {sum(t > REPLAN_TARGET_S for t in replans)} of "
        f"{len(replans)} over {REPLAN_TARGET_S} s"
    )
    print(f"not proven within the gap: {len(unproven)} ({', '.join(unproven) or 'none'})")


if __name__ == "__main__":
    main()
