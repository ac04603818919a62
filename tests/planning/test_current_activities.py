"""What the client already does and likes stays in the plan, or the plan says why.

Graded activity starts from what the client does now, set below their baseline, and builds
on it (domain.md §4, §6; issue 17 part 7): a current activity (its discipline) is in week 1
with a block no longer than one of its current sessions, or week 1 names the rule that
keeps it out.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import PULP_V4, clients_doing_what_they_like

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client, example_names
from workbench.domain import Discipline, Goal
from workbench.language import find_threat_words
from workbench.optimize.constraints import FAMILIES
from workbench.planning.planner import PlanOptions, plan
from workbench.rules.contraindications import FAMILIES as EXCLUSION_FAMILIES

pytestmark = PULP_V4

#: The rules a kept-out sentence may name: the week model's families, the exclusions, the
#: catalog (no exercise as short as one current session).
RULE_WORDS = (*FAMILIES.values(), *EXCLUSION_FAMILIES.values(), "in the catalog")


def _longest_current(client) -> dict[Discipline, int]:
    """Discipline → the longest of the client's current sessions in it [min]."""
    out: dict[Discipline, int] = {}
    for a in client.activities:
        if a.sessions_per_week > 0 and a.minutes > 0:
            out[a.discipline] = max(out.get(a.discipline, 0), a.minutes)
    return out


def _kept_or_said_why(client, result) -> list[str]:
    """The current activities week 1 neither keeps nor explains (empty when all hold)."""
    week = result.weeks[0]
    blocks = [b for d in week.days for b in d.blocks]
    missing = []
    for k, longest in _longest_current(client).items():
        if any(b.discipline == k and b.minutes <= longest for b in blocks):
            continue
        said = [s for s in week.kept_out if s.startswith(f"{k.label} (")]
        if not said or not any(word in said[0] for word in RULE_WORDS):
            missing.append(f"{k.value}: {said}")
    return missing


def test_the_high_fear_client_walks_or_cycles_in_week_1():
    """The issue's example: he walks 4 x 20 min and likes walking and cycling; week 1
    had pelvic curls on three days and cardio 0 of 90."""
    client = example_client("high-fear")
    result = plan(client, builtin_catalog(), PlanOptions(weeks=2, explain=False))
    assert result.planned
    for week in result.weeks:
        blocks = [b for d in week.days for b in d.blocks]
        kept = [b for b in blocks if b.discipline in (Discipline.WALKING, Discipline.CYCLING)]
        assert kept, f"week {week.week} has no walking or cycling"
        walks = [b for b in blocks if b.discipline == Discipline.WALKING]
        assert walks and min(b.minutes for b in walks) <= 20  # below his 20-min walks
        assert week.minutes_by_goal[Goal.CARDIO] > 0
        assert week.kept_out == ()


@pytest.mark.parametrize("name", example_names())
def test_every_example_keeps_its_current_activities_or_says_why(name):
    client = example_client(name)
    result = plan(client, builtin_catalog(), PlanOptions(weeks=1, explain=False))
    if not result.planned:
        return  # referred or waiting for clearance: no week to keep anything in
    assert _kept_or_said_why(client, result) == []


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(client=clients_doing_what_they_like())
def test_generated_clients_keep_their_current_activities_or_the_plan_names_the_rule(client):
    """For any client: each current activity (liked or not) is in week 1 with a block no
    longer than one of its sessions, or week 1 says why, naming the rule."""
    result = plan(client, builtin_catalog(), PlanOptions(weeks=1, explain=False))
    if not result.planned:
        return
    assert _kept_or_said_why(client, result) == []
    for said in result.weeks[0].kept_out:
        assert find_threat_words(said) == [], said


def test_a_week_that_leaves_walking_out_names_the_rule():
    """Without the weight on current activities, the high-fear client's week leaves his
    walks out again, and says so: the load ceiling takes the room."""
    client = example_client("high-fear")
    options = PlanOptions(weeks=1, explain=False, overrides={"current_activity_points": 0.0})
    result = plan(client, builtin_catalog(), options)
    week = result.weeks[0]
    assert not any(b.discipline == Discipline.WALKING for d in week.days for b in d.blocks)
    (said,) = week.kept_out
    assert said.startswith("walking (done now 4 x 20 min a week; liked) is not in week 1")
    assert FAMILIES["weekly_load_ceiling"] in said


def test_an_activity_no_exercise_allows_is_named_with_its_exclusions():
    """A client who swims now but has no pool: the week says swimming is out and why."""
    client = example_client("high-fear")
    swims = replace(client.activities[0], discipline=Discipline.SWIMMING)
    client = replace(client, activities=(swims,), liked=client.liked | {Discipline.SWIMMING})
    result = plan(client, builtin_catalog(), PlanOptions(weeks=1, explain=False))
    (said,) = result.weeks[0].kept_out
    assert said.startswith("swimming and aquatic (done now 4 x 20 min a week; liked)")
    assert EXCLUSION_FAMILIES["equipment"] in said
