"""Every word the client reads passes the threat-word check (domain.md §7); effort in words."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbench as wb
from workbench.catalog import Catalog
from workbench.domain import Trainer
from workbench.handover.effort import EFFORT_BANDS
from workbench.handover.handout import handout_html
from workbench.handover.handout_text import handout_text, traffic_light
from workbench.handover.wording import WordProblem, check_words, handout_words
from workbench.language import THREAT_WORDS
from workbench.vocabulary import DAY_LABELS

PLANNED_EXAMPLES = [
    "desk-worker-flexion",
    "high-fear",
    "older-walker-extension",
    "pool-only",
    "runner-returning",
    "strength-goal-gym",
]
#: Template strings shown only when the plan needs them (no week without days here).
CONDITIONAL = {
    f"template handout: {k}" for k in ("watch_intro", "today_heading", "no_days", "chart_numbers")
}
MONTHS = "January February March April May June July August September October November December"


@pytest.fixture(scope="module")
def catalog():
    return wb.builtin_catalog()


@pytest.fixture(scope="module")
def plans(catalog):
    """name -> (result, client), two weeks each."""
    out = {}
    for name in PLANNED_EXAMPLES:
        client = wb.example_client(name)
        out[name] = (wb.plan(client, catalog, wb.PlanOptions(weeks=2)), client)
    return out


def visible_text(page: str) -> str:
    body = re.sub(r"<head>.*?</head>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_every_cue_and_name_of_the_builtin_catalog_reads_well(catalog):
    texts = {f"exercise {e.id} cue": e.cue for e in catalog}
    texts |= {f"exercise {e.id} name": e.name for e in catalog}
    assert len(texts) == 2 * len(catalog)
    assert check_words(texts) == []


def test_every_template_string_reads_well():
    texts = {f"template handout: {k}": v for k, v in handout_text().items()}
    texts |= {f"effort: {w}": w for _, w in EFFORT_BANDS}
    texts |= {f"light {row['tone']} {k}": row[k] for row in traffic_light()["rows"] for k in row}
    assert check_words(texts) == []


@pytest.mark.parametrize("name", PLANNED_EXAMPLES)
def test_every_handout_of_the_examples_reads_well(name, plans, catalog):
    result, client = plans[name]
    assert check_words(handout_words(result, client, catalog)) == []
    page = handout_html(result, client, catalog, start=date(2027, 1, 11))
    assert check_words({"rendered handout": visible_text(page)}) == []


@pytest.mark.parametrize("name", ["desk-worker-flexion", "high-fear"])
def test_handout_words_are_every_text_the_page_shows(name, plans, catalog):
    """Each checked text is on the page, and the page shows no other words than those,
    the day and month names and the plan's numbers: no prose hides in the template."""
    result, client = plans[name]
    client = dataclasses.replace(client, trainer=Trainer("Sam Lee", "07700 900123"))
    words = handout_words(result, client, catalog, start=date(2027, 1, 11))
    text = visible_text(handout_html(result, client, catalog, start=date(2027, 1, 11)))
    rest = text
    for where, value in sorted(words.items(), key=lambda kv: len(kv[1]), reverse=True):
        if not (where.startswith("effort: ") or where in CONDITIONAL):
            assert value in text, where  # (the others: checked whether shown or not)
        rest = rest.replace(value, " ")
    allowed = set(DAY_LABELS.values()) | set(MONTHS.split())
    leftover = {w for w in re.findall(r"[^\W\d_]+", rest) if w not in allowed}
    assert leftover == set()


def test_a_trainer_typed_cue_is_named_with_its_suggestion(plans, catalog):
    result, client = plans["desk-worker-flexion"]
    used = result.weeks[0].days[0].blocks[0].exercise_id
    custom = Catalog(
        (
            dataclasses.replace(e, cue="Go slowly: fast moves damage the disc")
            if e.id == used
            else e
            for e in catalog
        ),
        "custom",
    )
    problems = check_words(handout_words(result, client, custom))
    assert WordProblem(f"exercise {used} cue", "damage", "sensitivity") in problems
    assert {p.where for p in problems} == {f"exercise {used} cue"}


def test_trainer_text_and_client_notes_are_named(plans, catalog):
    result, client = plans["desk-worker-flexion"]
    fragile = dataclasses.replace(client, trainer=Trainer("Sam", "Call if it feels fragile"))
    problems = check_words(handout_words(result, fragile, catalog))
    assert problems == [WordProblem("client.trainer.contact", "fragile", THREAT_WORDS["fragile"])]
    notes = check_words({"client.notes": "Worried about wear and tear; not damaged"})
    assert notes == [WordProblem("client.notes", "wear and tear", "normal age-related change")]
    assert "client.notes" in str(notes[0]) and "normal age-related change" in str(notes[0])


@given(st.sampled_from(sorted(THREAT_WORDS)), st.text(alphabet="abc ", max_size=10))
def test_any_threat_word_is_found_where_it_was_typed(word, padding):
    problems = check_words({"where": f"{padding} {word} {padding}", "clean": padding})
    assert [(p.where, p.word.lower(), p.suggestion) for p in problems] == [
        ("where", word, THREAT_WORDS[word])
    ]


def test_there_is_no_handout_to_check_without_a_plan(catalog):
    client = wb.example_client("red-flag")
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=1))
    with pytest.raises(wb.HandoverError):
        handout_words(result, client, catalog)


# ----------------------------------------------------------------------- effort in words

_BANDS = [w for _, w in EFFORT_BANDS]


@given(st.floats(0, 10), st.floats(0, 10))
def test_more_effort_never_reads_easier(a, b):
    low, high = sorted((a, b))
    assert _BANDS.index(wb.effort_words(low)) <= _BANDS.index(wb.effort_words(high))


def test_effort_words_at_the_bands():
    assert wb.effort_words(0) == "easy: you can talk in full sentences"
    assert wb.effort_words(2) == "easy: you can talk in full sentences"
    assert wb.effort_words(3).startswith("moderate")
    assert wb.effort_words(5).startswith("hard")
    assert wb.effort_words(7).startswith("very hard")
    assert wb.effort_words(10).startswith("very hard")


@pytest.mark.parametrize("bad", [-0.5, 10.5, float("nan"), float("inf"), "3", None, True])
def test_effort_outside_the_scale_is_refused(bad):
    with pytest.raises(ValueError):
        wb.effort_words(bad)
