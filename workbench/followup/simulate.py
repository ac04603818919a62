"""Simulated session logs and the example story: a client followed for eight weeks.

For the notebook (``05_follow_up.ipynb``), the app's "Load the example", the tests and the
follow-up benchmark: nothing here is a rule. :func:`simulated_logs` writes the log entries a
client might report for one week of scheduled sessions, in a named pattern;
:func:`example_story` adds an example client to a store, issues a 12-week program and follows
it week by week through the loop (log, propose the review, accept it, re-plan), with a green
stretch, a flare-up and a recovery.

The patterns (pain 0-10, effort CR-10; the logged effort is the planned one, so the logged
load, effort × minutes, is the planned load within rounding):

``"green"``
    every session done as planned; pain 0-2 (during: 1), settled by the next morning,
    stiffness 2.
``"amber"``
    every session done; pain during 3-5 (acceptable, not safe), stiffness up a little (3).
``"flare"``
    every session done; one session's pain during reaches 7/10 (above 5) on the exercise
    ``hurt``, and the next morning has not settled (pain and stiffness up); the others as in
    a recovery week.
``"recovery"``
    every session done; pain during 2, settled by the next morning, stiffness back to 2.
``"low_adherence"``
    a third of the sessions (rounded down) done as in a green week, the rest not done.

Within a week the values that the weekly means read (pain during, next-morning stiffness)
are the pattern's level, so two weeks of one pattern have the same means (a green week after
a green week is never "pain up vs last week"); the seed varies the rest (pain before and
after, next-morning pain within the settled range, which sessions a low-adherence week
misses, the notes). The same sessions, pattern and seed give the same entries.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from workbench.records.models import LogStatus, ScheduledSession

__all__ = [
    "EXAMPLE",
    "PATTERNS",
    "STORY_BY",
    "example_story",
    "simulated_logs",
    "story_patterns",
]

#: The log patterns :func:`simulated_logs` knows.
PATTERNS = ("green", "amber", "flare", "recovery", "low_adherence")

#: The example client the story follows (``examples/clients/<name>.json``).
EXAMPLE = "desk-worker-flexion"

#: Who accepts the story's reviews.
STORY_BY = "example trainer"

#: The program week of the story's flare-up, and the recovery weeks after it.
FLARE_WEEK = 4
RECOVERY_WEEKS = 2

#: Share of a low-adherence week's sessions done (below any sensible progression threshold).
LOW_ADHERENCE_SHARE = 1 / 3

_GREEN_NOTES = ("", "", "felt good", "easy today", "a bit tired, fine after", "enjoyed it")
_AMBER_NOTES = ("back a bit achy during", "stiff during the session, eased after", "")
_RECOVERY_NOTES = ("", "easier than last week", "took it gently, felt fine")
_NOT_DONE_NOTES = ("", "busy at work", "no time this week")


def story_patterns(weeks: int) -> tuple[str, ...]:
    """The pattern of each program week of the example story, week 1 first.

    A green stretch, the flare-up in week :data:`FLARE_WEEK`, :data:`RECOVERY_WEEKS`
    recovery weeks, then green again (a story shorter than the flare week stays green).
    """
    out = []
    for week in range(1, weeks + 1):
        if week == FLARE_WEEK:
            out.append("flare")
        elif FLARE_WEEK < week <= FLARE_WEEK + RECOVERY_WEEKS:
            out.append("recovery")
        else:
            out.append("green")
    return tuple(out)


def _effort(session: ScheduledSession) -> int:
    """The session's planned effort, CR-10 as a whole number 1-10 (load / minutes)."""
    if session.minutes <= 0:
        return 1
    return max(1, min(10, round(session.load / session.minutes)))


def _done(
    session: ScheduledSession,
    *,
    before: int,
    during: int,
    after: int,
    morning: int,
    stiffness: int,
    notes: str = "",
    hurt: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "on": session.on.isoformat(),
        "status": LogStatus.DONE.value,
        "minutes": int(session.minutes),
        "effort": _effort(session),
        "pain_before": before,
        "pain_during": during,
        "pain_after": after,
        "next_morning_pain": morning,
        "next_morning_stiffness": stiffness,
        "hurt": list(hurt),
        "notes": notes,
    }


