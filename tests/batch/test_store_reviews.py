"""Sunday night: the batch accepts every due week review and re-plans the weeks ahead."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import workbench as wb
from workbench.batch.executors import DaskCluster, InProcess, ProcessPool
from workbench.batch.run import run_batch
from workbench.batch.store_reviews import ReviewBatch
from workbench.batch.store_sink import StoreSink, tasks_from_store
from workbench.followup.loop import accept_review, propose_review, record_log, start_program
from workbench.paths import REPO_ROOT

START = date(2026, 12, 7)  # a Monday: program week 1
SUNDAY = START + timedelta(days=6)
NEXT_MONDAY = START + timedelta(days=7)
CLIENT = "desk-worker-flexion"


def _begun(store, *, notes: str = "") -> None:
    """The client's 4-week program issued, and every week-1 session logged."""
    catalog = wb.builtin_catalog()
    store.add_client(wb.example_client(CLIENT), assessed_on=START)
    start_program(store, CLIENT, catalog, start=START, weeks=4)
    for k, s in enumerate(store.sessions(CLIENT, week=1)):
        entry = dict(
            status="done", minutes=s.minutes, effort=3, pain_before=2, pain_during=2,
            pain_after=2, next_morning_pain=2, next_morning_stiffness=2,
        )  # fmt: skip
        if notes and k == 0:
            entry["notes"] = notes
        record_log(store, CLIENT, entry, session_id=s.id)


def _batch(store, on: date, executor=None):
    reviews = ReviewBatch("Sam", on)
    tasks, kept = tasks_from_store(store, weeks=4, reviews=reviews)
    sink = StoreSink(store, NEXT_MONDAY, reviews)
    executor = executor or InProcess()
    try:
        return run_batch(tasks, executor, sink, failures=kept, progress=False)
    finally:
        executor.close()


def test_a_review_re_plan_is_the_same_on_dask(tmp_path):
    plans = {}
    for name, executor in (("here", InProcess()), ("dask", DaskCluster("local", 1))):
        with wb.Store.open(tmp_path / f"{name}.sqlite") as store:
            _begun(store)
            doc = _batch(store, NEXT_MONDAY, executor).to_json()
            assert (doc["planned"], doc["reviewed"]) == (1, 1), doc
            plans[name] = store.current_plan(CLIENT).document["weeks"]
    assert plans["here"] == plans["dask"]


def test_the_batch_accepts_a_due_review_as_the_trainer_would(store_url, tmp_path):
    # The same client in a second store, where the trainer accepts the review by hand.
    with wb.Store.open(tmp_path / "by-hand.sqlite") as hand:
        _begun(hand)
        catalog = wb.builtin_catalog()
        by_hand = accept_review(hand, CLIENT, catalog, propose_review(hand, CLIENT, catalog),
                                by="Sam")  # fmt: skip
        expected = by_hand.plan.document["weeks"]
        proposed = by_hand.record.decision
    with wb.Store.open(store_url) as store:
        _begun(store)
        before = len(store.plans(CLIENT))
        # mid-week: nothing is due, nothing is stored
        doc = _batch(store, SUNDAY).to_json()
        assert (doc["planned"], doc["reviewed"], doc["kept"], doc["failed"]) == (0, 0, 1, 0)
        assert f"due from Mon {NEXT_MONDAY:%d %b %Y}" in doc["outcomes"][0]["reason"]
        assert store.reviews(CLIENT) == [] and len(store.plans(CLIENT)) == before
        # the week has ended: accepted by Sam, and weeks 2-4 re-planned on a worker process
        summary = _batch(store, NEXT_MONDAY, ProcessPool(workers=1))
        doc = summary.to_json()
        assert (doc["planned"], doc["reviewed"], doc["failed"]) == (1, 1, 0), doc
        [review] = store.reviews(CLIENT)
        assert (review.week, review.accepted_by, review.decision) == (1, "Sam", proposed)
        current = store.current_plan(CLIENT)
        assert (current.first_week, current.weeks, current.review_id) == (2, 3, review.id)
        assert current.document["weeks"] == expected  # the plan the trainer's accept makes
        assert "week 1 reviewed" in doc["outcomes"][0]["reason"]
        # run again: week 2 is not over, so nothing more is stored
        doc = _batch(store, NEXT_MONDAY).to_json()
        assert (doc["planned"], doc["reviewed"], doc["kept"]) == (0, 0, 1)
        assert len(store.reviews(CLIENT)) == 1 and store.current_plan(CLIENT).id == current.id


