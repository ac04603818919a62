"""``workbench doctor``: the doctor's answer into the client's clearance, and the plan re-made.

``workbench doctor CLIENT --cleared yes|no [--avoid ID,...] [--max-rpe N] --by NAME --date D
[--notes TEXT] [--covers P,...]``. CLIENT is a client file (rewritten atomically with the
new clearance; the new plan is printed) or a client id in the store (a new assessment
version of kind ``clearance``, and the program re-issued from the same start). ``--avoid``
takes disciplines and exercise ids alike. Uses only the public face.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from workbench.cli.exits import EXIT
from workbench.cli.inputs import InputError, file_problem, option_date, store_errors
from workbench.cli.output import emit

DOCTOR_EPILOG = """\
examples:
  workbench doctor examples/clients/new-pain-55-no-clearance.json --cleared yes \\
      --avoid running,yoga-cat-cow --max-rpe 5 --by "Dr A. Okafor (GP)" --date 2026-12-01
  workbench doctor desk-worker-flexion --cleared no --by "Dr A. Okafor (GP)" \\
      --date 2026-12-01 --notes "Review in six weeks"

"""

#: The answer's field -> the option that gives it.
OPTION_OF = {
    "cleared": "--cleared",
    "avoid_disciplines": "--avoid",
    "avoid_exercises": "--avoid",
    "max_rpe": "--max-rpe",
    "notes": "--notes",
    "by": "--by",
    "date": "--date",
    "covers": "--covers",
}


def add_doctor_parser(sub, formatter, exit_codes: str) -> None:
    """Add ``doctor`` to the ``workbench`` parser."""
    p = sub.add_parser(
        "doctor",
        help="record the doctor's answer to the brief and re-make the plan",
        description=textwrap.fill(
            "Record the doctor's written answer (clearance yes or no, what to avoid, the "
            "highest effort) in the client's clearance, dated and attributed, and re-make "
            "the plan: the restrictions become its bans and effort limit.",
            width=78,
        ),
        epilog=DOCTOR_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    p.add_argument("client", help="a client file (JSON), or a client id in the store")
    p.add_argument("--cleared", required=True, metavar="yes|no", help="clear to start?")
    p.add_argument(
        "--avoid", default="", metavar="ID,...", help="disciplines or exercise ids to avoid"
    )
    p.add_argument("--max-rpe", dest="max_rpe", metavar="N", help="highest effort, 0-10")
    p.add_argument("--by", required=True, metavar="NAME", help="who answered (name and role)")
    p.add_argument("--date", required=True, metavar="DATE", help="the answer's date YYYY-MM-DD")
    p.add_argument("--notes", default="", metavar="TEXT", help="anything else the doctor wrote")
    p.add_argument(
        "--covers", metavar="P,...", help="precautions the answer considered (default: as before)"
    )
    p.add_argument(
        "--weeks", type=int, metavar="N", help="weeks to plan (file: 4; store: as issued)"
    )
    p.add_argument(
        "--start", metavar="DATE", help="store: Monday of week 1 when no program was issued yet"
    )
    p.add_argument("--store", metavar="PATH", help="the store (default: $WORKBENCH_STORE)")
    p.add_argument("--json", action="store_true", help="print one JSON document (for programs)")


def _answer(wb, args, catalog):
    """The answer from the options, checked; InputError naming each option otherwise."""
    avoid = [x.strip() for x in args.avoid.split(",") if x.strip()]
    disciplines = {d.value for d in wb.Discipline}
    answer = {
        "cleared": args.cleared,
        "avoid_disciplines": [x for x in avoid if x in disciplines],
        "avoid_exercises": [x for x in avoid if x not in disciplines],
        "max_rpe": args.max_rpe,
        "notes": args.notes,
        "by": args.by,
        "date": args.date,
    }
    if args.covers is not None:
        answer["covers"] = args.covers
    problems = wb.answer_errors(answer, catalog)
    if not problems:
        return wb.parse_answer(answer, catalog)
    lines = []
    for p in problems:
        reason = p.reason
        if p.field == "avoid_exercises":
            reason += f" (or a discipline: {', '.join(sorted(disciplines))})"
        lines.append(f"  {OPTION_OF.get(p.field, p.field)}: {reason}")
    raise InputError("the doctor's answer was not recorded:\n" + "\n".join(lines))


def _clearance_json(c) -> dict:
    return {
        "cleared": c.cleared,
        "date": c.date,
        "by": c.by,
        "banned_disciplines": sorted(d.value for d in c.banned_disciplines),
        "banned_exercises": sorted(c.banned_exercises),
        "max_rpe": c.max_rpe,
        "notes": c.notes,
        "covers": sorted(c.covers),
    }


def run_doctor(args) -> int:
    """Run ``workbench doctor``; returns the exit code (the re-made plan's)."""
    import workbench as wb

    if args.weeks is not None and not 1 <= args.weeks <= wb.MAX_WEEKS:
        raise InputError(f"--weeks {args.weeks}: a plan has 1 to {wb.MAX_WEEKS} weeks")
    catalog = wb.builtin_catalog()
    answer = _answer(wb, args, catalog)
    if Path(args.client).is_file() and args.store is None:
        return _file(wb, args, answer, catalog)
    with store_errors(ValueError), wb.Store.open(args.store, create=False) as store:
        return _stored(wb, store, args, answer, catalog)


def _file(wb, args, answer, catalog) -> int:
    try:
        client = wb.load_client(args.client)
    except OSError as err:
        raise InputError(file_problem(args.client, err)) from None
    except wb.AssessmentError as err:
        raise InputError(f"{args.client}: the client file has problems:\n{err}") from None
    client = wb.apply_doctor_answer(client, answer)
    wb.save_client(client, args.client)
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=args.weeks or 4))
    doc = {
        "client": client.id,
        "file": args.client,
        "clearance": _clearance_json(client.clearance),
        "result": result.to_json(),
    }
    head = f"{args.client}: {client.clearance.notes} ({client.clearance.by})\n"
    emit(json.dumps(doc, indent=2, default=str) if args.json else head + wb.format_plan(result))
    return EXIT[result.status]


def _stored(wb, store, args, answer, catalog) -> int:
    client = wb.apply_doctor_answer(store.current_client(args.client), answer)
    record = store.save_assessment(client, assessed_on=answer.date, kind="clearance")
    current = store.current_plan(client.id)
    start = option_date("--start", args.start) or (current.start_date if current else None)
    if start is None:
        raise InputError(
            f"{client.id}: the answer is stored (assessment {record.version}); no program "
            "was issued yet, so give --start DATE (a Monday) to issue one"
        )
    weeks = args.weeks or (current.weeks if current else 12)
    result, issued = wb.start_program(store, client.id, catalog, start=start, weeks=weeks)
    doc = {
        "client": client.id,
        "assessment": record.version,
        "clearance": _clearance_json(client.clearance),
        "plan": None if issued is None else issued.id,
        "result": result.to_json(),
    }
    if issued is None:
        text = f"answer stored (assessment {record.version}); no program issued: {result.message}"
    else:
        text = (
            f"answer stored (assessment {record.version}); issued program {issued.id}: "
            f"{issued.weeks} weeks from {issued.start_date:%a %d %b %Y}\n" + wb.format_plan(result)
        )
    emit(json.dumps(doc, indent=2, default=str) if args.json else text)
    return EXIT[result.status]
