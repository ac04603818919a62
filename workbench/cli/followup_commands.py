"""``workbench client``, ``workbench log`` and ``workbench review``: follow a client in the store.

``client add|list|show|export|plan|answer|diary`` keeps the studio's clients and issues their
program; ``log`` records one session; ``review`` proposes the week's decision and, with
``--accept``, stores it and re-plans the weeks ahead. Every command takes ``--store PATH``
(default ``$WORKBENCH_STORE``, else the user's data directory) and ``--json``.
"""

from __future__ import annotations

import argparse
import getpass
import json

from workbench.cli.diary_command import add_diary_parser, run_diary
from workbench.cli.exits import EXIT
from workbench.cli.inputs import InputError, file_problem, option_date, store_errors
from workbench.cli.output import emit

FOLLOWUP_EPILOG = """\
examples:
  workbench client add examples/clients/desk-worker-flexion.json
  workbench client plan desk-worker-flexion --start 2026-12-07
  workbench client show desk-worker-flexion
  workbench log desk-worker-flexion --session 1 --status done --minutes 45 --effort 4 \\
      --pain-before 2 --pain-during 3 --pain-after 2 --morning-pain 2 --morning-stiffness 2
  workbench review desk-worker-flexion
  workbench review desk-worker-flexion --accept --by Sam
  workbench review desk-worker-flexion --accept --by Sam --override hold --reason "away next week"

"""

#: ``workbench log`` option -> the log field it fills.
LOG_FIELDS = {
    "status": "status",
    "minutes": "minutes",
    "effort": "effort",
    "pain_before": "pain_before",
    "pain_during": "pain_during",
    "pain_after": "pain_after",
    "morning_pain": "next_morning_pain",
    "morning_stiffness": "next_morning_stiffness",
    "hurt": "hurt",
    "notes": "notes",
    "on": "on",
    "discipline": "discipline",
}
FLAG_OF = {field: "--" + opt.replace("_", "-") for opt, field in LOG_FIELDS.items()}


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="PATH|URL",
        help="the store: a SQLite file or a studio's postgresql:// URL "
        "(default: $WORKBENCH_STORE, else ~/.local/share)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document (for programs)")


def add_followup_parsers(sub, formatter, exit_codes: str) -> None:
    """Add ``client``, ``log`` and ``review`` to the ``workbench`` parser."""
    epilog = FOLLOWUP_EPILOG + exit_codes
    kw = {"epilog": epilog, "formatter_class": formatter}
    cl = sub.add_parser("client", help="the studio's clients: add, list, show, plan", **kw)
    what = cl.add_subparsers(dest="client_command", required=True, metavar="ACTION")
    add = what.add_parser(
        "add", help="add a client file (or a new assessment of a known client)", **kw
    )
    add.add_argument("file", help="the client file (JSON)")
    add.add_argument("--on", metavar="DATE", help="the assessment's date (default: today)")
    add.add_argument(
        "--reassessment",
        action="store_true",
        help="the 4-weekly reassessment of a known client (compared with the first)",
    )
    _common(what.add_parser("list", help="list the clients", **kw))
    show = what.add_parser("show", help="a client's program this week", **kw)
    show.add_argument("client_id", metavar="ID")
    show.add_argument("--today", metavar="DATE", help="the day to show (default: today)")
    exp = what.add_parser("export", help="write the client's current assessment as a file", **kw)
    exp.add_argument("client_id", metavar="ID")
    exp.add_argument("file", help="where to write it")
    pl = what.add_parser("plan", help="plan and issue the client's program", **kw)
    pl.add_argument("client_id", metavar="ID")
    pl.add_argument("--start", metavar="DATE", required=True, help="Monday of week 1 (YYYY-MM-DD)")
    pl.add_argument("--weeks", type=int, default=12, metavar="N", help="weeks (default: 12)")
    ans = what.add_parser("answer", help="record red-flag answers asked again", **kw)
    ans.add_argument("client_id", metavar="ID")
    ans.add_argument("answers", nargs="+", metavar="QUESTION=yes|no")
    for p in (add, show, exp, pl, ans):
        _common(p)
    add_diary_parser(what, formatter, exit_codes)

    lg = sub.add_parser("log", help="record one session's log", **kw)
    lg.add_argument("client_id", metavar="ID")
    lg.add_argument("--session", type=int, metavar="N", help="the scheduled session's number")
    lg.add_argument("--on", metavar="DATE", help="the day (needed for an unplanned session)")
    lg.add_argument("--discipline", help="an unplanned session's discipline")
    lg.add_argument("--status", required=True, help="done, partly or not_done")
    for opt in ("minutes", "effort", "pain_before", "pain_during", "pain_after"):
        lg.add_argument("--" + opt.replace("_", "-"), dest=opt, metavar="N")
    lg.add_argument("--morning-pain", dest="morning_pain", metavar="N")
    lg.add_argument("--morning-stiffness", dest="morning_stiffness", metavar="N")
    lg.add_argument("--hurt", action="append", default=[], metavar="EXERCISE_ID")
    lg.add_argument("--notes", default="", metavar="TEXT", help="the client's words")
    _common(lg)

    rv = sub.add_parser("review", help="the week's decision; --accept re-plans", **kw)
    rv.add_argument("client_id", metavar="ID")
    rv.add_argument("--week", type=int, metavar="N", help="program week (default: the next one)")
    rv.add_argument("--accept", action="store_true", help="store the decision and re-plan")
    rv.add_argument("--by", default=None, metavar="NAME", help="who accepts (default: your login)")
    rv.add_argument("--override", choices=["progress", "hold", "regress"])
    rv.add_argument("--reason", default="", metavar="TEXT", help="why (needed with --override)")
    _common(rv)


