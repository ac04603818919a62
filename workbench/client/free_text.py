"""Words in free text: which questions the client's own words raise, and which they affirm.

:func:`find_mentions` is the generic scan: any text, any term table (term -> the question
ids it raises), each hit marked *negated* when a negation cue stands close before it in the
same clause ("no numbness", "never had cancer", "doesn't tingle"). The red-flag table is
:data:`TEXT_TERMS` (domain.md §1); the precautions' table is in
:mod:`workbench.client.text_terms` (§8); the follow-up loop reuses the scan on session notes.

Two readings of one scan (domain.md §1, §8):

- :func:`scan_text`: every question a text *raises*, negated or not. An unanswered question
  the text raises must be asked; text can never clear a client.
- :func:`affirmed_text`: only the mentions no negation cue reaches. A "no" that such words
  contradict is asked again before any plan (:func:`workbench.client.screening.screen`).

Negation is read as NegEx does [1]: a cue (:data:`NEGATION_CUES`, or any word ending in
"n't") within ``negation_window_words`` words before the term, with no clause boundary
between them (:data:`CLAUSE_BREAK`: punctuation, or "but", "however", "although", ...). So
"no numbness but tingling in both legs" negates the numbness only. A cue after the term
("cancer ruled out") is not read: such words count as affirmed, which errs on the side of
asking again.

References
----------
[1] Chapman W.W. et al. (2001) A simple algorithm for identifying negated findings and
    diseases in discharge summaries. J Biomed Inform 34:301-310 (NegEx).
[2] domain.md §1 (red flags and the free-text scan), §8 (precautions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from workbench.defaults import DEFAULTS
from workbench.domain import RED_FLAGS

#: Terms searched in free text -> the red-flag questions a hit raises [2]. A term's words
#: match whole words, case-insensitively, across spaces, hyphens or a line break; a
#: trailing ``*`` makes the last word a prefix ("numb*" finds "numbness", "Numbed"); an
#: apostrophe matches ' or ’ or none ("can't" finds "cant"). The domain list (weight
#: loss, numb, tingl, urinat, bladder, bowel, incontinen, fever, cancer, fall, accident)
#: is widened to the words clients use for the same themes. Words a prefix would match
#: that never describe a symptom are in :data:`TEXT_EXCLUSIONS`.
#:
#: ``fell`` is there because "fall" as a prefix misses its own past tense, and "I fell on
#: the ice" is the commonest way a diary reports a fall; "fell asleep" still matches,
#: which costs one question the trainer must ask anyway.
TEXT_TERMS: dict[str, tuple[str, ...]] = {
    # cauda equina (emergency)
    "urinat*": ("bladder_bowel_change",),
    "bladder*": ("bladder_bowel_change",),
    "bowel*": ("bladder_bowel_change",),
    "incontinen*": ("bladder_bowel_change",),
    "passing water": ("bladder_bowel_change",),
    "peeing": ("bladder_bowel_change",),
    "wet myself": ("bladder_bowel_change",),
    "catheter*": ("bladder_bowel_change",),
    "numb*": ("saddle_numbness", "bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "can't feel": ("saddle_numbness", "bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "saddle area": ("saddle_numbness",),
    "genital*": ("saddle_numbness",),
    "tingl*": ("bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "pins and needles": ("bilateral_leg_symptoms", "progressive_neuro_deficit"),
    "both legs": ("bilateral_leg_symptoms",),
    "both feet": ("bilateral_leg_symptoms",),
    "legs give way": ("bilateral_leg_symptoms",),
    "legs giving way": ("bilateral_leg_symptoms",),
    "erectile": ("sexual_dysfunction",),
    "impoten*": ("sexual_dysfunction",),
    # serious pathology (refer)
    "cancer*": ("history_of_cancer",),
    "tumour*": ("history_of_cancer",),
    "tumor*": ("history_of_cancer",),
    "chemo*": ("history_of_cancer",),
    "radiotherap*": ("history_of_cancer",),
    "oncolog*": ("history_of_cancer",),
    "malignan*": ("history_of_cancer",),
    "metasta*": ("history_of_cancer",),
    "lymphoma*": ("history_of_cancer",),
    "leukaemia": ("history_of_cancer",),
    "leukemia": ("history_of_cancer",),
    "myeloma": ("history_of_cancer",),
    "weight loss": ("unexplained_weight_loss",),
    "lost weight": ("unexplained_weight_loss",),
    "losing weight": ("unexplained_weight_loss",),
    "fever*": ("fever_or_unwell",),
    "night sweat*": ("fever_or_unwell",),
    "chills": ("fever_or_unwell",),
    "unwell": ("fever_or_unwell",),
    "iv drug*": ("iv_drug_use",),
    "intravenous drug*": ("iv_drug_use",),
    "inject drugs": ("iv_drug_use",),
    "heroin": ("iv_drug_use",),
    "steroid*": ("immunosuppression",),
    "prednisolon*": ("immunosuppression",),
    "prednison*": ("immunosuppression",),
    "immunosuppress*": ("immunosuppression",),
    "methotrexate": ("immunosuppression",),
    "transplant*": ("immunosuppression",),
    "fall*": ("significant_trauma",),
    "fell": ("significant_trauma",),
    "tripped": ("significant_trauma",),
    "accident*": ("significant_trauma",),
    "crash*": ("significant_trauma",),
    "car crash*": ("significant_trauma",),
    "car accident*": ("significant_trauma",),
    "road traffic accident*": ("significant_trauma",),
    "collision*": ("significant_trauma",),
    "whiplash": ("significant_trauma",),
    "fractur*": ("significant_trauma",),
    "broken bone*": ("significant_trauma",),
    "trauma*": ("significant_trauma",),
    "knocked down": ("significant_trauma",),
    "weakness": ("progressive_neuro_deficit",),
    "getting weaker": ("progressive_neuro_deficit",),
    "foot drop": ("progressive_neuro_deficit",),
    "night pain": ("night_or_rest_pain",),
    "pain at night": ("night_or_rest_pain",),
    "pain in the night": ("night_or_rest_pain",),
    "wakes me": ("night_or_rest_pain",),
    "woken by": ("night_or_rest_pain",),
    "rest pain": ("night_or_rest_pain",),
    "pain at rest": ("night_or_rest_pain",),
    "constant pain": ("night_or_rest_pain",),
    "deformit*": ("structural_deformity",),
    "scolio*": ("structural_deformity",),
    "kyphos*": ("structural_deformity",),
    "hunchback": ("structural_deformity",),
}

#: Words a term's prefix would match that never describe a symptom: term -> word prefixes
#: to skip. "number" is frequent in notes ("a number of sessions") and would otherwise
#: raise three numbness questions each time; noise of that kind teaches trainers to skim
#: past the text warnings that matter.
TEXT_EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "numb*": ("number",),
    "fall*": ("fallow",),
    "crash*": ("crash course", "crash diet"),
}

#: Words that negate a term they stand close before, in the same clause [1].
NEGATION_CUES = frozenset(
    {"no", "not", "denies", "denied", "deny", "denying", "without", "never", "none", "nor",
     "neither", "cannot", "free", "negative", "absent"}
)  # fmt: skip

#: What ends a clause for negation: punctuation, or a word that turns the sentence.
CLAUSE_BREAK = re.compile(
    r"[.;:!?,()\[\]\n]|\b(?:but|however|although|though|except|yet|whereas|apart from)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Mention:
    """One term found in a text.

    Attributes
    ----------
    key : str
        The question id the term raises (one :class:`Mention` per id a term raises).
    words : str
        The words as written.
    start : int
        Where they start in the text [characters].
    negated : bool
        A negation cue stands close before them in the same clause.
    term : str
        The term of the table that matched.
    """

    key: str
    words: str
    start: int
    negated: bool
    term: str = ""


@cache
def _pattern(term: str) -> re.Pattern[str]:
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"[\s-]+".join(re.escape(w).replace("'", "['’]?") for w in words)
    tail = r"\w*" if prefix else r"\b"
    return re.compile(rf"\b{body}{tail}", re.IGNORECASE)


def _negated(text: str, start: int, window: int) -> bool:
    """Whether a negation cue stands within ``window`` words before ``start``, same clause."""
    before = text[:start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    for w in _WORD.findall(clause)[-window:] if window > 0 else []:
        w = w.lower()
        if w in NEGATION_CUES or w.endswith(("n't", "n’t")):
            return True
    return False


def find_mentions(
    text: str,
    terms: Mapping[str, tuple[str, ...]],
    *,
    exclusions: Mapping[str, tuple[str, ...]] | None = None,
    window: float | None = None,
) -> list[Mention]:
    """Every mention of ``terms`` in ``text``, in text order.

    Parameters
    ----------
    text : str
        Any free text (notes, a diary, a clearance note, session notes), any length.
    terms : Mapping[str, tuple of str]
        Term (see :data:`TEXT_TERMS` for the syntax) -> the question ids it raises.
    exclusions : Mapping[str, tuple of str], optional
        Term -> lower-case word prefixes it must not match (e.g. "number" for "numb*").
    window : float, optional
        Negation window [words]; default the ``negation_window_words`` default.

    Returns
    -------
    list of Mention
        One per (hit, question id), ordered by position, then by the term table's order.
    """
    if not isinstance(text, str):
        raise ValueError(f"text to scan must be a string, got {type(text).__name__}")
    window = int(DEFAULTS["negation_window_words"].value if window is None else window)
    exclusions = exclusions or {}
    out: list[tuple[int, int, int, Mention]] = []
    for rank, (term, keys) in enumerate(terms.items()):
        skip = tuple(s.lower() for s in exclusions.get(term, ()))
        for m in _pattern(term).finditer(text):
            if skip and text[m.start() :].lower().startswith(skip):
                continue
            negated = _negated(text, m.start(), window)
            out += [
                (m.start(), m.end(), rank, Mention(k, m.group(0), m.start(), negated, term))
                for k in keys
            ]
    # a hit inside a longer hit for the same question ("crash" in "car crash") is dropped
    kept = [
        t
        for t in out
        if not any(
            o[3].key == t[3].key and o[0] <= t[0] and t[1] <= o[1] and o[1] - o[0] > t[1] - t[0]
            for o in out
        )
    ]
    return [t[3] for t in sorted(kept, key=lambda t: (t[0], t[2]))]


def words_by_key(
    mentions: Iterable[Mention], order: Iterable[str], *, affirmed_only: bool = False
) -> dict[str, list[str]]:
    """Question id -> the words that raised it, first occurrence first, without repeats
    (case-insensitive); ids in ``order``, none for an id nothing raised."""
    found: dict[str, list[str]] = {}
    for m in mentions:
        if affirmed_only and m.negated:
            continue
        words = found.setdefault(m.key, [])
        if m.words.lower() not in (w.lower() for w in words):
            words.append(m.words)
    return {k: found[k] for k in order if k in found}


def scan_text(text: str) -> dict[str, list[str]]:
    """Red-flag questions that free text raises, with the words that raised them.

    Parameters
    ----------
    text : str
        Notes or a symptom diary, any length.

    Returns
    -------
    dict[str, list[str]]
        Question id (a key of :data:`~workbench.domain.RED_FLAGS`) -> the matched words as
        written, first occurrence first, without repeats; in RED_FLAGS order. Negations
        ("no numbness") still match: text never clears a question.
    """
    return words_by_key(find_mentions(text, TEXT_TERMS, exclusions=TEXT_EXCLUSIONS), RED_FLAGS)


def affirmed_text(text: str, window: float | None = None) -> dict[str, list[str]]:
    """Red-flag questions that free text *affirms*: as :func:`scan_text`, without the
    mentions a negation cue reaches ("no numbness" affirms nothing; "no numbness but
    tingling in both legs" affirms the tingling and both legs)."""
    mentions = find_mentions(text, TEXT_TERMS, exclusions=TEXT_EXCLUSIONS, window=window)
    return words_by_key(mentions, RED_FLAGS, affirmed_only=True)


#: A diary entry's free-text fields -> how a source names them ("diary 2026-11-30 notes").
DIARY_TEXTS = {
    "frequency": "frequency",
    "triggers": "triggers",
    "helps": "what helps",
    "notes": "notes",
}

#: The medical history's lists -> their source names.
HISTORY_TEXTS = {
    "diagnoses": "medical history: diagnoses",
    "imaging": "medical history: imaging",
    "treatments": "medical history: treatments",
}


def _joined(texts: Iterable) -> str:
    return "; ".join(t for t in texts if isinstance(t, str) and t.strip())


def _hand_over_texts(history: Mapping, medications: Iterable, diary: Iterable) -> dict[str, str]:
    """The hand-over parts' free text (schema version 4), each under where it was written:
    the medical history's lists, the medication names, and each diary entry's texts by
    date ("diary 2026-11-30 notes"; entries of one date joined with "; ")."""
    texts = {name: _joined(history.get(key) or ()) for key, name in HISTORY_TEXTS.items()}
    texts["medications"] = _joined(m.get("name") for m in medications)
    for entry in diary:
        for key, name in DIARY_TEXTS.items():
            source = f"diary {entry.get('date')} {name}"
            texts[source] = _joined([texts.get(source, ""), entry.get(key)])
    return texts


def client_texts(client) -> dict[str, str]:
    """Every free-text field the workbench keeps for a client: source name -> its text.

    The notes, the symptom diary, the doctor's clearance notes, the triggers in the
    client's words, the PSFS activities (their own words for what they find hard), the
    medical history (``"medical history: treatments"``), the medication names
    (``"medications"``) and each diary entry's texts (``"diary 2026-11-30 notes"``);
    sources without text are left out.
    """
    psfs = client.instruments.psfs or ()
    history = client.medical_history
    texts = {
        "notes": client.notes,
        "symptom diary": client.symptom_diary,
        "clearance notes": client.clearance.notes,
        "triggers": "; ".join(sorted(client.triggers)),
        "PSFS activities": "; ".join(activity for activity, _ in psfs),
        **_hand_over_texts(
            {k: getattr(history, k) for k in HISTORY_TEXTS},
            ({"name": m.name} for m in client.medications),
            ({"date": e.date, **{k: getattr(e, k) for k in DIARY_TEXTS}} for e in client.diary),
        ),
    }
    return {source: text for source, text in texts.items() if text and text.strip()}


def _objects(value) -> list[Mapping]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list | tuple) else []


def file_texts(data: Mapping) -> dict[str, str]:
    """:func:`client_texts` of a client-file dict (as the form holds it, checked or not)."""
    clearance = data.get("clearance") or {}
    psfs = (data.get("instruments") or {}).get("psfs") or ()
    history = data.get("medical_history")
    history = {
        k: v if isinstance(v, list | tuple) else ()
        for k, v in (history.items() if isinstance(history, Mapping) else ())
    }
    texts = {
        "notes": data.get("notes"),
        "symptom diary": data.get("symptom_diary"),
        "clearance notes": clearance.get("notes") if isinstance(clearance, Mapping) else "",
        "triggers": "; ".join(sorted(t for t in data.get("triggers") or () if isinstance(t, str))),
        "PSFS activities": "; ".join(
            p[0] for p in psfs if isinstance(p, list | tuple) and p and isinstance(p[0], str)
        ),
        **_hand_over_texts(history, _objects(data.get("medications")), _objects(data.get("diary"))),
    }
    return {s: t for s, t in texts.items() if isinstance(t, str) and t.strip()}
