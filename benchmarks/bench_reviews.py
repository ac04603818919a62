"""Sunday night in a studio: every due week review accepted and re-planned, by workers.

Usage::

    .venv/bin/python benchmarks/bench_reviews.py [--copies 5] [--weeks 12]

Builds a SQLite store with ``--copies`` copies of each example client that screening
lets plan (six of the eight), issues each a ``--weeks``-week program, and logs every week-1 session as done.
Then ``workbench batch --store --accept-reviews`` (:func:`workbench.batch.run.run_batch`
with a :class:`~workbench.batch.store_reviews.ReviewBatch`) accepts each week-1 review and
re-plans weeks 2 on, on 1 worker in-process and 1 and 2 workers of the process pool,
each on its own copy of the store. Prints clients per second (reading the store and
storing each review with its re-plan included) and the speed-up from 1 to 2 workers.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import workbench as wb
from workbench.batch.executors import InProcess, ProcessPool
from workbench.batch.run import run_batch
from workbench.batch.store_reviews import ReviewBatch
from workbench.batch.store_sink import StoreSink, tasks_from_store
from workbench.followup.loop import record_log, start_program

START = date(2026, 12, 7)  # a Monday: program week 1
NEXT_MONDAY = START + timedelta(days=7)


def _store(path: Path, copies: int, weeks: int) -> int:
    """The store of begun programs; how many clients it has."""
    catalog = wb.builtin_catalog()
    n = 0
    with wb.Store.open(path) as store:
        plannable = [e for e in wb.example_names() if wb.screen(wb.example_client(e)).plannable]
        for name in plannable:
            for k in range(copies):
                client = replace(wb.example_client(name), id=f"{name}-{k}")
                store.add_client(client, assessed_on=START)
                _result, issued = start_program(store, client.id, catalog, start=START,
                                                weeks=weeks)  # fmt: skip
                if issued is None:  # referred, or no plan: nothing to review
                    continue
                n += 1
                for s in store.sessions(client.id, week=1):
                    entry = dict(
                        status="done", minutes=s.minutes, effort=3, pain_before=2,
                        pain_during=2, pain_after=2, next_morning_pain=2,
                        next_morning_stiffness=2,
                    )  # fmt: skip
                    record_log(store, client.id, entry, session_id=s.id)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite"
        n = _store(base, args.copies, args.weeks)
        print(f"{n} begun programs of {args.weeks} weeks: week-1 reviews accepted, "
              f"weeks 2-{args.weeks} re-planned")  # fmt: skip
        print(f"{'executor':<16}{'workers':>8}{'seconds':>10}{'clients/s':>11}{'failed':>8}")
        rates = {}
        for name, workers, make in (
            ("in-process", 1, InProcess),
            ("process pool", 1, lambda: ProcessPool(1)),
            ("process pool", 2, lambda: ProcessPool(2)),
        ):
            path = Path(tmp) / f"{name}-{workers}.sqlite"
            shutil.copy(base, path)
            with wb.Store.open(path) as store:
                began = time.perf_counter()
                reviews = ReviewBatch("bench", NEXT_MONDAY)
                tasks, kept = tasks_from_store(store, weeks=args.weeks, reviews=reviews)
                executor = make()
                try:
                    summary = run_batch(tasks, executor, StoreSink(store, NEXT_MONDAY, reviews),
                                        failures=kept, progress=False)  # fmt: skip
                finally:
                    executor.close()
                seconds = time.perf_counter() - began
                doc = summary.to_json()
            rates[(name, workers)] = doc["reviewed"] / seconds
            print(f"{name:<16}{workers:>8}{seconds:>10.1f}{rates[(name, workers)]:>11.2f}"
                  f"{doc['failed']:>8}")  # fmt: skip
        pool = rates[("process pool", 2)] / rates[("process pool", 1)]
        print(f"process pool, 1 -> 2 workers: {pool:.2f}x")


if __name__ == "__main__":
    main()
