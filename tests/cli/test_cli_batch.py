"""``workbench batch`` as a subprocess: one JSON summary on stdout, progress on stderr,
exit 1 when a client has no plan, and a resumed run that repeats nothing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_scheduler(tmp_path):
    """A real Dask scheduler and one worker process, as a studio runs them (loopback only);
    their logs go to ``dask.log`` in the test's folder."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = open(tmp_path / "dask.log", "wb")  # noqa: SIM115 (closed below)
    common = dict(cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"], **common,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1",
         "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"], **common,
    )  # fmt: skip
    try:
        yield address
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
        for proc in (worker, scheduler):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def test_a_batch_on_a_running_dask_scheduler_gives_the_in_process_plans(tmp_path, dask_scheduler):
    dask_out, local_out = tmp_path / "dask", tmp_path / "local"
    got = run("examples/clients", "--weeks", "1", "-o", str(dask_out), "--dask", dask_scheduler,
              "--json", "--quiet")  # fmt: skip
    assert got.returncode == 1, got.stderr  # the red-flag and the no-clearance client
    doc = json.loads(got.stdout)
    assert (doc["clients"], doc["planned"], doc["failed"]) == (8, 6, 2)
    assert doc["executor"] == f"dask ({dask_scheduler})"
    run("examples/clients", "--weeks", "1", "-o", str(local_out), "--workers", "1", "--quiet")
    for path in sorted(local_out.glob("*.json")):
        here, there = json.loads(path.read_text()), json.loads((dask_out / path.name).read_text())
        assert there["status"] == here["status"]
        assert (there["result"] or {}).get("weeks") == (here["result"] or {}).get("weeks")


def test_a_scheduler_that_cannot_be_reached_is_named_and_nothing_runs(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    got = run("examples/clients", "-o", str(tmp_path / "out"), "--dask", address)
    assert got.returncode == 2, got.stderr
    assert f"cannot reach the Dask scheduler at {address}" in got.stderr
    assert "Traceback" not in got.stderr
    got = run("examples/clients", "-o", str(tmp_path / "out"), "--dask", "scheduler:8786")
    assert got.returncode == 2 and "tcp://host:8786" in got.stderr
