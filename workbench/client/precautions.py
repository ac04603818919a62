"""Precautions: not red flags, but they change what is safe (domain.md §8).

Pregnancy, osteoporosis or a fragility fracture, recent surgery, and known heart,
metabolic or kidney disease are asked yes / no / not asked (:data:`PRECAUTIONS`) and
scanned for in every free-text field like the red flags (:data:`PRECAUTION_TERMS`).
:func:`check_precautions` says, for :func:`workbench.client.screening.screen`:

- which precautions apply (answered yes);
- which of them need clearance first and are not covered by the recorded clearance
  (``Clearance.covers``): pregnancy always (the obstetric care provider) [1]; osteoporosis
  when a vertebral fracture is known or suspected [2] -- here, when the client's words
  affirm a fracture, since a trainer cannot tell which bone (H); recent surgery always
  (the surgeon or GP); heart, metabolic or kidney disease when the client does not
  already exercise regularly or the words affirm its symptoms [3];
- which unasked precautions the text (or a T-score at or below
  ``osteoporosis_t_score``) raises: they must be asked;
- which "no" answers the client's words (or the T-score) contradict: asked again;
- what the client watches for: the "stop and call if" list of each precaution, calmly.

A precaution never clears itself from text (domain.md §8). The movement limits each
precaution sets are the rules' (:mod:`workbench.rules`).

References
----------
[1] ACOG (2020) Physical activity and exercise during pregnancy and the postpartum
    period. Committee Opinion 804.
[2] Royal Osteoporosis Society (2019) Strong, Steady and Straight.
[3] Riebe D. et al. (2015) Updating ACSM's recommendations for exercise preparticipation
    health screening. Med Sci Sports Exerc 47:2473.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.client.free_text import TEXT_EXCLUSIONS, TEXT_TERMS, find_mentions, words_by_key
from workbench.client.problems import checked_answers
from workbench.defaults import resolve
from workbench.domain import PRECAUTIONS, RED_FLAGS, Client

#: Terms (the syntax of :data:`workbench.client.free_text.TEXT_TERMS`) -> the precautions
#: they raise.
PRECAUTION_TERMS: dict[str, tuple[str, ...]] = {
    "pregnan*": ("pregnancy",),
    "trimester*": ("pregnancy",),
    "expecting a baby": ("pregnancy",),
    "antenatal": ("pregnancy",),
    "prenatal": ("pregnancy",),
    "midwife": ("pregnancy",),
    "obstetric*": ("pregnancy",),
    "due date": ("pregnancy",),
    "osteopor*": ("osteoporosis",),
    "osteopen*": ("osteoporosis",),
    "bone density": ("osteoporosis",),
    "low bone": ("osteoporosis",),
    "brittle bone*": ("osteoporosis",),
    "t-score": ("osteoporosis",),
    "dexa": ("osteoporosis",),
    "bisphosphonate*": ("osteoporosis",),
    "alendron*": ("osteoporosis",),
    "fractur*": ("osteoporosis",),
    "broken bone*": ("osteoporosis",),
    "surgery": ("recent_surgery",),
    "surgeries": ("recent_surgery",),
    "surgical*": ("recent_surgery",),
    "surgeon": ("recent_surgery",),
    "operation*": ("recent_surgery",),
    "operated": ("recent_surgery",),
    "post-op*": ("recent_surgery",),
    "keyhole": ("recent_surgery",),
    "stitches": ("recent_surgery",),
    "laminectomy": ("recent_surgery",),
    "discectomy": ("recent_surgery",),
    "spinal fusion": ("recent_surgery",),
    "hip replacement": ("recent_surgery",),
    "knee replacement": ("recent_surgery",),
    "caesarean": ("recent_surgery",),
    "c-section": ("recent_surgery",),
    "heart": ("heart_metabolic_kidney",),
    "cardiac": ("heart_metabolic_kidney",),
    "angina": ("heart_metabolic_kidney",),
    "stent*": ("heart_metabolic_kidney",),
    "pacemaker": ("heart_metabolic_kidney",),
    "arrhythmi*": ("heart_metabolic_kidney",),
    "atrial fibrillation": ("heart_metabolic_kidney",),
    "diabet*": ("heart_metabolic_kidney",),
    "insulin": ("heart_metabolic_kidney",),
    "metformin": ("heart_metabolic_kidney",),
    "kidney*": ("heart_metabolic_kidney",),
    "renal": ("heart_metabolic_kidney",),
    "dialysis": ("heart_metabolic_kidney",),
    # the symptoms ACSM screening asks about [3]; they also mark "has symptoms"
    "chest pain*": ("heart_metabolic_kidney",),
    "palpitation*": ("heart_metabolic_kidney",),
    "breathless*": ("heart_metabolic_kidney",),
    "short of breath": ("heart_metabolic_kidney",),
    "shortness of breath": ("heart_metabolic_kidney",),
    "faint*": ("heart_metabolic_kidney",),
    "dizz*": ("heart_metabolic_kidney",),
    "blacked out": ("heart_metabolic_kidney",),
}

#: The terms of :data:`PRECAUTION_TERMS` that are symptoms of heart, metabolic or kidney
#: disease [3] (an affirmed one means clearance first) or a fracture [2].
SYMPTOM_TERMS: dict[str, frozenset[str]] = {
    "heart_metabolic_kidney": frozenset(
        {
            "chest pain*",
            "palpitation*",
            "breathless*",
            "short of breath",
            "shortness of breath",
            "faint*",
            "dizz*",
            "blacked out",
        }
    ),  # fmt: skip
    "osteoporosis": frozenset({"fractur*", "broken bone*"}),
}

#: Who gives the clearance each precaution needs, in a trainer's words.
CLEARED_BY: dict[str, str] = {
    "pregnancy": "the obstetric care provider (midwife or obstetrician)",
    "osteoporosis": "the GP or the bone specialist",
    "recent_surgery": "the surgeon or GP",
    "heart_metabolic_kidney": "the GP or specialist",
}

#: Each precaution's source, as the trainer's message cites it.
SOURCES: dict[str, str] = {
    "pregnancy": "ACOG Committee Opinion 804, 2020",
    "osteoporosis": "Royal Osteoporosis Society, Strong, Steady and Straight, 2019",
    "recent_surgery": "domain.md §8 (H)",
    "heart_metabolic_kidney": "Riebe et al. 2015, ACSM pre-participation screening",
}

#: What the client watches for, per precaution: "stop and call if" (domain.md §8), calm.
WATCH_FOR: dict[str, str] = {
    "pregnancy": (
        "Stop and call your midwife or doctor if you notice any bleeding, regular painful "
        "tightenings, fluid leaking, being out of breath before you start, dizziness, a "
        "headache, chest pain, or pain or swelling in a calf."
    ),
    "osteoporosis": (
        "Stop and call your doctor if new, sudden back pain starts after a minor fall, a "
        "bump or lifting something."
    ),
    "recent_surgery": (
        "Stop and call your surgeon or GP if the wound changes (redness, warmth or fluid), "
        "the area swells, or you have a fever."
    ),
    "heart_metabolic_kidney": (
        "Stop and call your doctor if you feel chest pain or pressure, are unusually out of "
        "breath, feel dizzy or faint, or notice your heart racing or fluttering."
    ),
}

#: Added to the pregnancy line from ``pregnancy_lying_from_week``.
WATCH_FOR_LATER_PREGNANCY = (
    "From now on, change position rather than lying on your back for long; if you feel "
    "dizzy or faint lying down, roll onto your side."
)


@dataclass(frozen=True)
class PrecautionCheck:
    """What :func:`check_precautions` found.

    Attributes
    ----------
    active : tuple of str
        Precautions answered yes, in :data:`PRECAUTIONS` order.
    needs_clearance : tuple of str
        Active precautions that need clearance first and that the recorded clearance
        does not cover (``Clearance.covers``).
    forced : dict[str, tuple of str]
        Unasked precaution -> the words (or the T-score) that raise it: ask it.
    contradicted : dict[str, tuple of str]
        Precaution answered no -> the affirmed words (or the T-score) that contradict it
        and that the trainer has not confirmed (``Client.confirmed_no``): ask again.
    watch_for : tuple of str
        For the client: what to stop and call about, one line per active precaution.
    reasons : tuple of str
        For the trainer: one sentence per finding.
    """

    active: tuple[str, ...] = ()
    needs_clearance: tuple[str, ...] = ()
    forced: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contradicted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    watch_for: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def checked_precautions(answers: Mapping[str, bool | None]) -> dict[str, bool | None]:
    """The precaution answers, refusing unknown ids and answers other than yes/no/None."""
    return checked_answers(answers, PRECAUTIONS, "precaution", "precautions")


def unconfirmed(client: Client, q: str, words: list[str]) -> tuple[str, ...]:
    """``words`` less those the trainer confirmed the "no" of ``q`` against."""
    confirmed = {w.lower() for w in client.confirmed_no.get(q, ())}
    return tuple(w for w in words if w.lower() not in confirmed)


def regular_exerciser(client: Client, params) -> bool:
    """Exercising regularly [3]: at least ``regular_exercise_sessions`` sessions a week of
    at least ``regular_exercise_minutes`` minutes, over the current activities."""
    sessions = sum(
        a.sessions_per_week
        for a in client.activities
        if a.minutes >= params.regular_exercise_minutes
    )
    return sessions >= params.regular_exercise_sessions


def _symptoms(q: str, mentions) -> list[str]:
    """The affirmed words of ``q``'s symptom terms among ``mentions``."""
    terms = SYMPTOM_TERMS.get(q, frozenset())
    return list(dict.fromkeys(m.words for m in mentions if m.term in terms and not m.negated))


