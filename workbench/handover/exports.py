"""Write a plan's hand-over files: the handout (HTML, PDF), calendar, CSV, JSON and brief.

The one module of the hand-over that writes files. Each file is written whole or not at
all (a temporary file in the same folder, then ``os.replace``), named
``<client-id>-<kind>.<ext>``. A client who is referred or needs medical clearance gets the
doctor's brief (for a referral, the referral letter) and never a program: no handout,
calendar, CSV or plan JSON is written for them, whatever was asked.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from workbench.domain import Client
from workbench.handover.dates import check_start
from workbench.handover.errors import HandoverError

__all__ = [
    "EXTENSIONS",
    "KINDS",
    "PROGRAM_KINDS",
    "export_name",
    "export_plan",
    "plan_document",
    "write_atomic",
]

#: What can be exported, in the order the files are written.
KINDS = ("handout", "pdf", "ics", "csv", "json", "brief")
#: The kinds that carry the program (never written for a client who is not planned).
PROGRAM_KINDS = ("handout", "pdf", "ics", "csv", "json")
#: Kind -> file extension.
EXTENSIONS = {
    "handout": "html",
    "pdf": "pdf",
    "ics": "ics",
    "csv": "csv",
    "json": "json",
    "brief": "html",
}
#: Statuses whose client gets the brief (or the referral letter) instead of a program.
BRIEF_ONLY = ("referred", "needs_clearance")
#: Keys of the plan document that say when and how fast it was made, not what it is:
#: left out of the exported JSON so that re-exporting the same plan gives the same bytes.
VOLATILE = {"made": ("at",), "solver": ("seconds",)}

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def export_name(client_id: str, kind: str) -> str:
    """The file name of one export: ``<client-id>-<kind>.<ext>``.

    Raises
    ------
    HandoverError
        An unknown kind, or a client id that cannot name a file (a path separator).
    """
    if kind not in EXTENSIONS:
        raise HandoverError(f"export: {kind!r} is not one of {', '.join(KINDS)}")
    if not _SAFE_ID.match(client_id):
        raise HandoverError(
            f"export: the client id {client_id!r} cannot name a file; use letters, digits, "
            "'.', '_' and '-'"
        )
    return f"{client_id}-{kind}.{EXTENSIONS[kind]}"


def plan_document(result, client: Client, *, start: date | None = None) -> dict:
    """The plan's JSON export: the client id, the start and ``result.to_json()``.

    The plan document leaves out when it was made (``made.at``) and the solve's time
    (``solver.seconds``), which differ each time the same plan is made.
    """
    doc = result.to_json()
    for key, inner in VOLATILE.items():
        if isinstance(doc.get(key), dict):
            doc[key] = {k: v for k, v in doc[key].items() if k not in inner}
    return {
        "client": client.id,
        "start": None if start is None else start.isoformat(),
        "plan": doc,
    }


def _status(result) -> str:
    return str(getattr(result.status, "value", result.status))


def _kinds(kinds: Iterable[str]) -> list[str]:
    asked = list(dict.fromkeys(kinds))
    unknown = [k for k in asked if k not in KINDS]
    if unknown:
        raise HandoverError(
            f"export: {', '.join(map(repr, unknown))} not one of {', '.join(KINDS)}"
        )
    if not asked:
        raise HandoverError(f"export: say what to export ({', '.join(KINDS)})")
    return [k for k in KINDS if k in asked]


def export_plan(
    result,
    client: Client,
    catalog,
    kinds: Iterable[str],
    *,
    start: date | None,
    out_dir: Path,
    logs: tuple = (),
    plan_key: str | None = None,
    paper: str = "A4",
    stamp: datetime | None = None,
    sequence: int = 0,
) -> list[Path]:
    """Write the asked hand-over files of one plan.

    Parameters
    ----------
    result : PlanResult
        The planner's answer (its weeks numbered as program weeks).
    client, catalog
        The client and the catalog the plan was made from.
    kinds : iterable of str
        Some of :data:`KINDS`.
    start : date or None
        Monday of week 1; the calendar needs it, the handout and CSV show dates with it.
    out_dir : Path
        The folder to write to (made when missing).
    logs : tuple of SessionLog
        The client's session logs, for the doctor's brief.
    plan_key : str, optional
        Names the program in the calendar's UIDs; default the start date (``20261207``),
        so a re-plan of the same program keeps its events' UIDs.
    paper : {"A4", "Letter"}
        The handout's, the PDF's and the brief's page size.
    stamp, sequence
        The calendar's DTSTAMP and SEQUENCE (:func:`workbench.handover.calendar.plan_ics`).

    Returns
    -------
    list of Path
        The files written, in :data:`KINDS` order. For a referred or needs-clearance
        client only the brief, whatever else was asked.

    Raises
    ------
    HandoverError
        An unknown kind; a calendar without a start; a start that is not a Monday; a
        program asked of a result with no plan (``infeasible``); a client id that cannot
        name a file. Nothing is written then.
    """
    asked = _kinds(kinds)
    status = _status(result)
    if status in BRIEF_ONLY:
        asked = ["brief"]
    elif status != "planned" and any(k in PROGRAM_KINDS for k in asked):
        raise HandoverError(f"export: no plan to hand over ({status}): {result.message}")
    if start is not None:
        check_start(start)
    if "ics" in asked and start is None:
        raise HandoverError(
            "export: the calendar needs the Monday of week 1 (a start date: --start YYYY-MM-DD)"
        )
    names = {kind: export_name(client.id, kind) for kind in asked}
    key = plan_key or (start.strftime("%Y%m%d") if start else "plan")
    made: dict[str, bytes] = {}  # every file is made before the first is written
    for kind in asked:
        made[kind] = _make(kind, result, client, catalog, start, logs, key, paper, stamp,
                           sequence, made)  # fmt: skip
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [write_atomic(out / names[kind], made[kind]) for kind in asked]


def _make(kind, result, client, catalog, start, logs, key, paper, stamp, sequence, made):
    """One export's bytes."""
    if kind == "ics":
        from workbench.handover.calendar import plan_ics

        return plan_ics(result, client, catalog, start=start, plan_key=key, stamp=stamp,
                        sequence=sequence)  # fmt: skip
    if kind == "csv":
        from workbench.handover.table import plan_csv

        return plan_csv(result, client, catalog, start=start).encode("utf-8")
    if kind == "json":
        doc = plan_document(result, client, start=start)
        return (json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n").encode()
    if kind in ("handout", "pdf"):
        from workbench.handover.handout import handout_html

        if "handout" in made:  # the PDF prints the same page
            html = made["handout"].decode("utf-8")
        else:
            html = handout_html(result, client, catalog, start=start, paper=paper)
        if kind == "handout":
            return html.encode("utf-8")
        from workbench.handover.pdf import html_to_pdf

        return html_to_pdf(html, paper=paper)
    from workbench.handover.brief import brief_html

    return brief_html(result, client, catalog, logs=logs, paper=paper).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a new temporary file beside it
    (mode 0666 less the umask, like any file the user writes), flushed to disk, then
    renamed over it (``os.replace``). Returns ``path``."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