def run_followup(args) -> int:
    """Run ``client``, ``log`` or ``review``; store errors become a clear message."""
    import workbench as wb

    if args.command == "client" and args.client_command == "diary":
        return run_diary(args)  # a file, or the store
    with store_errors(wb.LogError, ValueError, text=lambda err: _problem_text(wb, err)):
        with wb.Store.open(args.store) as store:
            if args.command == "client":
                return _client(wb, store, args)
            if args.command == "log":
                return _log(wb, store, args)
            return _review(wb, store, args)


def _problem_text(wb, err) -> str:
    if isinstance(err, wb.LogError):
        said = "; ".join(f"{FLAG_OF.get(p.field, p.field)}: {p.reason}" for p in err.problems)
        return f"the log was not saved: {said}"
    return str(err)


def _out(args, doc: dict, text: str) -> None:
    emit(json.dumps(doc, indent=2, default=str) if args.json else text)


def _client(wb, store, args) -> int:
    cmd = args.client_command
    if cmd == "add":
        try:
            if args.reassessment:
                client = wb.load_client(args.file)
                store.save_assessment(
                    client, assessed_on=option_date("--on", args.on), kind="reassessment"
                )
                record = store.client(client.id)
            else:
                record = store.import_client(args.file, assessed_on=option_date("--on", args.on))
        except OSError as err:
            raise InputError(file_problem(args.file, err)) from None
        except wb.AssessmentError as err:
            raise InputError(f"{args.file}: the client file has problems:\n{err}") from None
        n = len(store.assessments(record.id))
        _out(args, {"client": record.id, "name": record.name, "assessments": n},
             f"{record.name} ({record.id}): assessment {n} stored in {store.url}")  # fmt: skip
        return 0
    if cmd == "list":
        rows = [(c, store.current_plan(c.id)) for c in store.clients()]
        doc = {"clients": [{"id": c.id, "name": c.name, "plan": p and p.id} for c, p in rows]}
        text = "\n".join(
            f"{c.id:28} {c.name:24} {'program from ' + f'{p.start_date:%d %b %Y}' if p else 'no program yet'}"
            for c, p in rows
        )
        _out(args, doc, text or f"no clients in {store.url} yet: workbench client add FILE")
        return 0
    if cmd == "show":
        status = wb.program_status(store, args.client_id, today=option_date("--today", args.today))
        _out(args, status.to_json(), _status_text(store, status))
        return 0
    if cmd == "export":
        path = store.export_client(args.client_id, args.file)
        _out(args, {"client": args.client_id, "file": str(path)}, f"wrote {path}")
        return 0
    if cmd == "answer":
        answers = {}
        for item in args.answers:
            key, _, said = item.partition("=")
            if said.lower() not in ("yes", "no"):
                raise InputError(f"{item!r}: write QUESTION=yes or QUESTION=no")
            answers[key] = said.lower() == "yes"
        wb.answer_red_flags(store, args.client_id, answers)
        yes = [k for k, v in answers.items() if v]
        text = f"answered {', '.join(answers)}; " + (
            "refer the client before planning more" if yes else "review the week again"
        )
        _out(args, {"client": args.client_id, "answers": answers}, text)
        return 3 if yes else 0
    return _plan(wb, store, args)


def _plan(wb, store, args) -> int:
    if not 1 <= args.weeks <= wb.MAX_WEEKS:
        raise InputError(f"--weeks {args.weeks}: a program has 1 to {wb.MAX_WEEKS} weeks")
    result, issued = wb.start_program(
        store, args.client_id, wb.builtin_catalog(), start=option_date("--start", args.start),
        weeks=args.weeks,
    )  # fmt: skip
    doc = {"plan": None if issued is None else issued.id, "result": result.to_json()}
    if issued is None:
        _out(args, doc, f"no program issued: {result.message}")
        return EXIT[result.status]
    week1 = store.sessions(args.client_id, week=1)
    text = (
        f"issued program {issued.id}: {issued.weeks} weeks from {issued.start_date:%a %d %b %Y}\n"
    )
    _out(args, doc, text + _sessions_text(week1, {}))
    return 0


def _names() -> dict[str, str]:
    """Exercise id -> name in the built-in catalog (a trainer reads names)."""
    import workbench as wb

    return {ex.id: ex.name for ex in wb.builtin_catalog()}