def _scan(texts: Mapping[str, str], params) -> tuple[dict, dict, list]:
    """(raised words per precaution, affirmed words per precaution, every mention)."""
    raised: dict[str, list[str]] = {}
    affirmed: dict[str, list[str]] = {}
    every = []
    for text in texts.values():
        mentions = find_mentions(text, PRECAUTION_TERMS, window=params.negation_window_words)
        every += mentions
        for only, dest in ((False, raised), (True, affirmed)):
            for q, words in words_by_key(mentions, PRECAUTIONS, affirmed_only=only).items():
                have = dest.setdefault(q, [])
                have += [w for w in words if w.lower() not in map(str.lower, have)]
    return raised, affirmed, every


def _question(q: str) -> str:
    return f"{q} ({PRECAUTIONS[q]})"


def _needs_clearance(client: Client, q: str, pairs, params) -> str | None:
    """Why active precaution ``q`` needs clearance first, or None when it does not."""
    if q == "pregnancy":
        weeks = f", {client.pregnancy_weeks} weeks" if client.pregnancy_weeks else ""
        return f"pregnant{weeks}: clearance is always needed first"
    if q == "recent_surgery":
        return (
            f"surgery in the last {params.recent_surgery_weeks:g} weeks: clearance is always "
            "needed first"
        )
    if q == "osteoporosis":
        said = _symptoms(q, pairs)
        if said:
            return (
                f"the client's words mention {', '.join(map(repr, said))}: a vertebral fracture "
                "cannot be ruled out, and a known or suspected one needs clearance first"
            )
        return None
    said = _symptoms(q, pairs)
    if said:
        return f"the client's words mention symptoms ({', '.join(map(repr, said))})"
    if not regular_exerciser(client, params):
        return (
            "the client is not exercising regularly yet (fewer than "
            f"{params.regular_exercise_sessions:g} sessions of "
            f"{params.regular_exercise_minutes:g} min a week)"
        )
    return None


