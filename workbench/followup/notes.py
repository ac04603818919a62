"""Red-flag words and new leg symptoms in a session log's notes (domain.md §1, §5).

The notes are scanned with the client file's negation-aware scan
(:func:`workbench.client.free_text.affirmed_text`: "no numbness" raises nothing), plus the
leg-symptom words of domain.md §5 a session diary uses ("pain spreading down the leg",
"shooting down my leg", "new numbness", "weakness in my leg", "foot drop"), which raise the
neurological red-flag questions. Any hit suspends the plan until the questions are
answered again.
"""

from __future__ import annotations

from workbench.client.free_text import TEXT_EXCLUSIONS, find_mentions, words_by_key
from workbench.client.free_text import TEXT_TERMS as RED_FLAG_TERMS
from workbench.domain import RED_FLAGS
from workbench.records.models import SessionLog

_NEURO = ("progressive_neuro_deficit",)
_LEG = ("bilateral_leg_symptoms", "progressive_neuro_deficit")

#: New leg symptoms in a session's notes -> the red-flag questions they raise (domain.md §5).
LEG_TERMS: dict[str, tuple[str, ...]] = {
    "down my leg*": _NEURO,
    "down the leg*": _NEURO,
    "down both legs": _LEG,
    "into my leg*": _NEURO,
    "into the leg*": _NEURO,
    "spreading down*": _NEURO,
    "shooting down*": _NEURO,
    "shooting pain*": _NEURO,
    "radiating*": _NEURO,
    "sciatica": _NEURO,
    "new numbness": ("saddle_numbness", *_LEG),
    "weakness in my leg*": _NEURO,
    "weak leg*": _NEURO,
    "leg weakness": _NEURO,
    "leg gave way": _LEG,
    "foot drop": _NEURO,
    "dragging my foot": _NEURO,
}

_TERMS = {**RED_FLAG_TERMS, **LEG_TERMS}


def log_flags(log: SessionLog) -> dict[str, list[str]]:
    """Red-flag questions the log's notes affirm.

    Parameters
    ----------
    log : SessionLog

    Returns
    -------
    dict[str, list[str]]
        Question key (of :data:`~workbench.domain.RED_FLAGS`) -> the client's words that
        raise it, first occurrence first, in RED_FLAGS order; empty when nothing does.
        Negated words ("no numbness", "didn't shoot down my leg") raise nothing.
    """
    if not log.notes.strip():
        return {}
    mentions = find_mentions(log.notes, _TERMS, exclusions=TEXT_EXCLUSIONS)
    return words_by_key(mentions, RED_FLAGS, affirmed_only=True)
