"""Hand-over benchmark: the time to export every kind of file for every example client.

Usage::

    .venv/bin/python benchmarks/bench_export.py [--runs 3] [--weeks 12] [--json] [--no-pdf]

For every example client the plan is made once (``--weeks`` weeks, timed apart: it is the
planner's time, not the export's), then each kind of :data:`workbench.EXPORT_KINDS` is
exported on its own into a temporary folder with :func:`workbench.export_plan` (the file
made and written atomically), ``--runs`` times; the table has the median per kind [s] and
the total of the medians (all kinds; a client who is not planned gets the brief only, so
its other kinds are "-"). The PDF is printed by headless Chromium (``--no-pdf`` leaves it
out where Chromium is missing). The table goes to stdout (``--json``: one JSON document);
progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from workbench import (
    EXPORT_KINDS,
    PlanOptions,
    builtin_catalog,
    example_clients,
    export_plan,
    plan,
)

START = date(2026, 12, 7)  # a Monday: week 1


def time_client(client, catalog, kinds, weeks: int, runs: int) -> dict:
    """Plan ``client`` once (timed), then time each kind's export ``runs`` times."""
    t0 = time.perf_counter()
    result = plan(client, catalog, PlanOptions(weeks=weeks))
    row: dict = {"client": client.id, "status": str(result.status),
                 "plan_s": time.perf_counter() - t0}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for kind in kinds:
            if not result.planned and kind != "brief":
                row[kind] = None  # a client not planned gets the brief whatever is asked
                continue
            times = []
            for run in range(runs):
                t = time.perf_counter()
                export_plan(result, client, catalog, [kind], start=START,
                            out_dir=Path(tmp) / f"{kind}-{run}")  # fmt: skip
                times.append(time.perf_counter() - t)
            row[kind] = statistics.median(times)
    row["total_s"] = sum(v for k, v in row.items() if k in kinds and v is not None)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--weeks", type=int, default=12)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-pdf", action="store_true", help="leave the PDF out")
    args = ap.parse_args(argv)
    kinds = [k for k in EXPORT_KINDS if not (args.no_pdf and k == "pdf")]
    catalog = builtin_catalog()
    rows = []
    for client in example_clients().values():
        print(f"{client.id} ...", file=sys.stderr, flush=True)
        rows.append(time_client(client, catalog, kinds, args.weeks, args.runs))
    if args.json:
        print(json.dumps({"weeks": args.weeks, "runs": args.runs, "rows": rows}, indent=2))
        return 0
    head = f"{'client':26} {'status':16} {'plan_s':>7} " + " ".join(f"{k:>8}" for k in kinds)
    print(head + f" {'total_s':>8}")
    for r in rows:
        cells = " ".join(f"{r[k]:8.3f}" if r[k] is not None else f"{'-':>8}" for k in kinds)
        print(f"{r['client']:26} {r['status']:16} {r['plan_s']:7.2f} {cells} {r['total_s']:8.3f}")
    planned = [r["total_s"] for r in rows if r["status"] == "planned"]
    print(f"all kinds, planned clients: median {statistics.median(planned):.3f} s, "
          f"worst {max(planned):.3f} s (plan time not included)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
