"""Red-flag screening and the training modes that instrument scores set.

:func:`screen` decides whether a client can be planned for at all (domain.md §1):
an emergency-group flag sends the client to hospital, a refer-group flag to a GP or
physiotherapist, an unanswered question must be asked first, and medical clearance must
be recorded. The free text (notes, symptom diary) can force a red-flag question
(:func:`scan_text`, in :mod:`workbench.client.free_text`); text can only add questions,
never clear a client. :func:`modes` (in :mod:`workbench.client.training_modes`) reads the
instruments for STarT Back high risk and graded-exposure mode (domain.md §4); both are
re-exported here. Messages for the client avoid threat words (domain.md §7).

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.client.free_text import TEXT_EXCLUSIONS as TEXT_EXCLUSIONS
from workbench.client.free_text import TEXT_TERMS as TEXT_TERMS
from workbench.client.free_text import scan_text as scan_text
from workbench.client.training_modes import Modes as Modes
from workbench.client.training_modes import modes as modes
from workbench.defaults import resolve
from workbench.domain import RED_FLAGS, Client


class Outcome(StrEnum):
    """Result of red-flag screening, in order of precedence (domain.md §1)."""

    EMERGENCY = "emergency"
    REFER = "refer"
    INCOMPLETE = "incomplete"
    NEEDS_CLEARANCE = "needs_clearance"
    CLEAR = "clear"


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


def _flag_groups(
    answers: Mapping[str, bool | None],
) -> tuple[tuple[str, ...], list[str], list[str], tuple[str, ...]]:
    """(answered yes, emergency-group yes, refer-group yes, not asked), in RED_FLAGS order."""
    positive = tuple(q for q in RED_FLAGS if answers.get(q) is True)
    emergency = [q for q in positive if RED_FLAGS[q][0] == "emergency"]
    # Any other group (today only "refer") is treated as a referral: the safe side.
    refer = [q for q in positive if RED_FLAGS[q][0] != "emergency"]
    unanswered = tuple(q for q in RED_FLAGS if answers.get(q) is None)
    return positive, emergency, refer, unanswered


def _text_hits(client: Client) -> dict[str, dict[str, list[str]]]:
    """Source ("notes", "symptom diary") -> the questions its text forces, with the words."""
    return {"notes": scan_text(client.notes), "symptom diary": scan_text(client.symptom_diary)}


def _forced(by_source: Mapping[str, Mapping[str, list[str]]]) -> dict[str, tuple[str, ...]]:
    """Question id -> the words any source forced it with, without repeats across sources."""
    forced: dict[str, tuple[str, ...]] = {}
    for q in RED_FLAGS:
        words: list[str] = []
        for hits in by_source.values():
            words += [w for w in hits.get(q, []) if w.lower() not in map(str.lower, words)]
        if words:
            forced[q] = tuple(words)
    return forced


def _flag_reasons(
    emergency: list[str],
    refer: list[str],
    unanswered: tuple[str, ...],
    forced: Mapping[str, tuple[str, ...]],
    params,
) -> list[str]:
    """The trainer's sentences on the emergency, refer and unanswered red flags."""
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
    return reasons


def _text_reasons(
    forced: Mapping[str, tuple[str, ...]],
    by_source: Mapping[str, Mapping[str, list[str]]],
    answers: Mapping[str, bool | None],
) -> list[str]:
    """One sentence per question the free text forced: which words, and where it stands."""
    reasons: list[str] = []
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
    return reasons


def _emergency_message(emergency: list[str]) -> str:
    """The client's message for an emergency-group flag: go to hospital now, calmly."""
    return (
        "Please go to hospital now: you mentioned "
        + _join([CLIENT_WORDS[q] for q in emergency])
        + ", and a doctor needs to check this today, at the emergency department. "
        "Please do not wait for your next appointment, and take this note with you. "
        "Your training can wait; we will pick it up together after you have been seen."
    )


def _refer_message(refer: list[str], clear_trainer: list[str]) -> str:
    """The client's message for a refer-group flag, asking for clearance too when due."""
    message = (
        "Before we start training, please see your GP or physiotherapist about "
        + _join([CLIENT_WORDS[q] for q in refer])
        + ". This is a sensible check so that your training suits you; take this note "
        "with you."
    )
    if clear_trainer:
        message += " When you see them, please also ask them to confirm you can start training."
    message += " We will plan your sessions together once they have seen you."
    return message


def _verdict(
    client: Client,
    emergency: list[str],
    refer: list[str],
    unanswered: tuple[str, ...],
    clear_client: list[str],
    clear_trainer: list[str],
) -> tuple[Outcome, str, str]:
    """(outcome, the trainer's first line, the client's message), by precedence."""
    if emergency:
        outcome = Outcome.EMERGENCY
        head = "EMERGENCY: no plan. Send the client to hospital now."
        message = _emergency_message(emergency)
    elif refer:
        outcome = Outcome.REFER
        head = "REFER: no plan. Refer to GP or physiotherapist before training."
        message = _refer_message(refer, clear_trainer)
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
    return outcome, head, message


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
    positive, emergency, refer, unanswered = _flag_groups(answers)
    by_source = _text_hits(client)
    forced = _forced(by_source)
    clear_client, clear_trainer, clear_info = _clearance_problems(client, params)
    reasons = [
        *_flag_reasons(emergency, refer, unanswered, forced, params),
        *_text_reasons(forced, by_source, answers),
        *clear_trainer,
        *clear_info,
    ]
    outcome, head, message = _verdict(
        client, emergency, refer, unanswered, clear_client, clear_trainer
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
