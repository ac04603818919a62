"""``workbench client diary``: add a dated entry to a client's symptom diary.

``workbench client diary CLIENT --date D [--intensity N] [--frequency TEXT] [--triggers
TEXT] [--helps TEXT] [--notes TEXT] [--store PATH] [--json]``. CLIENT is a client file
(rewritten atomically, as :func:`workbench.save_client` writes it) or a client id in the
store (a new assessment version on top of the one read; the old ones are kept, and one
saved meanwhile is not overwritten: ``StoreConflict``, exit 2). The entry is checked as the
client file checks it, each problem named by its option; nothing is written when one is
refused. When the entry's words raise a red-flag question (``"diary 2026-11-30 notes
mention 'numb'"``), the command says so and exits 3, as ``workbench log`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.cli.inputs import InputError, file_problem, store_errors
from workbench.cli.output import emit

#: The entry's fields -> the option that fills each.
DIARY_OPTIONS = {
    "date": "--date",
    "intensity": "--intensity",
    "frequency": "--frequency",
    "triggers": "--triggers",
    "helps": "--helps",
    "notes": "--notes",
}

DIARY_EPILOG = """\
examples:
  workbench client diary examples/clients/desk-worker-flexion.json --date 2026-11-30 \\
      --intensity 4 --frequency "most evenings" --triggers "long drives" --helps "a short walk"
  workbench client diary desk-worker-flexion --date 2026-12-01 --intensity 3 --notes "calmer"

"""


def add_diary_parser(what, formatter, exit_codes: str) -> None:
    """Add ``diary`` to the ``workbench client`` actions."""
    p = what.add_parser(
        "diary",
        help="add a dated entry to a client's symptom diary (a file or a client in the store)",
        epilog=DIARY_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    p.add_argument("client", metavar="CLIENT", help="a client file (JSON) or a client id")
    p.add_argument("--date", required=True, metavar="DATE", help="the entry's day (YYYY-MM-DD)")
    p.add_argument("--intensity", metavar="N", help="pain that day, 0-10 (leave out: not rated)")
    p.add_argument("--frequency", default="", metavar="TEXT", help="how often the pain came")
    p.add_argument("--triggers", default="", metavar="TEXT", help="what brought it on")
    p.add_argument("--helps", default="", metavar="TEXT", help="what helped")
    p.add_argument("--notes", default="", metavar="TEXT", help="anything else, in their words")
    p.add_argument(
        "--store", metavar="PATH", help="the store (default: $WORKBENCH_STORE, else ~/.local/share)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document (for programs)")


def _entry(wb, args):
    """The :class:`~workbench.DiaryEntry` the options describe, checked as the file checks it."""
    intensity = args.intensity
    if intensity is not None:
        try:
            intensity = int(intensity)
        except ValueError:
            pass  # the checker names it: a whole number from 0 to 10
    fields = {k: getattr(args, k) for k in DIARY_OPTIONS if k != "intensity"}
    fields["intensity"] = intensity
    probe = {"id": "entry", "name": "entry", "age": 40, "diary": [fields]}
    try:
        return wb.client_from_dict(probe).diary[0]
    except wb.AssessmentError as err:
        said = "; ".join(
            f"{DIARY_OPTIONS.get(p.field.rsplit('.', 1)[-1], p.field)} {p.value!r}: {p.reason}"
            for p in err.problems
        )
        raise InputError(f"the diary entry was not saved: {said}") from None


def _raised(wb, client, date: str) -> list[str]:
    """The screen's sentences on what this date's diary words raise."""
    where = f"diary {date} "
    return [r for r in wb.screen(client).reasons if r.lower().startswith(where)]


def run_diary(args) -> int:
    """Add the entry to the file or the stored client; print what was done."""
    import workbench as wb

    entry = _entry(wb, args)
    path = Path(args.client)
    if path.is_file() or path.suffix == ".json" or "/" in args.client:
        try:
            client = wb.load_client(path)
        except OSError as err:
            raise InputError(file_problem(args.client, err)) from None
        except wb.AssessmentError as err:
            raise InputError(f"{path}: the client file has problems:\n{err}") from None
        client = wb.add_diary_entry(client, entry)
        wb.save_client(client, path)
        where = str(path)
    else:
        with store_errors(wb.AssessmentError), wb.Store.open(args.store) as store:
            latest = store.assessments(args.client)[-1]
            client = wb.add_diary_entry(wb.client_from_dict(latest.document), entry)
            # based_on: an assessment saved meanwhile by someone else is not overwritten
            version = store.save_assessment(client, based_on=latest.version).version
        where = f"{store.url} (assessment {version})"
    raised = _raised(wb, client, entry.date)
    doc = {
        "client": client.id,
        "written": where,
        "entry": {k: getattr(entry, k) for k in DIARY_OPTIONS},
        "entries": len(client.diary),
        "questions": raised,
    }
    text = f"added the diary entry of {entry.date} for {client.name} ({client.id}): {where}"
    if raised:
        text += "\nask before the next session:\n" + "\n".join(f"  - {r}" for r in raised)
    emit(json.dumps(doc, indent=2) if args.json else text)
    return 3 if raised else 0
