"""Red-flag screening and training modes (workbench.client.screening; domain.md §1, §4, §7)."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import ALL_NO, any_clients, clients_with_a_red_flag, free_text
from strategies import screening_client as make_client

from workbench.client.instruments import score_tsk17
from workbench.client.screening import (
    Modes,
    Outcome,
    Screening,
    affirmed_text,
    modes,
    scan_text,
    screen,
)
from workbench.defaults import resolve
from workbench.domain import RED_FLAGS, Clearance, Instruments
from workbench.language import THREAT_WORDS

EMERGENCY_FLAGS = [q for q, (group, _) in RED_FLAGS.items() if group == "emergency"]
REFER_FLAGS = [q for q, (group, _) in RED_FLAGS.items() if group == "refer"]


def threat_words_in(text):
    text = text.lower()
    return [w for w in THREAT_WORDS if w in text]


# ----------------------------------------------------------------------- the outcomes


def test_cleared_client_with_every_flag_answered_no_is_clear_and_plannable():
    s = screen(make_client())
    assert s.outcome is Outcome.CLEAR
    assert s.plannable
    assert s.positive_flags == s.unanswered == ()


def test_saddle_numbness_is_an_emergency_and_yields_no_plan():
    s = screen(make_client({"saddle_numbness": True}))
    assert s.outcome is Outcome.EMERGENCY
    assert not s.plannable
    assert s.message.startswith("Please go to hospital now: ")
    assert "numbness in the saddle" in s.message


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
def test_every_cauda_equina_flag_sends_the_client_to_hospital(flag):
    s = screen(make_client({flag: True}))
    assert s.outcome is Outcome.EMERGENCY
    assert s.message.startswith("Please go to hospital now: ")
    assert "emergency department" in s.message


@pytest.mark.parametrize("flag", REFER_FLAGS)
def test_every_serious_pathology_flag_refers_to_gp_or_physiotherapist(flag):
    s = screen(make_client({flag: True}))
    assert s.outcome is Outcome.REFER
    assert "GP or physiotherapist" in s.message


@pytest.mark.parametrize("flag", list(RED_FLAGS))
def test_every_red_flag_alone_stops_planning(flag):
    s = screen(make_client({flag: True}))
    assert not s.plannable
    assert s.positive_flags == (flag,)


@pytest.mark.parametrize("flag", list(RED_FLAGS))
def test_every_unanswered_question_alone_stops_planning(flag):
    s = screen(make_client({flag: None}))
    assert s.outcome is Outcome.INCOMPLETE
    assert not s.plannable
    assert s.unanswered == (flag,)
    assert flag in s.trainer_message


def test_a_question_missing_from_the_record_counts_as_unanswered():
    flags = dict(ALL_NO)
    del flags["night_or_rest_pain"]
    s = screen(make_client(red_flags=flags))
    assert s.outcome is Outcome.INCOMPLETE
    assert s.unanswered == ("night_or_rest_pain",)


def test_a_client_never_asked_anything_is_incomplete_with_every_question_listed():
    s = screen(make_client(red_flags={}))
    assert s.outcome is Outcome.INCOMPLETE
    assert s.unanswered == tuple(RED_FLAGS)


def test_emergency_outranks_a_referral():
    s = screen(make_client({"history_of_cancer": True, "bladder_bowel_change": True}))
    assert s.outcome is Outcome.EMERGENCY
    assert s.positive_flags == ("bladder_bowel_change", "history_of_cancer")
    assert "history_of_cancer" in s.trainer_message


def test_referral_with_no_clearance_reports_both_reasons():
    s = screen(make_client({"history_of_cancer": True}, clearance=Clearance()))
    assert s.outcome is Outcome.REFER
    assert "history_of_cancer" in s.trainer_message
    assert "No medical clearance is recorded" in s.trainer_message
    assert "confirm you can start training" in s.message


def test_referral_outranks_an_unanswered_question_but_both_are_reported():
    s = screen(make_client({"fever_or_unwell": True, "iv_drug_use": None}))
    assert s.outcome is Outcome.REFER
    assert s.unanswered == ("iv_drug_use",)
    assert "not answered" in s.trainer_message


def test_unanswered_question_outranks_missing_clearance():
    s = screen(make_client({"fever_or_unwell": None}, clearance=Clearance()))
    assert s.outcome is Outcome.INCOMPLETE
    assert "No medical clearance is recorded" in s.trainer_message


def test_no_clearance_recorded_needs_clearance():
    s = screen(make_client(clearance=Clearance()))
    assert s.outcome is Outcome.NEEDS_CLEARANCE
    assert not s.plannable
    assert "No medical clearance is recorded" in s.trainer_message


@pytest.mark.parametrize(("age", "side"), [(51, "over 50"), (19, "under 20")])
def test_new_onset_pain_outside_the_clearance_ages_says_which(age, side):
    s = screen(make_client(age=age, new_onset=True, clearance=Clearance()))
    assert s.outcome is Outcome.NEEDS_CLEARANCE
    assert f"age {age} ({side})" in s.trainer_message
    assert f"you are {side}" in s.message


@pytest.mark.parametrize("age", [20, 50])
def test_new_onset_pain_at_the_clearance_age_edges_is_not_an_age_reason(age):
    s = screen(make_client(age=age, new_onset=True, clearance=Clearance()))
    assert s.outcome is Outcome.NEEDS_CLEARANCE
    assert "New-onset" not in s.trainer_message


def test_new_onset_pain_over_fifty_with_clearance_recorded_is_clear():
    s = screen(make_client(age=62, new_onset=True))
    assert s.outcome is Outcome.CLEAR
    assert "clearance is recorded by Dr Okafor" in s.trainer_message


def test_clearance_recorded_as_not_given_still_needs_clearance():
    s = screen(make_client(clearance=Clearance(cleared=False, by="Dr Okafor")))
    assert s.outcome is Outcome.NEEDS_CLEARANCE
    assert "recorded as not given by Dr Okafor" in s.trainer_message


def test_clearance_age_follows_a_client_override():
    client = make_client(
        age=53, new_onset=True, clearance=Clearance(), overrides={"clearance_age_over": 55}
    )
    assert "New-onset" not in screen(client).trainer_message
    assert "New-onset" in screen(client, resolve()).trainer_message


def test_an_answer_that_is_not_yes_no_or_unasked_is_refused():
    with pytest.raises(ValueError, match="red-flag answer saddle_numbness must be True"):
        screen(make_client({"saddle_numbness": "no"}))


def test_an_unknown_red_flag_question_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown red-flag question 'sadle_numbness'"):
        screen(make_client({"sadle_numbness": True}))


def test_plannable_is_only_ever_true_for_a_clear_screening():
    with pytest.raises(ValueError):
        Screening(Outcome.REFER, "m", "t", plannable=True)
    with pytest.raises(ValueError):
        Screening(Outcome.CLEAR, "m", "t", plannable=False)


# ------------------------------------------------------------------------ free text


def test_notes_mentioning_weight_loss_force_the_weight_loss_question():
    assert scan_text("Some weight loss since spring") == {
        "unexplained_weight_loss": ["weight loss"]
    }


def test_numbness_forces_saddle_both_legs_and_progressive_deficit_questions():
    hits = scan_text("Numbness in the left foot")
    assert set(hits) == {"saddle_numbness", "bilateral_leg_symptoms", "progressive_neuro_deficit"}
    assert hits["saddle_numbness"] == ["Numbness"]


def test_tingling_forces_the_leg_and_progressive_deficit_questions():
    assert set(scan_text("tingling toes")) == {
        "bilateral_leg_symptoms",
        "progressive_neuro_deficit",
    }


@pytest.mark.parametrize(
    "text", ["difficulty urinating", "bladder feels odd", "Bowel habits changed", "incontinence"]
)
def test_bladder_and_bowel_words_force_the_bladder_bowel_question(text):
    assert list(scan_text(text)) == ["bladder_bowel_change"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("had a fever last week", "fever_or_unwell"),
        ("mother had cancer; so did I", "history_of_cancer"),
        ("a fall on the stairs", "significant_trauma"),
        ("keeps falling over", "significant_trauma"),
        ("car accident in May", "significant_trauma"),
        ("I fell on the ice", "significant_trauma"),
    ],
)
def test_each_term_forces_its_question(text, question):
    assert list(scan_text(text)) == [question]


@pytest.mark.parametrize(
    "text", ["my fellow walker", "a windfall", "the numbers are up", "walked 5 km, feeling good"]
)
def test_words_that_only_contain_a_term_do_not_match(text):
    assert scan_text(text) == {}


def test_numbed_and_numbing_match_but_number_does_not():
    assert scan_text("a number of numbing, numbed toes")["saddle_numbness"] == [
        "numbing",
        "numbed",
    ]


def test_weight_loss_matches_across_a_hyphen_or_line_break():
    assert "unexplained_weight_loss" in scan_text("weight-loss")
    assert "unexplained_weight_loss" in scan_text("some weight\nloss")


def test_text_matching_ignores_case_and_keeps_the_words_as_written_once_each():
    assert scan_text("NUMB feet, numb hands, Numbness")["saddle_numbness"] == ["NUMB", "Numbness"]


def test_a_negation_still_forces_the_question():
    assert "saddle_numbness" in scan_text("no numbness at all")


def test_symptom_diary_forces_an_unanswered_question_and_blocks_the_plan():
    s = screen(make_client({"fever_or_unwell": None}, symptom_diary="Mon: fever, stayed home"))
    assert s.outcome is Outcome.INCOMPLETE
    assert s.forced_by_text == {"fever_or_unwell": ("fever",)}
    assert "Symptom diary mentions 'fever'" in s.trainer_message
    # the question the text forced is asked first
    assert s.trainer_message.index("fever_or_unwell") < s.trainer_message.index("Symptom diary")


def test_text_never_clears_a_client():
    reassuring = "No numbness, no tingling, no weight loss, no fever, no cancer. All clear!"
    for flags in ({"saddle_numbness": None}, {"saddle_numbness": True}):
        s = screen(make_client(flags, notes=reassuring))
        assert not s.plannable


def test_words_that_contradict_a_no_withhold_the_plan_until_the_trainer_confirms_it():
    s = screen(make_client(notes="fell off the bike on Sunday"))
    assert s.outcome is Outcome.RECHECK and not s.plannable
    assert s.forced_by_text == {"significant_trauma": ("fell",)}
    assert s.contradicted == {"significant_trauma": ("fell",)}
    assert "'fell'" in s.trainer_message and RED_FLAGS["significant_trauma"][1] in s.trainer_message
    confirmed = screen(
        make_client(
            notes="fell off the bike on Sunday", confirmed_no={"significant_trauma": ("fell",)}
        )
    )
    assert confirmed.outcome is Outcome.CLEAR
    assert "check the answer still holds" in confirmed.trainer_message
    # new words ask again
    again = screen(
        make_client(
            notes="fell off the bike on Sunday; car accident in May",
            confirmed_no={"significant_trauma": ("fell",)},
        )
    )
    assert again.outcome is Outcome.RECHECK
    assert again.contradicted == {"significant_trauma": ("car accident",)}


def test_negated_words_under_a_no_do_not_withhold_the_plan():
    s = screen(make_client(notes="No numbness, denies bladder change, never had cancer."))
    assert s.outcome is Outcome.CLEAR
    assert s.contradicted == {}


# ------------------------------------------------------------------------- properties


@given(clients_with_a_red_flag())
def test_any_client_with_a_red_flag_is_never_plannable(client):
    s = screen(client)
    assert not s.plannable
    assert s.outcome in (Outcome.EMERGENCY, Outcome.REFER)


@given(any_clients())
def test_any_client_with_an_unanswered_question_is_never_plannable(client):
    s = screen(client)
    if any(client.red_flags.get(q) is None for q in RED_FLAGS):
        assert not s.plannable


@given(any_clients(), free_text)
def test_adding_text_never_makes_a_client_plannable(client, text):
    without = screen(dataclasses.replace(client, notes="", symptom_diary=""))
    with_text = screen(dataclasses.replace(client, notes=text))
    assert with_text.plannable <= without.plannable


@given(any_clients())
def test_screening_is_plannable_exactly_when_clear(client):
    s = screen(client)
    assert s.plannable == (s.outcome is Outcome.CLEAR)
    affirmed = {**affirmed_text(client.notes), **affirmed_text(client.symptom_diary)}
    expected_clear = (
        all(client.red_flags.get(q) is False for q in RED_FLAGS)
        and client.clearance.cleared
        and not affirmed
    )
    assert s.plannable == expected_clear


@given(any_clients())
def test_messages_contain_no_threat_words(client):
    s = screen(client)
    assert threat_words_in(s.message) == []
    assert threat_words_in(s.trainer_message) == []


@pytest.mark.parametrize(
    "client",
    [
        make_client(),
        make_client({"bladder_bowel_change": True, "saddle_numbness": True}),
        make_client({q: True for q in RED_FLAGS}),
        make_client(red_flags={}, notes="numbness, fever, fell, weight loss, cancer"),
        make_client(age=70, new_onset=True, clearance=Clearance()),
        make_client(age=16, new_onset=True, clearance=Clearance(cleared=False, by="Dr X")),
    ],
)
def test_client_messages_for_every_outcome_contain_no_threat_words(client):
    s = screen(client)
    assert threat_words_in(s.message) == []
    assert threat_words_in(s.trainer_message) == []


# ---------------------------------------------------------------------------- modes


def start_back(agree=(), item9=0):
    return tuple(1 if i in agree else 0 for i in range(1, 9)) + (item9,)


def test_no_instruments_means_no_mode_and_says_so():
    m = modes(make_client())
    assert m == Modes(None, False, False, m.reasons)
    assert "STarT Back not done: risk group unknown." in m.reasons


def test_start_back_high_risk_sets_graded_exposure_and_the_lower_start_ceiling():
    m = modes(make_client(instruments=Instruments(start_back=start_back(agree={5, 6, 7, 8}))))
    assert (m.start_back_group, m.start_high, m.graded_exposure) == ("high", True, True)
    assert "starting ceiling x 0.7" in m.reasons[0]


def test_start_back_medium_risk_alone_sets_no_mode():
    m = modes(make_client(instruments=Instruments(start_back=start_back(agree={1, 2, 3, 4}))))
    assert (m.start_back_group, m.start_high, m.graded_exposure) == ("medium", False, False)


def test_fabq_pa_above_fourteen_sets_graded_exposure():
    m = modes(make_client(instruments=Instruments(fabq_pa=(6, 6, 6, 0))))
    assert m.graded_exposure and not m.start_high
    assert "FABQ-PA 18 > 14: graded-exposure mode." in m.reasons


def test_fabq_pa_fourteen_sets_no_graded_exposure():
    m = modes(make_client(instruments=Instruments(fabq_pa=(4, 4, 3, 3))))
    assert not m.graded_exposure
    assert "FABQ-PA 14 <= 14: no graded exposure for fear-avoidance." in m.reasons


def test_tsk_above_thirty_seven_sets_graded_exposure():
    m = modes(make_client(instruments=Instruments(tsk17=(2,) * 16 + (4,))))
    # plain items 1-16 (12 of them) x 2 + item 17 = 4 -> 28; reversed 4, 8, 12, 16: 4 x (5 - 2) = 12
    assert "TSK-17 40 > 37: graded-exposure mode." in m.reasons
    assert m.graded_exposure


def test_fear_cut_points_follow_a_client_override():
    client = make_client(
        instruments=Instruments(fabq_pa=(6, 6, 6, 0)), overrides={"fabq_pa_elevated": 20}
    )
    assert not modes(client).graded_exposure
    assert modes(client, resolve()).graded_exposure


@given(
    st.lists(st.integers(0, 1), min_size=8, max_size=8),
    st.integers(0, 4),
    st.lists(st.integers(0, 6), min_size=4, max_size=4),
    st.lists(st.integers(1, 4), min_size=17, max_size=17),
)
def test_graded_exposure_is_exactly_start_high_or_high_fear(items, item9, fabq, tsk):
    client = make_client(
        instruments=Instruments(start_back=(*items, item9), fabq_pa=tuple(fabq), tsk17=tuple(tsk))
    )
    m = modes(client)
    high_fear = sum(fabq) > 14 or score_tsk17(tuple(tsk)).total > 37
    assert m.start_high == (m.start_back_group == "high")
    assert m.graded_exposure == (m.start_high or high_fear)
    assert m.graded_exposure == ("graded-exposure mode" in " ".join(m.reasons))