def _not_done(session: ScheduledSession, notes: str) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "on": session.on.isoformat(),
        "status": LogStatus.NOT_DONE.value,
        "minutes": 0,
        "hurt": [],
        "notes": notes,
    }


def _settled(rng: random.Random, session: ScheduledSession, *, during: int, notes) -> dict:
    """A done session whose pain settles to (or below) its pre-session level by morning."""
    before = rng.choice((1, 2))
    return _done(
        session,
        before=before,
        during=during,
        after=rng.randint(0, before),
        morning=rng.randint(0, before),
        stiffness=2,
        notes=rng.choice(notes),
    )


def _flare_index(sessions: Sequence[ScheduledSession], hurt: str | None) -> int:
    """The session that flares: the first with ``hurt``, else the one of the highest load."""
    for i, s in enumerate(sessions):
        if hurt is not None and hurt in s.exercises:
            return i
    return max(range(len(sessions)), key=lambda i: (sessions[i].load, -i))


def simulated_logs(
    sessions: Sequence[ScheduledSession],
    pattern: str,
    *,
    seed: int = 0,
    hurt: str | None = None,
) -> list[dict[str, Any]]:
    """Log entries for one week of scheduled sessions, in a pattern (module docstring).

    Parameters
    ----------
    sessions : sequence of ScheduledSession
        The week's sessions (any order; the entries follow it).
    pattern : str
        One of :data:`PATTERNS`.
    seed : int
        The same sessions, pattern and seed give the same entries.
    hurt : str or None
        For ``"flare"``: the exercise that hurt. The first session that has it flares
        (without it, or when no session has it, the session of the highest planned load
        flares and its first exercise hurt).

    Returns
    -------
    list of dict
        One entry per session: the fields :func:`workbench.followup.loop.record_log` takes
        (``SessionLog`` field names; ``on`` as an ISO date), plus ``"session_id"``, the
        scheduled session's id (pass it as ``record_log(..., session_id=...)``).

    Raises
    ------
    ValueError
        For an unknown pattern (the message lists :data:`PATTERNS`).
    """
    if pattern not in PATTERNS:
        raise ValueError(f"no log pattern {pattern!r}; patterns: {', '.join(PATTERNS)}")
    rng = random.Random(f"{pattern}:{seed}")
    sessions = list(sessions)
    if pattern == "green":
        return [_settled(rng, s, during=1, notes=_GREEN_NOTES) for s in sessions]
    if pattern == "recovery":
        return [_settled(rng, s, during=2, notes=_RECOVERY_NOTES) for s in sessions]
    if pattern == "amber":
        out = []
        for s in sessions:
            before = rng.choice((2, 3))
            during = rng.randint(3, 5)
            out.append(
                _done(
                    s,
                    before=before,
                    during=during,
                    after=before,
                    morning=before,
                    stiffness=3,
                    notes=rng.choice(_AMBER_NOTES),
                )
            )
        return out
    if pattern == "low_adherence":
        keep = set(rng.sample(range(len(sessions)), int(len(sessions) * LOW_ADHERENCE_SHARE)))
        return [
            _settled(rng, s, during=1, notes=_GREEN_NOTES)
            if i in keep
            else _not_done(s, rng.choice(_NOT_DONE_NOTES))
            for i, s in enumerate(sessions)
        ]
    # flare
    out = [_settled(rng, s, during=2, notes=_RECOVERY_NOTES) for s in sessions]
    if sessions:
        i = _flare_index(sessions, hurt)
        s = sessions[i]
        which = hurt if hurt is not None and hurt in s.exercises else (s.exercises or ("",))[0]
        out[i] = _done(
            s,
            before=2,
            during=7,
            after=5,
            morning=4,
            stiffness=5,
            notes=f"sore during the {which.split('-', 1)[-1].replace('-', ' ')}; "
            "back felt tight that evening and the next morning",
            hurt=(which,) if which else (),
        )
    return out


