"""The Follow up view (product.md flow 6): a client from the store, their week, their logs,
the weekly review, Accept / Override, the next week, and the charts of the weeks so far.

:class:`FollowUpView` opens a store (the path field, default ``$WORKBENCH_STORE`` or
:func:`workbench.paths.default_store_path`) and lists its clients; an empty store offers
"Add the client in the form" (when the app has a form) and "Load the example"
(:func:`~workbench.followup.simulate.example_story`), so a trainer never needs code. For
the chosen client it shows a program week's sessions with their logs and a log form each
(:mod:`~workbench.ui.follow_up_log`), the review of the week
(:mod:`~workbench.ui.follow_up_review`) and three charts
(:mod:`~workbench.ui.follow_up_charts`).

Widgets never compute: every callback calls one of the loop's functions
(:func:`~workbench.followup.loop.start_program`, ``record_log``, ``propose_review``,
``accept_review``; :func:`~workbench.followup.status.program_status`, ``load_frame``,
``pain_frame``, ``adherence``) or reads the store, and shows what came back. A refused
log (:class:`~workbench.followup.log.LogError`) shows its problems beside the fields and
nothing is saved.
"""

from __future__ import annotations

import html
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from workbench.catalog import builtin_catalog
from workbench.domain import Client
from workbench.followup.decision import Decision
from workbench.followup.log import LogError
from workbench.followup.loop import accept_review, propose_review, record_log, start_program
from workbench.followup.simulate import example_story
from workbench.followup.status import adherence, load_frame, pain_frame, program_status
from workbench.paths import default_store_path
from workbench.records.store import Store, StoreError
from workbench.ui.follow_up_charts import (
    adherence_chart,
    adherence_table,
    followup_load_chart,
    pain_trend_chart,
)
from workbench.ui.follow_up_log import LOG_STYLE, LogForm, log_summary_html
from workbench.ui.follow_up_review import ReviewPanel
from workbench.ui.render import ChartPane
from workbench.ui.style import STYLE

