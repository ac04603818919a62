"""``workbench export CLIENT``: the plan's hand-over files, from a client file or the store.

CLIENT is a client file (the plan is made from it, ``--weeks`` weeks from ``--start``) or
a client id in the store (``--store``; the program as issued, its start Monday and the
session logs). ``--handout``, ``--pdf``, ``--ics``, ``--csv``, ``--plan-json`` and
``--brief`` pick the files (``--all`` every one); they are written to ``-o DIR``, named
``<client-id>-handout.html``, ``-handout.pdf``, ``-calendar.ics``, ``-plan.csv``, ``-plan.json``, ``-brief.html``. A referred or needs-clearance client gets the doctor's brief
(or the referral letter) only, never a program (exit 3). Stdout carries the result only:
the files written (``--json``: one JSON document).
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from workbench.cli.exits import EXIT, EXIT_BAD_INPUT
from workbench.cli.inputs import InputError, file_problem, option_date, store_errors
from workbench.cli.output import emit

#: Option -> export kind (``--json`` prints the result as JSON, so the plan's JSON file is
#: ``--plan-json``).
KIND_OPTIONS = {
    "handout": "handout",
    "pdf": "pdf",
    "ics": "ics",
    "csv": "csv",
    "plan_json": "json",
    "brief": "brief",
}

EXPORT_EPILOG = """\
examples:
  workbench export examples/clients/pool-only.json --all --start 2026-12-07 -o out/
  workbench export examples/clients/runner-returning.json --ics --csv --start 2026-12-07
  workbench export desk-worker-flexion --handout --pdf --paper Letter   (a client in the store)
  workbench export examples/clients/red-flag.json --brief   (the referral letter)

