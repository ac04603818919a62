"""The workbench's command line: check a client, plan a program, look after the catalog.

``workbench plan``, ``workbench check``, ``workbench catalog list|search|import|review``, and
the follow-up: ``workbench client add|list|show|export|plan|answer``, ``workbench log``,
``workbench review`` (:mod:`workbench.cli.followup_commands`); the hand-over,
``workbench export`` (:mod:`workbench.cli.export_commands`); the doctor's answer,
``workbench doctor`` (:mod:`workbench.cli.doctor_commands`).
Stdout carries the result only (with ``--json``, one JSON document); errors and the
solver's log (``--verbose``) go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from workbench import format_plan
from workbench.cli.exits import EXIT, EXIT_BAD_INPUT, EXIT_BUSY, EXIT_CODES, EXIT_PROBLEMS
from workbench.cli.inputs import (
    BusyError,
    InputError,
    file_problem,
    parse_allowed,
    parse_bans,
    parse_pins,
)
from workbench.cli.output import emit

PLAN_EPILOG = (
    """\
examples:
  workbench plan examples/clients/runner-returning.json
  workbench plan examples/clients/high-fear.json --weeks 4
  workbench plan examples/clients/pool-only.json --json | python -m json.tool
  workbench plan examples/clients/high-fear.json --pin walk-easy:1:mon --ban yoga-cat-cow
  workbench plan examples/clients/pool-only.json --allow-disliked running

"""
    + EXIT_CODES
)

CHECK_EPILOG = (
    """\
examples:
  workbench check examples/clients/pool-only.json
  workbench check notebooks/clients/my-client.json --json

"""
    + EXIT_CODES
)


def _wrap(text: str) -> str:
    """A description as a paragraph that fits the terminal's 80 columns."""
    return textwrap.fill(text, width=78)


def _fmt(prog):
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: ``plan``, ``check`` and ``catalog``."""
    from workbench import MAX_WEEKS
    from workbench.cli.catalog_commands import add_catalog_parser
    from workbench.cli.doctor_commands import add_doctor_parser
    from workbench.cli.export_commands import add_export_parser
    from workbench.cli.followup_commands import add_followup_parsers

    ap = argparse.ArgumentParser(
        prog="workbench",
        description=_wrap(
            "Program design for clients with chronic low back pain: check a client "
            "file, plan their weeks, look after the exercise catalog, and follow a client "
            "week by week (client, log, review)."
        ),
        epilog="examples:\n  workbench check examples/clients/pool-only.json\n"
        "  workbench plan examples/clients/pool-only.json --weeks 4\n"
        "  workbench catalog search bridge\n"
        "  workbench client add examples/clients/pool-only.json\n"
        "  workbench review pool-only --accept --by Sam\n\n"
        "Run 'workbench COMMAND --help' for a command's options.\n\n" + EXIT_CODES,
        formatter_class=_fmt,
    )
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_plan_parser(sub, MAX_WEEKS)
    _add_check_parser(sub)
    add_catalog_parser(sub, _fmt, EXIT_CODES)
    add_followup_parsers(sub, _fmt, EXIT_CODES)
    add_export_parser(sub, _fmt, EXIT_CODES)
    add_doctor_parser(sub, _fmt, EXIT_CODES)
    return ap


def _add_plan_parser(sub, max_weeks: int) -> None:
    """Add ``plan`` with its options, in the order ``--help`` lists them: what to plan,
    the trainer's changes, then the solver."""
    p = sub.add_parser(
        "plan",
        help="plan a client's weeks",
        description=_wrap(
            "Plan a client's weeks: sessions that meet the goals, leave out what the "
            "client's tolerances, doctor, settings, triggers and dislikes rule out, and stay "
            "under a load ceiling that rises slowly week by week."
        ),
        epilog=PLAN_EPILOG,
        formatter_class=_fmt,
    )
    _add_what_to_plan(p, max_weeks)
    _add_trainer_changes(p)
    _add_solver_options(p)


