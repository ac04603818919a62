"""Adding a dated entry to the client's symptom diary (workbench.client.diary)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import diary_entries

import workbench as wb
from workbench.client.assessment import client_from_dict, client_to_dict
from workbench.client.diary import add_diary_entry
from workbench.domain import Client, DiaryEntry


def client_with(diary) -> Client:
    return Client(id="c", name="C", age=40, notes="sitting", diary=tuple(diary))


@settings(max_examples=120, deadline=None)
@given(st.lists(diary_entries, max_size=6), diary_entries)
def test_the_new_entry_joins_the_diary_in_date_order_and_nothing_else_changes(diary, entry):
    start = add_diary_entry(client_with([]), diary[0]) if diary else client_with([])
    for e in diary[1:]:
        start = add_diary_entry(start, e)
    before = start
    after = add_diary_entry(before, entry)
    dates = [e.date for e in after.diary]
    assert dates == sorted(dates)
    assert sorted(after.diary, key=repr) == sorted((*before.diary, entry), key=repr)
    assert before.diary == start.diary  # pure: the old client is untouched
    assert dataclasses.replace(after, diary=before.diary) == before
    # an entry of a date already there comes after the others of that date
    same = [e for e in after.diary if e.date == entry.date]
    assert same[-1] is entry
    # and the client still reads back from its file
    assert client_from_dict(client_to_dict(after)) == after


def test_two_entries_on_one_day_are_both_kept_in_the_order_added():
    c = add_diary_entry(client_with([DiaryEntry("2026-12-01", 2)]), DiaryEntry("2026-11-30", 4))
    c = add_diary_entry(c, DiaryEntry("2026-11-30", 6, notes="evening"))
    assert [(e.date, e.intensity) for e in c.diary] == [
        ("2026-11-30", 4),
        ("2026-11-30", 6),
        ("2026-12-01", 2),
    ]


def test_only_a_diary_entry_can_be_added():
    with pytest.raises(TypeError, match="DiaryEntry"):
        add_diary_entry(client_with([]), {"date": "2026-11-30"})


def test_the_face_offers_the_diary_and_its_records():
    assert wb.add_diary_entry is add_diary_entry
    assert wb.DiaryEntry is DiaryEntry
    assert {"Medication", "MedicalHistory", "Trainer"} <= set(wb.__all__)
