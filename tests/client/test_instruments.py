"""Instrument scoring and important change (workbench.client.instruments; domain.md §2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.client.instruments import (
    INSTRUMENT_CUT_POINTS,
    PROPOSED_DEFAULTS,
    THRESHOLDS,
    Score,
    change,
    score_all,
    score_fabq_pa,
    score_odi,
    score_pain,
    score_psfs,
    score_rmdq,
    score_start_back,
    score_tsk17,
)
from workbench.defaults import DEFAULTS, resolve
from workbench.domain import Instruments
from workbench.language import THREAT_WORDS


def start_back(agree=(), item9=0):
    """STarT Back answers with the listed items 1-8 agreed and item 9 answered ``item9``."""
    return tuple(1 if i in agree else 0 for i in range(1, 9)) + (item9,)


# ----------------------------------------------------------------------- the table


def test_every_threshold_has_a_value_and_a_source():
    for name, rule in THRESHOLDS.items():
        assert rule.source, name
        assert rule.low <= rule.value <= rule.high, name


def test_fear_thresholds_are_the_defaults_table_itself():
    assert THRESHOLDS["fabq_pa_elevated"] is DEFAULTS["fabq_pa_elevated"]
    assert THRESHOLDS["tsk_high"] is DEFAULTS["tsk_high"]


def test_published_cut_points_cannot_be_overridden():
    for rule in INSTRUMENT_CUT_POINTS.values():
        assert rule.low == rule.value == rule.high


def test_every_instrument_threshold_lives_in_the_one_defaults_table():
    assert PROPOSED_DEFAULTS
    for name, rule in THRESHOLDS.items():
        assert DEFAULTS[name] is rule


# ----------------------------------------------------------------------------- pain


def test_pain_rating_is_its_own_score():
    assert score_pain(7).total == 7


@pytest.mark.parametrize("bad", [-1, 11, 2.5, "3", None])
def test_pain_rating_outside_zero_to_ten_is_refused_with_the_range(bad):
    with pytest.raises(ValueError, match=r"pain rating must be a whole number 0-10"):
        score_pain(bad)


# ----------------------------------------------------------------------- STarT Back


def test_start_back_total_three_is_low_risk():
    s = score_start_back(start_back(agree={1, 2, 3}))
    assert (s.total, s.band) == (3, "low")


def test_start_back_total_four_with_low_subscale_is_medium_risk():
    s = score_start_back(start_back(agree={1, 2, 3, 4}))
    assert (s.total, s.detail["subscale"], s.band) == (4, 0, "medium")


def test_start_back_subscale_three_is_medium_risk():
    s = score_start_back(start_back(agree={1, 5, 6, 7}))
    assert (s.total, s.detail["subscale"], s.band) == (4, 3, "medium")


def test_start_back_subscale_four_is_high_risk():
    s = score_start_back(start_back(agree={5, 6, 7, 8}))
    assert (s.total, s.detail["subscale"], s.band) == (4, 4, "high")


def test_start_back_item_nine_answer_two_does_not_score():
    s = score_start_back(start_back(agree={5, 6, 7}, item9=2))
    assert (s.total, s.detail["subscale"], s.detail["item9_scored"], s.band) == (3, 3, 0, "low")


def test_start_back_item_nine_answer_three_scores_and_tips_the_client_into_high_risk():
    s = score_start_back(start_back(agree={5, 6, 7}, item9=3))
    assert (s.total, s.detail["subscale"], s.detail["item9_scored"], s.band) == (4, 4, 1, "high")


def test_start_back_item_nine_answer_four_scores_one():
    assert score_start_back(start_back(item9=4)).total == 1


def test_start_back_all_agreed_is_nine():
    assert score_start_back(start_back(agree=set(range(1, 9)), item9=4)).total == 9


@pytest.mark.parametrize(
    ("answers", "match"),
    [
        ((0,) * 8 + (5,), r"STarT Back item 9 must be a whole number 0-4, got 5"),
        ((0, 2) + (0,) * 7, r"STarT Back item 2 must be a whole number 0-1, got 2"),
        ((0,) * 8, r"STarT Back needs 9 item answers"),
    ],
)
def test_start_back_bad_answer_names_the_item_and_range(answers, match):
    with pytest.raises(ValueError, match=match):
        score_start_back(answers)


@given(
    st.lists(st.integers(0, 1), min_size=8, max_size=8),
    st.integers(0, 4),
)
def test_start_back_total_is_always_zero_to_nine_and_subscale_at_most_total(items, item9):
    s = score_start_back((*items, item9))
    sub = s.detail["subscale"]
    assert 0 <= sub <= s.total <= 9
    assert sub <= 5
    expected = "low" if s.total <= 3 else ("high" if sub >= 4 else "medium")
    assert s.band == expected


# ---------------------------------------------------------------------------- ODI


def test_odi_all_sections_two_is_forty_percent_moderate():
    s = score_odi((2,) * 10)
    assert (s.total, s.band) == (40.0, "moderate")


def test_odi_with_unanswered_sections_divides_by_answered_sections_only():
    s = score_odi((3,) * 8 + (None, None))
    assert s.total == pytest.approx(24 / 40 * 100)
    assert s.band == "severe"
    assert s.detail["answered"] == 8
    assert s.detail["unanswered_sections"] == (9, 10)
    assert s.detail["reliable"] is True
    assert s.notes == ()


def test_odi_with_fewer_than_eight_sections_is_flagged_less_reliable():
    s = score_odi((3,) * 7 + (None,) * 3)
    assert s.total == pytest.approx(60.0)
    assert s.detail["reliable"] is False
    assert "less reliable" in s.notes[0]


def test_odi_minimum_sections_follows_params():
    s = score_odi((3,) * 8 + (None, None), {"odi_min_answered_sections": 9.0})
    assert s.detail["reliable"] is False


@pytest.mark.parametrize(
    ("sections", "band"),
    [
        ((2,) * 5 + (0,) * 5, "minimal"),  # 20 %
        ((2,) * 5 + (1,) + (0,) * 4, "moderate"),  # 22 %
        ((4,) * 5 + (0,) * 5, "moderate"),  # 40 %
        ((4,) * 5 + (1,) + (0,) * 4, "severe"),  # 42 %
        ((3,) * 10, "severe"),  # 60 %
        ((4,) * 10, "crippled"),  # 80 %
        ((4,) * 9 + (5,), "bed-bound"),  # 82 %
    ],
)
def test_odi_bands_at_their_edges(sections, band):
    assert score_odi(sections).band == band


def test_odi_crippled_band_has_a_gentler_name_for_the_client():
    s = score_odi((4,) * 10)
    assert s.band == "crippled"
    assert s.client_band == "very high limitation in daily life"


@pytest.mark.parametrize("sections", [(0,) * 10, (2,) * 10, (3,) * 10, (4,) * 10, (5,) * 10])
def test_odi_client_bands_hold_no_threat_words_nor_clinical_labels(sections):
    text = score_odi(sections).client_band.lower()
    assert not [w for w in THREAT_WORDS if w in text]
    assert "crippled" not in text and "bed-bound" not in text


def test_odi_with_no_answered_section_is_refused():
    with pytest.raises(ValueError, match="no answered section"):
        score_odi((None,) * 10)


def test_odi_section_out_of_range_names_the_section():
    with pytest.raises(ValueError, match=r"ODI section 4 must be a whole number 0-5, got 6"):
        score_odi((0, 0, 0, 6) + (0,) * 6)


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10))
def test_odi_is_always_zero_to_one_hundred(sections):
    if all(s is None for s in sections):
        return
    s = score_odi(tuple(sections))
    assert 0.0 <= s.total <= 100.0
    assert s.detail["reliable"] == (s.detail["answered"] >= 8)


# --------------------------------------------------------------------------- RMDQ


def test_rmdq_counts_ticked_items():
    assert score_rmdq((1,) * 10 + (0,) * 14).total == 10


@pytest.mark.parametrize(("ticked", "reliable"), [(3, False), (4, True), (20, True), (21, False)])
def test_rmdq_is_unreliable_below_four_or_above_twenty(ticked, reliable):
    s = score_rmdq((1,) * ticked + (0,) * (24 - ticked))
    assert s.detail["reliable"] is reliable
    assert bool(s.notes) is not reliable


def test_rmdq_item_out_of_range_names_the_item():
    with pytest.raises(ValueError, match=r"RMDQ item 24 must be a whole number 0-1, got 2"):
        score_rmdq((0,) * 23 + (2,))


# --------------------------------------------------------------------------- PSFS


def test_psfs_is_the_mean_of_the_activities():
    s = score_psfs((("lifting the grandchild", 3), ("gardening", 5), ("walking the dog", 7)))
    assert s.total == pytest.approx(5.0)
    assert s.detail["activities"][0] == ("lifting the grandchild", 3)


@pytest.mark.parametrize("n", [2, 6])
def test_psfs_needs_three_to_five_activities(n):
    with pytest.raises(ValueError, match=r"PSFS needs 3-5 activities"):
        score_psfs(tuple((f"activity {i}", 5) for i in range(n)))


def test_psfs_rating_out_of_range_names_the_activity():
    with pytest.raises(ValueError, match=r"PSFS activity 2 \(gardening\) must be .* 0-10, got 11"):
        score_psfs((("walking", 5), ("gardening", 11), ("sitting", 4)))


def test_psfs_activity_needs_a_name():
    with pytest.raises(ValueError, match=r"PSFS activity 3 needs a name"):
        score_psfs((("walking", 5), ("gardening", 1), ("  ", 4)))


# ------------------------------------------------------------------------- FABQ-PA


def test_fabq_pa_fourteen_is_not_elevated():
    s = score_fabq_pa((4, 4, 3, 3))
    assert (s.total, s.band) == (14, "not elevated")


def test_fabq_pa_fifteen_is_elevated():
    s = score_fabq_pa((4, 4, 4, 3))
    assert (s.total, s.band) == (15, "elevated")


def test_fabq_pa_cut_follows_a_client_override():
    s = score_fabq_pa((4, 4, 4, 3), resolve({"fabq_pa_elevated": 16}))
    assert s.band == "not elevated"


def test_fabq_pa_item_is_named_by_its_fabq_number():
    with pytest.raises(ValueError, match=r"FABQ-PA item 5 \(FABQ item 5\) must be .* 0-6, got 7"):
        score_fabq_pa((0, 0, 0, 7))


# -------------------------------------------------------------------------- TSK-17


def test_tsk_reverses_items_four_eight_twelve_and_sixteen():
    # all answers 1: 13 plain items x 1 + 4 reversed items x (5 - 1) = 29
    assert score_tsk17((1,) * 17).total == 29
    # all answers 4: 13 x 4 + 4 x 1 = 56
    assert score_tsk17((4,) * 17).total == 56


def test_tsk_reversed_item_lowers_the_total_when_answered_higher():
    base = [2] * 17
    higher_on_item_8 = list(base)
    higher_on_item_8[7] = 4
    assert score_tsk17(tuple(higher_on_item_8)).total == score_tsk17(tuple(base)).total - 2


@pytest.mark.parametrize(("total", "band"), [(37, "not high"), (38, "high")])
def test_tsk_above_thirty_seven_is_high(total, band):
    # 17 items, reversed items answered 4 (score 1): raise plain items until the total fits
    answers = [4 if i in (4, 8, 12, 16) else 1 for i in range(1, 18)]
    plain = [i for i in range(17) if i + 1 not in (4, 8, 12, 16)]
    extra = total - 17
    for i in plain:
        step = min(3, extra)
        answers[i] += step
        extra -= step
    s = score_tsk17(tuple(answers))
    assert (s.total, s.band) == (total, band)


def test_tsk_answer_zero_is_refused_with_the_range():
    with pytest.raises(ValueError, match=r"TSK-17 item 3 must be a whole number 1-4, got 0"):
        score_tsk17((1, 1, 0) + (1,) * 14)


@given(st.lists(st.integers(1, 4), min_size=17, max_size=17))
def test_tsk_total_is_always_seventeen_to_sixty_eight(answers):
    assert 17 <= score_tsk17(tuple(answers)).total <= 68


# ----------------------------------------------------------------------- score_all


def test_score_all_scores_only_what_was_done():
    scores = score_all(Instruments(start_back=start_back(agree={1}), fabq_pa=(1, 2, 3, 4)))
    assert set(scores) == {"start_back", "fabq_pa"}
    assert all(isinstance(s, Score) for s in scores.values())
    assert scores["fabq_pa"].total == 10


def test_score_all_of_nothing_is_empty():
    assert score_all(Instruments()) == {}


def test_score_all_passes_a_bad_item_through_as_a_named_error():
    with pytest.raises(ValueError, match="TSK-17 item 1"):
        score_all(Instruments(tsk17=(9,) * 17))


# -------------------------------------------------------------------- important change


@pytest.mark.parametrize(
    ("instrument", "before", "after", "direction"),
    [
        # pain: 2 points or 30 % of baseline; lower is better
        ("pain", 6, 4, "improved"),
        ("pain", 4, 6, "worse"),
        ("pain", 8, 7, "no important change"),  # 1 < min(2, 2.4)
        ("pain", 3, 2, "improved"),  # 1 >= 30 % of 3 = 0.9: the relative rule
        ("pain", 0, 1, "no important change"),  # no relative rule from a baseline of 0
        ("pain", 0, 2, "worse"),
        # ODI: 10 points or 30 %; lower is better
        ("odi", 50, 42, "no important change"),  # 8 < min(10, 15)
        ("odi", 50, 40, "improved"),
        ("odi", 20, 14, "improved"),  # 6 >= 30 % of 20 (float: 6.000000000000001)
        ("odi", 20, 15, "no important change"),
        ("odi", 40, 52, "worse"),
        # RMDQ: 5 points or 30 %; lower is better
        ("rmdq", 20, 15, "improved"),
        ("rmdq", 20, 16, "no important change"),  # 4 < min(5, 6)
        ("rmdq", 10, 13, "worse"),  # 3 >= 30 % of 10
        ("rmdq", 12, 15, "no important change"),  # 3 < 30 % of 12 = 3.6
        # PSFS: 2 points of the mean; higher is better
        ("psfs", 4, 6, "improved"),
        ("psfs", 6, 4, "worse"),
        ("psfs", 4, 5.5, "no important change"),
        ("psfs", 1, 2, "no important change"),  # no relative rule for PSFS
    ],
)
def test_important_change_direction_and_threshold(instrument, before, after, direction):
    c = change(instrument, before, after)
    assert c.direction == direction
    assert c.amount == pytest.approx(after - before)


def test_change_threshold_is_the_smaller_of_the_absolute_and_relative_rules():
    assert change("pain", 6, 6).threshold == pytest.approx(1.8)
    assert change("pain", 9, 9).threshold == pytest.approx(2.0)
    assert change("odi", 60, 60).threshold == pytest.approx(10.0)
    assert change("psfs", 9, 9).threshold == pytest.approx(2.0)


def test_higher_odi_is_worse_and_higher_psfs_is_better():
    assert change("odi", 30, 50).direction == "worse"
    assert change("psfs", 3, 8).direction == "improved"


def test_change_accepts_scores():
    before, after = score_odi((3,) * 10), score_odi((1,) * 10)
    assert change("odi", before, after).direction == "improved"


def test_change_refuses_a_score_of_another_instrument():
    with pytest.raises(ValueError, match="is a score of odi, not of rmdq"):
        change("rmdq", score_odi((3,) * 10), 4)


def test_change_refuses_an_instrument_without_a_threshold():
    with pytest.raises(ValueError, match="no important-change threshold for 'tsk17'"):
        change("tsk17", 40, 30)


def test_change_refuses_a_value_outside_the_scale():
    with pytest.raises(ValueError, match=r"after pain score must be 0-10, got 11"):
        change("pain", 5, 11)


def test_change_thresholds_follow_params():
    assert change("pain", 9, 8, {"pain_important_change_points": 1.0}).direction == "improved"


@given(
    st.sampled_from(["pain", "odi", "rmdq", "psfs"]),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_a_change_is_never_called_an_improvement_when_the_score_moved_the_wrong_way(
    instrument, a, b
):
    top = {"pain": 10, "odi": 100, "rmdq": 24, "psfs": 10}[instrument]
    before, after = a * top, b * top
    c = change(instrument, before, after)
    got_better = after > before if instrument == "psfs" else after < before
    if before == after:
        assert c.direction == "no important change"
    elif c.direction == "improved":
        assert got_better
    elif c.direction == "worse":
        assert not got_better
    if c.direction != "no important change":
        assert abs(c.amount) >= c.threshold - 1e-9
