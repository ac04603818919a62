"""``workbench export`` as a subprocess: files from a client file and from the store, the
same bytes on re-export, the brief only for a client not planned, the exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "desk-worker-flexion"
EXAMPLE = f"examples/clients/{CLIENT}.json"
POOL = "examples/clients/pool-only.json"
HAS_CHROMIUM = bool(os.environ.get("WORKBENCH_CHROMIUM") or shutil.which("chromium"))


def run(*args: str, store: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if store is not None:
        env["WORKBENCH_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def files(proc: subprocess.CompletedProcess) -> list[Path]:
    doc = json.loads(proc.stdout)  # one JSON document, nothing else
    return [Path(p) for p in doc["files"]]


def test_a_client_file_exports_every_kind_and_again_the_same_bytes(tmp_path):
    # pool-only: its weeks are proven well within the solver's budget, so made again they
    # are the same weeks (a loaded machine cannot change them)
    kinds = ["--all"] if HAS_CHROMIUM else ["--handout", "--ics", "--csv", "--plan-json", "--brief"]
    args = ("export", POOL, *kinds, "--start", "2026-12-07", "--weeks", "2", "--json")
    first = run(*args, "-o", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    got = files(first)
    suffixes = ["handout.html", "pdf.pdf", "ics.ics", "csv.csv", "json.json", "brief.html"]
    want = [f"pool-only-{s}" for s in suffixes if HAS_CHROMIUM or s != "pdf.pdf"]
    assert [p.name for p in got] == want
    assert all(p.is_file() and p.stat().st_size for p in got)
    assert "usual time was not recorded" in first.stderr  # the placeholder time, said once
    second = run(*args, "-o", str(tmp_path / "b"))
    for a, b in zip(got, files(second), strict=True):
        if a.suffix != ".pdf":
            assert a.read_bytes() == b.read_bytes(), a.name
    if HAS_CHROMIUM:
        assert got[1].read_bytes().startswith(b"%PDF")


def test_text_output_names_the_files(tmp_path):
    proc = run("export", EXAMPLE, "--csv", "--weeks", "1", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"wrote {tmp_path / f'{CLIENT}-csv.csv'}"]


@pytest.mark.parametrize(
    ("example", "status"),
    [("red-flag", "referred"), ("new-pain-55-no-clearance", "needs_clearance")],
)
def test_a_client_not_planned_gets_the_brief_only_exit_3(tmp_path, example, status):
    proc = run("export", f"examples/clients/{example}.json", "--all", "--start", "2026-12-07",
               "-o", str(tmp_path), "--json")  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["status"] == status and [Path(p).name for p in doc["files"]] == [
        f"{example}-brief.html"
    ]
    assert [p.name for p in tmp_path.iterdir()] == [f"{example}-brief.html"]
    assert "no program" in proc.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((EXAMPLE,), "say what to write"),
        ((EXAMPLE, "--ics"), "needs the Monday"),
        ((EXAMPLE, "--csv", "--start", "2026-12-08"), "is a Tuesday"),
        ((EXAMPLE, "--csv", "--start", "8/12/2026"), "a date is YYYY-MM-DD"),
        (("examples/clients/nobody.json", "--csv"), "no such file"),
        ((EXAMPLE, "--csv", "--weeks", "0"), "1 to"),
    ],
)
def test_bad_input_is_exit_2_with_nothing_on_stdout(tmp_path, args, says):
    proc = run("export", *args, "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and proc.stdout == "" and says in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "studio.sqlite"
    assert run("client", "add", EXAMPLE, store=path).returncode == 0
    planned = run("client", "plan", CLIENT, "--start", "2026-12-07", "--weeks", "2", store=path)
    assert planned.returncode == 0, planned.stderr
    return path


def test_a_store_client_exports_the_issued_program(store, tmp_path):
    args = ("export", CLIENT, "--ics", "--csv", "--plan-json", "--brief", "--json")
    first = run(*args, "-o", str(tmp_path / "a"), store=store)
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc["start"] == "2026-12-07"
    ics, csv_file, plan_json, _ = files(first)
    issued = json.loads(run("client", "show", CLIENT, "--today", "2026-12-07", "--json",
                            store=store).stdout)  # fmt: skip
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    week1 = {e.decoded("dtstart").date().isoformat() for e in events
             if str(e["uid"]).startswith(f"{CLIENT}-p1-w1-")}  # fmt: skip
    assert week1 == {s["on"] for s in issued["sessions"]}
    assert json.loads(plan_json.read_text())["client"] == CLIENT
    second = run(*args, "-o", str(tmp_path / "b"), store=store)
    for a, b in zip(files(first), files(second), strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_store_client_keeps_its_programs_start(store, tmp_path):
    proc = run("export", CLIENT, "--ics", "--start", "2026-12-14", "-o", str(tmp_path), store=store)
    assert proc.returncode == 2 and "starts on 2026-12-07" in proc.stderr


def test_a_store_client_without_a_program_is_exit_4(tmp_path):
    path = tmp_path / "s.sqlite"
    assert run("client", "add", EXAMPLE, store=path).returncode == 0
    proc = run("export", CLIENT, "--csv", "-o", str(tmp_path / "out"), store=path)
    assert proc.returncode == 4 and "no program yet" in proc.stderr and proc.stdout == ""


def test_an_unknown_store_client_is_exit_2(store, tmp_path):
    proc = run("export", "nobody-here", "--csv", "-o", str(tmp_path), store=store)
    assert proc.returncode == 2 and "nobody-here" in proc.stderr


def test_a_client_files_usual_time_and_zone_reach_the_calendar(tmp_path):
    data = json.loads((ROOT / EXAMPLE).read_text())
    data.update(usual_time="07:45", time_zone="America/New_York")
    client_file = tmp_path / "client.json"
    client_file.write_text(json.dumps(data))
    proc = run("export", str(client_file), "--ics", "--start", "2026-12-07", "--weeks", "1",
               "-o", str(tmp_path / "out"), "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "usual time was not recorded" not in proc.stderr
    (ics,) = files(proc)
    starts = [
        e.decoded("dtstart") for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    ]
    assert starts and {(t.hour, t.minute, str(t.tzinfo)) for t in starts} == {
        (7, 45, "America/New_York")
    }
