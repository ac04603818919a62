"""The client file's hand-over fields (schema version 4): old files read, new ones refused in place."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from strategies import diary_entries, medications, time_zones, usual_times

from workbench.client.assessment import (
    SCHEMA_VERSION,
    AssessmentError,
    client_from_dict,
    client_to_dict,
    load_client,
)
from workbench.client.examples import EXAMPLES_DIR
from workbench.domain import Client, MedicalHistory, Trainer

NEW_FIELDS = ("medical_history", "medications", "diary", "trainer", "usual_time", "time_zone")


def example_dict(name="desk-worker-flexion"):
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def problems(data) -> dict[str, str]:
    with pytest.raises(AssessmentError) as info:
        client_from_dict(data)
    return {p.field: p.reason for p in info.value.problems}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_file_reads_with_the_hand_over_fields_not_recorded(version, tmp_path):
    data = {k: v for k, v in example_dict().items() if k not in NEW_FIELDS}
    data["schema_version"] = version
    if version == 1:
        data.pop("settings", None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    c = load_client(path)
    assert c.medical_history == MedicalHistory() and c.trainer == Trainer()
    assert c.medications == () and c.diary == ()
    assert c.usual_time is None and c.time_zone is None
    assert client_to_dict(c)["schema_version"] == SCHEMA_VERSION == 4


@settings(max_examples=60, deadline=None)
@given(
    meds=medications.map(lambda m: (m,)),
    diary=diary_entries.map(lambda d: (d,)),
    time=usual_times,
    zone=time_zones,
)
def test_a_version_4_file_round_trips_exactly(meds, diary, time, zone):
    c = Client(
        id="c", name="C", age=40, medications=meds, diary=diary, usual_time=time, time_zone=zone
    )
    data = client_to_dict(c)
    assert client_from_dict(json.loads(json.dumps(data))) == c
    assert client_to_dict(client_from_dict(data)) == data


@pytest.mark.parametrize("value", ["7:30", "24:00", "12:60", "noon", "07:30:00", 730])
def test_a_usual_time_not_written_hh_mm_is_refused_with_the_rule(value):
    reason = problems({"id": "c", "name": "C", "age": 40, "usual_time": value})["usual_time"]
    assert "HH:MM" in reason and "00:00 to 23:59" in reason and "07:30" in reason


def test_an_unknown_time_zone_is_refused_naming_the_closest_and_an_example():
    reason = problems({"id": "c", "name": "C", "age": 40, "time_zone": "Europe/Londn"})["time_zone"]
    assert "'Europe/Londn'" in reason and "Europe/London" in reason
    assert "IANA time zone" in reason


def test_every_bad_hand_over_value_is_named_at_its_place():
    data = {
        "id": "c",
        "name": "C",
        "age": 40,
        "medical_history": {"diagnoses": ["ok", " "]},
        "medications": [{"name": "ibuprofen"}, {"dose": "5 mg"}],
        "diary": [{"date": "2026-11-30"}, {"date": "2026-02-30", "intensity": 11}],
        "trainer": {"name": "Sam", "phone": "0123"},
    }
    found = problems(data)
    assert set(found) == {
        "medical_history.diagnoses[1]",
        "medications[1].name",
        "diary[1].date",
        "diary[1].intensity",
        "trainer.phone",
    }
    assert "NRS 0-10" in found["diary[1].intensity"]
    assert "allowed keys: name, contact" in found["trainer.phone"]


def test_same_date_diary_entries_are_kept_in_the_order_written():
    diary = [
        {"date": "2026-12-01", "notes": "second day"},
        {"date": "2026-11-30", "notes": "morning"},
        {"date": "2026-11-30", "notes": "evening"},
    ]
    c = client_from_dict({"id": "c", "name": "C", "age": 40, "diary": diary})
    assert [e.notes for e in c.diary] == ["second day", "morning", "evening"]
