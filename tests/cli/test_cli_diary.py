"""``workbench client diary`` as a subprocess: a client file rewritten, or a new store version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "clients" / "desk-worker-flexion.json"


def client_file(tmp_path: Path) -> Path:
    """An example client file without diary entries, in ``tmp_path``."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.pop("diary", None)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(store: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKBENCH_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", "client", "diary", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def test_entries_go_into_the_file_in_date_order_and_the_file_still_reads(tmp_path):
    path = client_file(tmp_path)
    store = tmp_path / "s.sqlite"
    first = run(store, str(path), "--date", "2026-12-02", "--intensity", "3", "--helps",
                "a short walk", "--json")  # fmt: skip
    assert first.returncode == 0, first.stderr
    got = json.loads(first.stdout)  # one JSON document, nothing else
    assert got["entries"] == 1 and got["questions"] == [] and got["entry"]["intensity"] == 3
    second = run(store, str(path), "--date", "2026-11-30", "--frequency", "most evenings")
    assert second.returncode == 0 and "2026-11-30" in second.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 4
    assert [(e["date"], e["intensity"]) for e in data["diary"]] == [
        ("2026-11-30", None),
        ("2026-12-02", 3),
    ]
    assert data["diary"][1]["helps"] == "a short walk"
    assert not store.exists()  # a file needs no store


def test_a_refused_value_is_named_by_its_option_and_nothing_is_written(tmp_path):
    path = client_file(tmp_path)
    before = path.read_bytes()
    bad = run(tmp_path / "s.sqlite", str(path), "--date", "2026-11-31", "--intensity", "11")
    assert bad.returncode == 2 and bad.stdout == ""
    assert "--date '2026-11-31'" in bad.stderr and "--intensity 11" in bad.stderr
    assert "0 to 10" in bad.stderr and "YYYY-MM-DD" in bad.stderr
    assert path.read_bytes() == before
    missing = run(tmp_path / "s.sqlite", str(tmp_path / "nobody.json"), "--date", "2026-11-30")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_red_flag_words_in_the_entry_are_named_and_exit_3(tmp_path):
    path = client_file(tmp_path)
    got = run(tmp_path / "s.sqlite", str(path), "--date", "2026-12-01", "--notes",
              "numb toes this morning", "--json")  # fmt: skip
    assert got.returncode == 3, got.stderr
    questions = json.loads(got.stdout)["questions"]
    assert questions and all(
        q.startswith("Diary 2026-12-01 notes mention 'numb'") for q in questions
    )
    # the entry is kept all the same: the trainer asks, the words stay on record
    assert json.loads(path.read_text(encoding="utf-8"))["diary"][0]["notes"].startswith("numb")


def test_in_the_store_an_entry_is_a_new_assessment_version(tmp_path):
    store = tmp_path / "s.sqlite"
    env = {**os.environ, "WORKBENCH_STORE": str(store)}
    add = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "client", "add", str(client_file(tmp_path))],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    got = run(store, "desk-worker-flexion", "--date", "2026-12-01", "--intensity", "2", "--json")
    assert got.returncode == 0, got.stderr
    assert "(assessment 2)" in json.loads(got.stdout)["written"]
    out = tmp_path / "back.json"
    export = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "client", "export", "desk-worker-flexion", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert export.returncode == 0, export.stderr
    diary = json.loads(out.read_text(encoding="utf-8"))["diary"]
    assert [(e["date"], e["intensity"]) for e in diary] == [("2026-12-01", 2)]
    unknown = run(store, "nobody", "--date", "2026-12-01")
    assert unknown.returncode == 2 and "no client 'nobody'" in unknown.stderr
