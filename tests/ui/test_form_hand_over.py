"""The form's hand-over sections: medical history and diary; trainer and calendar."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import hand_over_fields

from workbench import example_client
from workbench.client.assessment import AssessmentError
from workbench.domain import DiaryEntry
from workbench.ui.form import SECTIONS, AssessmentForm

HISTORY = SECTIONS.index("Medical history and diary")
TRAINER = SECTIONS.index("Trainer and calendar")
BASE = example_client("runner-returning")


def marked(form: AssessmentForm, path: str) -> bool:
    return "wb-invalid" in form.field_for(path).widget._dom_classes


def history(form: AssessmentForm):
    return form._parts[HISTORY]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hand_over_fields())
def test_the_hand_over_fields_go_form_to_client_to_form_unchanged(fields):
    client = dataclasses.replace(BASE, **fields)
    form = AssessmentForm(client)
    assert form.value == client
    again = AssessmentForm(form.value)
    assert again.to_dict() == form.to_dict()


def test_an_example_with_history_medications_and_diary_is_shown_row_by_row():
    client = example_client("desk-worker-flexion")
    form = AssessmentForm(client)
    part = history(form)
    assert len(part.medications.rows) == len(client.medications) >= 1
    assert len(part.diary.rows) == len(client.diary) >= 2
    assert part.diary.rows[0].inputs["date"].value == client.diary[0].date
    assert form._parts[TRAINER].time_zone.value == client.time_zone
    assert form.value == client


def test_a_refused_row_value_is_shown_on_its_row_and_counted_in_the_section_title():
    form = AssessmentForm(example_client("desk-worker-flexion"))
    part = history(form)
    part.medications.rows[0].inputs["name"].value = "  "
    part.diary.rows[1].inputs["intensity"].value = "12"
    part.diary.rows[1].inputs["date"].value = "30/11/2026"
    with pytest.raises(AssessmentError) as err:
        _ = form.value
    assert set(err.value.fields) == {"medications[0].name", "diary[1].intensity", "diary[1].date"}
    assert marked(form, "medications[0].name") and marked(form, "diary[1].date")
    assert "not blank" in part.medications.rows[0].errors["name"].value
    assert "0 to 10 [NRS 0-10]" in part.diary.rows[1].errors["intensity"].value
    assert "YYYY-MM-DD" in part.diary.rows[1].errors["date"].value
    assert not marked(form, "diary[0].date")
    assert form.sections.titles[HISTORY] == "Medical history and diary (3 to fix)"
    part.diary.rows[1].inputs["intensity"].value = ""  # blank: not rated
    part.diary.rows[1].inputs["date"].value = "2026-11-30"
    part.medications.rows[0].inputs["name"].value = "Ibuprofen"
    assert form.value.diary[1].intensity is None and form.problems_now() == []


def test_a_bad_usual_time_or_time_zone_says_which_field_and_why_in_place():
    form = AssessmentForm(BASE)
    form.field_for("usual_time").widget.value = "7.30pm"
    form._parts[TRAINER].time_zone.value = "Europe/Londn"
    assert {p.field for p in form.problems_now()} == {"usual_time", "time_zone"}
    assert "HH:MM" in form.field_for("usual_time").error.value
    assert "Europe/London" in form.field_for("time_zone").error.value
    assert form.sections.titles[TRAINER] == "Trainer and calendar (2 to fix)"
    form.field_for("usual_time").widget.value = ""
    form._parts[TRAINER].time_zone.value = ""
    assert form.value.usual_time is None and form.value.time_zone is None


def test_rows_are_added_and_removed_and_each_change_notifies():
    form = AssessmentForm(BASE)
    calls = []
    form.on_change(lambda: calls.append(1))
    part = history(form)
    before = len(part.diary.rows)
    row = part.diary.add()
    assert len(calls) == 1 and len(part.diary.rows) == before + 1
    row.inputs["notes"].value = "calm day"
    assert len(calls) == 2 and form.value.diary[-1].notes == "calm day"
    med = part.medications.add()
    med.inputs["name"].value = "Paracetamol"
    assert form.value.medications[-1].name == "Paracetamol"
    med.remove.click()
    row.remove.click()
    assert form.value.diary == BASE.diary and form.value.medications == BASE.medications


def test_a_red_flag_word_in_a_diary_entry_asks_its_question_in_the_red_flag_section():
    client = dataclasses.replace(
        BASE,
        red_flags={**BASE.red_flags, "significant_trauma": None},
        diary=(DiaryEntry("2026-11-30", 5, notes="I fell on the ice"),),
    )
    form = AssessmentForm(client)
    assert "significant_trauma" in form.forced_questions


def test_history_entries_are_one_a_line():
    form = AssessmentForm(BASE)
    form.field_for("medical_history.treatments").widget.value = "physio 2025\n\n  injections  \n"
    assert form.value.medical_history.treatments == ("physio 2025", "injections")
