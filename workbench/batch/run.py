"""A batch run: tasks through an executor into a sink, with progress, failures and resume.

:func:`run_batch` sends every task that is not done yet to the executor, hands each
outcome to the sink as it arrives (each written atomically, so a batch stopped half-way
keeps every client it finished), and never stops for a failed client: a bad file, a
referral, no plan fitting, a solver error or a crashed worker is an outcome with its
reason. Progress (clients done, failures, time left) goes to stderr with tqdm.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tqdm import tqdm

from workbench.batch.executors import Executor
from workbench.batch.tasks import ERROR, KEPT, PLANNED, Task, outcome, plan_task


class Sink(Protocol):
    """Where outcomes go: an output folder, or the store."""

    def done(self, task: Task) -> dict[str, Any] | None:
        """The stored outcome when ``task`` was done by an earlier run, else None."""

    def write(self, task: Task, result: dict[str, Any]) -> dict[str, Any]:
        """Keep one outcome (atomically); returns it as kept."""

    def finish(self, summary: Summary) -> None:
        """Write what sums the batch up (e.g. the summary CSV)."""


@dataclass
class Summary:
    """What a batch did.

    Attributes
    ----------
    outcomes : list of dict
        One per client, in the order of the tasks (resumed ones included, ``resumed``
        true).
    seconds : float
        Wall time of the run [s].
    executor : str
        Which executor ran it, and ``workers`` how many processes.
    """

    outcomes: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    executor: str = ""
    workers: int = 1

    @property
    def failed(self) -> list[dict[str, Any]]:
        """The clients without a plan, with their reasons."""
        return [o for o in self.outcomes if not o["ok"]]

    @property
    def ran(self) -> int:
        """Clients planned in this run (not resumed)."""
        return sum(1 for o in self.outcomes if not o.get("resumed"))

    @property
    def clients_per_second(self) -> float:
        """Clients planned in this run per second of wall time [1/s]."""
        return self.ran / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """The ``workbench batch --json`` document (no plans: those are in the outputs)."""
        return {
            "clients": len(self.outcomes),
            "planned": sum(1 for o in self.outcomes if o["ok"] and o["status"] == PLANNED),
            "kept": sum(1 for o in self.outcomes if o["status"] == KEPT),
            "reviewed": sum(1 for o in self.outcomes if o.get("review_week") is not None),
            "failed": len(self.failed),
            "resumed": len(self.outcomes) - self.ran,
            "unproven": sum(1 for o in self.outcomes if o["unproven"]),
            "seconds": round(self.seconds, 3),
            "clients_per_second": round(self.clients_per_second, 3),
            "executor": self.executor,
            "workers": self.workers,
            "outcomes": [
                {k: v for k, v in o.items() if k not in ("result", "violations")}
                for o in self.outcomes
            ],
        }


def run_batch(
    tasks: Sequence[Task],
    executor: Executor,
    sink: Sink,
    *,
    resume: bool = False,
    failures: Iterable[dict[str, Any]] = (),
    progress: bool = True,
) -> Summary:
    """Run a batch.

    Parameters
    ----------
    tasks : sequence of Task
        The clients to plan.
    executor : Executor
        Where the plans are made (:func:`workbench.batch.executors.executor_for`).
    sink : Sink
        Where the outcomes go.
    resume : bool
        Skip the tasks the sink already has done with the same inputs.
    failures : iterable of dict
        Outcomes known before the run: client files that could not be read, and store
        clients kept as they are (status ``kept``, not failures).
    progress : bool
        Show a progress bar on stderr.

    Returns
    -------
    Summary
    """
    began = time.perf_counter()
    by_id: dict[str, dict[str, Any]] = {}
    todo = []
    for task in tasks:
        kept = sink.done(task) if resume else None
        if kept is not None:
            by_id[task.client_id] = {**kept, "resumed": True}
        else:
            todo.append(task)
    known_failures = list(failures)
    bar = tqdm(
        total=len(todo) + len(known_failures),
        desc="planning",
        unit="client",
        file=sys.stderr,
        disable=not progress,
        dynamic_ncols=True,
    )
    bar.update(len(known_failures))
    failed = sum(1 for o in known_failures if not o["ok"])
    bar.set_postfix(failed=failed)
    tasks_by_id = {t.client_id: t for t in todo}
    for plain, got in executor.run(plan_task, [t.to_plain() for t in todo]):
        task = tasks_by_id[plain["client_id"]]
        if isinstance(got, BaseException):  # a worker that crashed
            got = outcome(plain, ERROR, f"the worker failed: {type(got).__name__}: {got}")
        kept = sink.write(task, got) if got["status"] != ERROR else got
        by_id[task.client_id] = {**kept, "source": task.source, "resumed": False}
        if not kept["ok"]:
            failed += 1
            bar.set_postfix(failed=failed)
        bar.update(1)
    bar.close()
    ordered = [by_id[t.client_id] for t in tasks if t.client_id in by_id]
    summary = Summary(
        outcomes=[*ordered, *known_failures],
        seconds=time.perf_counter() - began,
        executor=executor.name,
        workers=executor.workers,
    )
    sink.finish(summary)
    return summary
