"""The follow-up commands on a studio's PostgreSQL store (``--store postgresql://...``), as
subprocesses against a real server: the same loop as on a SQLite file, and a store held by
another writer exits 5 with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from workbench.records.engine import PG_WRITE_LOCK_KEY

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "older-walker-extension"


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_STORE"}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args, "--store", url],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def doc(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # one JSON document, nothing else


@pytest.fixture(scope="module")
def studio(postgres_server) -> str:
    url = postgres_server.database()
    assert run(url, "client", "add", f"examples/clients/{CLIENT}.json").returncode == 0
    got = doc(run(url, "client", "plan", CLIENT, "--start", "2026-12-07", "--weeks", "4", "--json"))
    assert got["result"]["status"] == "planned"
    return url


def test_a_week_is_logged_and_reviewed_on_the_studio_store(studio):
    week = doc(run(studio, "client", "show", CLIENT, "--today", "2026-12-07", "--json"))
    for s in week["sessions"]:
        doc(run(studio, "log", CLIENT, "--session", str(s["session"]), "--status", "done",
                "--minutes", str(s["minutes"]), "--effort", "3", "--pain-during", "1",
                "--morning-pain", "1", "--json"))  # fmt: skip
    accepted = doc(run(studio, "review", CLIENT, "--accept", "--by", "Sam", "--json"))
    assert accepted["accepted"]["decision"] == "progress" and accepted["accepted"]["plan"] == 2
    listed = doc(run(studio, "client", "list", "--json"))
    assert [c["id"] for c in listed["clients"]] == [CLIENT]


def test_a_busy_studio_store_exits_5_and_writes_nothing(studio):
    week = doc(run(studio, "client", "show", CLIENT, "--today", "2026-12-14", "--json"))
    assert all(s["log"] is None for s in week["sessions"])  # week 2: nothing logged yet
    with psycopg.connect(studio) as holder:  # another trainer's write, in progress
        holder.execute(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")
        got = run(studio, "log", CLIENT, "--session", str(week["sessions"][0]["session"]),
                  "--status", "not_done")  # fmt: skip
    assert got.returncode == 5, got.stderr
    assert "busy" in got.stderr and got.stdout == ""
    after = doc(run(studio, "client", "show", CLIENT, "--today", "2026-12-14", "--json"))
    assert all(s["log"] is None for s in after["sessions"])  # nothing was written
