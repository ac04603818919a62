"""The screen's words for the client: calm, plain, free of threat words (domain.md §7).

Owns how each red flag is named to the client (:data:`CLIENT_WORDS`) and the client's
message for each outcome of :func:`workbench.client.screening.screen` that stops a plan.
"""

from __future__ import annotations

from workbench.domain import Client

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

#: Who a precaution's clearance comes from, in the client's words.
CLIENT_CLEARED_BY: dict[str, str] = {
    "pregnancy": "your midwife or obstetrician",
    "osteoporosis": "your doctor",
    "recent_surgery": "your surgeon or GP",
    "heart_metabolic_kidney": "your doctor",
}


def join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def emergency_message(emergency: list[str]) -> str:
    """The client's message for an emergency-group flag: go to hospital now, calmly."""
    return (
        "Please go to hospital now: you mentioned "
        + join([CLIENT_WORDS[q] for q in emergency])
        + ", and a doctor needs to check this today, at the emergency department. "
        "Please do not wait for your next appointment, and take this note with you. "
        "Your training can wait; we will pick it up together after you have been seen."
    )


def refer_message(refer: list[str], clearance_due: bool) -> str:
    """The client's message for a refer-group flag, asking for clearance too when due."""
    message = (
        "Before we start training, please see your GP or physiotherapist about "
        + join([CLIENT_WORDS[q] for q in refer])
        + ". This is a sensible check so that your training suits you; take this note "
        "with you."
    )
    if clearance_due:
        message += " When you see them, please also ask them to confirm you can start training."
    message += " We will plan your sessions together once they have seen you."
    return message


RECHECK_MESSAGE = (
    "Before we plan your sessions, I would like to go over a few of your health answers "
    "with you again, so that your plan fits you as you are now. It only takes a moment."
)

INCOMPLETE_MESSAGE = (
    "A few health questions are still open. We will go through them together before "
    "planning your sessions."
)


def clearance_message(clear_client: list[str], precautions: list[str]) -> str:
    """The client's message when clearance must come first: from whom, and why, calmly."""
    who = list(dict.fromkeys(CLIENT_CLEARED_BY[q] for q in precautions))
    if who and not clear_client:
        first = (
            f"Before we plan your sessions, please ask {join(who)} to confirm you can start "
            "training, and bring back a short note for your record."
        )
    else:
        first = (
            "Before we plan your sessions, please ask your doctor to confirm you can start "
            "training, and bring back a short note for your record."
        )
        if who and who != ["your doctor"]:
            first += f" Please also ask {join([w for w in who if w != 'your doctor'])}."
    return " ".join(
        [
            first,
            *clear_client,
            "Movement helps, and we will build up gradually once that is in place.",
        ]
    )


def clearance_problems(client: Client, params) -> tuple[list[str], list[str], list[str]]:
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
                f"medical clearance is recorded{by(c)}."
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
        for_trainer.append(f"Clearance is recorded as not given{by(c)}; record it once given.")
    else:
        for_trainer.append("No medical clearance is recorded; record it before planning.")
    return for_client, for_trainer, []


def by(c) -> str:
    parts = []
    if c.by:
        parts.append(f"by {c.by}")
    if c.date:
        parts.append(f"on {c.date}")
    return (" " + " ".join(parts)) if parts else ""
