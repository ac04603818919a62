"""The client's calendar: one ``.ics`` event per training day (the ``icalendar`` library).

Each training day of the plan becomes a VEVENT on its date (:mod:`workbench.handover.dates`),
at the client's usual time in the client's time zone (a VTIMEZONE built from zoneinfo; a
floating local time when the zone is not recorded), lasting the day's minutes, its
description listing the day's blocks with their minutes and effort in words.

The file is the same bytes every time the same plan is exported: the UIDs name the client,
the program and the session (``<client>-<plan key>-w<week>-<day>@workbench``), so importing
a re-planned program updates its events instead of adding new ones, and DTSTAMP comes from
the plan (the start date, or the time the plan was issued), never from the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from workbench.defaults import resolve
from workbench.domain import Client
from workbench.handover.dates import check_start, session_date
from workbench.handover.errors import HandoverError
from workbench.handover.table import effort_text
from workbench.vocabulary import Day

__all__ = ["PRODID", "event_uid", "plan_ics", "session_time", "time_note"]

#: Who made the file (RFC 5545 PRODID).
PRODID = "-//workbench//hand-over calendar//EN"

#: The words of a description, checked with :func:`workbench.language.find_threat_words`
#: by the tests (every word a client reads passes the check).
WORDS: Mapping[str, str] = {
    "summary": "Your session: {minutes} minutes",
    "week": "Week {week}, {day}.",
    "block": "- {name}: {minutes} min, {effort}",
    "how": "  How: {cue}",
    "time_note": (
        "The time is a placeholder ({time}): your usual time was not recorded, so move the "
        "session to a time that suits you."
    ),
    "trainer": "Your trainer: {name} {contact}",
    "calendar": "Training plan for {name}",
}


def event_uid(client_id: str, plan_key: str, week: int, day: Day | str) -> str:
    """The stable UID of one training day: the same client, program, week and day give the
    same UID, so a re-planned program's event replaces the old one on import."""
    return f"{client_id}-{plan_key}-w{week}-{Day(day).value}@workbench"


def session_time(client: Client) -> tuple[time, bool]:
    """The client's session start time, and whether it is the default.

    Returns
    -------
    (datetime.time, bool)
        ``client.usual_time`` (``HH:MM``); else ``calendar_default_hour`` of the defaults
        (with the client's overrides) and True.
    """
    if client.usual_time:
        hours, minutes = client.usual_time.split(":")
        return time(int(hours), int(minutes)), False
    hour = resolve(client.overrides).calendar_default_hour
    whole = int(hour)
    return time(whole, int(round((hour - whole) * 60)) % 60), True


def time_note(client: Client) -> str:
    """What the export says when the time is the default one; "" when it is the client's."""
    at, default = session_time(client)
    return WORDS["time_note"].format(time=at.strftime("%H:%M")) if default else ""


def plan_ics(
    result,
    client: Client,
    catalog,
    *,
    start: date,
    plan_key: str,
    stamp: datetime | None = None,
    sequence: int = 0,
) -> bytes:
    """The plan as an iCalendar file: one event per training day.

    Parameters
    ----------
    result : PlanResult
        A planned result; its weeks' ``week`` numbers are program weeks (1 for a new plan).
    client : Client
        Gives the id (in the UIDs), the usual time and the time zone.
    catalog : Catalog
        The exercises' cues (an exercise the catalog lacks is listed without one).
    start : date
        Monday of week 1 (another day raises :class:`HandoverError`, naming the next Monday).
    plan_key : str
        Names the program in the UIDs; stays the same when the program is re-planned.
    stamp : datetime, optional
        DTSTAMP of every event (UTC): when the plan was issued; default midnight UTC of
        ``start``. Never the clock, so a re-export gives the same bytes.
    sequence : int
        The events' SEQUENCE: how many times the program was re-planned (0 for the first).

    Returns
    -------
    bytes
        The ``.ics`` file (RFC 5545, CRLF line ends); text values escaped by icalendar.

    Raises
    ------
    HandoverError
        A result that is not a plan, or a start that is not a Monday.
    """
    check_start(start)
    if not result.planned:
        raise HandoverError(
            f"calendar: the result is {str(result.status)!r}, not a plan; a calendar holds a "
            "program's sessions, so give the doctor's brief (or the referral letter) instead"
        )
    zone = ZoneInfo(client.time_zone) if client.time_zone else None
    at, _ = session_time(client)
    when = stamp or datetime.combine(start, time(0), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(WORDS["calendar"].format(name=client.name)))
    if client.time_zone:
        cal.add("x-wr-timezone", client.time_zone)
    note = time_note(client)
    first = last = start
    for week in result.weeks:
        for day in week.days:
            if not day.blocks:
                continue
            on = session_date(start, week.week, day.day)
            first, last = min(first, on), max(last, on)
            begins = datetime.combine(on, at, tzinfo=zone)
            event = Event()
            event.add("uid", event_uid(client.id, plan_key, week.week, day.day))
            event.add("dtstamp", when.astimezone(UTC))
            event.add("dtstart", begins)
            event.add("dtend", begins + timedelta(minutes=day.minutes))
            event.add("sequence", sequence)
            event.add("summary", WORDS["summary"].format(minutes=day.minutes))
            event.add("description", _description(week.week, day, catalog, client, note))
            event.add("transp", "OPAQUE")
            cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones(first_date=first - timedelta(days=1), last_date=last)
    return cal.to_ical()


def _description(week: int, day, catalog, client: Client, note: str) -> str:
    """The day's blocks, one line each (name, minutes, effort in words), with cues."""
    lines = [WORDS["week"].format(week=week, day=day.day.label)]
    for b in day.blocks:
        lines.append(
            WORDS["block"].format(name=b.name, minutes=b.minutes, effort=effort_text(b.rpe))
        )
        ex = catalog.by_id.get(b.exercise_id) if catalog is not None else None
        if ex is not None and ex.cue:
            lines.append(WORDS["how"].format(cue=ex.cue))
    if note:
        lines.append(note)
    if client.trainer.name or client.trainer.contact:
        lines.append(
            WORDS["trainer"]
            .format(name=client.trainer.name, contact=client.trainer.contact)
            .strip()
        )
    return "\n".join(lines)
