"""Random clients on the merged catalog: how the planner fares beyond the examples.

Usage::

    .venv/bin/python benchmarks/bench_random.py [--generator random|wide|both]
        [--clients N] [--first SEED] [--slow SECONDS]

Each client of ``workbench.testing.random_client(seed)`` ("random") and of
``workbench.testing.wide_random_client(seed)`` ("wide": tolerances 0-3 with many zeros,
one day a week or seven, 10- to 120-minute sessions, large clearance bans, an RPE
limit, clients at the edge of infeasibility), seeds FIRST to FIRST+N-1 (default 0-99,
both generators: 200 clients), is planned for 12 weeks on the merged catalog (unreviewed
rows included), then re-planned twice: after a ban of its first block from week 1 (every
later week follows), and after a pin in the last week (a re-plan of one week). One run
each: a week that reaches its time budget makes the figures move between runs, so
compare runs made back to back.

Every plan and re-plan is checked by the independent verifier
(``workbench.verify_plan``); a violation is a bug and is printed. Prints the clients that
were slow or not proven within the gap, then per generator and in all: how many were
planned or diagnosed, p50 / p95 / max of each kind of solve, the weeks not proven within
the gap (and the largest gap), and the verifier's findings, against issue 20's targets.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from workbench import Pin, PlanOptions, merged_catalog, plan, replan, verify_plan
from workbench.testing import random_client, wide_random_client

GENERATORS = {"random": random_client, "wide": wide_random_client}
#: issue 20: (p50, p95, max) [s] for each kind of solve; None where no target is set.
TARGETS = {
    "plan": (0.5, 2.0, 4.0),
    "re-plan (ban, later weeks follow)": (0.6, None, 1.5),
    "re-plan (pin, one week)": (None, None, 0.3),
}

SHORT = dict(zip(TARGETS, ("plan", "ban", "pin"), strict=True))


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _unproven(result, from_week: int = 1) -> list[tuple[int, float]]:
    """(week, gap) of every week of ``result`` from ``from_week`` not proven within the gap.

    A re-plan keeps the weeks before ``from_week`` as they were, so only the weeks it
    could solve again count for it (a kept week was counted with the plan).
    """
    if result.solver is None:
        return []
    return [
        (d["week"], d.get("gap") or 0.0)
        for d in result.solver.detail
        if d["status"] != "optimal" and d["week"] >= from_week
    ]


def run_client(name: str, seed: int, catalog, slow: float) -> dict:
    """Plan, ban re-plan and pin re-plan one client; times, unproven weeks, violations."""
    client = GENERATORS[name](seed)
    options = PlanOptions(weeks=12, explain=False, include_unreviewed=True)
    row: dict = {"status": None, "times": {}, "unproven": [], "violations": []}
    began = time.perf_counter()
    result = plan(client, catalog, options)
    row["times"]["plan"] = time.perf_counter() - began
    row["status"] = result.status
    if not result.planned:
        return row
    first = result.weeks[0].days[0].blocks[0].exercise_id
    last = result.weeks[-1]
    banned = replace(options, bans=frozenset({first}))
    pinned = replace(
        options, pins=(Pin(last.days[-1].blocks[-1].exercise_id, 12, last.days[0].day),)
    )
    solves = [("plan", result, options, 1)]
    for kind, opts, from_week in (
        ("re-plan (ban, later weeks follow)", banned, 1),
        ("re-plan (pin, one week)", pinned, 12),
    ):
        began = time.perf_counter()
        again = replan(result, client, catalog, opts, from_week=from_week)
        row["times"][kind] = time.perf_counter() - began
        solves.append((kind, again, opts, from_week))
    notes = []
    for kind, res, opts, from_week in solves:
        if not res.planned:
            notes.append(f"{kind}: {res.status}")
            continue
        for week, gap in _unproven(res, from_week):
            row["unproven"].append((kind, week, gap))
            notes.append(f"{kind} week {week} not proven: gap {gap:.2%}")
        for v in verify_plan(res, client, catalog, opts):
            row["violations"].append((kind, v))
            notes.append(f"{kind} VIOLATION {v}")
    times = row["times"]
    if notes or any(t > slow for t in times.values()):
        shown = "  ".join(f"{SHORT[k]} {t:5.2f} s" for k, t in times.items())
        print(f"{name:6} seed {seed:3}  {shown}  {'; '.join(notes)}", flush=True)
    return row


def report(label: str, rows: list[dict]) -> None:
    """Totals of ``rows``: counts, p50 / p95 / max per kind, unproven weeks, violations."""
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print(
        f"\n{label}: {len(rows)} clients: "
        + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    )
    print(f"  {'solve':36} {'n':>4} {'p50_s':>7} {'p95_s':>7} {'max_s':>7}  target p50/p95/max")
    for kind, target in TARGETS.items():
        times = [r["times"][kind] for r in rows if r["status"] == "planned"]
        if not times:
            continue
        shown = "/".join("-" if t is None else f"{t:g}" for t in target)
        print(
            f"  {kind:36} {len(times):4} {percentile(times, 0.5):7.3f} {percentile(times, 0.95):7.3f}"
            f" {max(times):7.3f}  {shown}"
        )
    diagnosed = [r["times"]["plan"] for r in rows if r["status"] != "planned"]
    if diagnosed:
        print(
            f"  {'not planned (diagnosis)':36} {len(diagnosed):4} {statistics.median(diagnosed):7.3f} {percentile(diagnosed, 0.95):7.3f} {max(diagnosed):7.3f}"
        )
    unproven = [u for r in rows for u in r["unproven"]]
    largest = max((g for _, _, g in unproven), default=None)
    print(
        f"  weeks not proven within the gap: {len(unproven)}"
        + (f" (largest gap {largest:.2%})" if largest is not None else "")
    )
    violations = [v for r in rows for v in r["violations"]]
    print(
        f"  verifier: {len(violations)} violations on {3 * sum(r['status'] == 'planned' for r in rows)} plans and re-plans"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", choices=("random", "wide", "both"), default="both")
    parser.add_argument("--clients", type=int, default=100, help="clients per generator")
    parser.add_argument("--first", type=int, default=0, help="first seed")
    parser.add_argument("--slow", type=float, default=1.0, help="print solves over this [s]")
    args = parser.parse_args()
    catalog = merged_catalog()
    names = ("random", "wide") if args.generator == "both" else (args.generator,)
    began = time.perf_counter()
    every: list[dict] = []
    by_name: dict[str, list[dict]] = {}
    for name in names:
        rows = [
            run_client(name, s, catalog, args.slow)
            for s in range(args.first, args.first + args.clients)
        ]
        by_name[name] = rows
        every.extend(rows)
    for name, rows in by_name.items():
        report(f"{name} (seeds {args.first}-{args.first + args.clients - 1})", rows)
    if len(by_name) > 1:
        report("all", every)
    print(f"\nwall time {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