"""


def add_export_parser(sub, formatter, exit_codes: str) -> None:
    """Add ``export`` to the ``workbench`` parser."""
    p = sub.add_parser(
        "export",
        help="write a plan's handout, PDF, calendar, CSV, JSON or doctor's brief",
        description=textwrap.fill(
            "Write the hand-over files of a client's plan: the handout (HTML) and its PDF, "
            "the calendar (.ics), the plan as CSV and JSON, the doctor's brief. A referred "
            "or needs-clearance client gets the brief (or referral letter) only.",
            width=78,
        ),
        epilog=EXPORT_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    p.add_argument(
        "client", metavar="CLIENT", help="a client file (JSON), or a client id in the store"
    )
    what = p.add_argument_group("what to write (one or more)")
    what.add_argument("--handout", action="store_true", help="the client's handout (HTML)")
    what.add_argument("--pdf", action="store_true", help="the handout as PDF (headless Chromium)")
    what.add_argument("--ics", action="store_true", help="the calendar: one event per training day")
    what.add_argument("--csv", action="store_true", help="one row per block (spreadsheet-safe)")
    what.add_argument("--plan-json", action="store_true", help="the plan as a JSON document")
    what.add_argument("--brief", action="store_true", help="the doctor's consultation brief")
    what.add_argument("--all", action="store_true", help="every one of them")
    p.add_argument("--start", metavar="DATE", help="Monday of week 1, YYYY-MM-DD (a client file)")
    p.add_argument("--weeks", type=int, default=12, metavar="N",
                   help="weeks to plan for a client file (default: %(default)s)")  # fmt: skip
    p.add_argument("--paper", choices=["A4", "Letter"], default="A4", help="page size")
    p.add_argument("--catalog", metavar="CSV", help="the exercise catalog (a client file)")
    p.add_argument("-o", "--out", metavar="DIR", default=".", help="folder (default: here)")
    p.add_argument("--store", metavar="URL", help="the store (default: $WORKBENCH_STORE, else "
                   "~/.local/share)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON document (for programs)")


def _kinds(args) -> list[str]:
    import workbench as wb

    if args.all:
        return list(wb.EXPORT_KINDS)
    kinds = [kind for opt, kind in KIND_OPTIONS.items() if getattr(args, opt)]
    if not kinds:
        raise InputError(
            "export: say what to write: --handout, --pdf, --ics, --csv, --plan-json, --brief "
            "or --all"
        )
    return kinds


def _is_file(client: str) -> bool:
    path = Path(client)
    return path.suffix.lower() == ".json" or path.exists() or "/" in client


def run_export(args) -> int:
    """Run ``workbench export``; returns the exit code."""
    import workbench as wb

    kinds = _kinds(args)
    start = option_date("--start", args.start)
    with store_errors():
        if _is_file(args.client):
            return _from_file(wb, args, kinds, start)
        with wb.Store.open(args.store, create=False) as store:
            return _from_store(wb, store, args, kinds, start)


def _from_file(wb, args, kinds, start) -> int:
    if not 1 <= args.weeks <= wb.MAX_WEEKS:
        raise InputError(f"--weeks {args.weeks}: a plan has 1 to {wb.MAX_WEEKS} weeks")
    try:
        client = wb.load_client(args.client)
        catalog = wb.load_catalog(args.catalog) if args.catalog else wb.builtin_catalog()
    except OSError as err:
        raise InputError(file_problem(err.filename or args.client, err)) from None
    except (wb.AssessmentError, wb.CatalogError) as err:
        raise InputError(f"{args.client}: {err}") from None
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=args.weeks, explain=False))
    return _export(wb, args, kinds, result, client, catalog, start=start, extra={})


def _from_store(wb, store, args, kinds, start) -> int:
    catalog = wb.builtin_catalog()
    try:
        issued = wb.issued_program(store, args.client, catalog)
    except ValueError as err:
        if isinstance(err, wb.StoreError):
            raise
        print(f"workbench: {err}", file=sys.stderr)
        return EXIT[wb.PlanStatus.NO_PLAN]
    if start is not None and start != issued.start:
        raise InputError(
            f"--start {start.isoformat()}: {args.client}'s program starts on "
            f"{issued.start.isoformat()} (leave --start out for a client in the store)"
        )
    if issued.paused and issued.result.planned:
        return _refuse(
            args,
            issued.client,
            f"the plan is paused until these are asked again: {', '.join(issued.paused)} "
            f"(workbench client answer {args.client} QUESTION=no ...); nothing written",
        )
    extra = {"plan_key": issued.plan_key, "stamp": issued.stamp, "sequence": issued.sequence}
    return _export(wb, args, kinds, issued.result, issued.client, catalog, start=issued.start,
                   logs=issued.logs, extra=extra)  # fmt: skip


def _refuse(args, client, message: str) -> int:
    doc = {"client": client.id, "status": "paused", "files": [], "message": message}
    print(f"workbench: {message}", file=sys.stderr)
    if args.json:
        emit(json.dumps(doc, indent=2))
    return 3


def _export(wb, args, kinds, result, client, catalog, *, start, logs=(), extra) -> int:
    status = str(result.status)
    code = EXIT[result.status]
    if status == "infeasible":  # no program to hand over; the brief says why
        kinds = [k for k in kinds if k not in wb.PROGRAM_KINDS]
        print(f"workbench: no plan fits every rule: {result.message}", file=sys.stderr)
    notes = []
    if code == 3:
        notes.append(f"{status}: the doctor's brief only, no program ({result.message})")
    elif "ics" in kinds and wb.time_note(client):
        notes.append(wb.time_note(client))
    files = []
    if kinds:
        try:
            files = wb.export_plan(result, client, catalog, kinds, start=start,
                                   out_dir=Path(args.out), logs=logs, paper=args.paper,
                                   **extra)  # fmt: skip
        except wb.HandoverError as err:
            raise InputError(str(err)) from None
        except OSError as err:
            raise InputError(f"-o {args.out}: cannot write there ({err.strerror})") from None
    for note in notes:
        print(f"workbench: {note}", file=sys.stderr)
    doc = {
        "client": client.id,
        "status": status,
        "start": None if start is None else start.isoformat(),
        "files": [str(p) for p in files],
        "notes": notes,
    }
    emit(json.dumps(doc, indent=2) if args.json else "\n".join(f"wrote {p}" for p in files))
    return code if code else (0 if files else EXIT_BAD_INPUT)
