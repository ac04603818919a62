"""The client's calendar, parsed back with icalendar: one event per training day, at the
client's time in the client's zone, stable UIDs, text escaped per RFC 5545."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import HANDOVER_TEXT, HANDOVER_ZONES, handover_plans, plan_weeks

import workbench as wb
from workbench.defaults import DEFAULTS
from workbench.followup.schedule import schedule
from workbench.handover.calendar import WORDS, event_uid, plan_ics
from workbench.handover.dates import session_date
from workbench.handover.errors import HandoverError
from workbench.handover.table import effort_text
from workbench.language import find_threat_words
from workbench.planning.result import PlanResult
from workbench.vocabulary import Day

CLIENT = wb.example_client("desk-worker-flexion")
MONDAYS = st.dates(date(2024, 1, 1), date(2030, 12, 31)).map(
    lambda d: d - timedelta(days=d.weekday())
)
CATALOG = wb.builtin_catalog()


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def training_days(result) -> list[tuple[int, object]]:
    return [(w.week, d) for w in result.weeks for d in w.days if d.blocks]


@pytest.fixture(scope="module")
def planned() -> PlanResult:
    return wb.plan(CLIENT, CATALOG, wb.PlanOptions(weeks=3))


@settings(max_examples=60, deadline=None)
@given(
    plan=handover_plans(),
    start=MONDAYS,
    zone=st.sampled_from(HANDOVER_ZONES),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_one_event_per_training_day_at_the_usual_time_in_the_zone(plan, start, zone, at):
    client = replace(CLIENT, time_zone=zone, usual_time=at.strftime("%H:%M"))
    got = events(plan_ics(plan, client, CATALOG, start=start, plan_key="p"))
    days = training_days(plan)
    assert len(got) == len(days)
    by_uid = {str(e["uid"]): e for e in got}
    assert len(by_uid) == len(days)  # every UID names one session
    for week, day in days:
        e = by_uid[event_uid(client.id, "p", week, day.day)]
        begins, ends = e.decoded("dtstart"), e.decoded("dtend")
        assert begins.date() == session_date(start, week, day.day)
        assert begins.time() == at
        if zone is None:
            assert begins.tzinfo is None  # floating: the client's local time
        else:
            assert str(begins.tzinfo) == zone
            assert e["dtstart"].params["TZID"] == zone
        assert ends - begins == timedelta(minutes=day.minutes)


@settings(max_examples=40, deadline=None)
@given(weeks=st.integers(1, 4).flatmap(plan_weeks), start=MONDAYS)
def test_a_day_falls_on_its_weekday_within_its_week(weeks, start):
    result = PlanResult(status="planned", message="", weeks=weeks)
    for e, (week, day) in zip(
        events(plan_ics(result, CLIENT, CATALOG, start=start, plan_key="k")),
        training_days(result),
        strict=True,
    ):
        on = e.decoded("dtstart").date()
        begins = start + timedelta(days=7 * (week - 1))
        assert on.weekday() == day.day.index and begins <= on < begins + timedelta(days=7)


@given(weeks=st.integers(1, 4).flatmap(plan_weeks), monday=MONDAYS)
def test_the_dates_are_the_stores(weeks, monday):
    result = PlanResult(status="planned", message="", weeks=weeks)
    stored = {(s.week, s.day): s.on for s in schedule(result.to_json(), start_date=monday,
                                                     first_week=1)}  # fmt: skip
    ours = {(w, d.day.value): session_date(monday, w, d.day) for w, d in training_days(result)}
    assert ours == stored


def test_the_description_lists_the_days_blocks(planned):
    client = replace(CLIENT, usual_time="07:30", time_zone="Europe/London")
    got = events(plan_ics(planned, client, CATALOG, start=date(2026, 12, 7), plan_key="p"))
    for e, (_, day) in zip(got, training_days(planned), strict=True):
        text = str(e["description"])
        for b in day.blocks:
            assert f"{b.name}: {b.minutes} min" in text
            assert CATALOG[b.exercise_id].cue in text
        assert str(e["summary"]) == f"Your session: {day.minutes} minutes"


def test_re_export_gives_identical_bytes(planned):
    again = replace(planned, made=None)  # the same plan, made at another moment
    client = replace(CLIENT, time_zone="America/New_York")
    first = plan_ics(planned, client, CATALOG, start=date(2026, 12, 7), plan_key="p")
    assert plan_ics(again, client, CATALOG, start=date(2026, 12, 7), plan_key="p") == first
    stamps = {e.decoded("dtstamp") for e in events(first)}
    assert stamps == {datetime(2026, 12, 7, tzinfo=UTC)}  # from the plan, not now


def test_a_re_planned_program_keeps_the_uids_of_its_sessions(planned):
    used = next(b.exercise_id for b in planned.weeks[0].days[0].blocks)
    options = wb.PlanOptions(weeks=3, bans=frozenset({used}))
    again = wb.replan(planned, CLIENT, CATALOG, options)
    assert again.planned and used not in {b.exercise_id for _, d in training_days(again)
                                          for b in d.blocks}  # fmt: skip
    start = date(2026, 12, 7)
    before = {str(e["uid"]): e for e in events(plan_ics(planned, CLIENT, CATALOG, start=start,
                                                         plan_key="prog"))}  # fmt: skip
    after = {str(e["uid"]): e for e in events(plan_ics(again, CLIENT, CATALOG, start=start,
                                                        plan_key="prog", sequence=1))}  # fmt: skip
    same_sessions = {(w, d.day) for w, d in training_days(planned)} & {
        (w, d.day) for w, d in training_days(again)
    }
    assert same_sessions
    for week, day in same_sessions:
        uid = event_uid(CLIENT.id, "prog", week, day)
        assert uid in before and uid in after  # the import updates the event
        assert before[uid].decoded("dtstart") == after[uid].decoded("dtstart")
        assert after[uid]["sequence"] == 1 > before[uid]["sequence"]


@settings(max_examples=80, deadline=None)
@given(name=HANDOVER_TEXT, exercise=HANDOVER_TEXT, trainer=HANDOVER_TEXT)
def test_any_text_is_escaped_and_reads_back_as_it_was(name, exercise, trainer):
    plan = PlanResult(status="planned", message="", weeks=(_week_with(exercise),))
    client = replace(CLIENT, name=name, trainer=replace(CLIENT.trainer, name=trainer))
    data = plan_ics(plan, client, CATALOG, start=date(2026, 12, 7), plan_key="p")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line for line in lines)
    unfolded = data.replace(b"\r\n ", b"")
    for line in unfolded.split(b"\r\n")[:-1]:  # each content line: NAME[;params]:value
        assert re.match(rb"^[A-Z-]+[;:]", line), line
    (e,) = events(data)
    text = str(e["description"]).splitlines()
    assert text[1] == f"- {exercise}: 10 min, {effort_text(3.0)}".splitlines()[0]
    assert text[-1] == f"Your trainer: {trainer} {CLIENT.trainer.contact}".strip().splitlines()[-1]
    raw = next(line for line in unfolded.split(b"\r\n") if line.startswith(b"DESCRIPTION:"))
    # RFC 5545 3.3.11: a comma, a semicolon and a backslash are escaped; a line end is \n
    assert re.search(rb"(?<!\\)[,;]", raw[len(b"DESCRIPTION:") :].replace(b"\\\\", b"")) is None


def _week_with(name: str):
    from workbench.planning.result import Block, DayPlan, WeekPlan

    block = Block("ex-1", name, wb.Discipline.WALKING, 10, 3.0, 30.0)
    return WeekPlan(1, 100.0, 100.0, (DayPlan(Day.MON, (block,)),), {}, {})


def test_a_script_name_stays_text():
    name = "<script>alert(1)</script>, a; b\nc"
    plan = PlanResult(status="planned", message="", weeks=(_week_with(name),))
    client = replace(CLIENT, name=name)
    data = plan_ics(plan, client, CATALOG, start=date(2026, 12, 7), plan_key="p")
    assert b"<script>alert(1)</script>\\, a\\; b\\nc" in data
    (e,) = events(data)
    assert str(e["description"]).splitlines()[1] == "- <script>alert(1)</script>, a; b"
    assert b"\r\nX-WR-CALNAME:Training plan for <script>alert(1)</script>\\, a\\; b\\nc\r\n" in data


def test_no_usual_time_gives_the_default_and_says_so(planned):
    client = replace(CLIENT, usual_time=None, time_zone="Europe/Paris")
    got = events(plan_ics(planned, client, CATALOG, start=date(2026, 12, 7), plan_key="p"))
    hour = DEFAULTS["calendar_default_hour"].value
    assert {e.decoded("dtstart").time() for e in got} == {time(int(hour))}
    assert all("your usual time was not recorded" in str(e["description"]) for e in got)
    moved = replace(client, overrides={"calendar_default_hour": 6.5})
    got = events(plan_ics(planned, moved, CATALOG, start=date(2026, 12, 7), plan_key="p"))
    assert {e.decoded("dtstart").time() for e in got} == {time(6, 30)}
    timed = replace(client, usual_time="07:15")
    got = events(plan_ics(planned, timed, CATALOG, start=date(2026, 12, 7), plan_key="p"))
    assert not any("not recorded" in str(e["description"]) for e in got)


def test_times_stay_local_across_a_clock_change():
    weeks = tuple(_week_with("walk").__class__(w, 100.0, 100.0, _week_with("walk").days, {}, {})
                  for w in range(1, 5))  # fmt: skip
    plan = PlanResult(status="planned", message="", weeks=weeks)
    client = replace(CLIENT, usual_time="07:30", time_zone="Europe/London")
    data = plan_ics(plan, client, CATALOG, start=date(2027, 3, 15), plan_key="p")  # BST 28 Mar
    cal = icalendar.Calendar.from_ical(data)
    (tz,) = cal.walk("VTIMEZONE")
    assert {c.name for c in tz.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    got = [e.decoded("dtstart") for e in cal.walk("VEVENT")]
    assert [t.time() for t in got] == [time(7, 30)] * 4
    utc = [t.astimezone(UTC).hour for t in got]
    assert utc == [7, 7, 6, 6]  # GMT, then BST
    assert (
        got[2].utcoffset()
        == datetime(2027, 3, 29, 7, 30, tzinfo=ZoneInfo("Europe/London")).utcoffset()
    )


@pytest.mark.parametrize("key", sorted(WORDS))
def test_the_calendars_words_read_well(key):
    assert find_threat_words(WORDS[key]) == []


@given(start=st.dates(date(2024, 1, 1)).filter(lambda d: d.weekday() != 0))
def test_a_start_that_is_not_a_monday_is_refused_naming_the_next(start):
    plan = PlanResult(status="planned", message="", weeks=(_week_with("walk"),))
    monday = start + timedelta(days=7 - start.weekday())
    with pytest.raises(HandoverError, match=f"the next one is {monday.isoformat()}"):
        plan_ics(plan, CLIENT, CATALOG, start=start, plan_key="p")


@pytest.mark.parametrize("status", ["referred", "needs_clearance", "infeasible"])
def test_no_calendar_without_a_plan(status):
    with pytest.raises(HandoverError, match="not a plan"):
        plan_ics(PlanResult(status=status, message=""), CLIENT, CATALOG,
                 start=date(2026, 12, 7), plan_key="p")  # fmt: skip