def _sessions_text(sessions, logs) -> str:
    names = _names() if sessions else {}
    lines = []
    for s in sessions:
        log = logs.get(s.id)
        done = f"  [{log.status.value}]" if log else ""
        lines.append(
            f"  session {s.id:<4} {s.on:%a %d %b}  {s.minutes:3} min {s.load:5.0f} AU  "
            f"{', '.join(names.get(x, x) for x in s.exercises)}{done}"
        )
    return "\n".join(lines)


def _status_text(store, status) -> str:
    head = f"{status.client.name} ({status.client.id})"
    if status.plan is None:
        return f"{head}: no program yet (workbench client plan {status.client.id} --start DATE)"
    lines = [f"{head}: week {status.week}, program {status.plan.id}"]
    if status.hold:
        lines.append(status.hold)
    elif status.suspended:
        lines.append(
            f"paused: ask these again first ({', '.join(status.questions)}); then "
            f"workbench client answer {status.client.id} QUESTION=no ..."
        )
    lines.append(
        _sessions_text([s for s, _ in status.sessions], {s.id: g for s, g in status.sessions if g})
    )
    if status.last_review is not None:
        r = status.last_review
        lines.append(
            f"last review: week {r.week}, {r.light}, {r.decision}; next ceiling {r.ceiling:.0f} AU"
        )
    if status.reassessment_due:
        lines.append(
            f"week {status.week} is a reassessment week (workbench client add FILE --reassessment)"
        )
    if status.changes:
        lines.append("since the first assessment:")
        lines.extend(
            f"  {c.instrument}: {c.baseline:g} -> {c.now:g}, {c.verdict} ({c.threshold})"
            for c in status.changes
        )
    return "\n".join(lines)


def _log(wb, store, args) -> int:
    data = {
        field: getattr(args, opt)
        for opt, field in LOG_FIELDS.items()
        if getattr(args, opt) not in (None, "", [])
    }
    if args.session is None and args.on is None:
        raise InputError("--session N, or --on DATE with --discipline for an unplanned session")
    logged = wb.record_log(store, args.client_id, data, session_id=args.session)
    log = logged.log
    doc = {
        "log": log.id,
        "session": log.session_id,
        "on": log.on.isoformat(),
        "load": log.load,
        "flags": logged.flags,
        "suspended": logged.suspended,
    }
    text = f"logged {log.on:%a %d %b}: {log.status.value}, {log.load:.0f} AU"
    if logged.suspended:
        words = ", ".join(dict.fromkeys(w for ws in logged.flags.values() for w in ws))
        text += (
            f"\nthe notes mention {words!r}: the plan pauses until these are asked again: "
            f"{', '.join(logged.flags)} (workbench client answer {args.client_id} QUESTION=no ...)"
        )
    _out(args, doc, text)
    return 3 if logged.suspended else 0


def _review(wb, store, args) -> int:
    catalog = wb.builtin_catalog()
    if args.override and not args.accept:
        raise InputError("--override: add --accept (an override is a decision to store)")
    review = wb.propose_review(store, args.client_id, catalog, args.week)
    doc: dict = {"review": review.to_json(), "accepted": None}
    lines = [
        f"week {review.week}: {review.light.value} -> {review.decision.value} "
        f"(ceiling {review.ceiling:.0f} AU, next {review.next_ceiling:.0f} AU)",
        *[f"  - {r}" for r in review.reasons],
    ]
    code = 3 if review.suspended else 0
    if args.accept:
        decision = wb.Decision(args.override) if args.override else None
        acc = wb.accept_review(
            store, args.client_id, catalog, review, by=args.by or getpass.getuser(),
            decision=decision, reason=args.reason,
        )  # fmt: skip
        rec = acc.record
        doc["accepted"] = {
            "review": rec.id,
            "decision": rec.decision,
            "by": rec.accepted_by,
            "next_ceiling": rec.ceiling,
            "plan": None if acc.plan is None else acc.plan.id,
            "status": None if acc.result is None else acc.result.status.value,
        }
        lines.append(f"accepted by {rec.accepted_by}: {rec.decision}")
        if acc.plan is not None:
            nxt = store.sessions(args.client_id, week=acc.plan.first_week)
            doc["accepted"]["next_week"] = [
                {"session": s.id, "on": s.on.isoformat(), "exercises": list(s.exercises)}
                for s in nxt
            ]
            lines.append(
                f"re-planned weeks {acc.plan.first_week}-{acc.plan.first_week + acc.plan.weeks - 1}; "
                f"week {acc.plan.first_week}:"
            )
            lines.append(_sessions_text(nxt, {}))
        elif acc.result is not None:
            lines.append(f"nothing re-planned: {acc.result.message}")
            code = EXIT[acc.result.status]
        else:
            lines.append("nothing re-planned" + (" (paused)" if review.suspended else ""))
    _out(args, doc, "\n".join(lines))
    return code
