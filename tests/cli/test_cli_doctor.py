"""``workbench doctor`` as a subprocess: on a client file and on a real store file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANSWER = ("--by", "Dr A. Okafor (GP)", "--date", "2026-12-01")


def run(*args: str, store: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if store is not None:
        env["WORKBENCH_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def blocks(result: dict) -> list[dict]:
    return [b for w in result["weeks"] for d in w["days"] for b in d["blocks"]]


def copy_of(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    shutil.copy(ROOT / "examples" / "clients" / f"{name}.json", path)
    return path


def test_a_file_client_is_cleared_rewritten_and_planned_within_the_answer(tmp_path):
    path = copy_of(tmp_path, "new-pain-55-no-clearance")
    assert run("plan", str(path)).returncode == 3  # clearance first
    got = run("doctor", str(path), "--cleared", "yes", "--avoid", "running,yoga-cat-cow",
              "--max-rpe", "4", *ANSWER, "--weeks", "2", "--json")  # fmt: skip
    assert got.returncode == 0, got.stderr
    doc = json.loads(got.stdout)  # one JSON document, nothing else
    c = doc["clearance"]
    assert c["cleared"] and c["by"] == "Dr A. Okafor (GP)" and c["date"] == "2026-12-01"
    assert c["banned_disciplines"] == ["running"] and c["banned_exercises"] == ["yoga-cat-cow"]
    assert doc["result"]["status"] == "planned" and len(doc["result"]["weeks"]) == 2
    for b in blocks(doc["result"]):
        assert b["rpe"] <= 4 and b["discipline"] != "running" and b["exercise_id"] != "yoga-cat-cow"
    again = run("plan", str(path), "--json")  # the file keeps the answer
    assert again.returncode == 0 and json.loads(again.stdout)["status"] == "planned"


def test_a_no_gives_no_program(tmp_path):
    import workbench as wb

    path = copy_of(tmp_path, "desk-worker-flexion")
    before = wb.load_client(path)
    got = run("doctor", str(path), "--cleared", "no", *ANSWER, "--notes", "Review in six weeks")
    assert got.returncode == 3, got.stderr
    assert "Doctor's answer of 2026-12-01: Review in six weeks" in got.stdout
    assert run("plan", str(path)).returncode == 3
    after = wb.load_client(path)  # only the clearance changed in the file
    assert (
        after.clearance != before.clearance and replace(after, clearance=before.clearance) == before
    )


def test_bad_answers_name_each_option_and_change_nothing(tmp_path):
    path = copy_of(tmp_path, "desk-worker-flexion")
    before = path.read_bytes()
    got = run("doctor", str(path), "--cleared", "maybe", "--avoid", "rowing-hard,yoga",
              "--max-rpe", "12", "--by", " ", "--date", "1 Dec")  # fmt: skip
    assert got.returncode == 2 and got.stdout == ""
    for words in ("--cleared: must be yes or no", "--avoid: 'rowing-hard' is not an exercise id",
                  "--max-rpe: must be a number 0-10", "--by: must name who answered",
                  "--date: must be the answer's date YYYY-MM-DD"):  # fmt: skip
        assert words in got.stderr
    assert "swimming" in got.stderr  # the disciplines --avoid also takes
    assert path.read_bytes() == before


def test_a_store_client_gets_a_new_assessment_and_a_re_issued_program(tmp_path):
    store = tmp_path / "studio.sqlite"
    name = "desk-worker-flexion"
    assert run("client", "add", f"examples/clients/{name}.json", store=store).returncode == 0
    issued = run("client", "plan", name, "--start", "2026-12-07", "--weeks", "3", "--json",
                 store=store)  # fmt: skip
    assert json.loads(issued.stdout)["plan"] == 1
    got = run("doctor", name, "--cleared", "yes", "--avoid", "walking", "--max-rpe", "5",
              *ANSWER, "--json", store=store)  # fmt: skip
    assert got.returncode == 0, got.stderr
    doc = json.loads(got.stdout)
    assert doc["assessment"] == 2 and doc["plan"] == 2
    assert len(doc["result"]["weeks"]) == 3  # as issued
    assert all(b["discipline"] != "walking" and b["rpe"] <= 5 for b in blocks(doc["result"]))
    import workbench as wb

    with wb.Store.open(store, create=False) as s:
        kept = s.assessments(name)
        assert [a.kind for a in kept] == ["assessment", "clearance"]
        assert str(kept[-1].assessed_on) == "2026-12-01"
        clearance = s.current_client(name).clearance
        assert clearance.by == "Dr A. Okafor (GP)" and clearance.max_rpe == 5
        assert s.current_plan(name).id == 2 and str(s.current_plan(name).start_date) == "2026-12-07"


def test_an_unknown_store_client_is_a_clear_error(tmp_path):
    store = tmp_path / "studio.sqlite"
    assert run("client", "add", "examples/clients/pool-only.json", store=store).returncode == 0
    got = run("doctor", "nobody", "--cleared", "yes", *ANSWER, store=store)
    assert got.returncode == 2 and "nobody" in got.stderr
