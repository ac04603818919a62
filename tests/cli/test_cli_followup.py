"""``workbench client``, ``log`` and ``review`` as subprocesses, on a real store file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "desk-worker-flexion"


def run(store: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKBENCH_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def doc(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode in (0, 3), proc.stderr
    return json.loads(proc.stdout)  # one JSON document, nothing else


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "studio.sqlite"
    assert run(path, "client", "add", f"examples/clients/{CLIENT}.json").returncode == 0
    got = doc(
        run(path, "client", "plan", CLIENT, "--start", "2026-12-07", "--weeks", "4", "--json")
    )
    assert got["plan"] == 1 and got["result"]["status"] == "planned"
    return path


def _week(store: Path, today: str) -> list[dict]:
    return doc(run(store, "client", "show", CLIENT, "--today", today, "--json"))["sessions"]


def test_a_week_logged_reviewed_and_accepted(store):
    for s in _week(store, "2026-12-07"):
        got = doc(run(store, "log", CLIENT, "--session", str(s["session"]), "--status", "done",
                      "--minutes", str(s["minutes"]), "--effort", "3", "--pain-before", "2",
                      "--pain-during", "2", "--pain-after", "2", "--morning-pain", "2",
                      "--morning-stiffness", "2", "--json"))  # fmt: skip
        assert got["session"] == s["session"] and not got["suspended"]
    review = doc(run(store, "review", CLIENT, "--json"))
    assert review["review"]["decision"] == "progress" and review["accepted"] is None
    accepted = doc(run(store, "review", CLIENT, "--accept", "--by", "Sam", "--json"))
    assert accepted["accepted"]["decision"] == "progress" and accepted["accepted"]["by"] == "Sam"
    assert accepted["accepted"]["plan"] == 2 and accepted["accepted"]["next_week"]
    shown = run(store, "client", "show", CLIENT, "--today", "2026-12-14")
    assert shown.returncode == 0 and "last review: week 1, green, progress" in shown.stdout


def test_a_bad_field_exits_with_the_usage_code_and_writes_nothing(store):
    before = doc(run(store, "client", "show", CLIENT, "--today", "2026-12-07", "--json"))
    session = before["sessions"][0]["session"]
    bad = run(store, "log", CLIENT, "--session", str(session), "--status", "done",
              "--minutes", "30", "--effort", "3", "--pain-during", "12", "--json")  # fmt: skip
    assert bad.returncode == 2 and bad.stdout == ""
    assert "--pain-during" in bad.stderr and "0-10" in bad.stderr
    after = doc(run(store, "client", "show", CLIENT, "--today", "2026-12-07", "--json"))
    assert after == before


def test_an_override_without_a_reason_is_refused(store):
    plans = doc(run(store, "client", "list", "--json"))
    bad = run(store, "review", CLIENT, "--week", "1", "--accept", "--override", "hold")
    assert bad.returncode == 2 and "reason" in bad.stderr
    assert doc(run(store, "client", "list", "--json")) == plans


def test_a_red_flag_note_pauses_and_the_answer_resumes(tmp_path):
    path = tmp_path / "s.sqlite"
    run(path, "client", "add", f"examples/clients/{CLIENT}.json")
    run(path, "client", "plan", CLIENT, "--start", "2026-12-07", "--weeks", "2")
    first = _week(path, "2026-12-07")[0]["session"]
    got = run(path, "log", CLIENT, "--session", str(first), "--status", "done", "--minutes", "30",
              "--effort", "3", "--notes", "a new numbness in my foot", "--json")  # fmt: skip
    assert got.returncode == 3 and json.loads(got.stdout)["suspended"]
    review = run(path, "review", CLIENT, "--accept", "--by", "Sam", "--json")
    assert review.returncode == 3 and json.loads(review.stdout)["accepted"]["plan"] is None
    keys = json.loads(got.stdout)["flags"]
    ok = run(path, "client", "answer", CLIENT, *[f"{k}=no" for k in keys])
    assert ok.returncode == 0, ok.stderr
    again = doc(run(path, "review", CLIENT, "--json"))
    assert again["review"]["decision"] != "suspend"


def test_an_unknown_client_is_a_clear_error(store):
    got = run(store, "review", "nobody", "--json")
    assert got.returncode == 2 and got.stdout == "" and "nobody" in got.stderr


def test_a_busy_store_exits_5_and_writes_nothing(store):
    import sqlite3

    session = _week(store, "2026-12-07")[0]["session"]
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another workbench writing
    try:
        got = run(store, "log", CLIENT, "--session", str(session), "--status", "not_done")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert got.returncode == 5 and "busy" in got.stderr and got.stdout == ""