def test_a_paused_week_is_stored_once_and_never_re_planned(tmp_path):
    with wb.Store.open(tmp_path / "studio.sqlite") as store:
        _begun(store, notes="new numbness in my left foot since yesterday")
        plan_id = store.current_plan(CLIENT).id
        doc = _batch(store, NEXT_MONDAY).to_json()
        assert (doc["planned"], doc["reviewed"], doc["failed"]) == (0, 1, 0), doc
        outcome = doc["outcomes"][0]
        assert outcome["status"] == "reviewed" and "paused" in outcome["reason"]
        [review] = store.reviews(CLIENT)
        assert review.decision == "suspend"
        assert store.current_plan(CLIENT).id == plan_id  # nothing re-planned
        # Sunday after: still waiting for the answers, so no second pause is stored
        doc = _batch(store, NEXT_MONDAY + timedelta(days=7)).to_json()
        assert doc["kept"] == 1 and "waiting for" in doc["outcomes"][0]["reason"]
        assert len(store.reviews(CLIENT)) == 1


def test_the_command_accepts_reviews_and_says_so(tmp_path):
    path = tmp_path / "studio.sqlite"
    with wb.Store.open(path) as store:
        _begun(store)
    cmd = [sys.executable, "-m", "workbench.cli", "batch", "--store", str(path), "--start",
           NEXT_MONDAY.isoformat(), "--accept-reviews", "--by", "Sam", "--on",
           NEXT_MONDAY.isoformat(), "--workers", "1", "--quiet"]  # fmt: skip
    text = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert text.returncode == 0, text.stderr
    assert "1 week reviews accepted:" in text.stdout
    assert f"{CLIENT}: week 1 reviewed" in text.stdout
    again = subprocess.run([*cmd, "--json"], capture_output=True, text=True, cwd=REPO_ROOT,
                           timeout=300)  # fmt: skip
    doc = json.loads(again.stdout)  # stdout is the one JSON document
    assert again.returncode == 0 and doc["reviewed"] == 0 and doc["kept"] == 1
    # --by without --accept-reviews, or reviews for a folder: a clear error, exit code 2
    bad = subprocess.run(cmd[:7] + ["--by", "Sam"], capture_output=True, text=True,
                         cwd=REPO_ROOT, timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "--accept-reviews" in bad.stderr


def test_a_review_accepted_by_hand_meanwhile_wins_and_nothing_is_lost(tmp_path):
    # The batch read the program; then a trainer accepted the same review by hand (with
    # an override) before the batch stored its own: the trainer's stays, the batch says so.
    with wb.Store.open(tmp_path / "studio.sqlite") as store:
        _begun(store)
        reviews = ReviewBatch("Sam", NEXT_MONDAY)
        tasks, kept = tasks_from_store(store, weeks=4, reviews=reviews)
        catalog = wb.builtin_catalog()
        mine = accept_review(store, CLIENT, catalog, propose_review(store, CLIENT, catalog),
                             by="Alex", decision=wb.Decision.HOLD, reason="away next week")  # fmt: skip
        summary = run_batch(tasks, InProcess(), StoreSink(store, NEXT_MONDAY, reviews),
                            failures=kept, progress=False)  # fmt: skip
        [outcome] = summary.to_json()["outcomes"]
        assert not outcome["ok"] and "changed since it was read" in outcome["reason"]
        assert [r.accepted_by for r in store.reviews(CLIENT)] == ["Alex"]
        assert store.current_plan(CLIENT).id == mine.plan.id
