"""Planner benchmark: a script, not a timed test.

Usage::

    .venv/bin/python benchmarks/bench_planner.py [--runs 3] [--weeks 1 12] [--baseline]

For every example client that can be planned, on the built-in and the merged catalog
(built-in + free-exercise-db, imported rows allowed): median wall time of ``plan`` over
``--runs`` runs for each horizon, the reported solver status and the largest gap against
a proven bound; re-plan after a ban in week 1 (every later week must follow) and after a
pin in the last week (the change stays within one week), with the re-plan's status when
it is not ``optimal``; peak memory of the process. With
``--baseline``: the straightforward model (one binary per exercise × day for each week
over the whole allowed catalog, every rule a constraint, PuLP's bundled CBC at the same
gap) side by side, and the ratio. With ``--all-bans``: also, for each plan of more than
one week, a ban of each exercise the plan uses in turn (one run each): how many re-plans,
their median and largest time, how many took at most ``REPLAN_TARGET`` s, and any that
gave no plan or one not proven within the gap.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from dataclasses import replace

from workbench import Pin, builtin_catalog, example_clients, merged_catalog

# the straightforward model of --baseline is built from the planner's own parts
from workbench.optimize.model import build_model
from workbench.optimize.solve import SolverSettings, solve
from workbench.planning.planner import (
    PlanOptions,
    _initial_state,
    plan,
    prepare,
    replan,
    week_problem,
)

REPLAN_TARGET = 0.6  # [s] issue 3: a re-plan when later weeks must follow


def all_bans(result, client, catalog, opts) -> str:
    """Ban each exercise of ``result`` in turn and re-plan from week 1: a summary line."""
    ids = sorted({b.exercise_id for w in result.weeks for d in w.days for b in d.blocks})
    times, other = [], []
    for ex in ids:
        secs, res = timed(
            lambda e=ex: replan(result, client, catalog, replace(opts, bans=frozenset({e})), 1), 1
        )
        times.append(secs)
        if not res.planned or res.solver.status != "optimal":
            other.append(f"{ex} ({res.solver.status if res.planned else res.status})")
    fast = sum(t <= REPLAN_TARGET for t in times)
    line = (
        f"    ban each of its {len(ids)} exercises in turn: median {statistics.median(times):.3f} s,"
        f" largest {max(times):.3f} s, {fast} of {len(ids)} within {REPLAN_TARGET} s"
    )
    return line + (f"; not a proven plan: {', '.join(other)}" if other else "")


def timed(fn, runs: int):
    """Median seconds over ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def baseline(client, catalog, weeks: int, include: bool, limit: float) -> tuple[float, str]:
    """The straightforward model solved by CBC: seconds and the worst status."""
    opts = PlanOptions(weeks=weeks, explain=False, include_unreviewed=include)
    ctx = prepare(client, catalog, opts)
    settings = SolverSettings("cbc", ctx.params.relative_gap, limit)
    by_id = {e.id: e for e in catalog}
    state = _initial_state(ctx)
    start = time.perf_counter()
    worst = "optimal"
    for w in range(1, weeks + 1):
        p = week_problem(ctx, w, state, by_id)
        m, v = build_model(p)
        out = solve(m, settings)
        if out.status != "optimal":
            worst = out.status
        load = sum(p.load[i] for (i, _d), var in v.uses.items() if (var.varValue or 0) > 0.5)
        state = replace(state, previous_load=load, loads=state.loads + [load])
    return time.perf_counter() - start, worst


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--weeks", type=int, nargs="+", default=[1, 12])
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--baseline-limit", type=float, default=60.0)
    ap.add_argument("--baseline-weeks", type=int, nargs="+", default=[1])
    ap.add_argument("--all-bans", action="store_true")
    args = ap.parse_args()
    catalogs = {"built-in": (builtin_catalog(), False), "merged": (merged_catalog(), True)}
    print(
        "catalog   client                      weeks  median_s  status      gap     "
        "replan_s (ban, all weeks follow)  replan_s (pin, last week only)"
    )
    for cname, (catalog, include) in catalogs.items():
        for name, client in example_clients().items():
            for weeks in args.weeks:
                opts = PlanOptions(weeks=weeks, explain=False, include_unreviewed=include)
                secs, result = timed(lambda o=opts, c=client, k=catalog: plan(c, k, o), args.runs)
                if not result.planned:
                    if weeks == args.weeks[0]:
                        print(f"{cname:9} {name:27} {'-':>5}  {secs:8.3f}  {result.status}")
                    continue
                first = result.weeks[0].days[0].blocks[0].exercise_id
                banned = replace(opts, bans=frozenset({first}))
                rsecs, rres = timed(
                    lambda r=result, b=banned, c=client, k=catalog: replan(r, c, k, b, 1), args.runs
                )
                # a change that stays within one week: a pin in the last week
                last = result.weeks[-1]
                pin_id = last.days[-1].blocks[-1].exercise_id
                pinned = replace(opts, pins=(Pin(pin_id, weeks, last.days[0].day),))
                psecs, pres = timed(
                    lambda r=result, b=pinned, c=client, k=catalog, w=weeks: replan(r, c, k, b, w),
                    args.runs,
                )
                gap = result.solver.gap
                line = (
                    f"{cname:9} {name:27} {weeks:5}  {secs:8.3f}  {result.solver.status:10}"
                    f"  {'n/a' if gap is None else f'{gap:.2%}':>6}  {rsecs:8.3f}  {psecs:8.3f}"
                )
                # a re-plan must be proven too: say so when one of its weeks is not
                for label, res in (("ban", rres), ("pin", pres)):
                    if res.solver.status != "optimal":
                        g = res.solver.gap
                        line += f"  [{label} re-plan {res.solver.status}"
                        line += f" gap {'n/a' if g is None else f'{g:.2%}'}]"

                if args.baseline and cname == "built-in" and weeks in args.baseline_weeks:
                    bsecs, bstatus = baseline(client, catalog, weeks, include, args.baseline_limit)
                    line += f"   baseline CBC {bsecs:7.2f} s ({bstatus}) ratio {bsecs / secs:6.1f}x"
                print(line, flush=True)
                if args.all_bans and weeks > 1:
                    print(all_bans(result, client, catalog, opts), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
