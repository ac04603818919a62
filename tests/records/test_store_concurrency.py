"""Two trainers saving the same client at once: one wins, the other is told the record
changed since they opened it, and nothing is lost (SQLite and PostgreSQL alike). On
PostgreSQL a writer that cannot get the store's write lock in time is told the store is
busy, and a studio's URL reaches the store from ``--store`` or ``$WORKBENCH_STORE``."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import date

import psycopg
import pytest

from workbench.client.examples import example_clients
from workbench.records import Store, StoreBusy, StoreConflict, StoreError
from workbench.records.engine import PG_WRITE_LOCK_KEY, database_url
from workbench.records.models import LogStatus, SessionLog

CLIENT = example_clients()["runner-returning"]


def test_two_trainers_saving_one_client_at_once_one_wins_and_the_other_is_told(store_url):
    with Store.open(store_url) as store:
        store.add_client(CLIENT)
        opened = store.latest_version(CLIENT.id)  # both trainers open version 1
    edits = {
        "Sam": dataclasses.replace(CLIENT, notes="Sam: prefers mornings"),
        "Ana": dataclasses.replace(CLIENT, notes="Ana: knee feels fine"),
    }
    outcome: dict[str, str] = {}
    go = threading.Barrier(2)

    def save(trainer: str) -> None:
        with Store.open(store_url) as mine:
            go.wait()
            try:
                mine.save_assessment(edits[trainer], based_on=opened)
                outcome[trainer] = "saved"
            except StoreConflict as err:
                outcome[trainer] = str(err)

    threads = [threading.Thread(target=save, args=(t,)) for t in edits]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(v == "saved" for v in outcome.values()) == [False, True]
    (told,) = [v for v in outcome.values() if v != "saved"]
    assert "changed since you opened it" in told and "Nothing of yours was saved" in told
    (winner,) = [k for k, v in outcome.items() if v == "saved"]
    with Store.open(store_url) as store:
        versions = store.assessments(CLIENT.id)
        assert [a.version for a in versions] == [1, 2]  # the loser wrote nothing
        assert store.current_client(CLIENT.id).notes == edits[winner].notes
        # the loser reloads version 2 and saves again: now it lands, on top of the winner's
        again = store.save_assessment(edits["Sam"], based_on=store.latest_version(CLIENT.id))
        assert again.version == 3


def test_a_save_without_a_base_version_always_lands(store_url):
    with Store.open(store_url) as store:
        store.add_client(CLIENT)
        store.save_assessment(CLIENT)
        assert store.save_assessment(CLIENT).version == 3


def test_a_postgres_write_lock_held_past_the_busy_timeout_is_store_busy(
    postgres_server, monkeypatch
):
    import workbench.records.engine as engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 800)
    url = postgres_server.database()
    with Store.open(url) as store:
        store.add_client(CLIENT)
        dsn = database_url(url).replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn) as holder:  # another workbench, mid-write
            holder.execute(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")
            started = time.monotonic()
            with pytest.raises(StoreBusy, match="another workbench is writing to it"):
                store.add_logs([SessionLog(CLIENT.id, date(2026, 1, 5), LogStatus.NOT_DONE)])
            assert time.monotonic() - started >= 0.7
            assert store.logs(CLIENT.id) == []  # readers are not blocked by the writer
        # the holder's transaction ended: the write goes through now
        store.add_logs([SessionLog(CLIENT.id, date(2026, 1, 5), LogStatus.NOT_DONE)])
        assert len(store.logs(CLIENT.id)) == 1


def test_a_studio_url_reaches_the_store_from_the_environment(postgres_server, monkeypatch):
    url = postgres_server.database()
    monkeypatch.setenv("WORKBENCH_STORE", url)
    with Store.open() as store:
        assert store.path is None and store.url.startswith("postgresql+psycopg://")
        store.add_client(CLIENT)
    with Store.open(url) as again:
        assert [c.id for c in again.clients()] == [CLIENT.id]


def test_a_bad_database_url_names_itself():
    with pytest.raises(StoreError, match="cannot open the store at 'nosuchdb://x'"):
        Store.open("nosuchdb://x")
