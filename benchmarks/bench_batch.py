"""A studio's batch: clients per second by executor and workers.

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--clients 200] [--weeks 12]

Plans ``--clients`` random clients (``workbench.testing.random_client``, seeds 0..N-1, on
the merged catalog with unreviewed rows, as ``bench_random.py``) for ``--weeks`` weeks,
with 1 worker in-process and 1 and 2 workers on the process pool and on a Dask
LocalCluster, and prints clients per second, the speed-up from 1 to 2 workers, and what
10,000 clients on a 16-worker cluster would take from the measured per-client cost.
Each configuration writes to its own temporary folder; progress bars are off.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from workbench.batch.executors import DaskCluster, InProcess, ProcessPool
from workbench.batch.folder import FolderSink
from workbench.batch.run import run_batch
from workbench.batch.tasks import Task
from workbench.records.files import client_document
from workbench.testing import random_client


def _tasks(n: int, weeks: int) -> list[Task]:
    return [
        Task(
            f"synthetic-{s}", client_document(random_client(s)), weeks, "merged", True, f"seed {s}"
        )
        for s in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    tasks = _tasks(args.clients, args.weeks)
    configs = [
        ("in-process", 1, InProcess),
        ("process pool", 1, lambda: ProcessPool(1)),
        ("process pool", 2, lambda: ProcessPool(2)),
        ("dask LocalCluster", 1, lambda: DaskCluster("local", 1)),
        ("dask LocalCluster", 2, lambda: DaskCluster("local", 2)),
    ]
    rates: dict[tuple[str, int], float] = {}
    cost = None
    print(f"{args.clients} random clients x {args.weeks} weeks (merged catalog)")
    print(
        f"{'executor':<20}{'workers':>8}{'seconds':>10}{'clients/s':>11}{'failed':>8}{'unproven':>10}"
    )
    for name, workers, make in configs:
        with tempfile.TemporaryDirectory() as out:
            began = time.perf_counter()
            executor = make()  # start-up (spawning workers, the cluster) is counted
            try:
                summary = run_batch(tasks, executor, FolderSink(Path(out)), progress=False)
            finally:
                executor.close()
            seconds = time.perf_counter() - began
        rate = len(tasks) / seconds
        rates[(name, workers)] = rate
        if name == "in-process":
            cost = sum(o["seconds"] for o in summary.outcomes) / len(summary.outcomes)
        unproven = sum(1 for o in summary.outcomes if o["unproven"])
        print(
            f"{name:<20}{workers:>8}{seconds:>10.1f}{rate:>11.2f}{len(summary.failed):>8}{unproven:>10}"
        )
    for name in ("process pool", "dask LocalCluster"):
        print(f"{name}: {rates[(name, 2)] / rates[(name, 1)]:.2f}x from 1 to 2 workers")
    if cost:
        hours = 10_000 * cost / 16 / 3600
        print(
            f"per-client cost {cost:.2f} s (plan + verify, one core): 10,000 clients on a "
            f"16-worker cluster ~ {10_000 * cost / 16 / 60:.0f} min ({hours:.2f} h), "
            "plus scheduling overhead"
        )


if __name__ == "__main__":
    main()
