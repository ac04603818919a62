"""A client's follow-up as a table: each review, its decision and what the re-plan changed.

One row per accepted review (oldest first): the week, its light, the proposed and accepted
decision, the week's ceiling and the next week's, the reasons, and what the re-plan changed
in the next week against the plan it replaced (exercises out and in, planned load). Read
from the store only; the notebook ``05_follow_up.ipynb`` shows it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["STORY_COLUMNS", "next_week_change", "story_frame"]

#: The columns of :func:`story_frame`.
STORY_COLUMNS = (
    "week",
    "light",
    "decision",
    "proposed",
    "ceiling",
    "next_ceiling",
    "reasons",
    "next_week",
)


def _week_of(plan, week: int) -> dict[str, Any] | None:
    """Program week ``week`` of an issued plan's document (None outside it)."""
    if plan is None or not plan.first_week <= week < plan.first_week + plan.weeks:
        return None
    weeks = plan.document.get("weeks", [])
    i = week - plan.first_week
    return weeks[i] if i < len(weeks) else None


def _exercises(week_doc: dict[str, Any] | None) -> set[str]:
    if week_doc is None:
        return set()
    return {b["exercise_id"] for d in week_doc.get("days", []) for b in d.get("blocks", [])}


def next_week_change(before, after, week: int) -> str:
    """What the re-plan ``after`` changed in program week ``week`` against ``before``.

    Parameters
    ----------
    before, after : IssuedPlan or None
        The plan replaced and the re-plan.
    week : int
        The program week compared (the week after the review).

    Returns
    -------
    str
        E.g. ``"load 172 → 151 AU; out: pilates-single-leg-stretch; in: walk-brisk"``, or
        ``"no re-plan"`` / ``"the program has ended"``.
    """
    new = _week_of(after, week)
    if after is None:
        return "no re-plan"
    if new is None:
        return "the program has ended"
    old = _week_of(before, week)
    words = []
    if old is not None:
        words.append(f"load {old['load']:.0f} → {new['load']:.0f} AU")
    else:
        words.append(f"load {new['load']:.0f} AU")
    out, came = sorted(_exercises(old) - _exercises(new)), sorted(_exercises(new) - _exercises(old))
    if out:
        words.append("out: " + ", ".join(out))
    if came and old is not None:
        words.append("in: " + ", ".join(came))
    if old is not None and not out and not came:
        words.append("the same exercises")
    return "; ".join(words)


def story_frame(store, client_id: str) -> pd.DataFrame:
    """Every accepted review of ``client_id``, oldest first (:data:`STORY_COLUMNS`).

    ``ceiling`` is the reviewed week's ceiling and ``next_ceiling`` the next week's after the
    decision [AU]; ``reasons`` the decision's reasons joined by " / "; ``next_week`` what the
    review's re-plan changed in the next week (:func:`next_week_change`).
    """
    plans = store.plans(client_id)
    by_id = {p.id: p for p in plans}
    by_review = {p.review_id: p for p in plans if p.review_id is not None}
    rows = []
    for rec in store.reviews(client_id):
        after = by_review.get(rec.id)
        before = by_id.get(after.replaces) if after is not None and after.replaces else None
        rows.append(
            {
                "week": rec.week,
                "light": rec.light,
                "decision": rec.decision,
                "proposed": rec.proposed,
                "ceiling": round(float(rec.document.get("ceiling", float("nan"))), 1),
                "next_ceiling": round(rec.ceiling, 1),
                "reasons": " / ".join(rec.reasons),
                "next_week": next_week_change(before, after, rec.week + 1),
            }
        )
    return pd.DataFrame(rows, columns=list(STORY_COLUMNS))
