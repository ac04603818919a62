"""The client file: a :class:`~workbench.domain.Client` as JSON, in and out, fully checked.

One declarative description of the file (the pydantic model
:class:`~workbench.client.fields.ClientFile`, built from the vocabularies in
:mod:`workbench.domain` and the rule table in :mod:`workbench.defaults` with the field
types of :mod:`workbench.client.field_types` and :mod:`workbench.client.field_containers`)
drives three things, so they cannot drift apart:

* :func:`client_from_dict` -- checks every field and reports *every* bad one at once
  (:class:`AssessmentError`), each with its dotted path (``"pain.now"``,
  ``"tolerances.extension"``, ``"activities[1].rpe"``) and the reason in plain words,
  including the allowed values or range;
* :func:`client_to_dict` -- the JSON-ready dict (enums as their values, sets as lists in
  vocabulary order -- days Monday first -- or alphabetical order for free text,
  ``"schema_version": 4``);
* :func:`client_schema` -- the JSON Schema (draft 2020-12) published as
  ``workbench/schema/client.schema.json``.

Rules that join several fields (an exposure target at least the current tolerance,
supervised days among the available days, ...) are checked by :func:`client_from_dict`
only; the schema describes the shape, types, vocabularies and ranges.

File I/O lives here too: :func:`load_client` names the file (and the line and column of
invalid JSON) in its errors, and :func:`save_client` checks the client first and then
writes atomically (:mod:`workbench.client.jsonfile`: temporary file in the same
directory, fsync, :func:`os.replace`), so a client file is never half-saved. This module
is the public face of the client file: :class:`FieldProblem`, :class:`AssessmentError`
and :data:`MISSING` (from :mod:`workbench.client.problems`) and the layout versions are
imported from here.

Array indices in field paths count from 0, as in Python; where an instrument numbers its
items, the reason names the item number (``instruments.start_back[8]``: "STarT Back item
9 must be ...").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench.client.field_groups import EXERCISE_ID_PATTERN as EXERCISE_ID_PATTERN
from workbench.client.fields import CLIENT_ID_PATTERN as CLIENT_ID_PATTERN
from workbench.client.fields import READABLE_VERSIONS as READABLE_VERSIONS
from workbench.client.fields import SCHEMA_VERSION, ClientFile
from workbench.client.file_model import file_schema
from workbench.client.jsonfile import _atomic_write, _format
from workbench.client.problems import MISSING, AssessmentError, FieldProblem, problems_of
from workbench.domain import Client
from workbench.paths import PACKAGE_DIR

__all__ = [
    "MISSING",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "AssessmentError",
    "FieldProblem",
    "client_from_dict",
    "client_problems",
    "client_schema",
    "client_to_dict",
    "dumps_client",
    "load_client",
    "main",
    "save_client",
    "schema_text",
    "write_schema",
]

#: The published JSON Schema, the output of :func:`client_schema`.
SCHEMA_PATH = PACKAGE_DIR / "schema" / "client.schema.json"


# ----------------------------------------------------------------- public API


def client_from_dict(data: Mapping[str, Any]) -> Client:
    """Build a :class:`~workbench.domain.Client` from a client-file dict, checking everything.

    Parameters
    ----------
    data : mapping
        The parsed client file (see :func:`client_schema`). Only ``id``, ``name`` and
        ``age`` are required; other fields take the :class:`~workbench.domain.Client`
        defaults. ``schema_version``, when given, must be one of
        ``READABLE_VERSIONS`` (1-4); fields an older version lacks read as not recorded.

    Returns
    -------
    Client

    Raises
    ------
    AssessmentError
        Listing every refused field at once: wrong type, out of range, unknown key,
        unknown vocabulary value, wrong instrument item count, and the cross-field rules
        (exposure target below the current tolerance, more training days than available
        days, a supervised day that is not available, a discipline both liked and
        disliked, longest session shorter than the usual one).
    """
    if not isinstance(data, Mapping):
        reason = f"a client file must be a JSON object with keys: {ClientFile.keys()}"
        raise AssessmentError([FieldProblem("", data, reason)])
    try:
        return ClientFile.model_validate(data).to_domain()
    except ValidationError as err:
        raise AssessmentError(problems_of(err)) from None


def client_to_dict(client: Client) -> dict[str, Any]:
    """The JSON-ready client-file dict of ``client``.

    Enums become their string values, sets become lists (vocabulary order -- days Monday
    first -- or alphabetical for free text), tuples become lists, and
    ``"schema_version"`` (:data:`SCHEMA_VERSION`) comes first. Every field is written, defaults included, so a
    file shows everything that can be filled in. For a valid client,
    ``client_from_dict(client_to_dict(client)) == client``.

    The client is not checked here (see :func:`client_problems`, :func:`save_client`).
    """
    return ClientFile.of(client).to_json()


def client_problems(client: Client) -> list[FieldProblem]:
    """Every refused field of a :class:`~workbench.domain.Client` built in code (e.g. a form).

    Returns
    -------
    list of FieldProblem
        Empty when the client is valid.
    """
    try:
        client_from_dict(client_to_dict(client))
    except AssessmentError as err:
        return err.problems
    return []


def client_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the client file, generated from the vocabularies.

    The enums, :data:`~workbench.domain.RED_FLAGS`, :data:`~workbench.domain.EQUIPMENT`,
    the rule table and the ranges all come from the same description that
    :func:`client_from_dict` checks against, so the schema cannot drift. The schema
    covers shapes, types, vocabularies and ranges; the cross-field rules are checked by
    :func:`client_from_dict` only (they are listed in the schema's description).
    """
    body = file_schema(ClientFile)
    body.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Workbench client file",
        "description": (
            f"A client of the back-pain program-design workbench, version {SCHEMA_VERSION}. "
            "Generated by `python -m workbench.client.assessment --write-schema`; do not edit by hand. "
            "Also checked by workbench.client.assessment.client_from_dict, beyond this schema: "
            "each exposure target is at least the current tolerance on that dimension; "
            "max_training_days is not more than the number of available days (when days are "
            "given); every supervised day is an available day; no discipline is both liked "
            "and disliked; an activity's longest_minutes is at least its minutes; dates are "
            "real calendar dates; time_zone is a name in the IANA time zone database."
        ),
        **body,
    }


