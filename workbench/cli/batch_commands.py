"""``workbench batch``: plan a studio's clients in one run.

``workbench batch FOLDER -o OUT`` plans every client file of a folder (one JSON per client
and ``summary.csv`` in OUT); ``workbench batch --store [URL] --start MONDAY`` plans every
client of the store and issues the plans from that Monday; with ``--accept-reviews --by
NAME`` each begun program's due week review is accepted and re-plans its weeks ahead
(:mod:`workbench.batch.store_reviews`). A process pool by default
(``--workers``), Dask with ``--dask local`` or ``--dask tcp://host:8786``; ``--resume``
skips the clients a stopped run already did. Progress goes to stderr; stdout carries the
summary (``--json``: one JSON document). Exit code 1 when any client has no plan.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
from datetime import date
from pathlib import Path

from workbench.cli.exits import EXIT_PROBLEMS
from workbench.cli.inputs import BusyError, InputError, option_date, store_errors
from workbench.cli.output import emit

EPILOG = """\
examples:
  workbench batch examples/clients --weeks 12 -o plans/
  workbench batch examples/clients -o plans/ --resume          # after a stopped run
  workbench batch examples/clients -o plans/ --dask local --workers 2
  workbench batch --store --start 2026-12-14 --weeks 12        # every client in the store
  workbench batch --store --start 2026-12-14 --accept-reviews --by Sam   # Sunday night

exit codes:
  0  every client was planned
  1  some clients have no plan (the summary says why for each: a bad file, a referral,
     clearance needed, no plan fits, a solver error)
  2  bad input: a missing folder, an unknown option
  5  the store is busy: another workbench is writing to it
