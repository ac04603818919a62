"""The client record store: one class, :class:`Store`, over the tables in :mod:`.tables`.

A SQLite file by default (:func:`workbench.paths.default_store_path`; settings and file
mode in :mod:`.engine`), or a database URL (PostgreSQL for a studio: ``postgresql://user@host/db``, or
``$WORKBENCH_STORE``; the same code and migrations, tested on a real server).
Opening a store upgrades it to the newest schema (:mod:`.migrate`). Every write is one
transaction that takes the store's write lock first (``BEGIN IMMEDIATE`` on SQLite, an
advisory lock on PostgreSQL): all of it is stored or none of it; nothing is ever updated,
every version is a new row; an edit based on an older version is refused
(:class:`StoreConflict`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

import workbench.records.checks as checks
import workbench.records.files as files
import workbench.records.migrate as migrate
import workbench.records.queries as queries
import workbench.records.rows as rows
import workbench.records.tables as t
from workbench.domain import Client
from workbench.paths import default_store_path
from workbench.records.engine import (
    StoreError,
    busy_as_store_busy,
    named_integrity,
    sqlite_engine,
    take_write_lock,
    url_engine,
)
from workbench.records.models import (
    AssessmentRecord,
    ClientRecord,
    IssuedPlan,
    ReviewRecord,
    ScheduledSession,
    SessionLog,
)


class Store:
    """The client records: clients, assessment versions, plans, sessions, logs, reviews.

    Use :meth:`open`; close it (or use it as a context manager) when done.
    """

    def __init__(self, engine, url: str, path: Path | None) -> None:
        self._engine = engine
        self.url = url
        self.path = path

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, where: str | Path | None = None, *, create: bool = True) -> Store:
        """Open (and upgrade to the newest schema) the store at ``where``.

        Parameters
        ----------
        where : str, pathlib.Path or None
            None: the default path; a path: a SQLite file; a URL with ``://``: that database.
        create : bool
            Create a missing SQLite file (and its directory); else :class:`StoreError`.
        """
        if where is None and "://" in os.environ.get("WORKBENCH_STORE", ""):
            where = os.environ["WORKBENCH_STORE"]  # a studio's database URL
        if isinstance(where, str) and "://" in where:
            engine, path = url_engine(where), None
        else:
            path = Path(where).expanduser().resolve() if where else default_store_path()
            engine = sqlite_engine(path, create=create)
        store = cls(engine, str(engine.url), path)
        with store._read() as conn:
            behind = migrate.current(conn) != migrate.head()
        if behind:  # the write lock only when there is something to upgrade
            with store._write() as conn:
                migrate.upgrade(conn)
        return store

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path) if self.path else self.url!r})"

    @contextlib.contextmanager
    def _tx(self, begin: str) -> Iterator[Connection]:
        with busy_as_store_busy(), self._engine.connect() as conn:
            conn.info["begin"] = begin
            with conn.begin():
                if begin == "IMMEDIATE":
                    take_write_lock(conn)
                yield conn

    def _write(self) -> contextlib.AbstractContextManager[Connection]:
        return self._tx("IMMEDIATE")

    def _read(self) -> contextlib.AbstractContextManager[Connection]:
        return self._tx("DEFERRED")

    def schema_version(self) -> str:
        """The schema's Alembic revision (``"0002"`` ...)."""
        with self._read() as conn:
            return migrate.current(conn) or ""

    # ------------------------------------------------------------------ clients
    def _client_row(self, conn: Connection, client_id: str):
        return queries.client_row(conn, client_id)

    def add_client(self, client: Client, *, assessed_on: date | None = None) -> ClientRecord:
        """Add a new client with their first assessment (version 1, kind ``assessment``).

        Raises
        ------
        StoreError
            When a client with that id is already in the store.
        AssessmentError
            When the client has refused fields (nothing is stored).
        """
        document = files.client_document(client)
        moment = rows.now()
        with self._write() as conn:
            exists = conn.execute(select(t.clients.c.id).where(t.clients.c.id == client.id))
            if exists.first() is not None:
                raise StoreError(
                    f"client {client.id!r} is already in the store (save a new assessment "
                    "of them instead, or give the new client another id)"
                )
            conn.execute(
                insert(t.clients).values(
                    id=client.id, name=client.name, created_at=rows.stored_time(moment)
                )
            )
            self._insert_assessment(conn, client.id, document, assessed_on, "assessment", moment)
        return ClientRecord(id=client.id, name=client.name, created_at=moment)

    def _insert_assessment(
        self, conn, client_id: str, document: dict, assessed_on, kind: str, moment
    ) -> AssessmentRecord:
        return queries.insert_assessment(conn, client_id, document, assessed_on, kind, moment)

    def save_assessment(
        self,
        client: Client,
        *,
        assessed_on: date | None = None,
        kind: str = "assessment",
        based_on: int | None = None,
    ) -> AssessmentRecord:
        """Store a new assessment version of an existing client (the old ones are kept).

        Parameters
        ----------
        based_on : int, optional
            The version the trainer opened and edited. When given and another version was
            saved since, nothing is stored and :class:`StoreConflict` says so (no lost
            update: two trainers saving the same client at once, one wins).

        Raises
        ------
        StoreError
            When the client is not in the store.
        StoreConflict
            When ``based_on`` is not the newest version any more.
        """
        document = files.client_document(client)
        with self._write() as conn:
            self._client_row(conn, client.id)
            if based_on is not None:
                queries.check_not_changed(conn, client.id, based_on)
            return self._insert_assessment(conn, client.id, document, assessed_on, kind, rows.now())

    def latest_version(self, client_id: str) -> int:
        """The newest assessment version of a client (what an editor opens and passes back
        as ``based_on``)."""
        with self._read() as conn:
            self._client_row(conn, client_id)
            return queries.latest_version(conn, client_id)

    def clients(self) -> list[ClientRecord]:
        """Every client, by id."""
        with self._read() as conn:
            found = conn.execute(select(t.clients).order_by(t.clients.c.id)).all()
        return [rows.client_record(r) for r in found]

    def client(self, client_id: str) -> ClientRecord:
        """One client; :class:`StoreError` naming the clients there are when missing."""
        with self._read() as conn:
            return rows.client_record(self._client_row(conn, client_id))

    def assessments(self, client_id: str) -> list[AssessmentRecord]:
        """A client's assessment versions, oldest first."""
        with self._read() as conn:
            self._client_row(conn, client_id)
            found = conn.execute(
                select(t.assessments)
                .where(t.assessments.c.client_id == client_id)
                .order_by(t.assessments.c.version)
            ).all()
        return [rows.assessment_record(r) for r in found]

    def current_client(self, client_id: str) -> Client:
        """The client as their latest assessment describes them."""
        return files.client_of(self.assessments(client_id)[-1].document)

    def baseline_client(self, client_id: str) -> Client:
        """The client as their first assessment (version 1) described them."""
        return files.client_of(self.assessments(client_id)[0].document)

    # ------------------------------------------------------------------ plans and sessions
    def issue_plan(
        self,
        client_id: str,
        result_json: dict[str, Any],
        *,
        start_date: date,
        first_week: int,
        options: dict[str, Any],
        catalog_hash: str,
        sessions: Sequence[ScheduledSession],
        replaces: int | None = None,
        review_id: int | None = None,
        review: ReviewRecord | None = None,
    ) -> IssuedPlan:
        """Store a plan as issued and its scheduled sessions, in one transaction.

        The sessions' ``id``, ``plan_id`` and ``client_id`` are ignored (the store sets
        them). The plan's number of weeks is ``len(result_json["weeks"])`` when it has
        weeks, else the largest session week from ``first_week``. ``review``, when given,
        is stored in the same transaction and becomes the plan's ``review_id`` (a review
        accepted and the re-plan it made land together, or neither does). A plan issued
        since ``replaces`` (the newest when it was read) is :class:`StoreConflict`.
        """
        moment = rows.now()
        weeks = rows.plan_weeks(result_json, sessions, first_week)
        with self._write() as conn:
            self._client_row(conn, client_id)
            queries.check_plan_current(conn, client_id, replaces)
            version = queries.latest_version(conn, client_id) or None
            values = rows.plan_values(
                client_id, version, moment, start_date, first_week, weeks, options,
                catalog_hash, result_json, replaces, review_id,
            )  # fmt: skip
            if review is not None:
                result = conn.execute(insert(t.reviews).values(rows.review_values(review, moment)))
                values["review_id"] = result.inserted_primary_key[0]
            with named_integrity("the plan"):
                plan_id = conn.execute(insert(t.plans).values(**values)).inserted_primary_key[0]
                if sessions:
                    conn.execute(
                        insert(t.sessions),
                        [rows.session_values(s, plan_id, client_id) for s in sessions],
                    )
            row = conn.execute(select(t.plans).where(t.plans.c.id == plan_id)).one()
        return rows.plan_record(row)

    def plans(self, client_id: str) -> list[IssuedPlan]:
        """A client's issued plans, oldest first."""
        with self._read() as conn:
            self._client_row(conn, client_id)
            found = conn.execute(
                select(t.plans).where(t.plans.c.client_id == client_id).order_by(t.plans.c.id)
            ).all()
        return [rows.plan_record(r) for r in found]

    def plan(self, plan_id: int) -> IssuedPlan:
        """One issued plan; :class:`StoreError` when there is none with that id."""
        with self._read() as conn:
            row = conn.execute(select(t.plans).where(t.plans.c.id == plan_id)).first()
        if row is None:
            raise StoreError(f"no plan {plan_id} in the store")
        return rows.plan_record(row)

    def current_plan(self, client_id: str) -> IssuedPlan | None:
        """The client's latest issued plan, or None before the first."""
        plans = self.plans(client_id)
        return plans[-1] if plans else None

    def sessions(self, client_id: str, *, week: int | None = None) -> list[ScheduledSession]:
        """The client's scheduled sessions, by date: per program week, the latest plan's.

        A re-plan replaces the weeks it covers: for each program week the sessions come
        from the newest plan whose weeks include it (``first_week`` to
        ``first_week + weeks - 1``). ``week`` keeps one program week.
        """
        plans = self.plans(client_id)
        with self._read() as conn:
            query = select(t.sessions).where(t.sessions.c.client_id == client_id)
            if week is not None:
                query = query.where(t.sessions.c.week == week)
            found = [rows.session_record(r) for r in conn.execute(query).all()]

        return queries.current_sessions(plans, found)

    def session(self, session_id: int) -> ScheduledSession:
        """One scheduled session; :class:`StoreError` when there is none with that id."""
        with self._read() as conn:
            row = conn.execute(select(t.sessions).where(t.sessions.c.id == session_id)).first()
        if row is None:
            raise StoreError(f"no scheduled session {session_id} in the store")
        return rows.session_record(row)

    # ------------------------------------------------------------------ logs and reviews
    def add_logs(
        self,
        logs: Sequence[SessionLog],
        *,
        rescreen: Client | None = None,
        assessed_on: date | None = None,
    ) -> list[SessionLog]:
        """Store session logs in one transaction: all of them, or none.

        Parameters
        ----------
        logs : sequence of SessionLog
            Their ``id`` and ``logged_at`` are set by the store.
        rescreen : Client or None
            When given, also stored in the same transaction as a new assessment version of
            kind ``"rescreen"`` (red-flag questions to ask again).
        assessed_on : date or None
            The rescreen's date (default: today).

        Raises
        ------
        StoreError
            When a log names a client or a session not in the store (nothing is stored).
        StoreBusy
            When another writer held the store past the busy timeout (nothing is stored).
        """
        moment = rows.now()
        document = None if rescreen is None else files.client_document(rescreen)
        stored: list[SessionLog] = []
        with self._write() as conn:
            for client_id in sorted({log.client_id for log in logs}):
                self._client_row(conn, client_id)
            checks.sessions_are_their_clients(conn, logs)
            with named_integrity("a session log"):
                for log in logs:
                    result = conn.execute(
                        insert(t.session_logs).values(rows.log_values(log, moment))
                    )
                    row = conn.execute(
                        select(t.session_logs).where(
                            t.session_logs.c.id == result.inserted_primary_key[0]
                        )
                    ).one()
                    stored.append(rows.log_record(row))
            if rescreen is not None:
                self._client_row(conn, rescreen.id)
                self._insert_assessment(
                    conn, rescreen.id, document, assessed_on, "rescreen", moment
                )
        return stored

    def logs(
        self, client_id: str, *, since: date | None = None, until: date | None = None
    ) -> list[SessionLog]:
        """A client's session logs from ``since`` to ``until`` (both included), by date."""
        with self._read() as conn:
            self._client_row(conn, client_id)
            c = t.session_logs.c
            query = select(t.session_logs).where(c.client_id == client_id)
            if since is not None:
                query = query.where(c.on >= since)
            if until is not None:
                query = query.where(c.on <= until)
            found = conn.execute(query.order_by(c.on, c.id)).all()
        return [rows.log_record(r) for r in found]

    def add_review(self, review: ReviewRecord) -> ReviewRecord:
        """Store a review as decided; returned with its ``id`` and ``decided_at``."""
        moment = rows.now()
        with self._write() as conn:
            self._client_row(conn, review.client_id)
            result = conn.execute(insert(t.reviews).values(rows.review_values(review, moment)))
            row = conn.execute(
                select(t.reviews).where(t.reviews.c.id == result.inserted_primary_key[0])
            ).one()
        return rows.review_record(row)

    def reviews(self, client_id: str) -> list[ReviewRecord]:
        """A client's reviews, oldest first."""
        with self._read() as conn:
            self._client_row(conn, client_id)
            found = conn.execute(
                select(t.reviews).where(t.reviews.c.client_id == client_id).order_by(t.reviews.c.id)
            ).all()
        return [rows.review_record(r) for r in found]

    # ------------------------------------------------------------------ client files
    def export_client(self, client_id: str, path: Path) -> Path:
        """Write the client's current assessment as a client file (``save_client``'s text)."""
        return files.write_client_file(self.assessments(client_id)[-1].document, Path(path))

    def import_client(self, path: Path, *, assessed_on: date | None = None) -> ClientRecord:
        """Read a client file: a new client, or a new assessment version of a known one."""
        client = files.read_client_file(Path(path))
        known = {c.id for c in self.clients()}
        if client.id not in known:
            return self.add_client(client, assessed_on=assessed_on)
        self.save_assessment(client, assessed_on=assessed_on)
        return self.client(client.id)