def dumps_client(client: Client) -> str:
    """The client file text: JSON, two-space indent, short lists on one line, UTF-8 ready.

    Raises
    ------
    AssessmentError
        When the client has refused fields.
    """
    problems = client_problems(client)
    if problems:
        raise AssessmentError(problems)
    return _format(client_to_dict(client), 0) + "\n"


def save_client(client: Client, path: str | os.PathLike) -> Path:
    """Check ``client`` and write it to ``path`` atomically.

    The file is written to a temporary file in the same directory, flushed to disk
    (fsync) and renamed over ``path`` (:func:`os.replace`): if anything fails, the old
    file is left as it was.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    AssessmentError
        When the client has refused fields (nothing is written); names the file.
    """
    path = Path(path)
    try:
        text = dumps_client(client)
    except AssessmentError as err:
        raise AssessmentError(err.problems, source=path) from None
    _atomic_write(path, text)
    return path


def _no_duplicate_keys(duplicates: list[str]) -> Callable[[list[tuple[str, Any]]], dict]:
    def hook(pairs: list[tuple[str, Any]]) -> dict:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                duplicates.append(k)
            out[k] = v
        return out

    return hook


def load_client(path: str | os.PathLike) -> Client:
    """Read and check a client file.

    Raises
    ------
    AssessmentError
        Naming the file: invalid JSON (with line and column), a key given twice in one
        object, or every refused field.
    FileNotFoundError
        When there is no such file.
    """
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = FieldProblem("", MISSING, f"not UTF-8 text (bad byte at offset {err.start})")
        raise AssessmentError([problem], source=path) from None
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys(duplicates))
    except json.JSONDecodeError as err:
        problem = FieldProblem(
            "", MISSING, f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        )
        raise AssessmentError([problem], source=path) from None
    problems = [
        FieldProblem(k, MISSING, f"key {k!r} is given twice in the same object; keep one")
        for k in dict.fromkeys(duplicates)
    ]
    try:
        client = client_from_dict(data)
    except AssessmentError as err:
        problems.extend(err.problems)
    if problems:
        raise AssessmentError(problems, source=path)
    return client


def schema_text() -> str:
    """The text of the published schema file."""
    return _format(client_schema(), 0) + "\n"


def write_schema(path: str | os.PathLike = SCHEMA_PATH) -> Path:
    """Write :func:`client_schema` to ``path`` (default: the published schema file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, schema_text(), new_mode=0o644)  # package data, not client data
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: check client files, or write / check the published schema.

    ``python -m workbench.client.assessment --write-schema`` writes the schema file;
    ``--check-schema`` exits 1 when it is out of date; file arguments are checked and
    every problem printed. Exit status 0 when everything is fine.
    """
    parser = argparse.ArgumentParser(
        prog="python -m workbench.client.assessment", description="Check workbench client files."
    )
    parser.add_argument("files", nargs="*", type=Path, help="client files to check")
    parser.add_argument("--write-schema", action="store_true", help=f"write {SCHEMA_PATH}")
    parser.add_argument(
        "--check-schema", action="store_true", help="exit 1 when the schema file is out of date"
    )
    args = parser.parse_args(argv)
    status = 0
    if args.write_schema:
        print(f"wrote {write_schema()}")
    if args.check_schema:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != schema_text():
            print(f"{SCHEMA_PATH} is out of date; run with --write-schema", file=sys.stderr)
            status = 1
    for file in args.files:
        try:
            client = load_client(file)
        except (AssessmentError, OSError) as err:
            print(err, file=sys.stderr)
            status = 1
        else:
            print(f"{file}: ok ({client.name}, baseline {client.baseline_load:g} AU/week)")
    return status


if __name__ == "__main__":
    sys.exit(main())
