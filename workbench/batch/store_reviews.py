"""Sunday night in a studio: every week's review that is due, accepted, and its weeks re-planned.

``workbench batch --store --accept-reviews --by NAME`` takes each client whose program has
begun (:func:`workbench.batch.store_sink.program_begun`). When the program week after the
last one reviewed has ended, the rules' review of it is accepted as proposed, by ``NAME``
(:func:`workbench.followup.accepting.decide_review`), and the re-plan of the weeks after
it becomes a batch task: plain data that any executor runs
(:func:`workbench.followup.accepting.replan_from`). The sink stores the review and its
re-plan in one transaction (:func:`~workbench.followup.accepting.store_decided`); a re-plan
that finds no plan stores nothing, and the trainer decides with ``workbench review``.

A decision that re-plans nothing is stored at once: the program's last week, or a pause
(red-flag words in the week's notes: nothing more is planned until the questions are
answered again). A week paused before and still waiting for its answers is left as it is,
so a batch run again stores no second pause. Overrides are the trainer's own, made with
``workbench review ID --accept --override``; the batch accepts proposals only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from workbench.batch.tasks import ERROR, KEPT, REVIEWED, Task, _catalog, outcome
from workbench.followup.accepting import Decided, decide_review, store_decided
from workbench.followup.course import course
from workbench.followup.loop import propose_review
from workbench.followup.schedule import week_start
from workbench.records.engine import StoreConflict
from workbench.records.files import client_document


@dataclass
class ReviewBatch:
    """Who accepts the batch's reviews and on what day, and the decisions made so far.

    Attributes
    ----------
    by : str
        Who accepts (stored with each review).
    on : date
        The batch's day: a program week is due for review once it has ended by then.
    decided : dict
        Client id → its decision waiting for its re-plan (filled by :func:`review_task`).
    """

    by: str
    on: date
    decided: dict[str, Decided] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by.strip():
            raise ValueError("by: say who accepts the reviews")


def store_outcome(
    client_id: str, status: str, reason: str, weeks: int = 0, **rest: Any
) -> dict[str, Any]:
    """The outcome of a store client that gets no task (kept, reviewed, failed), with
    its source."""
    plain = {"client_id": client_id, "weeks": weeks}
    return {**outcome(plain, status, reason, **rest), "source": f"store:{client_id}"}


def _kept(client_id: str, reason: str) -> dict[str, Any]:
    return store_outcome(client_id, KEPT, reason, ok=True)


def review_task(
    store, client_id: str, begun: str, reviews: ReviewBatch, *, catalog: str, include_unreviewed
) -> tuple[Task | None, dict[str, Any] | None]:
    """The re-plan task of a begun client's due review, or the outcome saying what was
    done instead (a decision stored at once, or the client kept as they are)."""
    c = course(store, client_id)
    week = c.next_week
    done = c.accepted().get(week)
    if done is not None and done.decision != "suspend":
        return None, _kept(client_id, f"kept: every week of the program is reviewed ({begun})")
    ends = week_start(c.start, week) + timedelta(days=7)
    if reviews.on < ends:
        due = f"week {week}'s review is due from {ends:%a %d %b %Y}"
        return None, _kept(client_id, f"kept: {begun}; {due}")
    try:
        review = propose_review(store, client_id, _catalog(catalog), week)
        if done is not None and review.suspended:
            asks = ", ".join(review.questions) or "a clear assessment"
            return None, _kept(client_id, f"kept: week {week} is paused, waiting for: {asks}")
        d = decide_review(store, client_id, review, by=reviews.by)
    except ValueError as err:  # one client's odd record must not stop the studio's batch
        return None, store_outcome(
            client_id, ERROR, f"week {week}'s review could not be made: {err}"
        )
    if not d.replans:
        rec = store_decided(store, d, None).record
        why = "paused until the red-flag questions are asked again" if review.suspended else (
            "the program's last week: nothing ahead to re-plan"
        )  # fmt: skip
        told = f"week {week} reviewed: {rec.decision}, {why}"
        return None, store_outcome(
            client_id, REVIEWED, told, ok=True, review=rec.id, review_week=week
        )
    reviews.decided[client_id] = d
    document = client_document(d.client)
    task = Task(
        client_id, document, d.weeks_ahead, catalog, include_unreviewed, f"store:{client_id}",
        replan=d.replan_inputs(),
    )  # fmt: skip
    return task, None


def store_review_replan(store, d: Decided, result: dict[str, Any]) -> dict[str, Any]:
    """Store the decision with its planned re-plan (one transaction); the outcome kept.

    A plan issued for the client since the batch read their program (a trainer accepted
    the review by hand meanwhile) wins: nothing is stored, and the outcome says so.
    """
    try:
        acc = store_decided(store, d, result["result"])
    except StoreConflict as err:
        return {**result, "status": ERROR, "ok": False, "reason": str(err), "result": None}
    week = d.review.week
    last = d.course.total_weeks
    reason = f"week {week} reviewed: {acc.record.decision}; weeks {week + 1}-{last} re-planned"
    if result["unproven"]:
        reason += f"; {result['reason']}"
    return {
        **result,
        "reason": reason,
        "plan": acc.plan.id,
        "review": acc.record.id,
        "review_week": week,
    }
