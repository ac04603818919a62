"""Red-flag words in free text: which red-flag questions the notes or a symptom diary force.

:func:`scan_text` reads free text (notes, a symptom diary) for words that force a red-flag
question (domain.md §1, §7). Text can only add questions, never clear a client: a negation
("no numbness") still forces the question. :func:`workbench.client.screening.screen` asks
every forced question before a client can be planned; the assessment form shows the hits
as the trainer types.
"""

from __future__ import annotations

import re

from workbench.domain import RED_FLAGS

#: Terms searched in free text -> the red-flag questions a hit forces [7]. Each term
#: matches at the start of a word, case-insensitively, as a prefix ("numb" finds
#: "numbness", "Numbed"), except ``fell``, which matches only the whole word, and the
#: words in :data:`TEXT_EXCLUSIONS`.
#:
#: ``fell`` is added to the domain list because "fall" as a prefix misses its own past
#: tense, and "I fell on the ice" is the commonest way a diary reports a fall. It is a
#: whole word so that "fellow" does not match; "fell asleep" still does, which costs
#: one question the trainer must ask anyway (every red-flag question must be answered).
TEXT_TERMS: dict[str, tuple[str, ...]] = {
    "weight loss": ("unexplained_weight_loss",),
    "numb": ("saddle_numbness", "bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "tingl": ("bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "urinat": ("bladder_bowel_change",),
    "bladder": ("bladder_bowel_change",),
    "bowel": ("bladder_bowel_change",),
    "incontinen": ("bladder_bowel_change",),
    "fever": ("fever_or_unwell",),
    "cancer": ("history_of_cancer",),
    "fall": ("significant_trauma",),
    "fell": ("significant_trauma",),
    "accident": ("significant_trauma",),
}

_WHOLE_WORD_TERMS = frozenset({"fell"})

#: Words a term's prefix would match that never describe a symptom: term -> word prefixes
#: to skip. "number" is frequent in notes ("a number of sessions") and would otherwise
#: raise three numbness questions each time; noise of that kind teaches trainers to
#: skim past the text warnings that matter.
TEXT_EXCLUSIONS: dict[str, tuple[str, ...]] = {"numb": ("number",)}


def _pattern(term: str) -> re.Pattern[str]:
    body = r"[\s-]+".join(re.escape(w) for w in term.split())
    tail = r"\b" if term in _WHOLE_WORD_TERMS else r"\w*"
    return re.compile(rf"\b{body}{tail}", re.IGNORECASE)


_PATTERNS: dict[str, re.Pattern[str]] = {t: _pattern(t) for t in TEXT_TERMS}


def scan_text(text: str) -> dict[str, list[str]]:
    """Red-flag questions that free text forces, with the words that forced them.

    Parameters
    ----------
    text : str
        Notes or a symptom diary, any length.

    Returns
    -------
    dict[str, list[str]]
        Question id (a key of :data:`~workbench.domain.RED_FLAGS`) -> the matched words as
        written, first occurrence first, without repeats. Questions in
        :data:`~workbench.domain.RED_FLAGS` order; no entry for a question nothing forced.
        Negations ("no numbness") still match: text never clears a question.
    """
    if not isinstance(text, str):
        raise ValueError(f"text to scan must be a string, got {type(text).__name__}")
    found: dict[str, list[tuple[int, str]]] = {}
    for term, questions in TEXT_TERMS.items():
        skip = TEXT_EXCLUSIONS.get(term, ())
        for m in _PATTERNS[term].finditer(text):
            if m.group(0).lower().startswith(skip):
                continue
            for q in questions:
                found.setdefault(q, []).append((m.start(), m.group(0)))
    out: dict[str, list[str]] = {}
    for q in RED_FLAGS:
        if q in found:
            words: list[str] = []
            for _, w in sorted(found[q]):
                if w.lower() not in (x.lower() for x in words):
                    words.append(w)
            out[q] = words
    return out
