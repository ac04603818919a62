"""``workbench catalog list|search|import|review``: the exercise catalog from the terminal.

``list`` and ``search`` read the built-in catalog (or ``--catalog CSV``); ``import``
turns an outside library (free-exercise-db's JSON) into catalog rows, every one flagged
``needs_review``; ``review`` lists the flagged rows of a CSV with what to check.
"""

from __future__ import annotations

import json
import textwrap

from workbench.cli.inputs import InputError, close_matches, file_problem
from workbench.cli.output import emit

CATALOG_EPILOG = """\
examples:
  workbench catalog list --discipline swimming
  workbench catalog search bridge
  workbench catalog import workbench/data/free-exercise-db/exercises.json --out imported.csv
  workbench catalog review imported.csv
  workbench plan CLIENT.json --catalog imported.csv --include-unreviewed

"""


def add_catalog_parser(sub, formatter, exit_codes: str) -> None:
    """Add ``catalog`` and its four commands to the ``workbench`` parser."""
    from workbench.domain import Discipline

    cat = sub.add_parser(
        "catalog",
        help="list, search, import or review exercises",
        description=textwrap.fill(
            "The exercise catalog: list or search it, import an outside library (its rows "
            "wait for a trainer's review), review the flagged rows.",
            78,
        ),
        epilog=CATALOG_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    what = cat.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    source = {
        "metavar": "CSV",
        "help": "a catalog CSV (default: the built-in exercises.csv)",
    }
    ls = what.add_parser(
        "list", help="list the exercises", epilog=CATALOG_EPILOG + exit_codes,
        formatter_class=formatter,
    )  # fmt: skip
    ls.add_argument(
        "--discipline",
        choices=[d.value for d in Discipline],
        metavar="NAME",
        help=f"only this discipline: {', '.join(d.value for d in Discipline)} (default: all)",
    )
    ls.add_argument("--catalog", **source)
    ls.add_argument("--json", action="store_true", help="print one JSON document")
    se = what.add_parser(
        "search",
        help="find exercises by name, id, discipline, setting or tag",
        epilog=CATALOG_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    se.add_argument("text", help="words to look for, e.g. 'bridge' or 'pool'")
    se.add_argument("--catalog", **source)
    se.add_argument("--json", action="store_true", help="print one JSON document")
    im = what.add_parser(
        "import",
        help="turn an outside library into catalog rows flagged for review",
        epilog=CATALOG_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    im.add_argument("source", help="free-exercise-db's exercises.json")
    im.add_argument("--out", required=True, metavar="CSV", help="the catalog CSV to write")
    im.add_argument("--json", action="store_true", help="print one JSON document")
    rv = what.add_parser(
        "review",
        help="list a catalog's rows that wait for a trainer's review",
        epilog=CATALOG_EPILOG + exit_codes,
        formatter_class=formatter,
    )
    rv.add_argument("csv", help="a catalog CSV, e.g. one written by 'catalog import'")
    rv.add_argument("--json", action="store_true", help="print one JSON document")


def _catalog(path: str | None):
    from workbench import CatalogError, builtin_catalog, load_catalog

    try:
        return load_catalog(path) if path else builtin_catalog()
    except OSError as err:
        raise InputError(file_problem(path, err)) from None
    except CatalogError as err:
        raise InputError(str(err)) from None


def _row(ex) -> dict:
    return {
        "id": ex.id,
        "name": ex.name,
        "discipline": ex.discipline.value,
        "minutes": ex.minutes,
        "rpe": ex.rpe,
        "settings": sorted(ex.settings),
        "tags": sorted(ex.tags),
        "needs_review": ex.needs_review,
    }


def _line(ex) -> str:
    where = ", ".join(sorted(ex.settings))
    return (
        f"{ex.id:34s} {ex.name} ({ex.discipline.label}; {ex.minutes} min, RPE {ex.rpe:g}; {where})"
    )


def run_catalog(args) -> int:
    """Run one ``workbench catalog`` command; returns the exit code."""

    action = args.catalog_command
    if action == "list":
        exs = [
            e
            for e in _catalog(args.catalog)
            if not args.discipline or e.discipline.value == args.discipline
        ]
        emit(
            json.dumps([_row(e) for e in exs], indent=2)
            if args.json
            else "\n".join(map(_line, exs))
        )
        return 0
    if action == "search":
        catalog = _catalog(args.catalog)
        found = search(catalog, args.text)
        if args.json:
            emit(json.dumps({"query": args.text, "matches": [_row(e) for e in found]}, indent=2))
        elif found:
            emit("\n".join(map(_line, found)))
        else:
            words = {w for e in catalog for w in e.name.lower().split()} | set(catalog.by_id)
            near = close_matches(args.text.lower(), words)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            emit(f"no exercise matches {args.text!r}{hint}")
        return 0 if found else 1
    if action == "import":
        return _import(args)
    return _review(args)


def search(catalog, text: str) -> list:
    """Exercises whose name, id, discipline, settings or tags contain every word of
    ``text`` (case-insensitive), in catalog order."""
    words = text.lower().split()
    out = []
    for ex in catalog:
        hay = " ".join(
            [ex.id, ex.name.lower(), ex.discipline.value, ex.discipline.label.lower(),
             *ex.settings, *ex.tags]
        )  # fmt: skip
        if words and all(w in hay for w in words):
            out.append(ex)
    return out


def _import(args) -> int:
    from workbench import CatalogError, catalog_from_rows, import_free_exercise_db, write_rows_csv

    try:
        rows = import_free_exercise_db(args.source)
    except OSError as err:
        raise InputError(file_problem(args.source, err)) from None
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{args.source}: not a free-exercise-db exercises.json ({err})") from None
    try:
        catalog_from_rows(rows, args.source)  # every row must load before anything is written
    except CatalogError as err:
        raise InputError(str(err)) from None
    write_rows_csv(rows, args.out)
    doc = {"source": args.source, "out": args.out, "rows": len(rows), "needs_review": len(rows)}
    emit(
        json.dumps(doc, indent=2)
        if args.json
        else f"wrote {len(rows)} rows to {args.out}, all flagged for review: "
        f"workbench catalog review {args.out}"
    )
    return 0


#: What a trainer checks in a row flagged for review.
TO_CHECK = (
    "movement demands (inferred conservatively: 3 unless the entry shows less)",
    "settings and tags (inferred from its equipment and name)",
    "minutes, effort (RPE) and whether it needs supervision",
)


def _review(args) -> int:
    from workbench import CatalogError, read_catalog_csv, validate_rows

    try:
        header, rows, problems = read_catalog_csv(__import__("pathlib").Path(args.csv))
        exercises = validate_rows(header, rows, args.csv, problems)
    except OSError as err:
        raise InputError(file_problem(args.csv, err)) from None
    except CatalogError as err:
        raise InputError(str(err)) from None
    flagged = [e for e in exercises if e.needs_review]
    if args.json:
        doc = {"file": args.csv, "rows": len(exercises), "flagged": [_row(e) for e in flagged],
               "to_check": list(TO_CHECK)}  # fmt: skip
        emit(json.dumps(doc, indent=2))
        return 0
    lines = [f"{args.csv}: {len(flagged)} of {len(exercises)} rows wait for review."]
    if flagged:
        lines.append("For each, check: " + "; ".join(TO_CHECK) + ".")
        lines.append("Then set needs_review to no. Until then plans leave them out "
                     "(or use --include-unreviewed).")  # fmt: skip
        lines += [_line(e) for e in flagged]
    emit("\n".join(lines))
    return 0
