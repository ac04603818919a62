"""export_plan: every kind written whole, named by client and kind, identical on re-export;
a referred or needs-clearance client gets the brief only, never a program."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench as wb
from workbench.handover.errors import HandoverError
from workbench.handover.exports import (
    EXTENSIONS,
    KINDS,
    PROGRAM_KINDS,
    export_plan,
    plan_document,
    write_atomic,
)
from workbench.planning.result import PlanResult

CATALOG = wb.builtin_catalog()
MONDAY = date(2026, 12, 7)
#: Every kind but the PDF (Chromium prints a creation date into it; the handout's tests
#: check the PDF itself).
NO_PDF = tuple(k for k in KINDS if k != "pdf")


@pytest.fixture(scope="module")
def desk():
    client = wb.example_client("desk-worker-flexion")
    return client, wb.plan(client, CATALOG, wb.PlanOptions(weeks=2))


@pytest.fixture(scope="module")
def not_planned():
    out = {}
    for name in ("red-flag", "new-pain-55-no-clearance"):
        client = wb.example_client(name)
        out[name] = (client, wb.plan(client, CATALOG, wb.PlanOptions(weeks=2)))
    assert {str(r.status) for _, r in out.values()} == {"referred", "needs_clearance"}
    return out


def test_every_kind_is_written_named_by_client_and_kind(desk, tmp_path):
    client, result = desk
    got = export_plan(result, client, CATALOG, NO_PDF, start=MONDAY, out_dir=tmp_path / "new")
    assert [p.name for p in got] == [f"{client.id}-{k}.{EXTENSIONS[k]}" for k in NO_PDF]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(p.name for p in got)
    doc = json.loads(got[NO_PDF.index("json")].read_text())
    assert doc["client"] == client.id and doc["start"] == MONDAY.isoformat()
    assert doc["plan"]["weeks"] == result.to_json()["weeks"]
    assert "<html" in got[0].read_text() and "BEGIN:VCALENDAR" in got[1].read_text()


def test_re_exporting_the_same_plan_gives_identical_files(tmp_path):
    # the same plan made again (pool-only's weeks are proven well within the time budget,
    # so the solve gives the same weeks; its moment and solve time differ)
    client = wb.example_client("pool-only")
    result = wb.plan(client, CATALOG, wb.PlanOptions(weeks=2))
    again = wb.plan(client, CATALOG, wb.PlanOptions(weeks=2))
    assert again.weeks == result.weeks  # the same weeks; `made` and the solve time differ
    first = export_plan(result, client, CATALOG, NO_PDF, start=MONDAY, out_dir=tmp_path / "a")
    second = export_plan(again, client, CATALOG, NO_PDF, start=MONDAY, out_dir=tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_json_leaves_out_only_when_and_how_fast_it_was_made(desk):
    client, result = desk
    full, doc = result.to_json(), plan_document(result, client)["plan"]
    assert "at" in full["made"] and "at" not in doc["made"]
    assert "seconds" in full["solver"] and "seconds" not in doc["solver"]
    full["made"].pop("at")
    full["solver"].pop("seconds")
    assert doc == full


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kinds=st.lists(st.sampled_from(KINDS), min_size=1, unique=True),
       which=st.sampled_from(["red-flag", "new-pain-55-no-clearance"]))  # fmt: skip
def test_a_client_who_is_not_planned_gets_the_brief_and_never_a_program(
    not_planned, tmp_path_factory, kinds, which
):
    client, result = not_planned[which]
    out = tmp_path_factory.mktemp("x")
    got = export_plan(result, client, CATALOG, kinds, start=MONDAY, out_dir=out)
    assert [p.name for p in got] == [f"{client.id}-brief.html"]
    assert [p.name for p in out.iterdir()] == [f"{client.id}-brief.html"]
    page = got[0].read_text()
    assert "BEGIN:VCALENDAR" not in page and "exercise_id" not in page


@pytest.mark.parametrize("which", ["red-flag", "new-pain-55-no-clearance"])
def test_the_brief_or_letter_names_no_exercise(not_planned, tmp_path, which):
    client, result = not_planned[which]
    (page,) = export_plan(result, client, CATALOG, KINDS, start=MONDAY, out_dir=tmp_path)
    text = page.read_text()
    assert not [e.name for e in CATALOG if len(e.name) > 12 and e.name in text]


def test_no_plan_gives_no_program_but_the_brief_if_asked(tmp_path):
    client = wb.example_client("pool-only")
    result = PlanResult(status="infeasible", message="no week fits")
    for kind in PROGRAM_KINDS:
        with pytest.raises(HandoverError, match="no plan to hand over"):
            export_plan(result, client, CATALOG, [kind, "brief"], start=MONDAY, out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []
    (brief,) = export_plan(result, client, CATALOG, ["brief"], start=None, out_dir=tmp_path)
    assert brief.name == "pool-only-brief.html"


@pytest.mark.parametrize(
    ("kinds", "start", "says"),
    [
        (["csv", "ics"], None, "calendar needs the Monday"),
        (["csv"], date(2026, 12, 8), "is a Tuesday"),
        (["csv", "xls"], MONDAY, "'xls' not one of"),
        ([], MONDAY, "say what to export"),
    ],
)
def test_a_bad_request_writes_nothing(desk, tmp_path, kinds, start, says):
    client, result = desk
    (old,) = export_plan(result, client, CATALOG, ["csv"], start=MONDAY, out_dir=tmp_path)
    before = old.read_bytes()
    with pytest.raises(HandoverError, match=says):
        export_plan(result, client, CATALOG, kinds, start=start, out_dir=tmp_path)
    assert old.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [old.name]


@pytest.mark.parametrize("bad", ["../up", "a/b", ".hidden", "", "x y"])
def test_a_client_id_that_cannot_name_a_file_is_refused(desk, tmp_path, bad):
    client, result = desk
    with pytest.raises(HandoverError, match="cannot name a file"):
        export_plan(result, client.__class__(**{**client.__dict__, "id": bad}), CATALOG,
                    ["csv"], start=MONDAY, out_dir=tmp_path / "in")  # fmt: skip
    assert not (tmp_path / "in").exists() and not (tmp_path / "up-csv.csv").exists()


def test_a_write_is_whole_or_not_at_all(tmp_path, monkeypatch):
    path = write_atomic(tmp_path / "x.csv", b"old")
    assert path.read_bytes() == b"old"
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"

    def no_room(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    with pytest.raises(OSError):
        write_atomic(path, b"half")
    assert path.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_files_get_the_users_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_atomic(Path(tmp_path) / "x.ics", b"data")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644