def _watch_for(client: Client, active: tuple[str, ...], params) -> tuple[str, ...]:
    out = []
    for q in active:
        line = WATCH_FOR[q]
        weeks = client.pregnancy_weeks
        if q == "pregnancy" and weeks and weeks >= params.pregnancy_lying_from_week:
            line += " " + WATCH_FOR_LATER_PREGNANCY
        out.append(line)
    return tuple(out)


def check_precautions(client: Client, texts: Mapping[str, str], params) -> PrecautionCheck:
    """The precautions of ``client`` (domain.md §8) for the screen.

    Parameters
    ----------
    client : Client
    texts : Mapping[str, str]
        Source name -> free text (:func:`workbench.client.free_text.client_texts`).
    params : Params
        Resolved parameters (``recent_surgery_weeks`` [weeks], ``osteoporosis_t_score``
        [T-score], ``regular_exercise_sessions`` [sessions/week],
        ``regular_exercise_minutes`` [min], ``pregnancy_lying_from_week`` [weeks],
        ``negation_window_words`` [words]).

    Returns
    -------
    PrecautionCheck

    Raises
    ------
    ValueError
        On an unknown precaution id or an answer other than True, False or None.
    """
    answers = checked_precautions(client.precautions)
    raised, affirmed, pairs = _scan(texts, params)
    t = client.osteoporosis_t_score
    if t is not None and t <= params.osteoporosis_t_score:
        mark = f"T-score {t:g}"
        raised.setdefault("osteoporosis", []).append(mark)
        affirmed.setdefault("osteoporosis", []).append(mark)
    active = tuple(q for q in PRECAUTIONS if answers.get(q) is True)
    forced = {q: tuple(raised[q]) for q in PRECAUTIONS if answers.get(q) is None and q in raised}
    contradicted = {}
    for q in PRECAUTIONS:
        if answers.get(q) is False and q in affirmed:
            words = unconfirmed(client, q, affirmed[q])
            if words:
                contradicted[q] = words
    reasons, needs = [], []
    for q in active:
        why = _needs_clearance(client, q, pairs, params)
        if why is None:
            continue
        if q in client.clearance.covers and client.clearance.cleared:
            reasons.append(f"Precaution {_question(q)}: {why}; the recorded clearance covers it.")
            continue
        needs.append(q)
        reasons.append(
            f"Precaution {_question(q)}: {why} ({SOURCES[q]}). Record clearance from "
            f"{CLEARED_BY[q]} and mark that it covers {q}."
        )
    for q, words in forced.items():
        reasons.append(
            f"Precaution {_question(q)} not asked, and the client's words mention "
            f"{', '.join(map(repr, words))}: ask it before planning."
        )
    for q, words in contradicted.items():
        reasons.append(
            f"Precaution {_question(q)} answered no, but the client's words mention "
            f"{', '.join(map(repr, words))}: ask again and record the answer (or confirm "
            "the no against these words)."
        )
    return PrecautionCheck(
        active=active,
        needs_clearance=tuple(needs),
        forced=forced,
        contradicted=contradicted,
        watch_for=_watch_for(client, active, params),
        reasons=tuple(reasons),
    )


