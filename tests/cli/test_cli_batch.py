"""``workbench batch`` as a subprocess: one JSON summary on stdout, progress on stderr,
exit 1 when a client has no plan, and a resumed run that repeats nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", "batch", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_a_folder_batch_on_the_process_pool_then_resumed(tmp_path):
    out = tmp_path / "out"
    got = run("examples/clients", "--weeks", "1", "-o", str(out), "--workers", "2", "--json")
    assert got.returncode == 1, got.stderr  # the red-flag and the no-clearance client
    doc = json.loads(got.stdout)  # one JSON document, nothing else on stdout
    assert (doc["clients"], doc["planned"], doc["failed"]) == (8, 6, 2)
    assert doc["executor"] == "process pool" and doc["workers"] == 2
    assert "planning" in got.stderr and "client" in got.stderr  # the progress bar
    assert len(list(out.glob("*.json"))) == 8 and (out / "summary.csv").exists()
    again = json.loads(
        run("examples/clients", "--weeks", "1", "-o", str(out), "--resume", "--json",
            "--quiet").stdout
    )  # fmt: skip
    assert again["resumed"] == 8 and again["clients_per_second"] == 0


def test_bad_input_exits_2_and_names_it(tmp_path):
    got = run("no-such-folder", "-o", str(tmp_path))
    assert got.returncode == 2 and "no-such-folder: no such folder" in got.stderr
    got = run("examples/clients")
    assert got.returncode == 2 and "-o/--out" in got.stderr
    got = run("--store", str(tmp_path / "s.sqlite"), "--start", "2026-12-15")
    assert got.returncode == 2 and "Monday" in got.stderr
    assert not (tmp_path / "s.sqlite").exists()  # nothing was created
