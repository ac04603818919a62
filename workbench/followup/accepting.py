"""A week's review accepted: the trainer's decision, the re-plan of the weeks ahead, both stored.

:func:`accept_review` does it in one call. A studio batch (``workbench batch --store
--accept-reviews``) does the same in three steps so that the re-plan runs on a worker:
:func:`decide_review` reads the store and makes the decision (:class:`Decided`, whose
:meth:`Decided.replan_inputs` are plain data), :func:`replan_from` re-plans from that data
alone, and :func:`store_decided` stores the review and its re-plan in one transaction.
:func:`accept_review` goes through the same plain data, so both give the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from workbench.defaults import Params, resolve
from workbench.domain import Client
from workbench.followup.course import Course, course
from workbench.followup.decision import Decision, Review
from workbench.followup.replan import replan_ahead
from workbench.followup.review import next_ceiling
from workbench.followup.schedule import schedule, week_start
from workbench.planning.planner import PlanOptions
from workbench.planning.result import PlanResult, PlanStatus
from workbench.records.models import IssuedPlan, ReviewRecord

#: The decisions a trainer may choose instead of the proposal (a suspended plan waits for
#: the red-flag answers; it is not a choice).
OVERRIDES = (Decision.PROGRESS, Decision.HOLD, Decision.REGRESS)


@dataclass(frozen=True)
class Accepted:
    """A review as accepted, and the re-plan of the weeks ahead (None when nothing is planned).

    ``result`` is the planner's answer (its status and diagnosis) even when it issued no
    plan, e.g. a client whose answers now need a referral.
    """

    record: ReviewRecord
    plan: IssuedPlan | None
    result: PlanResult | None


@dataclass(frozen=True)
class Decided:
    """A review as the trainer accepts it, not stored yet.

    Attributes
    ----------
    course : Course
        The client's program as the store held it when the decision was made.
    client : Client
        The client's current assessment.
    review : Review
        The review as accepted (the proposal, or the override with its reason).
    history : tuple of Review
        The accepted reviews of the weeks before it.
    record : ReviewRecord
        What the store keeps of the decision.
    """

    course: Course
    client: Client
    review: Review
    history: tuple[Review, ...]
    record: ReviewRecord

    @property
    def replans(self) -> bool:
        """The decision re-plans the weeks ahead (not a pause, not the program's last week)."""
        return not (self.review.suspended or self.review.week >= self.course.total_weeks)

    @property
    def weeks_ahead(self) -> int:
        """Program weeks after the reviewed one [weeks]."""
        return self.course.total_weeks - self.review.week

    def replan_inputs(self) -> dict[str, Any]:
        """What the re-plan of the weeks ahead needs besides the client and the catalog, as
        plain JSON data (a batch sends it to a worker)."""
        c = self.course
        return {
            "options": c.plan.options,
            "review": self.review.to_json(),
            "history": [h.to_json() for h in self.history],
            "logged_loads": c.logged_loads(self.review.week),
            "total_weeks": c.total_weeks,
        }


def _params(client: Client, options: PlanOptions | None = None) -> Params:
    return resolve({**client.overrides, **(options.overrides if options else {})})


def accepted_review(
    review: Review,
    history: Sequence[Review],
    params: Params,
    decision: Decision | None,
    reason: str,
) -> Review:
    """``review`` as the trainer accepts it: the proposal, or ``decision`` with its reason.

    Raises
    ------
    ValueError
        An override without a reason, to "suspend", or of a suspended review.
    """
    if decision is None or decision is review.decision:
        return review
    if review.suspended:
        waits = (
            f"the red-flag answers; record them first ({', '.join(review.questions)})"
            if review.questions
            else f"a clear assessment ({review.reasons[-1]})"
        )
        raise ValueError(f"decision: a paused plan waits for {waits}")
    if decision not in OVERRIDES:
        raise ValueError(
            f"decision: choose one of {', '.join(d.value for d in OVERRIDES)}, got {decision}"
        )
    if not reason.strip():
        raise ValueError(
            f"reason: overriding {review.decision.value} with {decision.value} needs the "
            "trainer's reason"
        )
    two_red = review.clinician_review and decision is Decision.REGRESS
    ceiling = next_ceiling(
        decision, review.ceiling, review.load.logged, history, params, two_red=two_red
    )
    note = (
        f"the trainer chose {decision.value} instead of {review.decision.value}: {reason.strip()}"
    )
    return replace(review, decision=decision, next_ceiling=ceiling, reasons=(*review.reasons, note))


def decide_review(
    store,
    client_id: str,
    review: Review,
    *,
    by: str,
    decision: Decision | None = None,
    reason: str = "",
) -> Decided:
    """The trainer's decision on ``review`` (nothing is stored).

    Raises
    ------
    ValueError
        No ``by``; a week outside the program; an override without a reason.
    """
    if not by.strip():
        raise ValueError("by: say who accepts the review")
    c = course(store, client_id)
    c.check_week(review.week)
    client = store.current_client(client_id)
    history = tuple(c.history(before=review.week))
    final = accepted_review(review, history, _params(client, c.options), decision, reason)
    record = ReviewRecord(
        client_id=client_id,
        week=final.week,
        proposed=review.decision.value,
        decision=final.decision.value,
        light=final.light.value,
        reasons=final.reasons,
        ceiling=final.next_ceiling,
        accepted_by=by.strip(),
        override_reason=reason.strip() if final.decision is not review.decision else "",
        plan_id=c.plan.id,
        document=final.to_json(),
    )
    return Decided(c, client, final, history, record)


def replan_from(client: Client, catalog, inputs: dict[str, Any]) -> PlanResult:
    """The re-plan of the weeks after the review, from :meth:`Decided.replan_inputs`.

    It skips the planner's "+10% on the ceiling" what-if (``explain=False``): the review's
    decision set the ceiling, and the trainer is waiting.
    """
    return replan_ahead(
        client,
        catalog,
        replace(PlanOptions.from_json(inputs["options"]), explain=False),
        Review.from_json(inputs["review"]),
        [Review.from_json(h) for h in inputs["history"]],
        logged_loads=inputs["logged_loads"],
        total_weeks=inputs["total_weeks"],
    )


def store_decided(store, d: Decided, doc: dict[str, Any] | None) -> Accepted:
    """Store the decision and, when ``doc`` (a re-plan's JSON document) is given, the plan
    of the weeks ahead with its sessions, in one transaction."""
    if doc is None:
        return Accepted(store.add_review(d.record), None, None)
    c, week = d.course, d.review.week
    start = week_start(c.start, week + 1)
    issued = store.issue_plan(
        c.client_id,
        doc,
        start_date=start,
        first_week=week + 1,
        options=doc["made"]["options"],
        catalog_hash=doc["made"]["catalog"]["hash"],
        sessions=schedule(doc, start_date=start, first_week=week + 1),
        replaces=c.plan.id,
        review=d.record,
    )
    stored = next(r for r in reversed(store.reviews(c.client_id)) if r.id == issued.review_id)
    return Accepted(stored, issued, None)


def accept_review(
    store,
    client_id: str,
    catalog,
    review: Review,
    *,
    by: str,
    decision: Decision | None = None,
    reason: str = "",
) -> Accepted:
    """Store the trainer's decision on ``review`` and re-plan the weeks after it.

    Parameters
    ----------
    by : str
        Who accepted it (stored).
    decision : Decision, optional
        An override of the proposal (needs ``reason``).
    reason : str
        The trainer's reason for an override (stored).

    Returns
    -------
    Accepted
        The stored review and the new plan of weeks ``review.week + 1`` .. the program's
        last (None when the review paused the plan, the last week was reviewed, or the
        planner planned nothing: ``result`` says why). The review and its plan are stored
        in one transaction; nothing is stored when the re-plan fails with an error.

    Raises
    ------
    ValueError
        No ``by``; an override without a reason (nothing is stored).
    """
    d = decide_review(store, client_id, review, by=by, decision=decision, reason=reason)
    if not d.replans:
        return store_decided(store, d, None)
    result = replan_from(d.client, catalog, d.replan_inputs())
    if result.status is not PlanStatus.PLANNED:
        return Accepted(store.add_review(d.record), None, result)
    return replace(store_decided(store, d, result.to_json()), result=result)