def _add_what_to_plan(p: argparse.ArgumentParser, max_weeks: int) -> None:
    """The client file, the horizon (1 to ``max_weeks`` weeks), the catalog, ``--json``
    and hard goals."""
    p.add_argument("client", help="the client file (JSON; see 'workbench check')")
    p.add_argument(
        "--weeks",
        type=int,
        default=1,
        metavar="N",
        help=f"how many weeks to plan, 1-{max_weeks} (default: %(default)s)",
    )
    p.add_argument(
        "--catalog",
        metavar="CSV",
        help="an exercise catalog with the built-in columns (default: the built-in exercises.csv)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document (for programs)")
    p.add_argument(
        "--hard-goals",
        action="store_true",
        help="the goal minutes must be met in full (default: as close as the rules allow)",
    )


def _add_trainer_changes(p: argparse.ArgumentParser) -> None:
    """Pins, bans, disliked things allowed all the same, and unreviewed catalog rows."""
    p.add_argument(
        "--pin",
        action="append",
        default=[],
        metavar="ID:WEEK[:DAY]",
        help="put this exercise in that week, on that day (mon-sun) when given; repeatable",
    )
    p.add_argument(
        "--ban",
        action="append",
        default=[],
        metavar="ID",
        help="leave this exercise out of every week; repeatable",
    )
    p.add_argument(
        "--allow-disliked",
        action="append",
        default=[],
        metavar="WHAT",
        help="plan a discipline, setting or tag the client dislikes all the same; repeatable",
    )
    p.add_argument(
        "--include-unreviewed",
        action="store_true",
        help="also use imported catalog rows a trainer has not reviewed yet",
    )


def _add_solver_options(p: argparse.ArgumentParser) -> None:
    """Which solver, and how much of its work to show."""
    p.add_argument(
        "--solver",
        choices=["highs", "cbc"],
        default="highs",
        help="the solver: highs (in process, fast) or cbc (the fallback) (default: %(default)s)",
    )
    p.add_argument(
        "--verbose",
        action="store_true",
        help="also the solver's status and gap, and its own log on stderr",
    )