def _hurt_for(store, client_id: str, week: int, catalog) -> str | None:
    """The exercise the story's flare-up hurts: one of the week's exercises with a movement
    demand, preferring one the plan has in the next week (so the re-plan visibly leaves it
    out), then the one it uses most often in the weeks after (ties: by id)."""
    by_id: Mapping[str, Any] = getattr(catalog, "by_id", catalog)
    this_week = [e for s in store.sessions(client_id, week=week) for e in s.exercises]
    later = Counter(e for s in store.sessions(client_id) if s.week > week for e in s.exercises)
    next_week = {e for s in store.sessions(client_id, week=week + 1) for e in s.exercises}
    candidates = sorted(
        {e for e in this_week if e in by_id and max(by_id[e].demands.values(), default=0) > 0}
    )
    if not candidates:
        return this_week[0] if this_week else None
    # max returns the first of equals: the smallest id
    return max(candidates, key=lambda e: (e in next_week, later[e], this_week.count(e)))


def _last_monday_before(weeks: int, today: date | None = None) -> date:
    """The Monday ``weeks`` weeks before this week's Monday."""
    today = today or date.today()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)


def example_story(
    store,
    catalog,
    *,
    client: str = "example",
    weeks: int = 8,
    start: date | None = None,
    seed: int = 0,
    example: str = EXAMPLE,
    program_weeks: int = 12,
) -> list:
    """Add the example client to ``store`` and follow a 12-week program for ``weeks`` weeks.

    Week by week (:func:`story_patterns`: a green stretch, a flare-up in week 4 on one of
    that week's exercises, a recovery, green again): the week's sessions are logged with
    :func:`simulated_logs`, the review is proposed (``propose_review``) and accepted as
    proposed by :data:`STORY_BY` (``accept_review``), which re-plans the weeks ahead.

    Parameters
    ----------
    store : workbench.records.store.Store
        An open store without a client of id ``client``.
    catalog : Catalog
    client : str
        The client's id in the store (the example client's file, under this id).
    weeks : int
        Weeks followed (0-``program_weeks``).
    start : date or None
        Monday of program week 1. None: ``weeks`` weeks before this week's Monday, so the
        weeks followed are behind and week ``weeks + 1`` is this week.
    seed : int
        Seed of the simulated logs (week ``w`` uses ``seed + w``).
    example : str
        The example client's name (:func:`workbench.client.examples.example_names`).
    program_weeks : int
        Weeks of the program issued [weeks].

    Returns
    -------
    list of Accepted
        The accepted review of each week followed, week 1 first (its re-plan in ``.plan``
        and ``.result``).

    Raises
    ------
    ValueError
        When the example client gets no plan (a red flag, no clearance) or ``weeks`` is out
        of range.
    """
    from dataclasses import replace

    from workbench.client.examples import example_client
    from workbench.followup.loop import accept_review, propose_review, record_log, start_program

    if not 0 <= weeks <= program_weeks:
        raise ValueError(f"weeks: must be 0-{program_weeks}, got {weeks}")
    if start is None:
        start = _last_monday_before(weeks)
    person = replace(example_client(example), id=client)
    store.add_client(person, assessed_on=start - timedelta(days=7))
    result, issued = start_program(store, client, catalog, start=start, weeks=program_weeks)
    if issued is None:
        raise ValueError(f"the example {example!r} got no plan: {result.message}")
    accepted = []
    for week, pattern in enumerate(story_patterns(weeks), start=1):
        hurt = _hurt_for(store, client, week, catalog) if pattern == "flare" else None
        entries = simulated_logs(
            store.sessions(client, week=week), pattern, seed=seed + week, hurt=hurt
        )
        for entry in entries:
            data = {k: v for k, v in entry.items() if k != "session_id"}
            record_log(store, client, data, session_id=entry["session_id"])
        review = propose_review(store, client, catalog, week)
        accepted.append(accept_review(store, client, catalog, review, by=STORY_BY))
    return accepted
