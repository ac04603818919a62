"""Red-flag screening and the training modes that instrument scores set.

:func:`screen` decides whether a client can be planned for at all (domain.md §1):
an emergency-group flag sends the client to hospital, a refer-group flag to a GP or
physiotherapist, an unanswered question must be asked first, and medical clearance must
be recorded. Every free-text field (notes, symptom diary, clearance notes, triggers, PSFS
activities; :func:`client_texts`) can force a red-flag question (:func:`scan_text`, in
:mod:`workbench.client.free_text`); text can only add questions, never clear a client. A
"no" that the client's own words affirm (not negated: "numb toes", not "no numbness") is
asked again (``RECHECK``) until the trainer confirms it (``Client.confirmed_no``). The
precautions of domain.md §8 (:mod:`workbench.client.precautions`) add their questions,
their clearance and what the client watches for. :func:`modes` (in :mod:`workbench.client.training_modes`) reads the
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
from workbench.client.free_text import affirmed_text as affirmed_text
from workbench.client.free_text import client_texts as client_texts
from workbench.client.free_text import scan_text as scan_text
from workbench.client.precautions import (
    PrecautionCheck,
    check_precautions,
    unconfirmed,
)
from workbench.client.problems import checked_answers
from workbench.client.screening_messages import (
    INCOMPLETE_MESSAGE,
    RECHECK_MESSAGE,
    by,
    clearance_message,
    clearance_problems,
    emergency_message,
    refer_message,
)
from workbench.client.training_modes import Modes as Modes
from workbench.client.training_modes import modes as modes
from workbench.defaults import resolve
from workbench.domain import RED_FLAGS, Client


class Outcome(StrEnum):
    """Result of red-flag screening, in order of precedence (domain.md §1)."""

    EMERGENCY = "emergency"
    REFER = "refer"
    #: A "no" (red flag or precaution) that the client's own words contradict: ask again.
    RECHECK = "recheck"
    INCOMPLETE = "incomplete"
    NEEDS_CLEARANCE = "needs_clearance"
    CLEAR = "clear"


# ------------------------------------------------------------------------ screening


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
        Red-flag id -> words in any free-text field that raise it (negated or not).
    contradicted : dict[str, tuple[str, ...]]
        Red-flag or precaution id answered no -> the client's affirmed words (or data,
        such as a T-score) that contradict it and that the trainer has not confirmed the
        "no" against: the plan waits until the answer is asked again (``RECHECK``).
    precautions : tuple of str
        Precautions that apply (answered yes), in :data:`~workbench.domain.PRECAUTIONS` order.
    watch_for : tuple of str
        For the client: what to stop and call about, one calm line per precaution that
        applies (domain.md §8); shown with the plan.
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
    contradicted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    precautions: tuple[str, ...] = ()
    watch_for: tuple[str, ...] = ()

    def __post_init__(self):
        if self.plannable != (self.outcome is Outcome.CLEAR):
            raise ValueError(f"plannable must be True only for a clear screening: {self!r}")


def _checked_answers(red_flags: Mapping[str, bool | None]) -> dict[str, bool | None]:
    """The answers, refusing unknown question ids and answers other than yes/no/not asked
    (:func:`~workbench.client.problems.checked_answers`)."""
    return checked_answers(red_flags, RED_FLAGS, "red-flag question", "questions")


def _question(q: str) -> str:
    return f"{q} ({RED_FLAGS[q][1]})"


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


def _text_hits(texts: Mapping[str, str]) -> dict[str, dict[str, list[str]]]:
    """Source ("notes", "symptom diary", ...) -> the questions its text raises, with the words."""
    return {src: hits for src, text in texts.items() if (hits := scan_text(text))}


def _contradicted(
    client: Client, texts: Mapping[str, str], answers: Mapping[str, bool | None], params
) -> dict[str, tuple[str, ...]]:
    """Red flag answered no -> the affirmed words that contradict it, not yet confirmed."""
    affirmed: dict[str, list[str]] = {}
    for text in texts.values():
        for q, words in affirmed_text(text, params.negation_window_words).items():
            have = affirmed.setdefault(q, [])
            have += [w for w in words if w.lower() not in map(str.lower, have)]
    out = {}
    for q in RED_FLAGS:
        if answers.get(q) is False and q in affirmed:
            words = unconfirmed(client, q, affirmed[q])
            if words:
                out[q] = words
    return out


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


#: Source names that are plural ("the notes mention", "medical history: treatments mention").
_PLURAL = ("notes", "triggers", "activities", "diagnoses", "treatments", "medications")


def _text_reasons(
    forced: Mapping[str, tuple[str, ...]],
    by_source: Mapping[str, Mapping[str, list[str]]],
    answers: Mapping[str, bool | None],
    contradicted: Mapping[str, tuple[str, ...]],
    confirmed: Mapping[str, tuple[str, ...]],
) -> list[str]:
    """One sentence per question the free text raised: which words, and where it stands."""
    reasons: list[str] = []
    for q in forced:
        sources = [
            f"{src} {'mention' if src.endswith(_PLURAL) else 'mentions'} "
            f"{', '.join(repr(w) for w in hits[q])}"
            for src, hits in by_source.items()
            if q in hits
        ]
        if q in contradicted:
            state = (
                "answered no, but the client's words say otherwise ("
                + ", ".join(map(repr, contradicted[q]))
                + "): ask again and record the answer (or confirm the no against these words)"
            )
        else:
            state = {
                None: "not answered yet: ask it",
                True: "answered yes",
                False: "answered no"
                + (" and confirmed with the client" if q in confirmed else "")
                + ": check the answer still holds",
            }[answers.get(q)]
        said = "; ".join(sources)
        reasons.append(f"{said[0].upper()}{said[1:]} -> {_question(q)} {state}.")
    return reasons


def _verdict(
    client: Client,
    emergency: list[str],
    refer: list[str],
    recheck: Mapping[str, tuple[str, ...]],
    unanswered: tuple[str, ...],
    clear_client: list[str],
    clear_trainer: list[str],
    prec: PrecautionCheck,
) -> tuple[Outcome, str, str]:
    """(outcome, the trainer's first line, the client's message), by precedence."""
    clearance_due = bool(clear_trainer or prec.needs_clearance)
    if emergency:
        return (
            Outcome.EMERGENCY,
            "EMERGENCY: no plan. Send the client to hospital now.",
            emergency_message(emergency),
        )
    if refer:
        return (
            Outcome.REFER,
            "REFER: no plan. Refer to GP or physiotherapist before training.",
            refer_message(refer, clearance_due),
        )
    if recheck:
        return (
            Outcome.RECHECK,
            "RECHECK: no plan yet. The client's own words contradict "
            f"{len(recheck)} answer{'s' if len(recheck) != 1 else ''} of no: ask "
            f"{'it' if len(recheck) == 1 else 'them'} again with the client first.",
            RECHECK_MESSAGE,
        )
    if unanswered or prec.forced:
        message = INCOMPLETE_MESSAGE
        if clearance_due:
            message += " We will also need your doctor to confirm you can start training."
        return (
            Outcome.INCOMPLETE,
            "INCOMPLETE: no plan yet. Ask the open red-flag and precaution questions first.",
            message,
        )
    if clearance_due:
        return (
            Outcome.NEEDS_CLEARANCE,
            "NEEDS CLEARANCE: no plan until medical clearance is recorded"
            + (
                f" (and covers {', '.join(prec.needs_clearance)})." if prec.needs_clearance else "."
            ),
            clearance_message(clear_client, list(prec.needs_clearance)),
        )
    return (
        Outcome.CLEAR,
        f"CLEAR: plannable. No red flags; all {len(RED_FLAGS)} questions answered; "
        f"medical clearance recorded{by(client.clearance)}.",
        "Your health check is complete, and we can plan your training. Movement helps, "
        "and we will build up gradually.",
    )


def screen(client: Client, params: Mapping[str, float] | None = None) -> Screening:
    """Screen a client for red flags, precautions and clearance before any planning.

    Precedence (domain.md §1, §8): any emergency-group flag -> ``EMERGENCY``; any
    refer-group flag -> ``REFER``; a red-flag or precaution "no" that the client's own
    words affirm (not negated within ``negation_window_words`` [words]) and the trainer
    has not confirmed -> ``RECHECK``; any red-flag question unanswered, or a precaution
    unanswered that the text raises -> ``INCOMPLETE``; medical clearance not recorded (and,
    named in the message, new-onset pain above ``clearance_age_over`` or below
    ``clearance_age_under`` [years]), or a precaution that needs clearance first and is
    not in ``clearance.covers`` -> ``NEEDS_CLEARANCE``; else ``CLEAR``. Every reason found
    is reported, not only the one that decides the outcome.

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
    texts = client_texts(client)
    by_source = _text_hits(texts)
    forced = _forced(by_source)
    contradicted = _contradicted(client, texts, answers, params)
    prec = check_precautions(client, texts, params)
    clear_client, clear_trainer, clear_info = clearance_problems(client, params)
    reasons = [
        *_flag_reasons(emergency, refer, unanswered, forced, params),
        *_text_reasons(forced, by_source, answers, contradicted, client.confirmed_no),
        *prec.reasons,
        *clear_trainer,
        *clear_info,
    ]
    recheck = {**contradicted, **prec.contradicted}
    outcome, head, message = _verdict(
        client, emergency, refer, recheck, unanswered, clear_client, clear_trainer, prec
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
        contradicted=recheck,
        precautions=prec.active,
        watch_for=prec.watch_for,
    )
