"""The doctor's consultation brief and the referral letter (workbench.handover.brief)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import brief_client, typed_brief_clients

import workbench as wb
from workbench.domain import DISCIPLINE_LABELS, RED_FLAGS
from workbench.handover.brief_facts import cr10_words, program_summary
from workbench.language import find_threat_words
from workbench.records.models import LogStatus, SessionLog


@cache
def catalog():
    return wb.builtin_catalog()


@cache
def planned(name: str, weeks: int = 4):
    client = brief_client(wb.example_client(name))
    return client, wb.plan(client, catalog(), wb.PlanOptions(weeks=weeks))


def text_of(page: str) -> str:
    """The page's visible text (tags and the style sheet out, entities read)."""
    body = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def exercise_names_in(text: str, client) -> list[str]:
    """Catalog exercise names the text shows (the clearance's banned ones aside)."""
    banned = client.clearance.banned_exercises
    return [ex.name for ex in catalog() if ex.id not in banned and ex.name.lower() in text.lower()]


def test_the_brief_gathers_what_the_seed_guide_lists():
    client, result = planned("desk-worker-flexion")
    text = text_of(wb.brief_html(result, client, catalog()))
    assert client.name in text and "Sam Rivera" in text and "020 7946 0000" in text
    for words in ("Non-specific chronic low back pain", "MRI lumbar spine 2023", "Physiotherapy"):
        assert words in text
    assert "Ibuprofen 400 mg up to three times a day when needed" in text
    latest = sorted(client.diary, key=lambda e: e.date)[-1]
    assert latest.date in text and "long meetings" in text and "a short walk" in text
    assert client.symptom_diary in text
    for a in client.activities:
        assert DISCIPLINE_LABELS[a.discipline] in text
    assert "Strength: 45 minutes a week" in text
    for words in ("Clear to start the exercise program?", "Highest effort (0-10)", "Date:"):
        assert words in text


def test_questions_are_filled_from_the_plan():
    client, result = planned("desk-worker-flexion", weeks=6)
    text = text_of(wb.brief_html(result, client, catalog()))
    used = {b.discipline for w in result.weeks for d in w.days for b in d.blocks}
    for d in used:
        assert f"Is {DISCIPLINE_LABELS[d]} suitable?" in text
    for d in set(wb.Discipline) - used:
        assert f"Is {DISCIPLINE_LABELS[d]} suitable?" not in text
    top = max(b.rpe for w in result.weeks for d in w.days for b in d.blocks)
    assert (
        f"The highest planned effort is {top:g} of 10 ({cr10_words(top)}): is that right?" in text
    )
    loads = [w.load for w in result.weeks]
    rises = [(b - a) / a * 100 for a, b in zip(loads, loads[1:], strict=False) if a > 0]
    assert f"rises by about {round(sum(rises) / len(rises), 1):g}% a week" in text
    summary = program_summary(result, client, catalog())
    demands = {
        dim
        for w in result.weeks
        for d in w.days
        for b in d.blocks
        for dim, level in catalog().by_id[b.exercise_id].demands.items()
        if level
    }
    assert {dim for dim, _ in summary.demands} == demands
    assert "The plan uses these movements:" in text


def test_the_program_summary_counts_weeks_and_minutes():
    client, result = planned("pool-only", weeks=3)
    summary = program_summary(result, client, catalog())
    assert summary.weeks == 3
    assert summary.week_minutes == tuple(w.minutes for w in result.weeks)
    assert sum(summary.minutes_by_discipline.values()) == sum(w.minutes for w in result.weeks)


def test_session_logs_show_what_was_done_and_how_pain_responded():
    client, result = planned("desk-worker-flexion")
    start = date(2026, 12, 7)
    logs = tuple(
        SessionLog(client.id, start + timedelta(days=2 * i),
                   LogStatus.NOT_DONE if i in (1, 5) else LogStatus.DONE,
                   minutes=30, effort=4, pain_during=3 + i % 2, next_morning_pain=2)
        for i in range(6)
    )  # fmt: skip
    text = text_of(wb.brief_html(result, client, catalog(), logs=logs))
    assert "4 done, 0 partly done, 2 not done" in text
    assert "Average worst pain during sessions 3.5 of 10; the next morning 2 of 10" in text
    assert "2026-12-17" in text
    assert "Sessions so far" not in text_of(wb.brief_html(result, client, catalog()))


