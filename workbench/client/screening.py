"""Red-flag screening and the training modes that instrument scores set.

:func:`screen` decides whether a client can be planned for at all (domain.md §1):
an emergency-group flag sends the client to hospital, a refer-group flag to a GP or
physiotherapist, an unanswered question must be asked first, and medical clearance must
be recorded. :func:`scan_text` reads the free text (notes, symptom diary) for words that
force a red-flag question; text can only add questions, never clear a client.
:func:`modes` reads the instruments for STarT Back high risk and graded-exposure mode
(domain.md §4). Messages for the client avoid threat words (domain.md §7).

References
----------
[1] AHCPR (1994) Acute low back problems in adults. Clinical Practice Guideline 14.
[2] NICE (2016, updated 2020) Low back pain and sciatica in over 16s. NG59.
[3] GIRFT / BMJ Best Practice: national suspected cauda equina syndrome pathway.
[4] Downie A. et al. (2013) Red flags to screen for malignancy and fracture in patients
    with low back pain. BMJ 347:f7095.
[5] Hill J.C. et al. (2008) STarT Back Screening Tool. Arthritis Rheum 59:632-641.
[6] George S.Z. et al. (2010) Graded exposure vs graded activity. JOSPT.
[7] domain.md §1 (red flags), §4 (STarT-high and fear rows), §7 (words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.client.instruments import score_fabq_pa, score_start_back, score_tsk17, threshold
from workbench.defaults import resolve
from workbench.domain import RED_FLAGS, Client


class Outcome(StrEnum):
    """Result of red-flag screening, in order of precedence (domain.md §1)."""

    EMERGENCY = "emergency"
    REFER = "refer"
    INCOMPLETE = "incomplete"
    NEEDS_CLEARANCE = "needs_clearance"
    CLEAR = "clear"


# ------------------------------------------------------------------------ free text

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


# ------------------------------------------------------------------------ screening

#: How each red flag is named to the client: plain, calm words (domain.md §7).
CLIENT_WORDS: dict[str, str] = {
    "bladder_bowel_change": "a change in bladder or bowel control",
    "saddle_numbness": "numbness in the saddle or genital area",
    "bilateral_leg_symptoms": "weakness or numbness in both legs",
    "sexual_dysfunction": "a new change in sexual function",
    "history_of_cancer": "your history of cancer",
    "unexplained_weight_loss": "weight loss you cannot explain",
    "fever_or_unwell": "a fever or feeling generally unwell",
    "iv_drug_use": "one of your health-history answers",
    "immunosuppression": "medicines that affect your immune system, such as long-term steroids",
    "significant_trauma": "the fall or accident you mentioned",
    "progressive_neuro_deficit": "weakness, numbness or tingling that is getting worse",
    "night_or_rest_pain": "pain that stays with you at night or at rest",
    "structural_deformity": "a change in the shape of your spine",
}


@dataclass(frozen=True)
class Screening:
    """The result of :func:`screen`.

    Attributes
    ----------
    outcome : Outcome
        The highest-precedence outcome found.
    message : str
        For the client: calm, plain, free of threat words; for an emergency it starts
        "Please go to hospital now: ...".
    trainer_message : str
        For the trainer: the outcome and every reason found, one per line.
    positive_flags : tuple of str
        Red-flag ids answered yes, in :data:`~workbench.domain.RED_FLAGS` order.
    unanswered : tuple of str
        Red-flag ids not yet asked (None or missing).
    forced_by_text : dict[str, tuple[str, ...]]
        Question id -> words in the notes or symptom diary that force it.
    plannable : bool
        True only for :attr:`Outcome.CLEAR`.
    reasons : tuple of str
        Every reason found, one plain sentence each (the lines of ``trainer_message``
        after the first).
    """

    outcome: Outcome
    message: str
    trainer_message: str
    positive_flags: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    forced_by_text: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plannable: bool = False
    reasons: tuple[str, ...] = ()

    def __post_init__(self):
        if self.plannable != (self.outcome is Outcome.CLEAR):
            raise ValueError(f"plannable must be True only for a clear screening: {self!r}")


def _checked_answers(red_flags: Mapping[str, bool | None]) -> dict[str, bool | None]:
    """The answers, refusing unknown question ids and answers other than yes/no/not asked.

    A stray value such as ``"yes"`` would otherwise count neither as yes nor as unasked.
    """
    for q, v in red_flags.items():
        if q not in RED_FLAGS:
            raise ValueError(
                f"unknown red-flag question {q!r}; known questions: {', '.join(RED_FLAGS)}"
            )
        if v is not None and not isinstance(v, bool):
            raise ValueError(
                f"red-flag answer {q} must be True (yes), False (no) or None (not asked), got {v!r}"
            )
    return dict(red_flags)


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _question(q: str) -> str:
    return f"{q} ({RED_FLAGS[q][1]})"


def _clearance_problems(client: Client, params) -> tuple[list[str], list[str], list[str]]:
    """(client sentences, trainer sentences, trainer info) about medical clearance."""
    over, under = params.clearance_age_over, params.clearance_age_under
    age_reason = None
    if client.new_onset and client.age > over:
        age_reason = ("over", over)
    elif client.new_onset and client.age < under:
        age_reason = ("under", under)
    c = client.clearance
    if c.cleared:
        info = []
        if age_reason:
            info.append(
                f"New-onset back pain at age {client.age} ({age_reason[0]} {age_reason[1]:g}): "
                f"medical clearance is recorded{_by(c)}."
            )
        return [], [], info
    for_client, for_trainer = [], []
    if age_reason:
        for_client.append(
            f"Because your back pain started recently and you are {age_reason[0]} "
            f"{age_reason[1]:g}, a check with your doctor comes first."
        )
        for_trainer.append(
            f"New-onset back pain at age {client.age} ({age_reason[0]} {age_reason[1]:g}): "
            "medical clearance is needed before planning (AHCPR 1994; NICE NG59)."
        )
    if c.date or c.by:
        for_client.append("Your doctor has not yet confirmed that you can start training.")
        for_trainer.append(f"Clearance is recorded as not given{_by(c)}; record it once given.")
    else:
        for_trainer.append("No medical clearance is recorded; record it before planning.")
    return for_client, for_trainer, []


def _by(c) -> str:
    parts = []
    if c.by:
        parts.append(f"by {c.by}")
    if c.date:
        parts.append(f"on {c.date}")
    return (" " + " ".join(parts)) if parts else ""


def screen(client: Client, params: Mapping[str, float] | None = None) -> Screening:
    """Screen a client for red flags and clearance before any planning.

    Precedence (domain.md §1): any emergency-group flag -> ``EMERGENCY``; any refer-group
    flag -> ``REFER``; any red-flag question unanswered (including those the notes or
    symptom diary force) -> ``INCOMPLETE``; medical clearance not recorded (and, named in
    the message, new-onset pain above ``clearance_age_over`` or below
    ``clearance_age_under`` [years]) -> ``NEEDS_CLEARANCE``; else ``CLEAR``. Every reason
    found is reported, not only the one that decides the outcome.

    Parameters
    ----------
    client : Client
    params : Mapping[str, float], optional
        Resolved parameters; default ``defaults.resolve(client.overrides)``.

    Returns
    -------
    Screening

    Raises
    ------
    ValueError
        On an unknown question id or an answer other than True, False or None.
    """
    params = resolve(client.overrides) if params is None else params
    answers = _checked_answers(client.red_flags)
    positive = tuple(q for q in RED_FLAGS if answers.get(q) is True)
    emergency = [q for q in positive if RED_FLAGS[q][0] == "emergency"]
    # Any other group (today only "refer") is treated as a referral: the safe side.
    refer = [q for q in positive if RED_FLAGS[q][0] != "emergency"]
    unanswered = tuple(q for q in RED_FLAGS if answers.get(q) is None)

    by_source = {"notes": scan_text(client.notes), "symptom diary": scan_text(client.symptom_diary)}
    forced: dict[str, tuple[str, ...]] = {}
    for q in RED_FLAGS:
        words: list[str] = []
        for hits in by_source.values():
            words += [w for w in hits.get(q, []) if w.lower() not in map(str.lower, words)]
        if words:
            forced[q] = tuple(words)

    clear_client, clear_trainer, clear_info = _clearance_problems(client, params)

    reasons: list[str] = []
    if emergency:
        reasons.append(
            "Emergency (possible cauda equina; new within "
            f"{params.cauda_equina_new_days:g} days or worsening): "
            + "; ".join(_question(q) for q in emergency)
            + ". Send to hospital (emergency department) now; no training today."
        )
    if refer:
        reasons.append(
            "Refer to GP or physiotherapist before training: "
            + "; ".join(_question(q) for q in refer)
            + "."
        )
    forced_unanswered = [q for q in unanswered if q in forced]
    if unanswered:
        ask = forced_unanswered + [q for q in unanswered if q not in forced]
        reasons.append(
            f"{len(unanswered)} red-flag question(s) not answered; ask before planning: "
            + "; ".join(_question(q) for q in ask)
            + "."
        )
    for q in forced:
        sources = [
            f"{src} {'mention' if src == 'notes' else 'mentions'} "
            f"{', '.join(repr(w) for w in hits[q])}"
            for src, hits in by_source.items()
            if q in hits
        ]
        state = {
            None: "not answered yet: ask it",
            True: "answered yes",
            False: "answered no: check the answer still holds",
        }[answers.get(q)]
        said = "; ".join(sources)
        reasons.append(f"{said[0].upper()}{said[1:]} -> {_question(q)} {state}.")
    reasons += clear_trainer
    reasons += clear_info

    if emergency:
        outcome = Outcome.EMERGENCY
        head = "EMERGENCY: no plan. Send the client to hospital now."
        message = (
            "Please go to hospital now: you mentioned "
            + _join([CLIENT_WORDS[q] for q in emergency])
            + ", and a doctor needs to check this today, at the emergency department. "
            "Please do not wait for your next appointment, and take this note with you. "
            "Your training can wait; we will pick it up together after you have been seen."
        )
    elif refer:
        outcome = Outcome.REFER
        head = "REFER: no plan. Refer to GP or physiotherapist before training."
        message = (
            "Before we start training, please see your GP or physiotherapist about "
            + _join([CLIENT_WORDS[q] for q in refer])
            + ". This is a sensible check so that your training suits you; take this note "
            "with you."
        )
        if clear_trainer:
            message += " When you see them, please also ask them to confirm you can start training."
        message += " We will plan your sessions together once they have seen you."
    elif unanswered:
        outcome = Outcome.INCOMPLETE
        head = "INCOMPLETE: no plan yet. Ask the open red-flag questions first."
        message = (
            "A few health questions are still open. We will go through them together "
            "before planning your sessions."
        )
        if clear_trainer:
            message += " We will also need your doctor to confirm you can start training."
    elif clear_trainer:
        outcome = Outcome.NEEDS_CLEARANCE
        head = "NEEDS CLEARANCE: no plan until medical clearance is recorded."
        message = " ".join(
            [
                "Before we plan your sessions, please ask your doctor to confirm you can start "
                "training, and bring back a short note for your record.",
                *clear_client,
                "Movement helps, and we will build up gradually once that is in place.",
            ]
        )
    else:
        outcome = Outcome.CLEAR
        head = (
            f"CLEAR: plannable. No red flags; all {len(RED_FLAGS)} questions answered; "
            f"medical clearance recorded{_by(client.clearance)}."
        )
        message = (
            "Your health check is complete, and we can plan your training. Movement helps, "
            "and we will build up gradually."
        )

    return Screening(
        outcome=outcome,
        message=message,
        trainer_message="\n".join([head, *(f"- {r}" for r in reasons)]),
        positive_flags=positive,
        unanswered=unanswered,
        forced_by_text=forced,
        plannable=outcome is Outcome.CLEAR,
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------- modes


@dataclass(frozen=True)
class Modes:
    """Training modes the instruments set (domain.md §4).

    Attributes
    ----------
    start_back_group : {"low", "medium", "high"} or None
        STarT Back risk group [5]; None when STarT Back was not done.
    start_high : bool
        STarT Back high risk: starting ceiling x ``start_high_ceiling_factor``.
    graded_exposure : bool
        Graded-exposure mode [6]: STarT high, FABQ-PA above ``fabq_pa_elevated`` or
        TSK-17 above ``tsk_high``.
    reasons : list of str
        One plain sentence per instrument, e.g. ``"FABQ-PA 18 > 14: graded-exposure mode"``.
    """

    start_back_group: str | None
    start_high: bool
    graded_exposure: bool
    reasons: list[str] = field(default_factory=list)


def modes(client: Client, params: Mapping[str, float] | None = None) -> Modes:
    """STarT Back group and graded-exposure mode from the client's instruments.

    Parameters
    ----------
    client : Client
    params : Mapping[str, float], optional
        Resolved parameters; default ``defaults.resolve(client.overrides)``. Uses
        ``fabq_pa_elevated`` [points], ``tsk_high`` [points] and
        ``start_high_ceiling_factor`` [fraction].

    Returns
    -------
    Modes
    """
    params = resolve(client.overrides) if params is None else params
    ins = client.instruments
    reasons: list[str] = []
    group = None
    exposure = False

    if ins.start_back is not None:
        sb = score_start_back(ins.start_back)
        group = sb.band
        sub = sb.detail["subscale"]
        high_sub = threshold("start_back_high_subscale_min")
        if group == "high":
            exposure = True
            reasons.append(
                f"STarT Back high risk (total {sb.total}, psychosocial subscale {sub} "
                f">= {high_sub:g}): graded-exposure mode, starting ceiling x {params.start_high_ceiling_factor:g}."
            )
        else:
            reasons.append(
                f"STarT Back {group} risk (total {sb.total}, psychosocial subscale {sub})."
            )
    else:
        reasons.append("STarT Back not done: risk group unknown.")

    for label, items, scorer, cut_name, what in (
        ("FABQ-PA", ins.fabq_pa, score_fabq_pa, "fabq_pa_elevated", "fear-avoidance"),
        ("TSK-17", ins.tsk17, score_tsk17, "tsk_high", "fear of movement"),
    ):
        cut = params[cut_name]
        if items is None:
            reasons.append(f"{label} not done: {what} not assessed.")
            continue
        s = scorer(items, params)
        if s.total > cut:
            exposure = True
            reasons.append(f"{label} {s.total:g} > {cut:g}: graded-exposure mode.")
        else:
            reasons.append(f"{label} {s.total:g} <= {cut:g}: no graded exposure for {what}.")

    return Modes(group, group == "high", exposure, reasons)
