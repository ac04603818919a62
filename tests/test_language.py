"""Words matter (domain.md §7): threat words are found, gentler phrasing is offered."""

from hypothesis import given
from hypothesis import strategies as st

from workbench.language import THREAT_WORDS, find_threat_words, suggest


def test_finds_unstable_and_wear_and_tear():
    text = "Your back is unstable and the scan shows wear and tear."
    findings = find_threat_words(text)
    assert [f.word for f in findings] == ["unstable", "wear and tear"]
    assert all(text[f.start : f.end] == f.word for f in findings)
    assert findings[1].suggestion == THREAT_WORDS["wear and tear"]


def test_does_not_flag_stable_or_words_that_merely_contain_a_threat_word():
    assert (
        find_threat_words("Keep the pelvis stable; nothing here is undamaged or damageable.") == []
    )


def test_matching_ignores_case_and_accepts_hyphens_and_extra_spaces():
    text = "SLIPPED  DISC, Wear-and-Tear, a blow-out, Degenerative change"
    words = [f.word for f in find_threat_words(text)]
    assert words == ["SLIPPED  DISC", "Wear-and-Tear", "blow-out", "Degenerative"]


def test_reassuring_negation_is_not_flagged():
    # domain.md §7 recommends "sensitive, not damaged" itself
    assert find_threat_words("Your back is sensitive, not damaged. There is no damage.") == []


def test_every_suggestion_is_free_of_threat_words():
    for phrase, suggestion in THREAT_WORDS.items():
        assert find_threat_words(suggestion) == [], phrase


def test_suggest_rewrites_and_capitalises_at_the_start_of_a_sentence():
    assert suggest("Fragile discs. Your spine is unstable.") == (
        "Sensitive for now, and strong discs. Your spine is still building strength and control."
    )
    assert suggest("Nothing to change here.") == "Nothing to change here."


@given(
    st.lists(
        st.sampled_from([*THREAT_WORDS, "the", "back", "is", "stable", "and", "moves", "well"]),
        max_size=12,
    ),
    st.sampled_from([" ", ". ", ", ", "\n"]),
)
def test_suggested_text_never_contains_a_threat_word(words, separator):
    text = separator.join(words)
    assert find_threat_words(suggest(text)) == []
