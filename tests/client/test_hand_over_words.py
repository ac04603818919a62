"""Red-flag words in the hand-over fields (history, medications, diary) are read like the notes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from strategies import ALL_NO, valid_clients
from strategies import screening_client as make_client

from workbench.client.assessment import client_to_dict
from workbench.client.free_text import client_texts, file_texts
from workbench.client.questions import client_questions
from workbench.client.screening import Outcome, screen
from workbench.domain import PRECAUTIONS, DiaryEntry, MedicalHistory, Medication

NO_PRECAUTIONS = {q: False for q in PRECAUTIONS}

CASES = [
    (
        {"diary": (DiaryEntry("2026-11-30", 5, notes="I fell on the ice"),)},
        "diary 2026-11-30 notes",
        "significant_trauma",
        "fell",
    ),
    (
        {"diary": (DiaryEntry("2026-12-02", triggers="standing, then both legs ached"),)},
        "diary 2026-12-02 triggers",
        "bilateral_leg_symptoms",
        "both legs",
    ),
    (
        {"diary": (DiaryEntry("2026-12-03", helps="nothing, woken by it at 3am"),)},
        "diary 2026-12-03 what helps",
        "night_or_rest_pain",
        "woken by",
    ),
    (
        {"medical_history": MedicalHistory(treatments=("chemotherapy in 2019",))},
        "medical history: treatments",
        "history_of_cancer",
        "chemotherapy",
    ),
    (
        {"medical_history": MedicalHistory(imaging=("X-ray 2024: old fracture L1",))},
        "medical history: imaging",
        "significant_trauma",
        "fracture",
    ),
    (
        {"medical_history": MedicalHistory(diagnoses=("scoliosis",))},
        "medical history: diagnoses",
        "structural_deformity",
        "scoliosis",
    ),
    (
        {"medications": (Medication("prednisolone", "5 mg", "daily"),)},
        "medications",
        "immunosuppression",
        "prednisolone",
    ),
]


@pytest.mark.parametrize(("fields", "where", "question", "words"), CASES)
def test_a_red_flag_word_there_raises_the_question_naming_where_it_was_written(
    fields, where, question, words
):
    flags = {question: None}
    s = screen(make_client(flags, precautions=dict(NO_PRECAUTIONS), **fields))
    assert s.forced_by_text.get(question) == (words,)
    assert not s.plannable
    line = next(r for r in s.reasons if f"'{words}'" in r)
    assert line.lower().startswith(where.lower())


@pytest.mark.parametrize(("fields", "where", "question", "words"), CASES)
def test_under_a_no_the_same_words_ask_again(fields, where, question, words):
    s = screen(make_client(dict(ALL_NO), precautions=dict(NO_PRECAUTIONS), **fields))
    assert s.outcome is Outcome.RECHECK
    assert s.contradicted[question] == (words,)


def test_calm_history_and_diary_words_raise_nothing():
    c = make_client(
        precautions=dict(NO_PRECAUTIONS),
        medical_history=MedicalHistory(("non-specific low back pain",), ("MRI 2025: normal",)),
        medications=(Medication("ibuprofen", "400 mg", "when needed"),),
        diary=(DiaryEntry("2026-11-30", 3, "evenings", "long drives", "a short walk"),),
    )
    assert screen(c).outcome is Outcome.CLEAR


def test_two_entries_of_one_date_are_both_read():
    diary = (DiaryEntry("2026-11-30", notes="stiff"), DiaryEntry("2026-11-30", notes="numb toes"))
    texts = client_texts(make_client(diary=diary))
    assert texts["diary 2026-11-30 notes"] == "stiff; numb toes"


@settings(max_examples=60, deadline=None)
@given(valid_clients())
def test_the_form_reads_the_same_sources_from_the_file_as_from_the_client(client):
    assert file_texts(client_to_dict(client)) == client_texts(client)


def test_the_form_reads_half_typed_hand_over_fields_without_failing():
    data = {"medical_history": {"diagnoses": "not a list"}, "medications": [3, {"name": 4}],
            "diary": ["x", {"notes": "fell"}]}  # fmt: skip
    assert file_texts(data) == {"diary None notes": "fell"}


def test_old_sources_are_unchanged_by_empty_hand_over_fields():
    c = make_client(notes="sitting hurts")
    assert client_texts(c) == {"notes": "sitting hurts"}
    assert client_texts(dataclasses.replace(c, diary=(DiaryEntry("2026-11-30"),))) == {
        "notes": "sitting hurts"
    }


def test_a_known_trigger_in_a_diary_entry_is_asked_once_naming_the_entry():
    diary = (
        DiaryEntry("2026-11-30", triggers="sitting at my desk, then bending to the dishwasher"),
        DiaryEntry("2026-12-01", triggers="bending again"),
    )
    c = make_client(triggers=frozenset({"sitting"}), diary=diary)
    asked = [q for q in client_questions(c) if q.field == "triggers"]
    assert [q.value for q in asked] == ["bending"]
    assert asked[0].text.startswith('diary 2026-11-30 triggers mention "bending"')


def test_a_diary_trigger_already_listed_asks_nothing():
    diary = (DiaryEntry("2026-11-30", triggers="sitting for long"),)
    c = make_client(triggers=frozenset({"sitting"}), diary=diary)
    assert [q for q in client_questions(c) if q.field == "triggers"] == []
