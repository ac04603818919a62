"""The follow-up loop over a client in the store: start, log, review, accept and re-plan.

Each step reads the store, calls a pure rule (:mod:`.log`, :mod:`.notes`, :mod:`.review`,
:mod:`.replan`) and writes the result in one transaction:

1. :func:`start_program` plans the current assessment and issues the plan with its
   sessions on calendar dates.
2. :func:`record_log` validates a session log (a bad entry writes nothing). Red-flag words
   or new leg symptoms in its notes store, with the log, a ``rescreen`` assessment whose
   red-flag answers are blank, so nothing is planned until :func:`answer_red_flags`
   records the answers.
3. :func:`propose_review` reviews a program week against the accepted reviews before it.
4. :func:`accept_review` (:mod:`.accepting`) stores the trainer's decision (the proposal,
   or an override with its reason) and the re-plan of the weeks ahead together. The weeks
   already done keep their sessions exactly as issued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from workbench.domain import Client
from workbench.followup.accepting import OVERRIDES as OVERRIDES
from workbench.followup.accepting import Accepted as Accepted
from workbench.followup.accepting import _params
from workbench.followup.accepting import accept_review as accept_review
from workbench.followup.accepting import accepted_review as accepted_review
from workbench.followup.course import clearance_hold, course, paused_questions
from workbench.followup.decision import Decision, Light, Review
from workbench.followup.log import parse_log
from workbench.followup.notes import log_flags
from workbench.followup.reassess import reassessment_due
from workbench.followup.review import review_week
from workbench.followup.schedule import check_start, schedule
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.result import PlanResult, PlanStatus
from workbench.records.models import IssuedPlan, SessionLog
from workbench.vocabulary import Day


@dataclass(frozen=True)
class Logged:
    """A stored session log, the red-flag words its notes raised, and whether it paused the plan."""

    log: SessionLog
    flags: dict[str, list[str]]
    suspended: bool


def start_program(
    store,
    client_id: str,
    catalog,
    *,
    start: date,
    weeks: int = 12,
    options: PlanOptions | None = None,
) -> tuple[PlanResult, IssuedPlan | None]:
    """Plan the client's current assessment and issue it from ``start``.

    Parameters
    ----------
    store : Store
    client_id : str
    catalog : Catalog
    start : date
        Monday of week 1 (another day is refused, naming the next Monday).
    weeks : int
        Program weeks [weeks].
    options : PlanOptions, optional
        The trainer's options; ``weeks`` is taken from ``weeks``.

    Returns
    -------
    (PlanResult, IssuedPlan or None)
        The plan, and the issued plan; None (nothing stored) when the client is not
        planned (referred, needs clearance, or no plan fits: the result says why).
    """
    check_start(start)
    client = store.current_client(client_id)
    options = replace(options or PlanOptions(), weeks=weeks, follow_up=None)
    result = plan(client, catalog, options)
    if result.status is not PlanStatus.PLANNED:
        return result, None
    return result, issue_document(store, client_id, result.to_json(), start=start)


def issue_document(store, client_id: str, doc: dict[str, Any], *, start: date) -> IssuedPlan:
    """Issue a planned result's JSON document (``PlanResult.to_json()``) from ``start``.

    What :func:`start_program` stores after planning; a batch that planned the client in a
    worker process issues the worker's document the same way.
    """
    check_start(start)
    current = store.current_plan(client_id)
    return store.issue_plan(
        client_id,
        doc,
        start_date=start,
        first_week=1,
        options=doc["made"]["options"],
        catalog_hash=doc["made"]["catalog"]["hash"],
        sessions=schedule(doc, start_date=start, first_week=1),
        replaces=None if current is None else current.id,
    )


def rescreened(client: Client, flags: Mapping[str, Sequence[str]]) -> Client:
    """The client with the flagged red-flag questions blank again (asked, not answered)."""
    return replace(client, red_flags={**client.red_flags, **{key: None for key in flags}})


def record_log(
    store, client_id: str, data: Mapping[str, Any], *, session_id: int | None = None
) -> Logged:
    """Validate and store one session log.

    Parameters
    ----------
    store : Store
    client_id : str
    data : mapping
        The log's fields (:func:`workbench.followup.log.parse_log`).
    session_id : int, optional
        The scheduled session; None for a session the client did on their own (then
        ``on`` and ``discipline`` are needed).

    Returns
    -------
    Logged

    Raises
    ------
    LogError
        Every refused field with its reason; nothing is stored.
    StoreError
        An unknown client or session, or another client's session; nothing is stored.
    ValueError
        A session a re-plan has replaced (the message names the one to log instead).
    """
    store.client(client_id)
    session = None if session_id is None else store.session(session_id)
    if session is not None and session.client_id == client_id:
        current = store.sessions(client_id, week=session.week)
        if session.id not in {s.id for s in current}:
            same_day = [s.id for s in current if s.day == session.day]
            raise ValueError(
                f"session: {session.id} was replaced by a re-plan of week {session.week}"
                + (f"; log session {same_day[0]} instead" if same_day else "")
            )
    log = parse_log(data, client_id=client_id, session=session)
    flags = log_flags(log)
    rescreen = rescreened(store.current_client(client_id), flags) if flags else None
    stored = store.add_logs([log], rescreen=rescreen, assessed_on=log.on)
    return Logged(stored[0], flags, bool(flags))


def answer_red_flags(
    store, client_id: str, answers: Mapping[str, bool], *, on: date | None = None
) -> Client:
    """Record the client's answers to red-flag questions asked again (a new assessment).

    A "yes" makes the next plan a referral (the screening decides); "no" to every question
    asked lets the review and the re-plan go on.
    """
    client = store.current_client(client_id)
    unknown = sorted(set(answers) - set(client.red_flags))
    if unknown:
        raise ValueError(
            f"red flags: no question {', '.join(unknown)} (questions: {', '.join(client.red_flags)})"
        )
    answered = replace(client, red_flags={**client.red_flags, **dict(answers)})
    store.save_assessment(answered, assessed_on=on, kind="assessment")
    return answered


def _answered_words(log: SessionLog, client: Client, answered_at) -> list[str]:
    """The log's red-flag words, when they were asked about again after it and all answered
    "no"; else empty (the review still pauses on them)."""
    flags = log_flags(log)
    if not flags or log.logged_at is None or answered_at is None or log.logged_at > answered_at:
        return []
    if not all(client.red_flags.get(key) is False for key in flags):
        return []
    return [w for words in flags.values() for w in words]


def propose_review(store, client_id: str, catalog, week: int | None = None) -> Review:
    """The rules' review of a program week (nothing is stored).

    Parameters
    ----------
    store : Store
    client_id : str
    catalog : Catalog
        The exercises that hurt are eased or rested by their demands.
    week : int, optional
        Program week; default the week after the last one reviewed.

    Returns
    -------
    Review
        Notes whose red-flag words were since asked about again and answered "no" do not
        pause the plan again (the review says so); every note of the week is quoted in the
        reasons, in the client's words; a 4-weekly reassessment due is noted.
    """
    c = course(store, client_id)
    week = c.next_week if week is None else week
    c.check_week(week)
    client = store.current_client(client_id)
    p = _params(client, c.options)
    latest = store.assessments(client_id)[-1]
    answered_at = latest.recorded_at if latest.kind != "rescreen" else None
    logs, cleared = [], []
    for log in c.week_logs(week):
        words = _answered_words(log, client, answered_at)
        if words:
            cleared.extend(words)
            log = replace(log, notes="")
        logs.append(log)
    review = review_week(
        week,
        c.ceiling(week),
        store.sessions(client_id, week=week),
        logs,
        c.history(before=week),
        catalog=catalog.by_id,
        client=client,
        params=p,
    )
    extra = [  # every note reaches the trainer, in the client's words
        f'the client wrote on {list(Day)[log.on.weekday()].label}: "{log.notes.strip()}"'
        for log in c.week_logs(week)
        if log.notes.strip()
    ]
    if cleared:
        extra.append(
            f'the notes mentioned "{", ".join(dict.fromkeys(cleared))}"; the questions were '
            f"asked again on {latest.assessed_on:%d %b %Y} and answered no"
        )
    if reassessment_due(week, p):
        extra.append(
            f"week {week}: time for the {p.reassess_every_weeks:g}-weekly reassessment "
            "(the questionnaires again, against the first assessment)"
        )
    review = replace(review, reasons=(*review.reasons, *extra)) if extra else review
    return _paused(review, paused_questions(store, client_id), clearance_hold(store, client_id))


def _paused(review: Review, questions: tuple[str, ...], hold: str = "") -> Review:
    """``review``, suspended while red-flag questions asked again wait for their answers,
    or while the current assessment is not clear to plan (``hold``, the reason)."""
    if not (questions or hold) or review.suspended:
        return review
    why = hold or (
        f"red-flag questions asked again are not answered yet ({', '.join(questions)}): "
        "nothing more is planned until they are"
    )
    return replace(
        review, light=Light.RED, decision=Decision.SUSPEND, questions=questions,
        next_ceiling=review.ceiling, reasons=(*review.reasons, why),
    )  # fmt: skip
