"""Two workbenches writing to one store at the same moment: both get through.

Writes begin IMMEDIATE and wait up to the busy timeout, so small writes from two
processes that start together are serialised, not refused; anything other than success or
StoreBusy fails the test (a traceback and a non-zero exit of the child).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import workbench
from workbench.client.examples import example_clients
from workbench.records import Store

ROOT = Path(workbench.__file__).resolve().parents[1]
CLIENT = example_clients()["desk-worker-flexion"]

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from datetime import date
    from workbench.records import Store, StoreBusy
    from workbench.records.models import LogStatus, SessionLog

    path, client_id, count, tag, go = sys.argv[1:6]
    store = Store.open(path, create=False)
    print("ready", flush=True)
    while not os.path.exists(go):  # both start writing at once
        time.sleep(0.001)
    for i in range(int(count)):
        log = SessionLog(client_id=client_id, on=date(2026, 1, 5), status=LogStatus.DONE,
                         minutes=20, effort=2.0, notes=f"{tag} {i}")
        try:
            store.add_logs([log, log])
        except StoreBusy:
            print("busy", flush=True)
        else:
            print("ok", flush=True)
    """
)


def test_two_writers_started_together_both_get_through(tmp_path: Path) -> None:
    path, go = tmp_path / "store.sqlite", tmp_path / "go"
    with Store.open(path) as store:
        store.add_client(CLIENT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), CLIENT.id, "50", tag, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in ("a", "b")
    ]
    for writer in writers:
        assert writer.stdout.readline() == "ready\n", writer.communicate(timeout=60)[1]
    go.touch()
    outcomes: Counter[str] = Counter()
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        outcomes.update(out.split())
    assert set(outcomes) <= {"ok", "busy"} and sum(outcomes.values()) == 100
    assert outcomes["busy"] == 0, outcomes
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store.open(path) as store:
        assert len(store.logs(CLIENT.id)) == 2 * outcomes["ok"]
