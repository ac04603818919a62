"""The client file: every bad field refused with its path and reason, round trips, saving."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import stat
import sys

import jsonschema
import pytest
from hypothesis import given, settings
from strategies import valid_clients

from workbench.client import assessment
from workbench.client.assessment import (
    MISSING,
    SCHEMA_VERSION,
    AssessmentError,
    FieldProblem,
    client_from_dict,
    client_problems,
    client_schema,
    client_to_dict,
    dumps_client,
    load_client,
    save_client,
)
from workbench.defaults import DEFAULTS
from workbench.domain import (
    EQUIPMENT,
    RED_FLAGS,
    Activity,
    Clearance,
    Client,
    Day,
    Dimension,
    Discipline,
    Goal,
    Instruments,
    MedicalHistory,
    Pain,
    Trainer,
)
from workbench.domain import Tests as ClientTests


def valid_dict() -> dict:
    """A complete, valid client file (a flexion-sensitive desk worker)."""
    return {
        "schema_version": 1,
        "id": "test-client",
        "name": "Alex Example",
        "age": 40,
        "new_onset": False,
        "clearance": {
            "cleared": True,
            "date": "2025-01-14",
            "by": "Dr Test",
            "banned_disciplines": [],
            "banned_exercises": ["gym-crunch"],
            "max_rpe": 7,
            "notes": "",
        },
        "red_flags": {k: False for k in RED_FLAGS},
        "notes": "Sitting hurts after 40 min.",
        "symptom_diary": "",
        "pain": {"now": 3, "average_week": 4, "worst_week": 6},
        "instruments": {
            "start_back": [0, 1, 0, 1, 0, 1, 0, 0, 2],
            "odi": [2, 1, 2, 0, 3, 0, 1, None, 1, 2],
            "rmdq": None,
            "psfs": [["sitting at work", 4], ["lifting my child", 5], ["putting on socks", 6]],
            "fabq_pa": [2, 3, 2, 1],
            "tsk17": [2] * 17,
        },
        "triggers": ["sitting", "bending"],
        "tolerances": {
            "loaded_flexion": 1,
            "end_range_flexion": 1,
            "extension": 3,
            "rotation": 2,
            "axial_load": 2,
            "impact": 2,
            "sustained_sitting": 1,
        },
        "exposure_targets": {"loaded_flexion": 2},
        "tests": {"sit_and_reach_cm": -8, "slr_left_deg": 65, "mcgill_flexor_s": 45},
        "goals": {"strength": 45, "cardio": 90},
        "liked": ["gym"],
        "disliked": ["running"],
        "equipment": ["gym", "mat"],
        "available_days": ["mon", "wed", "fri"],
        "max_training_days": 3,
        "minutes_per_session": 45,
        "supervised_days": ["wed"],
        "activities": [
            {"discipline": "gym", "sessions_per_week": 2, "minutes": 45, "rpe": 5},
            {
                "discipline": "walking",
                "sessions_per_week": 3,
                "minutes": 20,
                "rpe": 3,
                "longest_minutes": 50,
            },
        ],
        "consecutive_green_weeks": 0,
        "overrides": {"weekly_rise": 0.05},
    }


def refused(data) -> AssessmentError:
    with pytest.raises(AssessmentError) as info:
        client_from_dict(data)
    return info.value


def problem_at(err: AssessmentError, field: str) -> FieldProblem:
    matches = [p for p in err.problems if p.field == field]
    assert matches, f"no problem at {field!r}; problems: {err.fields}"
    return matches[0]


def with_change(path: str, value):
    """valid_dict() with the value at a dotted path (``a.b[1].c``) replaced."""
    data = valid_dict()
    parts = path.replace("[", ".[").split(".")
    target = data
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value
    return data


# ------------------------------------------------------------------ valid files


def test_a_valid_client_file_gives_the_client_it_describes():
    client = client_from_dict(valid_dict())
    assert client.pain == Pain(now=3, average_week=4, worst_week=6)
    assert client.tolerances[Dimension.EXTENSION] == 3
    assert client.goals == {Goal.STRENGTH: 45, Goal.CARDIO: 90}
    assert client.available_days == {Day.MON, Day.WED, Day.FRI}
    assert client.equipment == {"gym", "mat"}
    assert client.clearance.banned_exercises == {"gym-crunch"}
    assert client.clearance.max_rpe == 7.0
    assert client.instruments.odi[7] is None
    assert client.instruments.psfs[0] == ("sitting at work", 4)
    assert client.activities[1] == Activity(Discipline.WALKING, 3, 20, 3.0, 50)
    assert client.tests.slr_right_deg is None
    assert client.overrides == {"weekly_rise": 0.05}
    assert client.baseline_load == 2 * 45 * 5 + 3 * 20 * 3


@pytest.mark.parametrize("path", ["name", "notes", "clearance.by"])
def test_a_nul_character_in_text_is_refused_at_its_field(path):
    # No store can keep NUL as text (PostgreSQL refuses it): the file says so at the field.
    err = refused(with_change(path, "Ann\x00"))
    assert "NUL character" in problem_at(err, path).reason


def test_only_id_name_and_age_are_required_and_the_rest_take_client_defaults():
    assert client_from_dict({"id": "x", "name": "X", "age": 30}) == Client(id="x", name="X", age=30)


def test_a_client_round_trips_through_its_dict_and_json_text():
    client = client_from_dict(valid_dict())
    data = client_to_dict(client)
    assert client_from_dict(data) == client
    assert client_from_dict(json.loads(dumps_client(client))) == client


def test_client_to_dict_writes_enum_values_sorted_lists_and_the_schema_version():
    data = client_to_dict(
        client_from_dict(valid_dict() | {"available_days": ["fri", "mon", "wed"]})
    )
    assert next(iter(data)) == "schema_version" and data["schema_version"] == SCHEMA_VERSION == 4
    assert data["available_days"] == ["mon", "wed", "fri"]  # Monday first, not alphabetical
    assert data["triggers"] == ["bending", "sitting"]
    assert data["equipment"] == ["mat", "gym"]  # vocabulary order (EQUIPMENT)
    assert data["tolerances"]["extension"] == 3 and type(next(iter(data["tolerances"]))) is str
    assert data["instruments"]["psfs"][0] == ["sitting at work", 4]
    json.dumps(data, allow_nan=False)


def test_client_to_dict_writes_every_field_of_every_part():
    data = client_to_dict(Client(id="x", name="X", age=30))
    parts = {
        None: Client,
        "clearance": Clearance,
        "medical_history": MedicalHistory,
        "trainer": Trainer,
        "pain": Pain,
        "instruments": Instruments,
        "tests": ClientTests,
    }
    for key, cls in parts.items():
        written = data if key is None else data[key]
        names = {f.name for f in dataclasses.fields(cls)}
        assert set(written) - {"schema_version"} == names, cls.__name__


def test_a_whole_number_written_as_a_float_is_accepted_as_json_does():
    client = client_from_dict(with_change("pain.now", 3.0))
    assert client.pain.now == 3 and type(client.pain.now) is int


def test_red_flag_answers_may_be_true_false_or_null_for_not_yet_asked():
    flags = {"night_or_rest_pain": True, "history_of_cancer": False, "saddle_numbness": None}
    client = client_from_dict(with_change("red_flags", flags))
    assert client.red_flags == flags


def test_exposure_targets_keep_their_order_of_exposure():
    targets = {"rotation": 2, "end_range_flexion": 2, "loaded_flexion": 2}
    client = client_from_dict(with_change("exposure_targets", targets))
    assert [d.value for d in client.exposure_targets] == list(targets)
    assert list(client_to_dict(client)["exposure_targets"]) == list(targets)


def test_an_exposure_target_on_an_unassessed_dimension_is_measured_from_zero():
    data = valid_dict()
    del data["tolerances"]["rotation"]
    data["exposure_targets"] = {"rotation": 0}
    assert client_from_dict(data).exposure_targets == {Dimension.ROTATION: 0}


def test_no_available_days_yet_is_a_partial_assessment_that_can_be_saved():
    data = valid_dict() | {"available_days": [], "supervised_days": [], "max_training_days": 4}
    assert client_from_dict(data).available_days == frozenset()


# --------------------------------------------------------------- refused fields


def test_pain_above_ten_is_refused_with_the_field_and_range():
    err = refused(with_change("pain.now", 11))
    assert err.fields == ["pain.now"]
    problem = err.problems[0]
    assert problem.value == 11
    assert "0 to 10" in problem.reason
    assert str(problem) == "pain.now: must be a whole number from 0 to 10 [NRS 0-10] (got 11)"


def test_several_bad_fields_are_all_reported_at_once_each_with_its_path_and_reason():
    data = valid_dict()
    data["age"] = 9
    data["pain"]["worst_week"] = -1
    data["tolerances"]["extension"] = 4
    data["activities"][1]["rpe"] = 12
    data["goals"]["cardio"] = 5000
    data["equipment"] = ["mat", "sauna"]
    err = refused(data)
    reasons = {p.field: p.reason for p in err.problems}
    assert set(reasons) == {
        "age",
        "pain.worst_week",
        "tolerances.extension",
        "activities[1].rpe",
        "goals.cardio",
        "equipment[1]",
    }
    assert "12 to 110 [years]" in reasons["age"]
    assert "0 to 10" in reasons["pain.worst_week"]
    assert "0 to 3" in reasons["tolerances.extension"]
    assert "0 to 10 [CR-10 RPE]" in reasons["activities[1].rpe"]
    assert "0 to 1000 [min/week]" in reasons["goals.cardio"]
    assert "'sauna'" in reasons["equipment[1]"] and "pool" in reasons["equipment[1]"]


def test_the_error_message_has_one_line_per_problem():
    data = valid_dict() | {"age": 200, "max_training_days": 0}
    err = refused(data)
    lines = str(err).splitlines()
    assert len(lines) == len(err.problems) == 2
    assert lines[0].startswith("age: ") and lines[1].startswith("max_training_days: ")
    assert isinstance(err, ValueError)


def test_an_unknown_top_level_key_is_named_with_the_allowed_keys():
    err = refused(valid_dict() | {"painn": {"now": 3}})
    problem = problem_at(err, "painn")
    assert "unknown key 'painn'" in problem.reason
    assert "pain" in problem.reason and "tolerances" in problem.reason


def test_an_unknown_nested_key_is_named_with_its_path():
    err = refused(with_change("activities[0].longest", 60))
    problem = problem_at(err, "activities[0].longest")
    assert "unknown key 'longest'" in problem.reason and "longest_minutes" in problem.reason


@pytest.mark.parametrize(
    ("path", "value", "field", "allowed"),
    [
        ("activities[0].discipline", "swim", "activities[0].discipline", "swimming"),
        ("liked", ["gym", "zumba"], "liked[1]", "dance"),
        ("available_days", ["monday"], "available_days[0]", "mon, tue, wed"),
        ("goals", {"cardio": 90, "stamina": 30}, "goals.stamina", "core_endurance"),
        ("tolerances", {"twisting": 1}, "tolerances.twisting", "rotation"),
        ("red_flags", {"back_pain": True}, "red_flags.back_pain", "night_or_rest_pain"),
        ("equipment", ["dumbell"], "equipment[0]", "dumbbells"),
        ("clearance.banned_disciplines", ["crossfit"], "clearance.banned_disciplines[0]", "gym"),
    ],
)
def test_an_unknown_vocabulary_value_is_refused_with_the_allowed_values(
    path, value, field, allowed
):
    problem = problem_at(refused(with_change(path, value)), field)
    assert "unknown" in problem.reason and allowed in problem.reason


def test_a_red_flag_answer_must_be_true_false_or_null():
    problem = problem_at(
        refused(with_change("red_flags.fever_or_unwell", "no")), "red_flags.fever_or_unwell"
    )
    assert "true or false, or null (not yet asked)" in problem.reason


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        ("instruments.start_back", [0] * 8, "instruments.start_back", "9 STarT Back"),
        ("instruments.start_back", [0] * 8 + [5], "instruments.start_back[8]", "item 9"),
        ("instruments.start_back", [2] + [0] * 8, "instruments.start_back[0]", "item 1"),
        ("instruments.odi", [0] * 11, "instruments.odi", "10 Oswestry"),
        ("instruments.odi", [0] * 5 + [6] + [0] * 4, "instruments.odi[5]", "ODI section 6"),
        ("instruments.rmdq", [0] * 23, "instruments.rmdq", "24 Roland-Morris"),
        ("instruments.rmdq", [0] * 23 + [2], "instruments.rmdq[23]", "RMDQ item 24"),
        ("instruments.psfs", [["a", 1], ["b", 2]], "instruments.psfs", "3 to 5"),
        ("instruments.psfs", [["a", 1]] * 6, "instruments.psfs", "3 to 5"),
        ("instruments.psfs", [["a", 1], ["b", 11], ["c", 3]], "instruments.psfs[1][1]", "0 to 10"),
        ("instruments.psfs", [["a", 1], [" ", 2], ["c", 3]], "instruments.psfs[1][0]", "activity"),
        ("instruments.psfs", [["a", 1], ["b"], ["c", 3]], "instruments.psfs[1]", "pair"),
        ("instruments.fabq_pa", [0] * 5, "instruments.fabq_pa", "items 2-5"),
        ("instruments.fabq_pa", [0, 7, 0, 0], "instruments.fabq_pa[1]", "FABQ-PA item 3"),
        ("instruments.tsk17", [2] * 16, "instruments.tsk17", "17 Tampa"),
        ("instruments.tsk17", [0] + [2] * 16, "instruments.tsk17[0]", "1 to 4"),
        ("instruments.tsk17", [2] * 16 + [5], "instruments.tsk17[16]", "TSK-17 item 17"),
    ],
)
def test_instrument_item_counts_and_ranges_are_checked_item_by_item(path, value, field, words):
    problem = problem_at(refused(with_change(path, value)), field)
    assert words in problem.reason


def test_an_unanswered_odi_section_is_null_and_a_missing_instrument_is_null():
    client = client_from_dict(with_change("instruments.odi", [None] * 10))
    assert client.instruments.odi == (None,) * 10 and client.instruments.rmdq is None


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("age", 11, "12 to 110"),
        ("age", 111, "12 to 110"),
        ("age", True, "whole number"),
        ("age", "40", "whole number"),
        ("pain.average_week", 4.5, "whole number from 0 to 10"),
        ("minutes_per_session", 9, "10 to 180 [min]"),
        ("minutes_per_session", 181, "10 to 180 [min]"),
        ("max_training_days", 0, "1 to 7"),
        ("max_training_days", 8, "1 to 7"),
        ("clearance.max_rpe", 10.5, "0 to 10 [CR-10 RPE], or null (no limit)"),
        ("clearance.cleared", "yes", "true or false"),
        ("clearance.date", "14/01/2025", "YYYY-MM-DD"),
        ("clearance.date", "2025-02-30", "YYYY-MM-DD"),
        ("clearance.banned_exercises[0]", "Gym Deadlift", "exercise id"),
        ("activities[0].sessions_per_week", 15, "0 to 14"),
        ("activities[0].minutes", 0, "1 to 300 [min]"),
        ("activities[0].minutes", 301, "1 to 300 [min]"),
        ("activities[0].rpe", -1, "0 to 10"),
        ("activities[0].rpe", float("nan"), "0 to 10"),
        ("consecutive_green_weeks", -1, "at least 0"),
        ("tests.sit_and_reach_cm", -41, "-40 to 60 [cm]"),
        ("tests.slr_left_deg", 121, "0 to 120 [degrees]"),
        ("tests.mcgill_flexor_s", 601, "0 to 600 [s]"),
        ("tests.side_bridge_right_s", -5, "0 to 600 [s]"),
        ("goals.strength", -10, "0 to 1000 [min/week]"),
        ("exposure_targets.loaded_flexion", 4, "0 to 3"),
        ("id", "has spaces", "letters, digits"),
        ("name", "   ", "not blank"),
        ("notes", 42, "text"),
        ("triggers", "sitting", "a list"),
        ("activities", {"discipline": "gym"}, "a list of activity objects"),
        ("pain", [3, 4, 6], "an object with keys: now, average_week, worst_week"),
        ("new_onset", 0, "true or false"),
        ("schema_version", 5, "1 or 2 or 3 or 4 (the client-file versions"),
    ],
)
def test_a_bad_value_is_refused_with_its_path_and_allowed_range(path, value, words):
    problem = problem_at(refused(with_change(path, value)), path)
    assert words in problem.reason


def test_a_missing_required_field_is_named():
    data = valid_dict()
    del data["age"]
    del data["activities"][0]["rpe"]
    err = refused(data)
    assert err.fields == ["age", "activities[0].rpe"]
    assert all(p.value is MISSING for p in err.problems)
    assert str(err.problems[0]) == "age: is required; must be a whole number from 12 to 110 [years]"


def test_a_value_listed_twice_in_a_set_is_refused():
    problem = problem_at(
        refused(with_change("available_days", ["mon", "wed", "mon"])), "available_days[2]"
    )
    assert "twice" in problem.reason


def test_an_exposure_target_below_the_current_tolerance_is_refused():
    problem = problem_at(
        refused(with_change("exposure_targets", {"extension": 2})), "exposure_targets.extension"
    )
    assert (
        "at least the current tolerance" in problem.reason
        and "tolerances.extension = 3" in problem.reason
    )


def test_more_training_days_than_available_days_is_refused():
    problem = problem_at(refused(with_change("max_training_days", 4)), "max_training_days")
    assert "available days (3: mon, wed, fri)" in problem.reason


def test_a_supervised_day_must_be_an_available_day():
    problem = problem_at(refused(with_change("supervised_days", ["wed", "sat"])), "supervised_days")
    assert problem.value == "sat" and "available days: mon, wed, fri" in problem.reason


def test_a_discipline_cannot_be_both_liked_and_disliked():
    problem = problem_at(refused(with_change("disliked", ["running", "gym"])), "disliked")
    assert problem.value == "gym" and "both liked and disliked" in problem.reason


def test_the_longest_recent_session_cannot_be_shorter_than_the_usual_one():
    problem = problem_at(
        refused(with_change("activities[1].longest_minutes", 15)), "activities[1].longest_minutes"
    )
    assert "minutes = 20" in problem.reason


def test_overrides_are_checked_against_the_defaults_table():
    err = refused(with_change("overrides", {"weekly_rise": 0.5, "weekly_raise": 0.1}))
    rise = problem_at(err, "overrides.weekly_rise")
    assert "between 0 and 0.3 [fraction]" in rise.reason and rise.value == 0.5
    assert str(rise).count("0.5") == 1
    unknown = problem_at(err, "overrides.weekly_raise")
    assert "unknown rule" in unknown.reason and "weekly_rise" in unknown.reason


def test_a_file_that_is_not_an_object_is_refused_as_a_whole():
    err = refused([1, 2, 3])
    assert err.fields == [""] and "JSON object" in err.problems[0].reason


def test_client_problems_lists_what_is_wrong_with_a_client_built_in_code():
    assert client_problems(client_from_dict(valid_dict())) == []
    bad = Client(
        id="x",
        name="X",
        age=30,
        pain=Pain(now=12),
        liked=frozenset({Discipline.GYM}),
        disliked=frozenset({Discipline.GYM}),
    )
    assert [p.field for p in client_problems(bad)] == ["pain.now", "disliked"]


# ------------------------------------------------------------------ the schema


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("pain.now", 11),
        ("age", True),
        ("painn", 3),
        ("tolerances.twisting", 1),
        ("instruments.start_back", [0] * 8),
        ("instruments.start_back", [0] * 8 + [5]),
        ("instruments.psfs", [["a", 1], ["b", 2]]),
        ("equipment", ["mat", "mat"]),
        ("red_flags.fever_or_unwell", "no"),
        ("overrides.weekly_rise", 0.5),
        ("overrides.weekly_raise", 0.1),
        ("id", "has spaces"),
        ("schema_version", 5),
        ("usual_time", "7:30"),
        ("usual_time", "24:00"),
        ("time_zone", "Europe London"),
        ("diary", [{"date": "2026-11-30", "intensity": 11}]),
        ("diary", [{"intensity": 3}]),
        ("medications", [{"dose": "400 mg"}]),
        ("medical_history", {"imaging": [""]}),
        ("trainer", {"phone": "0123"}),
    ],
)
def test_the_schema_and_the_checker_refuse_the_same_single_field_errors(path, value):
    data = with_change(path, value) if path != "painn" else valid_dict() | {"painn": value}
    refused(data)
    assert not jsonschema.Draft202012Validator(client_schema()).is_valid(data)


def test_the_schema_is_generated_from_the_vocabularies():
    schema = client_schema()
    props = schema["properties"]
    assert props["equipment"]["items"]["enum"] == list(EQUIPMENT)
    assert list(props["red_flags"]["properties"]) == list(RED_FLAGS)
    assert list(props["tolerances"]["properties"]) == [d.value for d in Dimension]
    assert list(props["goals"]["properties"]) == [g.value for g in Goal]
    assert list(props["overrides"]["properties"]) == list(DEFAULTS)
    assert props["available_days"]["items"]["enum"] == [d.value for d in Day]
    assert schema["required"] == ["id", "name", "age"]
    jsonschema.Draft202012Validator.check_schema(schema)


# ------------------------------------------------------ property: any valid client

_VALIDATOR = jsonschema.Draft202012Validator(client_schema())


@settings(max_examples=150, deadline=None)
@given(valid_clients())
def test_any_valid_client_round_trips_through_json_and_matches_the_schema(client):
    data = client_to_dict(client)
    assert client_from_dict(data) == client
    text = dumps_client(client)
    back = client_from_dict(json.loads(text))
    assert back == client
    assert list(back.exposure_targets) == list(client.exposure_targets)
    assert client_to_dict(back) == data
    _VALIDATOR.validate(json.loads(text))


# ------------------------------------------------------------------ files


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_load_client_reads_what_save_client_wrote(tmp_path):
    client = client_from_dict(valid_dict())
    path = save_client(client, tmp_path / "alex.json")
    assert load_client(path) == client
    assert path.read_text(encoding="utf-8") == dumps_client(client)


def test_invalid_json_is_refused_naming_the_file_line_and_column(tmp_path):
    path = write(tmp_path / "broken.json", '{\n  "id": "x",\n  "age": 40\n  "name": "X"\n}\n')
    with pytest.raises(AssessmentError) as info:
        load_client(path)
    message = str(info.value)
    assert str(path) in message and "not valid JSON" in message
    assert "line 4, column 3" in message


def test_a_bad_field_in_a_file_is_refused_naming_the_file_and_the_field(tmp_path):
    path = write(tmp_path / "bad.json", json.dumps(with_change("pain.now", 12)))
    with pytest.raises(AssessmentError) as info:
        load_client(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: pain.now: ")


def test_a_key_given_twice_in_a_file_is_refused(tmp_path):
    text = json.dumps(valid_dict())[:-1] + ', "age": 41}'
    with pytest.raises(AssessmentError) as info:
        load_client(write(tmp_path / "twice.json", text))
    assert "'age' is given twice" in str(info.value)


def test_a_file_saved_with_a_byte_order_mark_still_loads(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(valid_dict()).encode("utf-8"))
    assert load_client(path).name == "Alex Example"


def test_saving_an_invalid_client_raises_and_leaves_the_old_file_unchanged(tmp_path):
    path = save_client(client_from_dict(valid_dict()), tmp_path / "alex.json")
    before = path.read_bytes()
    bad = dataclasses.replace(client_from_dict(valid_dict()), age=7)
    with pytest.raises(AssessmentError) as info:
        save_client(bad, path)
    assert info.value.fields == ["age"] and str(path) in str(info.value)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["alex.json"]


def test_a_save_that_fails_midway_leaves_the_old_file_intact_and_no_temp_file(
    tmp_path, monkeypatch
):
    path = save_client(client_from_dict(valid_dict()), tmp_path / "alex.json")
    before = path.read_bytes()
    changed = dataclasses.replace(client_from_dict(valid_dict()), name="Alex Changed")

    def disk_failure(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", disk_failure)
    with pytest.raises(OSError, match="disk full"):
        save_client(changed, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["alex.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_client_file_is_private_and_a_replaced_one_keeps_its_permissions(tmp_path):
    client = client_from_dict(valid_dict())
    path = save_client(client, tmp_path / "alex.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    save_client(client, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_command_line_checks_files_and_reports_problems(tmp_path, capsys):
    good = save_client(client_from_dict(valid_dict()), tmp_path / "good.json")
    bad = write(tmp_path / "bad.json", json.dumps(with_change("age", 5)))
    assert assessment.main([str(good)]) == 0
    assert assessment.main([str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: age: " in err


def test_the_command_line_reports_an_up_to_date_schema():
    assert assessment.main(["--check-schema"]) == 0


def test_a_copy_of_the_dict_is_not_changed_by_checking():
    data = valid_dict()
    kept = copy.deepcopy(data)
    client_from_dict(data)
    assert data == kept
