"""A batch over the store's clients, back into the store: every client planned and issued.

:func:`tasks_from_store` makes one task per client in the store from their current
assessment. :class:`StoreSink` issues each planned result from the batch's start date
(the follow-up loop's :func:`workbench.followup.loop.issue_document`: one transaction per
client, so a batch stopped half-way keeps every client it issued). The issued document
carries the task's input hash, so ``--resume`` skips a client whose current plan was issued
by a batch from the same assessment, weeks, catalog and start.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbench.batch.tasks import Task
from workbench.followup.loop import issue_document
from workbench.followup.schedule import check_start
from workbench.records.files import client_document


def tasks_from_store(
    store, *, weeks: int, catalog: str = "builtin", include_unreviewed: bool = False
) -> list[Task]:
    """One task per client of the store, from their current assessment."""
    return [
        Task(
            record.id,
            client_document(store.current_client(record.id)),
            weeks,
            catalog,
            include_unreviewed,
            f"store:{record.id}",
        )
        for record in store.clients()
    ]


class StoreSink:
    """Issues every planned outcome to the store from ``start`` (a Monday)."""

    def __init__(self, store, start: date) -> None:
        check_start(start)
        self.store, self.start = store, start

    def _key(self, task: Task) -> str:
        return f"{task.input_hash()}@{self.start.isoformat()}"

    def done(self, task: Task) -> dict[str, Any] | None:
        current = self.store.current_plan(task.client_id)
        if current is None or current.document.get("batch", {}).get("key") != self._key(task):
            return None
        return {**current.document["batch"]["outcome"], "plan": current.id}

    def write(self, task: Task, result: dict[str, Any]) -> dict[str, Any]:
        if not result["ok"]:
            return result  # nothing is issued for a client without a plan
        brief = {k: v for k, v in result.items() if k != "result"}
        doc = {**result["result"], "batch": {"key": self._key(task), "outcome": brief}}
        issued = issue_document(self.store, task.client_id, doc, start=self.start)
        return {**result, "plan": issued.id}

    def finish(self, summary) -> None:
        pass
