"""One client's batch task and the worker function that plans it, on plain data only.

A :class:`Task` is what travels to a worker: the client file's dictionary, the weeks, and
which catalog to use (a key, not the catalog: each worker process loads it once). The
worker function :func:`plan_task` returns a plain dictionary (:data:`OUTCOME_KEYS`), so any
executor (in-process, a process pool, Dask) carries it back unchanged.
"""

from __future__ import annotations

import hashlib
import json
import time
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from workbench.catalog import builtin_catalog, load_catalog, merged_catalog
from workbench.client.assessment import AssessmentError, client_from_dict
from workbench.followup.accepting import replan_from
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.verify import verify_plan

#: What every outcome holds.
OUTCOME_KEYS = (
    "client_id", "status", "ok", "reason", "seconds", "weeks", "unproven",
    "violations", "input_hash", "result",
)  # fmt: skip

#: Outcome statuses besides the planner's own (planned, referred, needs_clearance,
#: infeasible): the client file could not be read, or the planner raised.
BAD_INPUT = "bad_input"
#: A client left as it is (a store client whose program has begun): not a failure.
KEPT = "kept"
#: A store client's week reviewed by the batch with nothing to re-plan (the program's last
#: week, or a pause until the red-flag questions are answered again): not a failure.
REVIEWED = "reviewed"
ERROR = "error"
PLANNED = "planned"


@dataclass(frozen=True)
class Task:
    """One client to plan.

    Attributes
    ----------
    client_id : str
        The client's id (names the output file).
    document : dict
        The client file as read (plain JSON data).
    weeks : int
        Weeks to plan [weeks].
    catalog : str
        ``"builtin"``, ``"merged"`` (the built-in exercises plus the imported rows) or the
        path of a catalog CSV.
    include_unreviewed : bool
        Plan with catalog rows not yet reviewed.
    source : str
        Where the client came from (a file path or ``store:<id>``), for the summary.
    replan : dict, optional
        A week's review accepted by the batch: the re-plan of the weeks after it
        (:meth:`workbench.followup.accepting.Decided.replan_inputs`, plain data) instead
        of a new program; ``weeks`` is then the weeks ahead.
    """

    client_id: str
    document: dict[str, Any] = field(hash=False)
    weeks: int = 12
    catalog: str = "builtin"
    include_unreviewed: bool = False
    source: str = ""
    replan: dict[str, Any] | None = field(default=None, hash=False)

    def input_hash(self) -> str:
        """A hash of everything the outcome depends on (the resume key)."""
        text = json.dumps(
            [self.document, self.weeks, self.catalog, self.include_unreviewed]
            + ([self.replan] if self.replan is not None else []),
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_plain(self) -> dict[str, Any]:
        """The task as plain data (what a worker receives)."""
        return {
            "client_id": self.client_id,
            "document": self.document,
            "weeks": self.weeks,
            "catalog": self.catalog,
            "include_unreviewed": self.include_unreviewed,
            "replan": self.replan,
            "input_hash": self.input_hash(),
        }


@cache
def _catalog(key: str):
    """The catalog for ``key``, loaded once per worker process."""
    if key == "builtin":
        return builtin_catalog()
    if key == "merged":
        return merged_catalog()
    return load_catalog(Path(key))


def outcome(task: dict[str, Any], status: str, reason: str, **rest: Any) -> dict[str, Any]:
    """A plain outcome dictionary with every :data:`OUTCOME_KEYS` key."""
    base = {
        "client_id": task["client_id"],
        "status": status,
        "ok": status == PLANNED,
        "reason": reason,
        "seconds": 0.0,
        "weeks": task.get("weeks", 0),
        "unproven": [],
        "violations": [],
        "input_hash": task.get("input_hash", ""),
        "result": None,
    }
    return {**base, **rest}


def plan_task(task: dict[str, Any]) -> dict[str, Any]:
    """Plan one client (the worker function: plain data in, plain data out).

    The plan is checked by the independent verifier; a plan that breaks a rule is a
    failure, never a result. Weeks not proven within the relative gap are listed in
    ``unproven`` as ``{"week": w, "gap": g}`` (``g`` a fraction), never hidden.

    A task with ``replan`` re-plans the weeks after an accepted review
    (:func:`workbench.followup.accepting.replan_from`) and is verified with the options
    that re-plan used.

    Parameters
    ----------
    task : dict
        :meth:`Task.to_plain`.

    Returns
    -------
    dict
        The outcome (:data:`OUTCOME_KEYS`); ``result`` is the plan's JSON document.
    """
    began = time.perf_counter()
    try:
        client = client_from_dict(task["document"])
    except AssessmentError as err:
        return outcome(task, BAD_INPUT, f"the client file has problems: {err}")
    try:
        catalog = _catalog(task["catalog"])
        if task.get("replan") is not None:
            result = replan_from(client, catalog, task["replan"])
            options = PlanOptions.from_json(result.made.options)
        else:
            options = PlanOptions(
                weeks=task["weeks"], explain=False, include_unreviewed=task["include_unreviewed"]
            )
            result = plan(client, catalog, options)
        violations = (
            [str(v) for v in verify_plan(result, client, catalog, options)]
            if result.planned
            else []
        )
    except Exception as err:  # a solver error must not stop the batch
        detail = traceback.format_exception_only(type(err), err)[-1].strip()
        return outcome(task, ERROR, f"the planner failed: {detail}")
    doc = result.to_json()
    doc["client_id"] = client.id
    unproven = [
        {"week": d["week"], "gap": d.get("gap")}
        for d in (result.solver.detail if result.solver is not None else ())
        if d.get("status") == "time_limit"
    ]
    status = str(result.status)
    reason = result.message.split("\n")[0]
    if violations:
        status, reason = ERROR, f"the plan broke {len(violations)} rule(s): {violations[0]}"
    elif unproven:
        worst = max((u["gap"] or 0.0) for u in unproven)
        reason = (
            f"not proven: gap {worst:.1%} (weeks {', '.join(str(u['week']) for u in unproven)})"
        )
    return outcome(
        task,
        status,
        reason,
        seconds=round(time.perf_counter() - began, 3),
        unproven=unproven,
        violations=violations,
        result=doc,
    )
