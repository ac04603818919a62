"""The client's own words under a "no" (workbench.client.free_text, screening; domain.md §1)."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import ALL_NO, THEME_WORDS, theme_texts
from strategies import screening_client as make_client

from workbench.client.free_text import affirmed_text, client_texts, find_mentions, scan_text
from workbench.client.screening import Outcome, screen
from workbench.domain import PRECAUTIONS, RED_FLAGS, Instruments

#: Every precaution answered no: the theme words never raise a precaution question here.
NO_PRECAUTIONS = {q: False for q in PRECAUTIONS}


def client_with_notes(text, **kw):
    return make_client(notes=text, precautions=dict(NO_PRECAUTIONS), **kw)


# ------------------------------------------------------------------- the case


def test_numb_toes_and_trouble_urinating_under_all_no_withhold_the_plan():
    s = screen(client_with_notes("numb toes, trouble urinating lately"))
    assert s.outcome is Outcome.RECHECK and not s.plannable
    assert s.contradicted["bladder_bowel_change"] == ("urinating",)
    assert s.contradicted["saddle_numbness"] == ("numb",)
    # the trainer is told the words and the question to ask again
    assert "'urinating'" in s.trainer_message and "'numb'" in s.trainer_message
    assert RED_FLAGS["bladder_bowel_change"][1] in s.trainer_message
    assert "ask again" in s.trainer_message
    # the client hears a calm message: no symptom named, no alarm
    assert "again" in s.message and "hospital" not in s.message


# ------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    "text",
    [
        "no numbness",
        "Denies bladder or bowel change.",
        "never had cancer",
        "without any tingling",
        "She doesn't get night pain",
        "not a fall, just stiff",
        "no fever, no weight loss",
    ],
)
def test_a_negated_mention_does_not_contradict_a_no(text):
    s = screen(client_with_notes(text))
    assert s.contradicted == {}
    assert s.outcome is Outcome.CLEAR


def test_a_negation_reaches_only_its_own_clause():
    hits = affirmed_text("no numbness but tingling in both legs")
    assert "saddle_numbness" not in hits
    assert hits["bilateral_leg_symptoms"] == ["tingling", "both legs"]
    assert hits["progressive_neuro_deficit"] == ["tingling"]


def test_a_negation_far_before_the_term_does_not_reach_it():
    text = "no problem with the stairs or the garden and then numbness"
    assert "saddle_numbness" in affirmed_text(text)
    assert "saddle_numbness" not in affirmed_text(text, window=20)


def test_a_negated_mention_still_forces_an_unasked_question():
    s = screen(client_with_notes("no numbness", red_flags={**ALL_NO, "saddle_numbness": None}))
    assert s.outcome is Outcome.INCOMPLETE
    assert s.forced_by_text["saddle_numbness"] == ("numbness",)


# ---------------------------------------------------------------- broader themes


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I can't feel my toes", "saddle_numbness"),
        ("pins and needles in the feet", "progressive_neuro_deficit"),
        ("weak in both legs", "bilateral_leg_symptoms"),
        ("lost weight without trying", "unexplained_weight_loss"),
        ("had a tumour removed", "history_of_cancer"),
        ("finished chemo in May", "history_of_cancer"),
        ("on steroids for asthma", "immunosuppression"),
        ("old fracture of the wrist", "significant_trauma"),
        ("car crash last year", "significant_trauma"),
        ("pain at night most nights", "night_or_rest_pain"),
        ("night sweats", "fever_or_unwell"),
    ],
)
def test_the_themes_are_broader_than_the_bare_domain_list(text, question):
    assert question in scan_text(text)
    assert question in affirmed_text(text)


@pytest.mark.parametrize("text", ["a crash course in Pilates", "a number of sessions"])
def test_words_that_only_look_like_a_theme_do_not_match(text):
    assert scan_text(text) == {}


def test_the_scan_runs_on_any_text_with_any_term_table():
    table = {"sore*": ("soreness",), "slept badly": ("sleep",)}
    found = find_mentions("Sore calves; not sore today. Slept badly.", table)
    assert [(m.key, m.words, m.negated) for m in found] == [
        ("soreness", "Sore", False),
        ("soreness", "sore", True),
        ("sleep", "Slept badly", False),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("symptom_diary", "Tue: tingling in both legs"),
        ("clearance", "fell last month"),
        ("triggers", frozenset({"after the fall"})),
        ("instruments", "fever"),
    ],
)
def test_every_free_text_field_is_scanned(field, value):
    c = client_with_notes("")
    if field == "clearance":
        c = dataclasses.replace(c, clearance=dataclasses.replace(c.clearance, notes=value))
    elif field == "instruments":
        psfs = (("walk with a fever", 5), ("lift", 4), ("sit", 6))
        c = dataclasses.replace(c, instruments=Instruments(psfs=psfs))
    else:
        c = dataclasses.replace(c, **{field: value})
    assert client_texts(c)
    assert screen(c).outcome is Outcome.RECHECK


# ------------------------------------------------------------------------ properties


@given(theme_texts(affirmed=1))
def test_a_no_contradicted_by_affirmed_words_never_yields_a_plan(drawn):
    text, affirmed = drawn
    s = screen(client_with_notes(text))
    assert not s.plannable
    assert s.outcome is Outcome.RECHECK
    for word in affirmed:
        q = THEME_WORDS[word]
        assert q in s.contradicted
        assert f"'{word}'" in s.trainer_message
        assert RED_FLAGS[q][1] in s.trainer_message


@given(theme_texts(affirmed=0))
def test_negated_mentions_never_withhold_the_plan(drawn):
    text, _ = drawn
    s = screen(client_with_notes(text))
    assert s.contradicted == {}
    assert s.plannable


@given(theme_texts(affirmed=1), st.booleans())
def test_confirming_the_words_lets_the_plan_go_ahead_and_new_words_ask_again(drawn, more):
    text, _ = drawn
    first = screen(client_with_notes(text))
    confirmed = client_with_notes(text, confirmed_no=dict(first.contradicted))
    assert screen(confirmed).plannable
    if more:
        again = dataclasses.replace(confirmed, notes=text + ". Feels feverish too")
        assert screen(again).contradicted == {"fever_or_unwell": ("feverish",)}