def test_a_referral_letter_names_the_flags_and_has_no_program():
    client = brief_client(wb.example_client("red-flag"))
    result = wb.plan(client, catalog(), wb.PlanOptions(weeks=4))
    assert result.status == "referred"
    page = wb.brief_html(result, client, catalog())
    assert page == wb.referral_html(result, client)
    text = text_of(page)
    for q in result.screening.positive_flags:
        assert RED_FLAGS[q][1] in text
    assert "assessment before any exercise program" in text
    assert "planned program" not in text and "Questions for the consultation" not in text
    assert exercise_names_in(text, client) == []


@pytest.mark.parametrize("flag", ["bladder_bowel_change", "history_of_cancer"])
def test_an_emergency_flag_says_urgent(flag):
    client = brief_client(
        replace(
            wb.example_client("pool-only"),
            red_flags={**dict.fromkeys(RED_FLAGS, False), flag: True},
        )
    )
    result = wb.plan(client, catalog(), wb.PlanOptions(weeks=1))
    text = text_of(wb.referral_html(result, client))
    assert RED_FLAGS[flag][1] in text
    assert ("same-day assessment" in text) == (RED_FLAGS[flag][0] == "emergency")


def test_needs_clearance_gives_the_questions_and_no_program():
    client = brief_client(wb.example_client("new-pain-55-no-clearance"))
    result = wb.plan(client, catalog(), wb.PlanOptions(weeks=4))
    assert result.status == "needs_clearance"
    text = text_of(wb.brief_html(result, client, catalog()))
    assert f"Is {client.name} clear to start a gradual" in text
    for a in client.activities:
        assert f"Is {DISCIPLINE_LABELS[a.discipline]} suitable?" in text
    assert "planned program" not in text and "No program has been planned yet" in text
    assert exercise_names_in(text, client) == []


@pytest.mark.parametrize("name", wb.example_names())
def test_the_brief_reads_calmly(name):
    """The brief's own words pass the threat-word check (domain.md §7) for every example."""
    client, result = planned(name)
    for page in (wb.brief_html(result, client, catalog()), wb.referral_html(result, client)):
        typed = " ".join(wb.brief_texts(client).values())
        found = [f.word for f in find_threat_words(text_of(page))]
        assert [w for w in found if w.lower() not in typed.lower()] == []


def test_brief_texts_names_where_a_threat_word_was_typed():
    client = replace(
        brief_client(wb.example_client("pool-only")),
        medical_history=wb.example_client("pool-only").medical_history.__class__(
            diagnoses=("degenerative disc disease",)
        ),
    )
    texts = wb.brief_texts(client)
    assert find_threat_words(texts["medical_history.diagnoses[0]"])[0].word == "degenerative"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=typed_brief_clients(brief_client(wb.example_client("pool-only"))))
def test_typed_text_renders_as_text(data):
    """Whatever was typed (markup included) is text on the page: no tag or script appears,
    and every field reads back as typed."""
    _, result = planned("pool-only")
    for page in (wb.brief_html(result, data, catalog()), wb.referral_html(result, data)):
        assert "<script" not in page and "<b>" not in page
        text = text_of(page)
        for typed in (data.name, data.medications[0].name, data.symptom_diary.strip()):
            assert " ".join(typed.split()) in text


def test_paper_sets_the_page_size_and_the_page_is_the_same_each_time():
    client, result = planned("pool-only")
    a4 = wb.brief_html(result, client, catalog())
    assert "size: A4" in a4 and a4 == wb.brief_html(result, client, catalog())
    assert "size: letter" in wb.brief_html(result, client, catalog(), paper="Letter")
    assert "default-src 'none'" in a4
    with pytest.raises(wb.HandoverError, match="A4, Letter"):
        wb.brief_html(result, client, catalog(), paper="A5")


@pytest.mark.parametrize("name", wb.example_names())
def test_every_example_s_own_history_and_medications_are_in_its_brief(name):
    client = wb.example_client(name)
    result = wb.plan(client, catalog(), wb.PlanOptions(weeks=2))
    text = text_of(wb.brief_html(result, client, catalog()))
    h = client.medical_history
    for words in (*h.diagnoses, *h.imaging, *h.treatments, client.trainer.name):
        assert " ".join(words.split()) in text
    for m in client.medications:
        assert " ".join(f"{m.name} {m.dose or '–'} {m.frequency or '–'}".split()) in text
    assert client.name in text
