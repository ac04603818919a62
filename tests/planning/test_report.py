"""What a trainer reads: the plan in words, shortfalls with reasons, referrals only."""

from __future__ import annotations

import re

import pytest
from strategies import PULP_V4

from workbench.catalog import builtin_catalog
from workbench.catalog.picklist import SEPARATOR, exercise_for, exercise_labels
from workbench.client.examples import example_client
from workbench.domain import Goal
from workbench.optimize.constraints import FAMILIES
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.report import format_plan

pytestmark = PULP_V4
CATALOG = builtin_catalog()


@pytest.fixture(scope="module")
def high_fear():
    return plan(example_client("high-fear"), CATALOG, PlanOptions(weeks=2, explain=False))


def test_what_limits_a_week_is_said_in_words_not_family_names(high_fear):
    text = format_plan(high_fear)
    assert "Limited this week by: the weekly load ceiling" in text
    assert "binds:" not in text
    for family in FAMILIES:
        if "_" in family:
            assert family not in text, family


def test_the_high_fear_clients_missing_cardio_says_why_and_what_would_change_it(high_fear):
    week1 = high_fear.weeks[0]
    (cardio,) = [s for s in week1.shortfalls if s.startswith("cardio")]
    # he keeps some of his walks now (issue 17: what the client does stays in the plan),
    # so cardio is no longer 0 of 90
    assert re.match(r"cardio [1-9]\d* of 90 min: the week's load limit of ", cardio), cardio
    assert "leaves no more room" in cardio and "at +10% a week" in cardio and "week " in cardio
    assert f"Short: {cardio}" in format_plan(high_fear)
    assert all(s in high_fear.to_json()["weeks"][0]["shortfalls"] for s in week1.shortfalls)


def test_no_noise_lines_and_solver_details_only_when_verbose(high_fear):
    text = format_plan(high_fear)
    assert "exercises left out" not in text and "Solver" not in text
    assert "0 exercises" not in text and "note: " not in text.lower().replace("notes", "")
    verbose = format_plan(high_fear, verbose=True)
    assert "Solver HiGHS: optimal, gap" in verbose and "exercises left out" in verbose


@pytest.mark.parametrize("name", ["red-flag", "new-pain-55-no-clearance"])
def test_a_referral_reads_as_a_referral(name):
    result = plan(example_client(name), CATALOG, PlanOptions(weeks=2))
    text = format_plan(result)
    assert text.splitlines()[0] in (
        "Refer before training: no plan.",
        "Medical clearance needed first: no plan yet.",
    )
    for noise in ("Week 1", "Minutes by goal", "Limited", "Solver", "left out", "AU"):
        assert noise not in text, noise


def test_a_shortfall_where_few_exercises_fit_says_how_many():
    from dataclasses import replace

    # the older walker seen only in a clinic: little cardio can be done there
    c = replace(example_client("older-walker-extension"), settings=frozenset({"clinic"}))
    result = plan(c, CATALOG, PlanOptions(weeks=1, explain=False))
    (cardio,) = [s for s in result.weeks[0].shortfalls if s.startswith("cardio")]
    allowed = set(result.extra["context"].eligibility.allowed(1))
    n = sum(1 for e in CATALOG if e.id in allowed and e.goals[Goal.CARDIO] > 0)
    assert 0 < n < 10 and f"only {n} cardio exercise" in cardio
    assert "tolerances, settings and preferences" in cardio


def test_every_exercise_is_picked_by_a_unique_name_and_discipline_label():
    labels = exercise_labels(CATALOG)
    assert len(labels) == len(CATALOG) and set(labels.values()) == set(CATALOG.by_id)
    for label, exercise_id in labels.items():
        ex = CATALOG[exercise_id]
        assert label.startswith(ex.name + SEPARATOR + ex.discipline.label)
        assert exercise_for(label, labels) == exercise_id
    assert exercise_for("Bridge pose (active)", labels) == "yoga-bridge"  # a name alone
    assert exercise_for("yoga-bridge", labels) == "yoga-bridge"  # an id still works
    assert exercise_for("bridge", labels) is None and exercise_for("", labels) is None


def test_two_exercises_with_one_name_get_their_ids_in_the_label():
    from dataclasses import replace

    a = CATALOG["walk-easy"]
    twin = replace(a, id="walk-easy-2")
    labels = exercise_labels([a, twin])
    assert len(labels) == 2 and all(i in label for label, i in labels.items())


def test_when_no_exercise_of_a_goal_fits_the_reason_counts_what_left_them_out():
    from workbench.planning.explain import _why_none_fit

    result = plan(example_client("pool-only"), CATALOG, PlanOptions(weeks=1, explain=False))
    elig = result.extra["context"].eligibility
    walks = [e for e in CATALOG if e.discipline.value == "walking" and e.goals[Goal.CARDIO] > 0]
    text = _why_none_fit(Goal.CARDIO, walks, elig, 1)
    assert text.startswith(f"none of the {len(walks)} cardio exercises fits this week (left out: ")
    assert f"{len(walks)} not done where the client trains" in text
    assert "matches what the client says brings the pain on" in text