def _add_check_parser(sub) -> None:
    """Add ``check``: the client file and ``--json``."""
    c = sub.add_parser(
        "check",
        help="check a client file: every problem at once, and what to ask",
        description=_wrap(
            "Check a client file before planning: every refused field at once (with "
            "the field and why), the screening outcome (red flags, precautions, "
            "clearance), and the questions the file leaves (a trigger not understood, "
            "where the client trains)."
        ),
        epilog=CHECK_EPILOG,
        formatter_class=_fmt,
    )
    c.add_argument("client", help="the client file (JSON)")
    c.add_argument("--json", action="store_true", help="print one JSON document (for programs)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "plan":
            return _plan(args)
        if args.command == "check":
            return _check(args)
        if args.command in ("client", "log", "review"):
            from workbench.cli.followup_commands import run_followup

            return run_followup(args)
        if args.command == "export":
            from workbench.cli.export_commands import run_export

            return run_export(args)
        if args.command == "doctor":
            from workbench.cli.doctor_commands import run_doctor

            return run_doctor(args)
        from workbench.cli.catalog_commands import run_catalog

        return run_catalog(args)
    except BusyError as err:
        print(f"workbench: {err}", file=sys.stderr)
        return EXIT_BUSY
    except InputError as err:
        print(f"workbench: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _load_client(path: str):
    from workbench import AssessmentError, load_client

    try:
        return load_client(path)
    except OSError as err:
        raise InputError(file_problem(path, err)) from None
    except AssessmentError as err:
        raise InputError(
            f"{path}: the client file has problems (workbench check {path}):\n{err}"
        ) from None


def _plan(args) -> int:
    from workbench import (
        MAX_WEEKS,
        CatalogError,
        PlanOptions,
        builtin_catalog,
        load_catalog,
        plan,
        set_solver_log,
    )

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise InputError(f"--weeks {args.weeks}: a plan has 1 to {MAX_WEEKS} weeks")
    client = _load_client(args.client)
    try:
        catalog = load_catalog(args.catalog) if args.catalog else builtin_catalog()
    except OSError as err:
        raise InputError(file_problem(args.catalog, err)) from None
    except CatalogError as err:
        raise InputError(str(err)) from None
    pins = parse_pins(args.pin, args.weeks, catalog)
    bans = parse_bans(args.ban, catalog)
    both = sorted({pin.exercise_id for pin in pins} & bans)
    if both:
        raise InputError(f"--pin and --ban: {', '.join(both)} is both pinned and banned")
    allowed = parse_allowed(args.allow_disliked, client)
    set_solver_log(args.verbose)
    options = PlanOptions(
        weeks=args.weeks,
        hard_goals=args.hard_goals,
        solver=args.solver,
        pins=pins,
        bans=bans,
        include_unreviewed=args.include_unreviewed,
        allow_disliked=allowed,
    )
    result = plan(client, catalog, options)
    doc = result.to_json()
    emit(json.dumps(doc, indent=2) if args.json else format_plan(result, args.verbose))
    return EXIT[result.status]


def check_document(path: str) -> tuple[int, dict]:
    """What ``workbench check`` reports: (exit code, the JSON document)."""
    from workbench import MISSING, AssessmentError, client_questions, load_client, resolve, screen

    doc: dict = {"file": path, "ok": False, "problems": [], "screening": None, "questions": []}
    try:
        client = load_client(path)
    except OSError as err:
        doc["problems"] = [{"field": "", "reason": file_problem(path, err)}]
        return EXIT_BAD_INPUT, doc
    except AssessmentError as err:
        doc["problems"] = [
            {"field": p.field, "reason": p.reason}
            | ({} if p.value is MISSING else {"value": p.value})
            for p in err.problems
        ]
        unreadable = any(p.field == "" and p.reason.startswith("not ") for p in err.problems)
        return (EXIT_BAD_INPUT if unreadable else EXIT_PROBLEMS), doc
    try:
        params = resolve(client.overrides)
    except ValueError as err:
        doc["problems"] = [{"field": "overrides", "reason": str(err)}]
        return EXIT_PROBLEMS, doc
    scr = screen(client, params)
    doc["ok"] = True
    doc["client"] = {"id": client.id, "name": client.name}
    doc["screening"] = {
        "outcome": scr.outcome.value,
        "plannable": scr.plannable,
        "reasons": list(scr.reasons),
        "contradicted": {q: list(w) for q, w in scr.contradicted.items()},
        "precautions": list(scr.precautions),
        "watch_for": list(scr.watch_for),
    }
    doc["questions"] = [q.to_json() for q in client_questions(client)]
    return (0 if scr.plannable else EXIT["referred"]), doc


def _check(args) -> int:
    code, doc = check_document(args.client)
    if args.json:
        emit(json.dumps(doc, indent=2, default=str))
        return code
    if code == EXIT_BAD_INPUT:
        print(f"workbench: {doc['problems'][0]['reason']}", file=sys.stderr)
        return code
    lines = []
    if doc["problems"]:
        n = len(doc["problems"])
        lines.append(f"{args.client}: {n} problem{'s' if n != 1 else ''}; fix and check again")
        for p in doc["problems"]:
            got = f" (got {p['value']!r})" if "value" in p else ""
            lines.append(f"  {p['field'] or '(file)'}: {p['reason']}{got}")
    else:
        s = doc["screening"]
        lines.append(f"{args.client}: {doc['client']['name']} ({doc['client']['id']}) checks out.")
        lines.append(
            "Screening: clear to plan."
            if s["plannable"]
            else f"Screening: no plan yet ({s['outcome']})."
        )
        lines.extend(f"  - {r}" for r in s["reasons"] if not s["plannable"])
        if s["watch_for"]:
            lines.append("For the client to watch for:")
            lines.extend(f"  - {w}" for w in s["watch_for"])
        if doc["questions"]:
            lines.append("To ask or confirm:")
            lines.extend(f"  - {q['text']}" for q in doc["questions"])
    emit("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
