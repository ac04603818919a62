"""A studio's batch: every client planned or told why not, the same plans on every
executor, a stopped batch resumed without repeating anything, results back in the store."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from workbench.batch.executors import DaskCluster, InProcess, ProcessPool
from workbench.batch.folder import FolderSink, tasks_from_folder
from workbench.batch.run import run_batch
from workbench.batch.store_sink import StoreSink, tasks_from_store
from workbench.client.examples import example_clients
from workbench.paths import REPO_ROOT
from workbench.records import Store
from workbench.records.models import LogStatus, SessionLog

EXAMPLES = REPO_ROOT / "examples" / "clients"
MONDAY = date(2026, 12, 14)


def _folder(tmp_path: Path, names: list[str] | None = None) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.json")):
        if names is None or path.stem in names:
            shutil.copy(path, folder / path.name)
    return folder


def _plans(summary) -> dict[str, object]:
    return {
        o["client_id"]: (o["status"], (o["result"] or {}).get("weeks")) for o in summary.outcomes
    }


def test_every_client_is_planned_or_told_why_not(tmp_path):
    folder = _folder(tmp_path)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "bad-age.json").write_text(
        json.dumps({"schema_version": 3, "id": "bad-age", "name": "B", "age": 7}), encoding="utf-8"
    )
    tasks, failures = tasks_from_folder(folder, weeks=1)
    out = tmp_path / "out"
    summary = run_batch(tasks, InProcess(), FolderSink(out), failures=failures, progress=False)
    by_id = {o["client_id"]: o for o in summary.outcomes}
    assert len(by_id) == 10
    assert by_id["red-flag"]["status"] == "referred" and not by_id["red-flag"]["ok"]
    assert by_id["new-pain-55-no-clearance"]["status"] == "needs_clearance"
    assert "broken.json: not a JSON file" in by_id["broken"]["reason"]
    assert "bad-age.json" in by_id["bad-age"]["reason"] and "age" in by_id["bad-age"]["reason"]
    planned = [o for o in summary.outcomes if o["ok"]]
    assert len(planned) == 6
    for o in planned:  # one JSON per client, whole, with the verified plan
        kept = json.loads((out / f"{o['client_id']}.json").read_text())
        assert kept["result"]["status"] == "planned" and kept["violations"] == []
    with open(out / "summary.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["client_id"] for r in rows} == set(by_id)
    assert {r["client_id"] for r in rows if r["ok"] == "no"} == {
        "red-flag", "new-pain-55-no-clearance", "broken", "bad-age"
    }  # fmt: skip


def test_the_same_plans_whichever_executor_runs_them(tmp_path):
    names = ["high-fear", "pool-only", "runner-returning", "red-flag"]
    tasks, _ = tasks_from_folder(_folder(tmp_path, names), weeks=2)
    seen = {}
    for name, make in (
        ("in-process", InProcess),
        ("pool", lambda: ProcessPool(2)),
        ("dask", lambda: DaskCluster("local", 2)),
    ):
        executor = make()
        try:
            summary = run_batch(tasks, executor, FolderSink(tmp_path / name), progress=False)
        finally:
            executor.close()
        seen[name] = _plans(summary)
    assert seen["in-process"] == seen["pool"] == seen["dask"]
    assert sum(1 for status, _ in seen["dask"].values() if status == "planned") == 3


class _Stops(FolderSink):
    """A sink whose run is stopped (Ctrl-C) after ``after`` clients were written."""

    def __init__(self, out: Path, after: int) -> None:
        super().__init__(out)
        self.after, self.written = after, 0

    def write(self, task, result):
        if self.written == self.after:
            raise KeyboardInterrupt
        self.written += 1
        return super().write(task, result)


def test_a_stopped_batch_resumes_and_repeats_nothing(tmp_path):
    tasks, _ = tasks_from_folder(_folder(tmp_path), weeks=1)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch(tasks, InProcess(), _Stops(out, after=3), progress=False)
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert len(first) == 3 and not list(out.glob(".*.tmp"))  # whole files only
    again = run_batch(tasks, InProcess(), FolderSink(out), resume=True, progress=False)
    resumed = {o["client_id"] for o in again.outcomes if o["resumed"]}
    assert {f"{c}.json" for c in resumed} == set(first)
    assert again.ran == len(tasks) - 3
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if p.name in first} == first
    # a changed client file is planned again, not skipped
    changed = json.loads((tmp_path / "clients" / "pool-only.json").read_text())
    changed["max_training_days"] = 2
    (tmp_path / "clients" / "pool-only.json").write_text(json.dumps(changed))
    tasks, _ = tasks_from_folder(tmp_path / "clients", weeks=1)
    third = run_batch(tasks, InProcess(), FolderSink(out), resume=True, progress=False)
    assert [o["client_id"] for o in third.outcomes if not o["resumed"]] == ["pool-only"]


def test_a_solver_failure_is_reported_and_the_batch_goes_on(tmp_path):
    bad_catalog = tmp_path / "catalog.csv"
    bad_catalog.write_text("id,name\nx,y\n")
    tasks, _ = tasks_from_folder(_folder(tmp_path, ["pool-only", "high-fear"]), weeks=1)
    tasks = [t.__class__(t.client_id, t.document, 1, str(bad_catalog)) for t in tasks]
    summary = run_batch(tasks, InProcess(), FolderSink(tmp_path / "out"), progress=False)
    assert [o["status"] for o in summary.outcomes] == ["error", "error"]
    assert all("the planner failed" in o["reason"] for o in summary.outcomes)
    assert not list((tmp_path / "out").glob("*-*.json"))  # a failure writes no plan


def test_a_store_batch_issues_every_plan_and_resumes(store_url):
    clients = example_clients()
    with Store.open(store_url) as store:
        for name in ("pool-only", "high-fear", "red-flag"):
            store.add_client(clients[name])
        tasks, kept = tasks_from_store(store, weeks=2)
        assert kept == []
        summary = run_batch(tasks, InProcess(), StoreSink(store, MONDAY), progress=False)
        assert {o["client_id"]: o["ok"] for o in summary.outcomes} == {
            "high-fear": True, "pool-only": True, "red-flag": False
        }  # fmt: skip
        for name in ("pool-only", "high-fear"):
            issued = store.current_plan(name)
            assert issued.start_date == MONDAY and issued.weeks == 2
            assert store.sessions(name)[0].on >= MONDAY
        assert store.current_plan("red-flag") is None  # no program for a referral
        again = run_batch(
            tasks_from_store(store, weeks=2)[0], InProcess(), StoreSink(store, MONDAY),
            resume=True, progress=False,
        )  # fmt: skip
        assert {o["client_id"] for o in again.outcomes if o["resumed"]} == {
            "pool-only",
            "high-fear",
        }
        assert len(store.plans("pool-only")) == 1  # nothing issued twice


def test_a_store_batch_never_starts_a_begun_program_again(store_url):
    # Sunday night: a client who logged a session keeps their program (the week's review
    # re-plans it, with what it rested and eased); one not begun yet is planned again.
    clients = example_clients()
    with Store.open(store_url) as store:
        for name in ("pool-only", "high-fear"):
            store.add_client(clients[name])
        run_batch(tasks_from_store(store, weeks=2)[0], InProcess(), StoreSink(store, MONDAY),
                  progress=False)  # fmt: skip
        first = store.sessions("high-fear")[0]
        store.add_logs([SessionLog("high-fear", first.on, LogStatus.DONE, minutes=first.minutes,
                                   effort=3, session_id=first.id)])  # fmt: skip
        tasks, kept = tasks_from_store(store, weeks=3)
        assert [t.client_id for t in tasks] == ["pool-only"]
        assert [(o["client_id"], o["status"], o["ok"]) for o in kept] == [
            ("high-fear", "kept", True)
        ]
        assert "1 session(s) logged" in kept[0]["reason"]
        summary = run_batch(tasks, InProcess(), StoreSink(store, MONDAY), failures=kept,
                            progress=False)  # fmt: skip
        doc = summary.to_json()
        assert (doc["planned"], doc["kept"], doc["failed"]) == (1, 1, 0)
        assert len(store.plans("high-fear")) == 1  # the begun program is as it was
        assert store.current_plan("pool-only").weeks == 3  # the other one planned again
