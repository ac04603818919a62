"""A doctor's "no" (or a referral) after a program was issued puts the program on hold:
the review is paused, the status says why, and a clear assessment lets it go on."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import workbench as wb
from workbench.domain import Clearance

START = date(2026, 12, 7)
CATALOG = wb.builtin_catalog()


@pytest.fixture
def store(tmp_path):
    with wb.Store.open(tmp_path / "s.sqlite") as s:
        client = wb.example_client("desk-worker-flexion")
        s.add_client(client)
        wb.start_program(s, client.id, CATALOG, start=START, weeks=4)
        yield s


def _clearance(store, cleared: bool):
    client = store.current_client("desk-worker-flexion")
    answer = Clearance(cleared=cleared, date="2026-12-10", by="Dr Lee", notes="wait for the scan")
    store.save_assessment(dataclasses.replace(client, clearance=answer), kind="clearance")


def test_a_doctors_no_puts_the_issued_program_on_hold(store):
    assert not wb.propose_review(store, "desk-worker-flexion", CATALOG).suspended
    _clearance(store, cleared=False)
    review = wb.propose_review(store, "desk-worker-flexion", CATALOG)
    assert review.suspended and "the program is on hold" in review.reasons[-1]
    status = wb.program_status(store, "desk-worker-flexion", today=START)
    assert status.suspended and status.hold.startswith("the program is on hold")
    assert status.to_json()["hold"] == status.hold
    with pytest.raises(ValueError, match="waits for a clear assessment"):
        wb.accept_review(
            store, "desk-worker-flexion", CATALOG, review, by="Sam",
            decision=wb.Decision.PROGRESS, reason="feels fine",
        )  # fmt: skip


def test_a_clear_assessment_lets_the_program_go_on(store):
    _clearance(store, cleared=False)
    _clearance(store, cleared=True)
    assert not wb.propose_review(store, "desk-worker-flexion", CATALOG).suspended
    assert wb.program_status(store, "desk-worker-flexion", today=START).hold == ""
