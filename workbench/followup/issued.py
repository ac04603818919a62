"""A store client's program as the hand-over exports it: the issued plans, start and logs.

``workbench export CLIENT_ID`` hands over what the client was given, not a new plan: the
program's issued plans (for each week, the newest plan covering it), its start Monday, the
session logs so far, and the calendar's DTSTAMP and SEQUENCE from the latest plan (when it
was issued; how many re-plans the program has had), so that exporting again gives the same
files and importing a re-planned program's calendar updates its events. A client whose
current assessment no longer screens clear (a red flag answered yes, clearance needed) or
whose plan is paused gets the screening's result instead, which the hand-over turns into
the brief or the referral letter only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from workbench.client.screening import screen
from workbench.defaults import resolve
from workbench.domain import Client
from workbench.followup.course import course, paused_questions
from workbench.handover.document import program_result
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.result import PlanResult

__all__ = ["IssuedProgram", "issued_program"]


@dataclass(frozen=True)
class IssuedProgram:
    """What the hand-over needs of a store client's program.

    Attributes
    ----------
    client : Client
        The current assessment.
    result : PlanResult
        The issued program (planned), or the screening's answer (referred, needs
        clearance) when the current assessment is not clear to plan.
    start : date
        Monday of program week 1.
    logs : tuple of SessionLog
        The session logs dated within the program.
    plan_key : str
        Names the program in the calendar's UIDs (``p<id of its first plan>``).
    stamp : datetime
        When the latest plan was issued (UTC): the calendar's DTSTAMP.
    sequence : int
        Re-plans since the program was issued: the calendar's SEQUENCE.
    paused : tuple of str
        Red-flag questions a session's notes asked again and nobody has answered: no
        program is handed over until they are.
    """

    client: Client
    result: PlanResult
    start: date
    logs: tuple
    plan_key: str
    stamp: datetime
    sequence: int
    paused: tuple[str, ...] = ()


def issued_program(store, client_id: str, catalog) -> IssuedProgram:
    """The client's current program as issued, ready for :func:`export_plan`.

    Raises
    ------
    ValueError
        No program has been issued (the message says how to issue one).
    StoreError
        No such client.
    """
    c = course(store, client_id)
    client = store.current_client(client_id)
    screening = screen(client, resolve(client.overrides))
    if screening.plannable:
        result = program_result([(p.first_week, p.document) for p in c.plans])
    else:  # the screening's answer, quickly: nothing is solved for a client not clear
        result = plan(client, catalog, PlanOptions(weeks=1, explain=False))
    issued = c.plan.issued_at
    stamp = issued.replace(tzinfo=UTC) if issued.tzinfo is None else issued.astimezone(UTC)
    return IssuedProgram(
        client=client,
        result=result,
        start=c.start,
        logs=c.logs,
        plan_key=f"p{c.plans[0].id}",
        stamp=stamp.replace(microsecond=0),
        sequence=len(c.plans) - 1,
        paused=paused_questions(store, client_id),
    )
