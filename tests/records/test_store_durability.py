"""The store survives a writer killed mid-way and two writers at once, upgrades old
stores without losing rows, keeps its file owner-only and its settings on every connection."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from workbench.client.examples import example_clients
from workbench.paths import REPO_ROOT
from workbench.records import Store, StoreBusy, default_store_path, migrate
from workbench.records.engine import BUSY_TIMEOUT_MS
from workbench.records.models import LogStatus, SessionLog

CLIENT = "pool-only"

#: The child: adds batches of logs, one add_logs call a batch, printing each batch's
#: number after it committed (or "busy N" when the store was busy).
CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date
    from workbench.records import Store, StoreBusy
    from workbench.records.models import LogStatus, SessionLog
    path, tag, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = Store.open(path)
    for b in range(batches):
        logs = [SessionLog("pool-only", date(2026, 1, 5), LogStatus.DONE, minutes=i,
                           effort=3, notes=f"{tag}:{b}:{i}") for i in range(size)]
        try:
            store.add_logs(logs)
        except StoreBusy:
            print("busy", b, flush=True)
            continue
        print("ok", b, flush=True)
    """
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT)}


def _child(path: Path | str, tag: str, batches: int, size: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), tag, str(batches), str(size)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _new_store(path: Path | str) -> None:
    with Store.open(path) as store:
        store.add_client(example_clients()[CLIENT])


def _integrity(where: Path | str) -> str:
    """SQLite's own integrity check; PostgreSQL keeps its integrity itself ("ok")."""
    if "://" in str(where):
        return "ok"
    with sqlite3.connect(where) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_writer_killed_mid_way_leaves_whole_batches_only(store_url):
    path = store_url
    _new_store(path)
    size = 200
    child = _child(path, "k", 10_000, size)
    seen: list[int] = []
    for line in child.stdout:
        seen.append(int(line.split()[1]))
        if len(seen) >= 5:
            break
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert _integrity(path) == "ok"
    with Store.open(path) as store:
        logs = store.logs(CLIENT)
    per_batch: dict[int, int] = {}
    for log in logs:
        _, batch, _ = log.notes.split(":")
        per_batch[int(batch)] = per_batch.get(int(batch), 0) + 1
    assert set(seen) <= set(per_batch)  # every batch it saw committed is there
    assert all(n == size for n in per_batch.values())  # and none is there in part


def test_two_writers_at_once_each_write_succeeds_or_is_busy(store_url):
    path = store_url
    _new_store(path)
    size = 20
    children = [_child(path, tag, 50, size) for tag in ("a", "b")]
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err  # nothing else was raised
        outcomes += [line.split()[0] for line in out.splitlines()]
    assert len(outcomes) == 100 and set(outcomes) <= {"ok", "busy"}
    assert _integrity(path) == "ok"
    with Store.open(path) as store:
        assert len(store.logs(CLIENT)) == size * outcomes.count("ok")


def test_a_lock_held_past_the_busy_timeout_raises_store_busy(tmp_path):
    path = tmp_path / "store.sqlite"
    _new_store(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path) as store:
            started = time.monotonic()
            with pytest.raises(StoreBusy, match="another workbench is writing to it"):
                store.add_logs([SessionLog(CLIENT, date(2026, 1, 5), LogStatus.NOT_DONE)])
            assert time.monotonic() - started >= BUSY_TIMEOUT_MS / 1000 * 0.9
            # a reader is not blocked by the writer (WAL)
            assert store.logs(CLIENT) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_store_at_the_first_schema_is_upgraded_with_its_rows(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, "0001")
        assert migrate.current(conn) == "0001"
        conn.exec_driver_sql(
            "INSERT INTO clients (id, name, created_at) VALUES ('old', 'Old Client', "
            "'2026-01-01 09:00:00.000000')"
        )
        conn.exec_driver_sql(
            'INSERT INTO session_logs (client_id, "on", status, minutes, hurt, notes, '
            "logged_at) VALUES ('old', '2026-01-05', 'done', 25, '[]', 'fine', "
            "'2026-01-05 10:00:00.000000')"
        )
    engine.dispose()
    with Store.open(path) as store:
        assert store.schema_version() == migrate.head() == "0002"
        assert [c.name for c in store.clients()] == ["Old Client"]
        (log,) = store.logs("old")
        assert (log.on, log.minutes, log.notes) == (date(2026, 1, 5), 25, "fine")
    with sqlite3.connect(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"ix_sessions_client_id_week", "ix_session_logs_client_id_on"} <= indexes


def test_the_store_files_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "deep" / "dir" / "store.sqlite"
    old = os.umask(0o022)
    try:
        with Store.open(path) as store:
            store.add_client(example_clients()[CLIENT])
            for suffix in ("", "-wal", "-shm"):
                companion = Path(f"{path}{suffix}")
                if companion.exists():
                    assert stat.S_IMODE(companion.stat().st_mode) == 0o600, suffix
    finally:
        os.umask(old)


def test_the_settings_are_in_force_on_a_fresh_connection(tmp_path):
    with Store.open(tmp_path / "store.sqlite") as store:
        with store._engine.connect() as conn:
            got = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    assert got == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def test_the_default_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_STORE", str(tmp_path / "mine.sqlite"))
    assert default_store_path() == tmp_path / "mine.sqlite"
    monkeypatch.delenv("WORKBENCH_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "workbench" / "store.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / ".local/share/workbench/store.sqlite"
    monkeypatch.setenv("WORKBENCH_STORE", str(tmp_path / "made" / "s.sqlite"))
    with Store.open() as store:
        assert store.path == tmp_path / "made" / "s.sqlite" and store.path.exists()


def test_opening_without_create_names_the_missing_file(tmp_path):
    from workbench.records import StoreError

    with pytest.raises(StoreError, match="no store at .*nope.sqlite"):
        Store.open(tmp_path / "nope.sqlite", create=False)
    assert not (tmp_path / "nope.sqlite").exists()


def test_the_migrations_ship_with_the_package():
    shipped = json.dumps(sorted(p.name for p in migrate.MIGRATIONS_DIR.rglob("*.py")))
    assert "env.py" in shipped and "0001_first_schema.py" in shipped
    assert (migrate.MIGRATIONS_DIR / "versions" / "__init__.py").exists()
