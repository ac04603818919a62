"""The verifier's count of strength days due, checked block by block on every day.

The verifier checks each block once per week on one day (exclusions kept per tolerance):
the rules differ between available days only by supervision. This compares it with the
plain reading -- every block on every available day -- on random and wide clients.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalog import merged_catalog
from workbench.domain import Dimension, Discipline, Goal
from workbench.planning.planner import PlanOptions
from workbench.planning.verify import (
    EPS,
    STRENGTH_LEVEL,
    _non_consecutive,
    check_exclusions,
    check_phase,
    strength_days_due,
)
from workbench.planning.verify_inputs import _inputs
from workbench.testing import random_client, wide_random_client

CATALOG = list(merged_catalog())
#: Only the rows that need supervision: the days then differ by supervision alone.
SUPERVISED_ROWS = [ex for ex in CATALOG if ex.needs_supervision]
WEEKS = 12
#: Every piece of equipment a row of the catalog names (a client with all of it).
ALL_EQUIPMENT = frozenset({"gym"}.union(*(ex.equipment for ex in CATALOG)))


def plain_due(inp, w, caps) -> int:
    """Every strong block the rules allow, checked on every available day."""
    params, client = inp.params, inp.client
    minimum, session = params.strength_day_min_minutes, client.minutes_per_session
    strong = [
        ex
        for ex in inp.by_id.values()
        if ex.goals.get(Goal.STRENGTH, 0) >= STRENGTH_LEVEL
        and ex.minutes <= min(session, caps[ex.discipline])
    ]
    roomy = []
    for day in client.available_days:
        per_discipline = defaultdict(float)
        for ex in strong:
            if not check_exclusions(inp, w, day, ex) and not check_phase(inp, w, day, ex):
                per_discipline[ex.discipline] += ex.minutes
        if min(sum(min(m, caps[k]) for k, m in per_discipline.items()), session) >= minimum - EPS:
            roomy.append(day)
    roomy.sort(key=lambda d: d.index)
    return int(min(params.strength_min_days, client.max_training_days, _non_consecutive(roomy)))


@settings(max_examples=40, deadline=None)
@given(
    make=st.sampled_from([random_client, wide_random_client]),
    seed=st.integers(0, 10_000),
    cap=st.sampled_from([10, 30, 60, 120]),
    unreviewed=st.booleans(),
    supervised_only=st.booleans(),
    data=st.data(),
)
def test_strength_days_due_is_the_plain_count_on_every_day(
    make, seed, cap, unreviewed, supervised_only, data
):
    client = make(seed)
    catalog = CATALOG
    if supervised_only:  # rows that need supervision, all allowed but for the day
        days = sorted(client.available_days, key=lambda d: d.index)
        supervised = data.draw(st.sets(st.sampled_from(days), max_size=len(days) - 1))
        client = replace(
            client,
            supervised_days=frozenset(supervised),
            tolerances=dict.fromkeys(Dimension, 3),
            equipment=ALL_EQUIPMENT,
        )
        catalog = SUPERVISED_ROWS
    options = PlanOptions(weeks=WEEKS, include_unreviewed=unreviewed)
    inp = _inputs(SimpleNamespace(weeks=[None] * WEEKS), client, catalog, options)
    caps = {k: cap for k in Discipline}
    for w in range(1, WEEKS + 1):
        assert strength_days_due(inp, w, caps) == plain_due(inp, w, caps)
