"""A batch over the store's clients, back into the store: every client planned and issued.

:func:`tasks_from_store` makes one task per client in the store from their current
assessment. :class:`StoreSink` issues each planned result from the batch's start date
(the follow-up loop's :func:`workbench.followup.loop.issue_document`: one transaction per
client, so a batch stopped half-way keeps every client it issued). The issued document
carries the task's input hash, so ``--resume`` skips a client whose current plan was issued
by a batch from the same assessment, weeks, catalog and start. A client whose program has
begun is never started again: it is kept as it is (its review re-plans it), or with
``--accept-reviews`` its due review is accepted and re-plans it
(:mod:`workbench.batch.store_reviews`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbench.batch.store_reviews import (
    ReviewBatch,
    review_task,
    store_outcome,
    store_review_replan,
)
from workbench.batch.tasks import KEPT, Task
from workbench.followup.loop import issue_document
from workbench.followup.schedule import check_start
from workbench.records.files import client_document


def program_begun(store, client_id: str) -> str:
    """Why the client's current program has begun (a session logged since it started, a
    review, or weeks re-planned after one); ``""`` when there is none or it has not."""
    current = store.current_plan(client_id)
    if current is None:
        return ""
    if current.first_week > 1:
        return f"program week {current.first_week} on was re-planned after a review"
    reviews = store.reviews(client_id)
    if reviews:  # an earlier program's count too: keeping is the cautious reading
        return f"{len(reviews)} weekly review(s) on record"
    logs = store.logs(client_id, since=current.start_date)
    if logs:
        return f"{len(logs)} session(s) logged since the program started {current.start_date}"
    return ""


def tasks_from_store(
    store,
    *,
    weeks: int,
    catalog: str = "builtin",
    include_unreviewed: bool = False,
    reviews: ReviewBatch | None = None,
) -> tuple[list[Task], list[dict[str, Any]]]:
    """One task per client of the store, from their current assessment, and the clients
    kept as they are (outcomes with status ``kept``).

    A client whose program has begun (:func:`program_begun`) is kept: a batch never starts
    their program again from week 1, which would drop what the weeks' reviews decided
    (rested exercises, eased movements, the load actually done). Their weeks ahead are
    re-planned when the week's review is accepted: with ``reviews``, by this batch
    (:mod:`workbench.batch.store_reviews`: the task re-plans the weeks after the review);
    else by the trainer (``workbench review ID --accept``).
    """
    tasks, kept = [], []
    for record in store.clients():
        begun = program_begun(store, record.id)
        if begun and reviews is not None:
            task, told = review_task(
                store, record.id, begun, reviews,
                catalog=catalog, include_unreviewed=include_unreviewed,
            )  # fmt: skip
            tasks += [task] if task is not None else []
            kept += [told] if told is not None else []
            continue
        if begun:
            reason = (
                f"kept: {begun}; the week's review re-plans its weeks ahead "
                "(workbench review ID --accept, or this batch with --accept-reviews)"
            )
            kept.append(store_outcome(record.id, KEPT, reason, weeks, ok=True))
            continue
        document = client_document(store.current_client(record.id))
        tasks.append(
            Task(record.id, document, weeks, catalog, include_unreviewed, f"store:{record.id}")
        )
    return tasks, kept


class StoreSink:
    """Issues every planned outcome to the store from ``start`` (a Monday); an accepted
    review's re-plan (``reviews``) is stored with its review instead."""

    def __init__(self, store, start: date, reviews: ReviewBatch | None = None) -> None:
        check_start(start)
        self.store, self.start, self.reviews = store, start, reviews

    def _key(self, task: Task) -> str:
        return f"{task.input_hash()}@{self.start.isoformat()}"

    def done(self, task: Task) -> dict[str, Any] | None:
        if task.replan is not None:
            return None  # a review stored is no longer due: a run again makes no such task
        current = self.store.current_plan(task.client_id)
        if current is None or current.document.get("batch", {}).get("key") != self._key(task):
            return None
        return {**current.document["batch"]["outcome"], "plan": current.id}

    def write(self, task: Task, result: dict[str, Any]) -> dict[str, Any]:
        if not result["ok"]:
            return result  # nothing is issued for a client without a plan
        if task.replan is not None:
            return store_review_replan(self.store, self.reviews.decided[task.client_id], result)
        brief = {k: v for k, v in result.items() if k != "result"}
        doc = {**result["result"], "batch": {"key": self._key(task), "outcome": brief}}
        issued = issue_document(self.store, task.client_id, doc, start=self.start)
        return {**result, "plan": issued.id}

    def finish(self, summary) -> None:
        pass