def words_under_answers(
    texts: Mapping[str, str],
    answers: Mapping[str, bool | None],
    t_score: float | None = None,
    params=None,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What the form shows as the trainer types: (raised, contradicting).

    Parameters
    ----------
    texts : Mapping[str, str]
        Source -> free text.
    answers : Mapping[str, bool | None]
        Red-flag and precaution answers (a missing id is not asked).
    t_score : float, optional
        The bone-density T-score [SD], when known.
    params : Params, optional
        Resolved parameters; default the defaults.

    Returns
    -------
    raised : dict[str, list of str]
        Unasked red-flag or precaution id -> the words that raise it (negated or not).
    contradicting : dict[str, list of str]
        Id answered no -> the affirmed words (or the T-score) that contradict it, before
        any confirmation (``Client.confirmed_no``).
    """
    params = resolve({}) if params is None else params
    raised: dict[str, list[str]] = {}
    affirmed: dict[str, list[str]] = {}
    table = {**TEXT_TERMS, **PRECAUTION_TERMS}
    order = [*RED_FLAGS, *PRECAUTIONS]
    for text in texts.values():
        mentions = find_mentions(
            text, table, exclusions=TEXT_EXCLUSIONS, window=params.negation_window_words
        )
        for only, dest in ((False, raised), (True, affirmed)):
            for q, words in words_by_key(mentions, order, affirmed_only=only).items():
                have = dest.setdefault(q, [])
                have += [w for w in words if w.lower() not in map(str.lower, have)]
    if t_score is not None and t_score <= params.osteoporosis_t_score:
        for dest in (raised, affirmed):
            dest.setdefault("osteoporosis", []).append(f"T-score {t_score:g}")
    return (
        {q: w for q, w in raised.items() if answers.get(q) is None},
        {q: w for q, w in affirmed.items() if answers.get(q) is False},
    )
