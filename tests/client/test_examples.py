"""The example clients: valid, published schema up to date, and each the client it claims."""

from __future__ import annotations

import json

import jsonschema
import pytest

from workbench.client.assessment import (
    SCHEMA_PATH,
    client_from_dict,
    client_schema,
    client_to_dict,
    schema_text,
)
from workbench.client.examples import EXAMPLES_DIR, example_client, example_clients, example_names
from workbench.domain import RED_FLAGS, Day, Dimension, Discipline, Goal

REQUIRED = {
    "desk-worker-flexion",
    "older-walker-extension",
    "high-fear",
    "runner-returning",
    "pool-only",
    "red-flag",
    "new-pain-55-no-clearance",
    "strength-goal-gym",
}
#: Examples meant to be planned (no red flag, clearance recorded).
PLANNED = sorted(REQUIRED - {"red-flag", "new-pain-55-no-clearance"})

D = Dimension


def raw(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


# Scoring here only to check that the examples are the clients they claim to be; the
# screening module owns the real scoring (domain.md §2).
def start_back_total_and_subscale(items) -> tuple[int, int]:
    item9 = 1 if items[8] >= 3 else 0
    return sum(items[:8]) + item9, sum(items[4:8]) + item9


def tsk17_total(items) -> int:
    return sum(5 - x if i + 1 in (4, 8, 12, 16) else x for i, x in enumerate(items))


# ----------------------------------------------------------------- schema file


def test_the_published_schema_file_is_up_to_date():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == client_schema()
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_the_published_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_example_validates_against_the_published_schema(name):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(raw(name))


# ---------------------------------------------------------------- the examples


def test_example_names_are_the_sorted_file_stems_and_include_the_canonical_clients():
    names = example_names()
    assert names == sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))
    assert REQUIRED <= set(names) and len(names) >= 8


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_example_loads_and_round_trips(name):
    client = example_client(name)
    assert client.id == name
    assert client_from_dict(raw(name)) == client
    assert client_from_dict(client_to_dict(client)) == client


def test_example_clients_gives_every_example_by_name():
    clients = example_clients()
    assert list(clients) == example_names()


def test_an_unknown_example_name_lists_the_examples():
    with pytest.raises(ValueError, match="desk-worker-flexion"):
        example_client("nobody")


@pytest.mark.parametrize("name", PLANNED)
def test_planned_examples_are_cleared_flag_free_and_schedulable(name):
    c = example_client(name)
    assert c.clearance.cleared
    assert c.red_flags == {k: False for k in RED_FLAGS}
    assert 3 <= len(c.available_days) <= 5
    assert 3 <= c.max_training_days <= 4
    assert 30 <= c.minutes_per_session <= 60
    assert 300 <= c.baseline_load <= 900
    assert set(c.tolerances) == set(Dimension)
    assert c.goals and all(10 <= m <= 150 for m in c.goals.values())
    assert c.notes


def test_desk_worker_is_flexion_sensitive_with_gym_access():
    c = example_client("desk-worker-flexion")
    t = c.tolerances
    assert (t[D.LOADED_FLEXION], t[D.END_RANGE_FLEXION], t[D.SUSTAINED_SITTING]) == (1, 1, 1)
    assert t[D.EXTENSION] == 3
    assert {"gym", "mat"} <= c.equipment
    assert "sitting" in c.triggers


def test_older_walker_is_extension_sensitive_with_a_doctors_effort_limit():
    c = example_client("older-walker-extension")
    t = c.tolerances
    assert 65 <= c.age <= 72
    assert (t[D.EXTENSION], t[D.AXIAL_LOAD], t[D.IMPACT]) == (1, 2, 1)
    assert c.clearance.max_rpe == 6
    assert "gym" not in c.equipment and Discipline.WALKING in c.liked


def test_high_fear_client_has_high_risk_scores_and_exposure_targets_above_tolerance():
    c = example_client("high-fear")
    total, subscale = start_back_total_and_subscale(c.instruments.start_back)
    assert total >= 4 and subscale >= 4  # STarT Back high risk
    assert sum(c.instruments.fabq_pa) > 14
    assert tsk17_total(c.instruments.tsk17) > 37
    assert c.tolerances[D.LOADED_FLEXION] == 0 and c.exposure_targets[D.LOADED_FLEXION] == 2
    assert c.tolerances[D.ROTATION] == 1 and c.exposure_targets[D.ROTATION] == 2
    assert all(v > c.tolerances[d] for d, v in c.exposure_targets.items())


@pytest.mark.parametrize("name", sorted(REQUIRED - {"high-fear"}))
def test_other_examples_are_not_high_fear(name):
    c = example_client(name)
    _, subscale = start_back_total_and_subscale(c.instruments.start_back)
    assert subscale < 4 and sum(c.instruments.fabq_pa) <= 14
    assert tsk17_total(c.instruments.tsk17) <= 37 and not c.exposure_targets


def test_returning_runner_walks_and_wants_150_cardio_minutes():
    c = example_client("runner-returning")
    assert c.tolerances[D.IMPACT] == 2 and c.tolerances[D.AXIAL_LOAD] == 2
    assert Discipline.WALKING in {a.discipline for a in c.activities}
    assert c.goals[Goal.CARDIO] == 150


def test_pool_only_client_has_only_the_pool():
    c = example_client("pool-only")
    assert c.equipment == {"pool"}
    assert c.tolerances[D.EXTENSION] == 1
    assert Discipline.SWIMMING in c.liked and Discipline.GYM in c.disliked


def test_red_flag_client_has_a_positive_flag_that_the_notes_mention():
    c = example_client("red-flag")
    positive = {k for k, v in c.red_flags.items() if v}
    assert positive == {"unexplained_weight_loss", "night_or_rest_pain"}
    assert "weight loss" in c.notes and "night" in c.notes
    assert set(c.red_flags) == set(RED_FLAGS)


def test_new_pain_at_55_has_no_clearance_yet():
    c = example_client("new-pain-55-no-clearance")
    assert c.age == 55 and c.new_onset and not c.clearance.cleared
    assert c.red_flags == {k: False for k in RED_FLAGS}


def test_strength_client_has_two_supervised_days_and_tolerates_the_deadlift():
    c = example_client("strength-goal-gym")
    assert len(c.supervised_days) == 2 and c.supervised_days <= c.available_days
    assert c.tolerances[D.LOADED_FLEXION] == 3 and c.tolerances[D.AXIAL_LOAD] == 3
    assert c.goals[Goal.STRENGTH] >= 40 and "gym" in c.equipment
    assert all(isinstance(d, Day) for d in c.supervised_days)
