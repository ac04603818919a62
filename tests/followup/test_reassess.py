"""Reassessment every 4 weeks: the instruments against the baseline (issue 18)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import plain_client
from workbench.defaults import resolve
from workbench.domain import Instruments, Pain
from workbench.followup.reassess import reassess, reassessment_due


@given(st.integers(1, 52))
def test_reassessment_is_due_every_fourth_week(week):
    assert reassessment_due(week) is (week % 4 == 0)
    assert reassessment_due(week, resolve({"reassess_every_weeks": 3})) is (week % 3 == 0)


def test_improved_no_change_and_worse_per_instrument_both_have():
    base = plain_client(
        pain=Pain(now=6, average_week=6, worst_week=8),
        instruments=Instruments(rmdq=(1,) * 12 + (0,) * 12, psfs=(("walking", 4),)),
    )
    now = replace(
        base,
        pain=Pain(now=3, average_week=3, worst_week=5),
        instruments=Instruments(rmdq=(1,) * 11 + (0,) * 13),
    )
    got = {c.instrument: c for c in reassess(base, now)}
    assert set(got) == {"pain", "rmdq"}  # PSFS only at baseline: not compared
    assert got["pain"].verdict == "improved" and (got["pain"].baseline, got["pain"].now) == (6, 3)
    assert got["rmdq"].verdict == "no change"
    assert "points" in got["pain"].threshold
    worse = replace(base, pain=Pain(now=9, average_week=9, worst_week=10))
    assert {c.instrument: c.verdict for c in reassess(base, worse)}["pain"] == "worse"
