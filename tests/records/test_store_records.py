"""The store keeps what it is given: client files, plans, sessions, logs and reviews come
back unchanged, history is never overwritten, and a re-plan replaces the weeks it covers."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import session_logs, valid_clients

from workbench.client.assessment import save_client
from workbench.client.examples import example_clients, example_names
from workbench.records import Store, StoreError
from workbench.records.models import LogStatus, ReviewRecord, ScheduledSession, SessionLog

START = date(2026, 1, 5)  # a Monday


@pytest.fixture
def store(store_url):
    """A store on a real SQLite file, then on a real PostgreSQL database."""
    with Store.open(store_url) as s:
        yield s


def _sessions(weeks: range, minutes: int = 30) -> list[ScheduledSession]:
    return [
        ScheduledSession(
            id=0,
            plan_id=0,
            client_id="",
            week=w,
            day=day,
            on=START + timedelta(days=7 * (w - 1) + offset),
            exercises=(f"ex-{w}-{day}", "walk"),
            minutes=minutes,
            load=4.0 * minutes,
        )
        for w in weeks
        for day, offset in (("mon", 0), ("thu", 3))
    ]


def _issue(store, client_id, weeks: range, *, minutes=30, replaces=None):
    doc = {"status": "planned", "weeks": [{"week": w - weeks.start + 1} for w in weeks]}
    return store.issue_plan(
        client_id,
        doc,
        start_date=START + timedelta(days=7 * (weeks.start - 1)),
        first_week=weeks.start,
        options={"weeks": len(weeks), "seed": 0},
        catalog_hash="abc123",
        sessions=_sessions(weeks, minutes),
        replaces=replaces,
    )


@pytest.mark.parametrize("name", example_names())
def test_an_example_client_file_comes_back_byte_for_byte(tmp_path, store, name):
    client = example_clients()[name]
    original = save_client(client, tmp_path / "in.json")
    record = store.import_client(original)
    out = store.export_client(record.id, tmp_path / "out.json")
    assert out.read_bytes() == original.read_bytes()
    assert store.current_client(record.id) == client


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(client=valid_clients())
def test_any_valid_client_round_trips_through_the_store(tmp_path_factory, client):
    folder = tmp_path_factory.mktemp("rt")
    original = save_client(client, folder / "in.json")
    with Store.open(folder / "s.sqlite") as store:
        store.import_client(original)
        out = store.export_client(client.id, folder / "out.json")
    assert out.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")


def test_a_new_assessment_is_a_new_version_and_the_old_one_is_kept(tmp_path, store):
    client = example_clients()["desk-worker-flexion"]
    store.add_client(client, assessed_on=date(2026, 1, 5))
    later = dataclasses.replace(client, minutes_per_session=client.minutes_per_session + 5)
    store.save_assessment(later, assessed_on=date(2026, 2, 2), kind="reassessment")
    versions = store.assessments(client.id)
    assert [(a.version, a.kind, a.assessed_on) for a in versions] == [
        (1, "assessment", date(2026, 1, 5)),
        (2, "reassessment", date(2026, 2, 2)),
    ]
    assert store.baseline_client(client.id) == client
    assert store.current_client(client.id) == later
    # importing the file again is a third version, not an overwrite
    store.import_client(save_client(client, tmp_path / "again.json"))
    assert len(store.assessments(client.id)) == 3
    assert store.current_client(client.id) == client


def test_errors_name_what_and_why(store):
    client = example_clients()["pool-only"]
    with pytest.raises(StoreError, match=r"no client 'nobody' in the store \(clients: none yet\)"):
        store.client("nobody")
    store.add_client(client)
    with pytest.raises(StoreError, match=rf"no client 'x' in the store \(clients: {client.id}\)"):
        store.current_client("x")
    with pytest.raises(StoreError, match="already in the store"):
        store.add_client(client)
    with pytest.raises(StoreError, match="no plan 99"):
        store.plan(99)
    with pytest.raises(StoreError, match="session log was not stored"):
        store.add_logs([SessionLog(client.id, START, LogStatus.DONE, session_id=12345)])


def test_a_plan_and_its_sessions_come_back_as_issued(store):
    client = example_clients()["runner-returning"]
    store.add_client(client)
    plan = _issue(store, client.id, range(1, 4))
    assert store.plan(plan.id) == plan == store.current_plan(client.id)
    assert plan.weeks == 3 and plan.first_week == 1 and plan.assessment_version == 1
    assert plan.document["weeks"] == [{"week": 1}, {"week": 2}, {"week": 3}]
    assert plan.options == {"weeks": 3, "seed": 0}
    got = store.sessions(client.id)
    want = _sessions(range(1, 4))
    assert [(s.week, s.day, s.on, s.exercises, s.minutes, s.load) for s in got] == [
        (s.week, s.day, s.on, s.exercises, s.minutes, s.load) for s in want
    ]
    assert all(s.plan_id == plan.id and s.client_id == client.id for s in got)
    assert store.session(got[0].id) == got[0]


def test_a_replan_replaces_the_weeks_it_covers_and_keeps_the_ones_before(store):
    client = example_clients()["runner-returning"]
    store.add_client(client)
    first = _issue(store, client.id, range(1, 13), minutes=30)
    second = _issue(store, client.id, range(3, 13), minutes=20, replaces=first.id)
    assert [p.id for p in store.plans(client.id)] == [first.id, second.id]
    assert store.current_plan(client.id) == second
    assert {s.plan_id for s in store.sessions(client.id, week=2)} == {first.id}
    for week in (3, 7, 12):
        week_sessions = store.sessions(client.id, week=week)
        assert len(week_sessions) == 2
        assert {(s.plan_id, s.minutes) for s in week_sessions} == {(second.id, 20)}
    every = store.sessions(client.id)
    assert len(every) == 24
    assert [s.on for s in every] == sorted(s.on for s in every)
    # the first plan's own sessions are still in the store: history is kept
    assert store.plan(first.id).weeks == 12


def test_logs_come_back_with_every_field(store_url):
    client = example_clients()["high-fear"]
    with Store.open(store_url) as store:
        store.add_client(client)
        _issue(store, client.id, range(1, 3))
        ids = [s.id for s in store.sessions(client.id)]

        @settings(max_examples=40, deadline=None)
        @given(batch=st.lists(session_logs(client.id, ids), max_size=5))
        def check(batch):
            before = len(store.logs(client.id))
            stored = store.add_logs(batch)
            assert len(store.logs(client.id)) == before + len(batch)
            for given_log, back in zip(batch, stored, strict=True):
                assert back.id is not None and back.logged_at is not None
                assert dataclasses.replace(back, id=None, logged_at=None) == given_log
            for back in stored:
                assert back in store.logs(client.id, since=back.on, until=back.on)

        check()


def test_logs_by_date_range(store):
    client = example_clients()["high-fear"]
    store.add_client(client)
    days = [START + timedelta(days=d) for d in (0, 3, 7, 10)]
    store.add_logs([SessionLog(client.id, d, LogStatus.DONE, minutes=20, effort=3) for d in days])
    assert [x.on for x in store.logs(client.id, since=days[1], until=days[2])] == days[1:3]
    assert [x.on for x in store.logs(client.id)] == days


def test_a_rescreen_is_stored_with_the_log_in_one_go(store):
    client = example_clients()["high-fear"]
    store.add_client(client)
    log = SessionLog(client.id, START, LogStatus.PARTLY, minutes=10, effort=5, notes="leg numb")
    store.add_logs([log], rescreen=client, assessed_on=START)
    assert [a.kind for a in store.assessments(client.id)] == ["assessment", "rescreen"]
    # a failing log stores no rescreen either
    bad = dataclasses.replace(log, session_id=999)
    with pytest.raises(StoreError):
        store.add_logs([bad], rescreen=client)
    assert len(store.assessments(client.id)) == 2 and len(store.logs(client.id)) == 1


@pytest.mark.parametrize("text", ["\x00", "knee \x00 ok", "\x00\x00"])
def test_text_with_a_nul_is_refused_alike_on_both_stores_and_nothing_is_kept(store, text):
    # PostgreSQL cannot keep NUL in text and SQLite would keep it silently: both refuse it.
    client = example_clients()["high-fear"]
    store.add_client(client)
    good = SessionLog(client.id, START, LogStatus.DONE, minutes=20, effort=4, notes="fine")
    bad = dataclasses.replace(good, notes=text)
    with pytest.raises(StoreError, match=r"nothing was stored: a text.*NUL character"):
        store.add_logs([good, bad], rescreen=client, assessed_on=START)
    assert store.logs(client.id) == [] and len(store.assessments(client.id)) == 1
    store.add_logs([good])  # the store is still usable after the refusal
    assert len(store.logs(client.id)) == 1


def test_reviews_come_back_as_decided(store):
    client = example_clients()["older-walker-extension"]
    store.add_client(client)
    plan = _issue(store, client.id, range(1, 3))
    review = ReviewRecord(
        client_id=client.id,
        week=1,
        proposed="progress",
        decision="hold",
        light="amber",
        reasons=("pain after rose by 2", "ünïcode ok"),
        ceiling=812.5,
        accepted_by="Sam",
        override_reason="client travelling",
        plan_id=plan.id,
        document={"week": 1, "nested": {"a": [1, 2.5, None]}},
    )
    stored = store.add_review(review)
    assert stored.id is not None and stored.decided_at is not None
    assert dataclasses.replace(stored, id=None, decided_at=None) == review
    assert store.reviews(client.id) == [stored]
    second = store.add_review(dataclasses.replace(review, week=2, decision="progress"))
    assert store.reviews(client.id) == [stored, second]


def test_a_log_cannot_name_another_clients_session(store):
    mine, theirs = example_clients()["pool-only"], example_clients()["high-fear"]
    store.add_client(mine)
    store.add_client(theirs)
    _issue(store, theirs.id, range(1, 2))
    other = store.sessions(theirs.id)[0]
    log = SessionLog(mine.id, START, LogStatus.DONE, minutes=20, effort=3, session_id=other.id)
    with pytest.raises(
        StoreError, match=rf"session {other.id} belongs to client 'high-fear', not 'pool-only'"
    ):
        store.add_logs([log])
    assert store.logs(mine.id) == []
