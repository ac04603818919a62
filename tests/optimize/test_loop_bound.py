"""The week loop's bound: the smallest any of its masters proved, and what the week reads.

Every master of one loop holds every plan that packs (cuts remove only plans that do not
pack), so each master's bound holds for all of them. A master stopped by its time limit
often proves less than the one before it (random client 26, week 1: 421.88, then 423.65),
and the plan (418.12) is within 1% of the first bound only.
"""

from __future__ import annotations

from workbench.optimize.master import _keep_bound, _Loop
from workbench.optimize.solve import OPTIMAL, TIME_LIMIT, Outcome


def _loop() -> _Loop:
    return _Loop(
        sub=None,
        settings=None,
        deadline=0.0,
        force=None,
        cutoff=None,
        session_ok=False,
        patterns=False,
        sessions=False,
        reach=frozenset(),
        cuts=[],
        classes=None,
        master=None,
        mv=None,
    )


def _out(status, objective, bound) -> Outcome:
    return Outcome(status, objective, bound, None, 0.05, "HiGHS")


def test_the_loop_keeps_the_smallest_bound_its_masters_proved():
    loop = _loop()
    for out in (
        _out(OPTIMAL, 423.14, 423.14),
        _out(OPTIMAL, 417.72, 421.88),
        _out(TIME_LIMIT, 413.33, 423.65),  # stopped by the budget: proves less
        _out(TIME_LIMIT, None, None),  # nothing at all
    ):
        _keep_bound(loop, out)
    assert loop.bound == 421.88


def test_the_answer_carries_the_loop_bound_when_it_is_smaller():
    """The packed plan 418.12 is proven within 1% by 421.88, not by the last 423.65."""
    loop = _loop()
    _keep_bound(loop, _out(OPTIMAL, 417.72, 421.88))
    found = loop.found(_out(TIME_LIMIT, 418.12, 423.65), None, [])
    assert found.outcome.bound == 421.88
    assert (found.outcome.bound - 418.12) / 418.12 <= 0.01
    # a smaller bound of the solve itself is kept
    assert loop.found(_out(OPTIMAL, 418.12, 419.0), None, []).outcome.bound == 419.0