"""


def add_batch_parser(sub, formatter) -> None:
    """Add ``batch`` to the command line."""
    b = sub.add_parser(
        "batch",
        help="plan many clients at once (a folder, or every client in the store)",
        description=__doc__.split("\n\n")[1].replace("\n", " "),
        epilog=EPILOG,
        formatter_class=formatter,
    )
    b.add_argument("folder", nargs="?", help="a folder of client files (*.json)")
    b.add_argument("-o", "--out", metavar="DIR", help="output folder (with a FOLDER)")
    b.add_argument(
        "--store",
        nargs="?",
        const="",
        metavar="PATH|URL",
        help="plan every client of the store (default store: $WORKBENCH_STORE)",
    )
    b.add_argument("--start", metavar="YYYY-MM-DD", help="with --store: the Monday of week 1")
    b.add_argument(
        "--accept-reviews",
        action="store_true",
        help="with --store: accept each begun program's due week review as proposed, and "
        "re-plan its weeks ahead",
    )
    b.add_argument("--by", metavar="NAME", help="who accepts the reviews (default: your login)")
    b.add_argument(
        "--on", metavar="YYYY-MM-DD", help="the batch's day: weeks ended by then are due "
        "for review (default: today)",
    )  # fmt: skip
    b.add_argument("--weeks", type=int, default=12, metavar="N", help="weeks (default: 12)")
    b.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        metavar="N",
        help="worker processes (default: %(default)s; 1 runs in this process)",
    )
    b.add_argument("--dask", metavar="local|tcp://HOST:PORT", help="run on Dask distributed")
    b.add_argument("--resume", action="store_true", help="skip the clients already done")
    b.add_argument(
        "--catalog",
        default="builtin",
        metavar="builtin|merged|CSV",
        help="the catalog (default: the built-in one)",
    )
    b.add_argument("--include-unreviewed", action="store_true", help="use unreviewed rows")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--json", action="store_true", help="print one JSON document")


def _inputs(wb, args):
    from workbench import MAX_WEEKS

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise InputError(f"--weeks {args.weeks}: a plan has 1 to {MAX_WEEKS} weeks")
    if args.workers < 1:
        raise InputError(f"--workers {args.workers}: at least 1")
    if args.catalog not in ("builtin", "merged") and not Path(args.catalog).is_file():
        raise InputError(f"--catalog {args.catalog}: builtin, merged, or a catalog CSV file")
    if (args.folder is None) == (args.store is None):
        raise InputError("give a FOLDER of client files, or --store (not both)")
    kw = {"weeks": args.weeks, "catalog": args.catalog,
          "include_unreviewed": args.include_unreviewed}  # fmt: skip
    if args.folder is not None and (args.accept_reviews or args.by or args.on):
        raise InputError("--accept-reviews, --by, --on: with --store (reviews are in the store)")
    if (args.by or args.on) and not args.accept_reviews:
        raise InputError("--by, --on: add --accept-reviews")
    if args.folder is not None:
        if not args.out:
            raise InputError("-o/--out: the output folder is needed with a FOLDER")
        if not Path(args.folder).is_dir():
            raise InputError(f"{args.folder}: no such folder")
        tasks, failures = wb.tasks_from_folder(Path(args.folder), **kw)
        return tasks, failures, wb.FolderSink(Path(args.out)), None
    if not args.start:
        raise InputError("--start: the Monday of week 1 is needed with --store")
    start = option_date("--start", args.start)
    try:
        wb.check_start(start)  # before the store is opened: a bad date creates nothing
    except ValueError as err:
        raise InputError(f"--start: {err}") from None
    reviews = None
    if args.accept_reviews:
        by = args.by if args.by is not None else getpass.getuser()
        if not by.strip():
            raise InputError("--by: say who accepts the reviews")
        reviews = wb.ReviewBatch(by, option_date("--on", args.on) or date.today())
    store = wb.Store.open(args.store or None)
    try:
        tasks, kept = wb.tasks_from_store(store, reviews=reviews, **kw)
    except BaseException:
        store.close()
        raise
    return tasks, kept, wb.StoreSink(store, start, reviews), store


def run_batch_command(args: argparse.Namespace) -> int:
    """Run ``workbench batch``; returns the exit code."""
    import workbench as wb

    with store_errors():
        tasks, failures, sink, store = _inputs(wb, args)
    try:
        executor = wb.executor_for(workers=args.workers, dask=args.dask)
    except wb.ExecutorError as err:
        if store is not None:
            store.close()
        raise InputError(str(err)) from None
    try:
        summary = wb.run_batch(
            tasks, executor, sink, resume=args.resume, failures=failures,
            progress=not args.quiet,
        )  # fmt: skip
    except wb.StoreBusy as err:
        raise BusyError(str(err)) from None
    finally:
        executor.close()
        if store is not None:
            store.close()
    doc = summary.to_json()
    emit(json.dumps(doc, indent=2) if args.json else _text(doc))
    return EXIT_PROBLEMS if summary.failed else 0


def _text(doc: dict) -> str:
    lines = [
        f"{doc['planned']} of {doc['clients']} clients planned, {doc['failed']} without a plan"
        f", {doc['resumed']} already done; {doc['seconds']:.1f} s on {doc['executor']} "
        f"({doc['workers']} workers, {doc['clients_per_second']:.2f} clients/s)"
    ]
    if doc["unproven"]:
        lines.append(f"{doc['unproven']} plans have a week not proven within the gap:")
        lines += [f"  {o['client_id']}: {o['reason']}" for o in doc["outcomes"] if o["unproven"]]
    reviewed = [o for o in doc["outcomes"] if o.get("review_week") is not None]
    if reviewed:
        lines.append(f"{len(reviewed)} week reviews accepted:")
        lines += [f"  {o['client_id']}: {o['reason']}" for o in reviewed]
    kept = [o for o in doc["outcomes"] if o["status"] == "kept"]
    if kept:
        lines.append("kept as they are (their programs have begun):")
        lines += [f"  {o['client_id']}: {o['reason']}" for o in kept]
    failed = [o for o in doc["outcomes"] if not o["ok"]]
    if failed:
        lines.append("without a plan:")
        lines += [f"  {o['client_id']}: {o['status']}: {o['reason']}" for o in failed]
    return "\n".join(lines)


__all__ = ["add_batch_parser", "run_batch_command"]