__all__ = ["FollowUpView"]


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class FollowUpView(widgets.VBox):
    """A client's follow-up from the store, for a trainer: no code needed.

    Parameters
    ----------
    store : Store, str, Path or None
        An open store (kept open), or where one is (opened here); None: the default path.
    catalog : Catalog, optional
        Default: the built-in catalog.
    client_source : callable, optional
        Returns the client the app's form holds (offers "Add the client in the form").
    today : date, optional
        The day the view takes as today (default: the real one; tests fix it).
    program_weeks : int
        Weeks of a program started here [weeks].
    """

    def __init__(
        self,
        store: Store | str | Path | None = None,
        catalog=None,
        *,
        client_source: Callable[[], Client] | None = None,
        today: date | None = None,
        program_weeks: int = 12,
    ):
        self.catalog = catalog if catalog is not None else builtin_catalog()
        self.client_source, self.today, self.program_weeks = client_source, today, program_weeks
        self.store: Store | None = store if isinstance(store, Store) else None
        self.names = {e.id: e.name for e in self.catalog.exercises}
        self.error: str | None = None
        where = self.store.path if self.store is not None else store
        self.store_path = widgets.Text(
            value=str(where or default_store_path()),
            description="store",
            layout=widgets.Layout(width="40em"),
        )
        self.store_path.add_class("wb-fu-store")
        self.open_button = widgets.Button(description="Open")
        self.open_button.add_class("wb-fu-open")
        self.open_button.on_click(lambda _b: self.open_store(self.store_path.value))
        self.client_picker = widgets.Dropdown(options=[], description="client")
        self.client_picker.add_class("wb-fu-client")
        self.add_from_form = widgets.Button(description="Add the client in the form")
        self.add_from_form.add_class("wb-fu-add-form")
        self.add_from_form.on_click(lambda _b: self._guard(self._add_form_client))
        self.add_from_form.layout.display = "" if client_source is not None else "none"
        self.load_example = widgets.Button(description="Load the example")
        self.load_example.add_class("wb-fu-example")
        self.load_example.on_click(lambda _b: self._guard(self._load_example))
        self.empty = widgets.HTML("")
        self.empty.add_class("wb-fu-empty")
        self.message = widgets.HTML("")
        self.message.add_class("wb-fu-message")
        self.start_on = widgets.DatePicker(
            description="program starts", value=today or date.today()
        )
        self.start_button = widgets.Button(description=f"Start a {program_weeks}-week program")
        self.start_button.add_class("wb-fu-start")
        self.start_button.on_click(lambda _b: self._guard(self._start))
        self.start_box = widgets.HBox([self.start_on, self.start_button])
        self.week = widgets.ToggleButtons(
            options=[1], value=1, description="week", style={"button_width": "3em"}
        )
        self.week.add_class("wb-fu-week")
        self.sessions_box = widgets.VBox([])
        self.sessions_box.add_class("wb-fu-sessions")
        self.forms: dict[int, LogForm] = {}
        self.review_panel = ReviewPanel(self._accept)
        self.load_pane, self.pain_pane, self.adherence_pane = ChartPane(), ChartPane(), ChartPane()
        for pane, css in (
            (self.load_pane, "wb-fu-load-chart"),
            (self.pain_pane, "wb-fu-pain-chart"),
            (self.adherence_pane, "wb-fu-adherence-chart"),
        ):
            pane.add_class(css)
        self.client_box = widgets.VBox(
            [
                self.start_box,
                self.week,
                self.sessions_box,
                widgets.HTML("<h4 style='margin:8px 0 2px'>Weekly review</h4>"),
                self.review_panel,
                widgets.HTML("<h4 style='margin:8px 0 2px'>The weeks so far</h4>"),
                self.load_pane,
                self.pain_pane,
                self.adherence_pane,
            ],
            layout=widgets.Layout(display="none"),
        )
        super().__init__(
            [
                widgets.HTML(STYLE + LOG_STYLE),
                widgets.HBox([self.store_path, self.open_button]),
                widgets.HBox([self.client_picker, self.add_from_form, self.load_example]),
                self.empty,
                self.message,
                self.client_box,
            ]
        )
        self.add_class("wb-follow-up")
        self.client_picker.observe(lambda _c: self._guard(self.show_client), names="value")
        self.week.observe(lambda _c: self._guard(self.show_week), names="value")
        if self.store is not None:
            self._list_clients()
        else:
            self.open_store(self.store_path.value)

    # ------------------------------------------------------------ store and client

    @property
    def client_id(self) -> str | None:
        return self.client_picker.value or None

    def _say(self, text: str, cls: str = "wb-ok") -> None:
        self.message.value = f"<span class='{cls}'>{_esc(text)}</span>" if text else ""

    def _guard(self, action: Callable[[], None]) -> None:
        """Run ``action``; a store that refuses, or any failure, is shown, never swallowed."""
        try:
            action()
        except StoreError as err:
            self._say(str(err), "wb-error")
        except Exception:  # shown: the trainer sees what failed
            self.error = traceback.format_exc()
            self._say(self.error.strip().splitlines()[-1], "wb-error")

    def open_store(self, where: str | Path) -> None:
        """Open the store at ``where`` (created when missing) and list its clients."""
        try:
            store = Store.open(Path(str(where)).expanduser())
        except StoreError as err:
            self._say(f"Could not open the store: {err}", "wb-error")
            return
        if self.store is not None:
            self.store.close()
        self.store = store
        self.store_path.value = str(where)
        self._say("")
        self._list_clients()

    def _list_clients(self, choose: str | None = None) -> None:
        clients = self.store.clients()
        current = choose or self.client_picker.value
        self.client_picker.options = [(f"{c.name} ({c.id})", c.id) for c in clients]
        ids = [c.id for c in clients]
        self.load_example.layout.display = "" if "example" not in ids else "none"
        if not clients:
            self.empty.value = (
                "<p class='wb-hint'>No clients in this store yet: add the client in the "
                "form (Design tab), or load the example to see the follow-up at work.</p>"
                if self.client_source is not None
                else "<p class='wb-hint'>No clients in this store yet: load the example "
                "to see the follow-up at work.</p>"
            )
            self.client_box.layout.display = "none"
            return
        self.empty.value = ""
        value = current if current in ids else ids[0]
        if self.client_picker.value != value:
            self.client_picker.value = value
        else:
            self.show_client()

    def _add_form_client(self) -> None:
        record = self.store.add_client(self.client_source())
        self._say(f"Added {record.name} ({record.id}) to the store.")
        self._list_clients(choose=record.id)

    def _load_example(self) -> None:
        self._say("Loading the example: eight weeks of logs and reviews…", "wb-hint")
        accepted = example_story(self.store, self.catalog)
        self._say(f"Loaded the example: {len(accepted)} weeks followed and reviewed.")
        self._list_clients(choose="example")

    def _start(self) -> None:
        result, issued = start_program(
            self.store,
            self.client_id,
            self.catalog,
            start=self.start_on.value,
            weeks=self.program_weeks,
        )
        if issued is None:
            self._say(f"No program issued: {result.message}", "wb-error")
            return
        self._say(f"Issued a {issued.weeks}-week program from {issued.start_date:%a %d %b %Y}.")
        self.show_client()

    # ------------------------------------------------------------ the client's week

    def show_client(self) -> None:
        """Show the chosen client: this week (or week 1), its review and the charts."""
        if self.client_id is None:
            self.client_box.layout.display = "none"
            return
        self.client_box.layout.display = ""
        self.review_panel.hide_next()
        status = program_status(self.store, self.client_id, today=self.today)
        self.status = status
        if status.plan is None:
            self.start_box.layout.display = ""
            for w in (self.week, self.sessions_box, self.review_panel):
                w.layout.display = "none"
            self._show_charts()
            return
        self.start_box.layout.display = "none"
        for w in (self.week, self.sessions_box, self.review_panel):
            w.layout.display = ""
        last = status.plan.first_week + status.plan.weeks - 1
        weeks = list(range(1, last + 1))
        chosen = min(max(status.week or 1, 1), last)
        if list(self.week.options) != weeks:
            self.week.options = weeks
        if status.hold:
            self._say(f"Nothing more is planned: {status.hold}.", "wb-error")
        elif status.suspended:
            asked = ", ".join(status.questions) or "the red-flag questions"
            self._say(f"Nothing more is planned until these are asked again: {asked}.", "wb-error")
        if self.week.value != chosen:
            self.week.value = chosen  # shows the week
        else:
            self.show_week()

    def show_week(self) -> None:
        """The selected week's sessions, their logs, log forms, and the week's review."""
        if self.client_id is None or self.store is None:
            return
        week = self.week.value
        sessions = self.store.sessions(self.client_id, week=week)
        logs = {g.session_id: g for g in self.store.logs(self.client_id) if g.session_id}
        rows, self.forms = [], {}
        for s in sessions:
            head = widgets.HTML(
                f"<b>{s.day.capitalize()} {s.on:%d %b}</b> · {s.minutes} min · "
                f"{s.load:.0f} AU planned · "
                + _esc(", ".join(self.names.get(x, x) for x in s.exercises))
            )
            log = logs.get(s.id)
            summary = widgets.HTML(
                log_summary_html(log, self.names)
                if log
                else "<span class='wb-hint'>Not logged yet.</span>"
            )
            form = LogForm(s, self.names, self._save_log)
            self.forms[s.id] = form
            holder = widgets.Accordion(children=[form], selected_index=None)
            holder.set_title(0, "Log it again" if log else "Log this session")
            row = widgets.VBox([head, summary, holder])
            row.add_class("wb-fu-session")
            row.add_class(f"wb-fu-session-{s.id}")
            rows.append(row)
        if not rows:
            rows = [widgets.HTML("<p class='wb-hint'>No sessions planned in this week.</p>")]
        self.sessions_box.children = rows
        self._show_review(week, any(s.id in logs for s in sessions))
        self._show_charts()

    def _show_review(self, week: int, logged: bool) -> None:
        done = {r.week: r for r in self.store.reviews(self.client_id)}
        if week in done:
            self.review_panel.decided(done[week], self.names)
        elif not logged:
            self.review_panel.clear("Log the week's sessions, then its review shows here.")
        else:
            review = propose_review(self.store, self.client_id, self.catalog, week)
            self.review_panel.propose(review, self.names)

    def _show_charts(self) -> None:
        loads = load_frame(self.store, self.client_id, today=self.today)
        pains = pain_frame(self.store, self.client_id)
        shares = adherence(self.store, self.client_id, today=self.today)
        self.load_pane.update(None if loads.empty else followup_load_chart(loads))
        self.pain_pane.update(None if pains.empty else pain_trend_chart(pains))
        self.adherence_pane.update(adherence_chart(adherence_table(shares)))

    # ------------------------------------------------------------ answers

    def _save_log(self, session, data: dict) -> None:
        form = self.forms.get(session.id)
        try:
            logged = record_log(self.store, self.client_id, data, session_id=session.id)
        except LogError as err:
            form.show_problems([(p.field, p.reason) for p in err.problems])
            self._say(f"Not saved: fix the {len(err.problems)} marked field(s).", "wb-error")
            return
        except StoreError as err:
            self._say(f"Not saved: {err}", "wb-error")
            return
        form.show_problems(())
        said = f"Saved the log of {session.day.capitalize()} {session.on:%d %b}."
        if logged.flags:
            words = "; ".join(
                f"{q} (“{'”, “'.join(ws)}”)" for q, ws in sorted(logged.flags.items())
            )
            said += f" Their words raise questions to ask again: {words}."
        if logged.suspended:
            said += " Nothing more is planned until they are answered."
        self._say(said, "wb-error" if logged.flags else "wb-ok")
        self.show_week()

    def _accept(self, decision: Decision | None, reason: str, by: str) -> None:
        review = self.review_panel.review
        if review is None:
            return
        try:
            accepted = accept_review(
                self.store,
                self.client_id,
                self.catalog,
                review,
                by=by,
                decision=decision,
                reason=reason,
            )
        except ValueError as err:
            self.review_panel.refused(str(err))
            return
        record = accepted.record
        sessions = self.store.sessions(self.client_id, week=record.week + 1)
        if accepted.plan is None:
            self._say(
                f"Accepted week {record.week}: {record.decision}. Nothing is re-planned.", "wb-ok"
            )
        else:
            self._say(
                f"Accepted week {record.week}: {record.decision}; the weeks ahead re-planned."
            )
        nxt = record.week + 1
        if nxt in self.week.options:
            self.week.value = nxt  # shows that week and its (empty) review
        else:
            self.show_week()
        self.review_panel.show_next(record, sessions, self.names, was=review.ceiling)
