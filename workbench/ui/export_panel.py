"""The app's Export area (issue 19): the plan leaves the workbench as the client's handout,
calendar and data, and the doctor's brief.

:class:`ExportPanel` shows, for the plan on screen: the **Handout** (paper A4 or Letter, the
program's start date; the threat-word check of every word the client will read, listed
above the preview; the preview in a sandboxed frame; Download HTML; Make the PDF, then
Download PDF), the **Calendar** (``.ics``), the **CSV**, and the **Doctor's brief**
(preview, download, PDF) with the **Doctor's answer** below it (:mod:`~.doctor_answer`:
the answer into the clearance in one step, and the plan re-made). A referred client gets the referral letter and no handout,
calendar or CSV, with the reason; a client waiting for clearance gets the brief with its
questions, and no program.

Widgets never compute: every part calls one hand-over function
(:func:`~workbench.handover.handout.handout_html`, ``handout_words`` and ``check_words``,
``html_to_pdf``, ``plan_ics``, ``plan_csv``, ``brief_html``, ``referral_html``), reached
through the public face (:func:`~workbench.ui.export_page.handover`), and shows what came
back (:mod:`~workbench.ui.export_html`, :mod:`~workbench.ui.export_page`). A failure is
shown in the panel, never swallowed.

In the app the area is closed until the trainer opens it (:func:`export_area`), so a
re-plan renders no page nobody looks at; in a notebook the panel is shown as it is::

    panel = ExportPanel(catalog)
    panel.show(result, client)
    panel
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import date, timedelta

import ipywidgets as widgets

from workbench.domain import Client
from workbench.planning.result import NEEDS_CLEARANCE, REFERRED, PlanResult
from workbench.ui.doctor_answer import DoctorAnswerPanel
from workbench.ui.export_html import _esc, download_link, word_problems_html
from workbench.ui.export_page import PageSection, handover, html_box, missing_html

__all__ = ["AREA_TITLE", "PAPERS", "ExportPanel", "export_area"]

#: The Export area's title in the app.
AREA_TITLE = "Export: handout, calendar, CSV, doctor's brief"
#: The paper sizes the handout and the brief print on.
PAPERS = ("A4", "Letter")

EXPORT_STYLE = """<style>
.wb-export h4 { margin: 10px 0 2px; }
.wb-export .wb-download { display: inline-block; padding: 3px 10px; margin: 2px 0;
  border: 1px solid #0072B2; border-radius: 3px; color: #0b5394; text-decoration: none;
  background: #f1f6fb; }
.wb-export .wb-download:hover { background: #dbeaf7; }
.wb-export .wb-export-buttons { align-items: center; gap: 8px; flex-wrap: wrap; }
.wb-export-reason { background: #f1f6fb; border-left: 4px solid #0072B2; padding: 4px 10px; }
</style>"""


class ExportPanel(widgets.VBox):
    """The Export area: handout, calendar, CSV and the doctor's brief of one plan.

    Parameters
    ----------
    catalog : Catalog, optional
        The catalog the plan was made from (default: the built-in one).
    client_source : callable, optional
        Returns the client whose plan :meth:`show` gets without a client.
    form : AssessmentForm, optional
        The app's form: the client is read from it, and a doctor's answer applied in the
        Doctor's answer panel (:class:`~workbench.ui.doctor_answer.DoctorAnswerPanel`) is
        written back into it, which re-plans. Without it the panel re-plans itself.
    today : date, optional
        The start date offered is this day's Monday or the next (default: today's).
    live : bool
        Render on every :meth:`show` (a notebook); False renders only once :attr:`live`
        is set (the app's area, when opened).

    Attributes
    ----------
    handout_page, brief_page : PageSection
        The handout; the doctor's brief or the referral letter.
    doctor : DoctorAnswerPanel
        The doctor's answer, below the brief (not for a referred client).
    ics : bytes or None
        The calendar file shown. ``csv``: str or None, the plan's rows.
    problems : list of WordProblem
        The threat-word check of the handout's words.
    error : str or None
        The traceback of the last failure (its last line is shown in the panel).
    """

    def __init__(
        self,
        catalog=None,
        *,
        client_source: Callable[[], Client] | None = None,
        form=None,
        today: date | None = None,
        live: bool = True,
    ):
        if catalog is None:
            from workbench.catalog import builtin_catalog

            catalog = builtin_catalog()
        if form is not None and client_source is None:
            client_source = lambda: form.value  # noqa: E731 - read when the panel renders
        self.catalog, self.client_source, self.form, self._live = catalog, client_source, form, live
        self.result: PlanResult | None = None
        self.client: Client | None = None
        self._stale = False
        self.ics: bytes | None = None
        self.csv: str | None = None
        self.problems: list = []
        self.error: str | None = None

        self.paper = widgets.ToggleButtons(
            options=list(PAPERS), value="A4", description="paper", style={"button_width": "5em"}
        )
        self.paper.add_class("wb-export-paper")
        self.start = widgets.DatePicker(
            description="program starts",
            value=_monday(today or date.today()),
            style={"description_width": "initial"},
        )
        self.start.add_class("wb-export-start")
        self.message = html_box("wb-export-message")
        self.reason = html_box("wb-export-reason")
        self.words = html_box("wb-export-words")
        self.handout_page = PageSection("Handout", "handout", above=(self.words,))
        self.ics_link = html_box("wb-export-ics")
        self.csv_link = html_box("wb-export-csv")
        self.program_box = widgets.VBox(
            [
                self.handout_page,
                widgets.HTML("<h4>Calendar</h4>"),
                self.ics_link,
                widgets.HTML("<h4>Data (CSV)</h4>"),
                self.csv_link,
            ]
        )
        self.program_box.add_class("wb-export-program")
        self.brief_page = PageSection("Doctor's brief", "brief")
        self.doctor = DoctorAnswerPanel(
            catalog=catalog, on_applied=self._answered, replan=form is None
        )
        self.body = widgets.VBox(
            [
                widgets.HBox([self.paper, self.start]),
                self.reason,
                self.program_box,
                self.brief_page,
                self.doctor.widget,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.empty = widgets.HTML(
            "<p class='wb-hint'>The exports show here once there is a plan.</p>"
        )
        super().__init__([widgets.HTML(EXPORT_STYLE), self.message, self.empty, self.body])
        self.add_class("wb-export")
        for w in (self.paper, self.start):
            w.observe(lambda _c: self.refresh(), names="value")

    @property
    def handout(self) -> str | None:
        """The handout's HTML shown (None when there is no program)."""
        return self.handout_page.page

    @property
    def brief(self) -> str | None:
        """The doctor's brief's (or the referral letter's) HTML shown."""
        return self.brief_page.page

    # ------------------------------------------------------------ what to show

    @property
    def live(self) -> bool:
        """True while the panel renders each plan it is shown (its area is open)."""
        return self._live

    @live.setter
    def live(self, value: bool) -> None:
        self._live = bool(value)
        if self._live and self._stale:
            self.refresh()

    def show(self, result: PlanResult, client: Client | None = None) -> None:
        """Show the exports of ``result``, the plan of ``client`` (default: ``client_source()``,
        read when the panel renders). Renders at once while :attr:`live`, else when next made
        live."""
        self.result, self.client = result, client
        self._stale = True
        if self._live:
            self.refresh()

    def forget(self) -> None:
        """No plan to export (the form has errors): show nothing but the hint."""
        self.result = self.client = None
        self._stale = False
        self.ics = self.csv = None
        self.problems = []
        self.handout_page.show(None, title="Handout")
        self.brief_page.show(None, title="Doctor's brief")
        self.body.layout.display = "none"
        self.empty.layout.display = ""
        self.message.value = ""

    def refresh(self) -> None:
        """Render every export of the plan shown (a failure is shown, never swallowed)."""
        if self.result is None:
            return
        self._stale = False
        self.error, self.message.value = None, ""
        try:
            self._render(self.result, self._client())
        except Exception:  # shown: the trainer sees what failed
            self.error = traceback.format_exc()
            last = self.error.strip().splitlines()[-1]
            self.message.value = f"<p class='wb-error'>Export failed: {_esc(last)}</p>"

    def _client(self) -> Client:
        if self.client is None:
            if self.client_source is None:
                raise ValueError("ExportPanel.show needs the client (no client_source given)")
            self.client = self.client_source()
        return self.client

    def _render(self, result: PlanResult, client: Client) -> None:
        self.ics = self.csv = None
        self.problems = []
        self.empty.layout.display = "none"
        self.body.layout.display = ""
        program = result.planned
        self.program_box.layout.display = "" if program else "none"
        self.reason.value = "" if program else _no_program_reason(result)
        self.reason.layout.display = "none" if program else ""
        self.start.layout.display = "" if program else "none"  # no program, no start
        if program:
            self._render_handout(result, client)
            self._render_data(result, client)
        else:
            self.handout_page.show(None, title="Handout")
        if program or result.status in (REFERRED, NEEDS_CLEARANCE):
            self.brief_page.layout.display = ""
            self._render_brief(result, client)
        else:  # no plan fits: nothing to hand over
            self.brief_page.layout.display = "none"
        # the doctor's answer, for a program or a clearance asked for (not for a referral)
        answerable = program or result.status == NEEDS_CLEARANCE
        self.doctor.widget.layout.display = "" if answerable else "none"
        if self.doctor.client is None or self.doctor.client.id != client.id:
            self.doctor.set_client(client)  # a new client: empty fields
        else:
            self.doctor.client = client  # the same client edited: the fields stay

    def _render_handout(self, result: PlanResult, client: Client) -> None:
        make = handover("handout_html")
        words, check = handover("handout_words"), handover("check_words")
        start, paper = self.start.value, self.paper.value
        page, problem = None, None
        self.words.value = ""
        try:
            if words is not None and check is not None:
                self.problems = list(check(words(result, client, self.catalog, start=start)))
                self.words.value = word_problems_html(self.problems)
            if make is not None:
                page = make(result, client, self.catalog, start=start, paper=paper)
        except _refused() as err:  # e.g. a start that is not a Monday: said in place
            problem = f"No handout: {err}"
        self.handout_page.show(
            page,
            title="Handout",
            files=(_file(client, "handout"), _file(client, "pdf")),
            paper=paper,
            frame=f"Handout for {client.name}",
            problem=problem,
        )

    def _render_data(self, result: PlanResult, client: Client) -> None:
        ics, csv, start = handover("plan_ics"), handover("plan_csv"), self.start.value
        try:
            if ics is None:
                self.ics_link.value = missing_html("the calendar")
            elif start is None:
                self.ics_link.value = "<p class='wb-hint'>Pick the program's start date above.</p>"
            else:
                self.ics = ics(result, client, self.catalog, start=start, plan_key=_plan_key(start))
                self.ics_link.value = download_link(
                    self.ics,
                    _file(client, "ics"),
                    "text/calendar",
                    "Download calendar (.ics)",
                    "wb-download-ics",
                )
        except _refused() as err:
            self.ics_link.value = _problem(f"No calendar: {err}")
        try:
            if csv is None:
                self.csv_link.value = missing_html("the CSV")
            else:
                self.csv = csv(result, client, self.catalog, start=start)
                self.csv_link.value = download_link(
                    self.csv, _file(client, "csv"), "text/csv", "Download CSV", "wb-download-csv"
                )
        except _refused() as err:
            self.csv_link.value = _problem(f"No CSV: {err}")

    def _render_brief(self, result: PlanResult, client: Client) -> None:
        referred = result.status == REFERRED
        make = handover("referral_html" if referred else "brief_html")
        title = "Referral letter" if referred else "Doctor's brief"
        paper, page = self.paper.value, None
        if make is not None and referred:
            page = make(result, client, paper=paper)
        elif make is not None:
            page = make(result, client, self.catalog, paper=paper)
        self.brief_page.show(
            page,
            title=title,
            files=(_file(client, "brief"), f"{client.id}-brief.pdf"),
            paper=paper,
            frame=f"{title} for {client.name}",
        )

    def _answered(self, client: Client) -> None:
        """The doctor's answer was applied: the app's form takes the client (and re-plans,
        which shows here); without a form, the plan the answer panel re-made is shown."""
        if self.form is not None:
            self.form.value = client
        elif self.doctor.result is not None:
            self.show(self.doctor.result, client)

    def make_pdf(self, which: str = "handout") -> bytes | None:
        """Print the handout (``"handout"``) or the brief (``"brief"``) to PDF on the paper
        chosen and offer it (see :meth:`PageSection.make_pdf`)."""
        return (self.handout_page if which == "handout" else self.brief_page).make_pdf()


def _monday(day: date) -> date:
    """The start date offered: ``day`` when it is a Monday, else the next Monday (a
    program's week 1 starts on a Monday)."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _refused() -> type[Exception]:
    """The hand-over's refusal (:class:`~workbench.handover.errors.HandoverError`)."""
    return handover("HandoverError") or ValueError


def _problem(text: str) -> str:
    return f"<p class='wb-error wb-export-problem'>{_esc(text)}</p>"


def _file(client: Client, kind: str) -> str:
    """The download's name, as ``workbench export`` names the file (``export_name``)."""
    name = handover("export_name")
    if name is not None:
        return name(client.id, kind)
    ext = {"handout": "html", "brief": "html"}.get(kind, kind)
    return f"{client.id}-{kind}.{ext}"


def _plan_key(start: date) -> str:
    """The calendar's plan key: the program's start date, so a re-planned program that
    starts on the same day updates its events instead of adding new ones."""
    return f"{start:%Y%m%d}"


def _no_program_reason(result: PlanResult) -> str:
    if result.status == REFERRED:
        why = (
            "The screening refers this client to a doctor, so there is no program to hand "
            "over: no handout, calendar or CSV. Give the client the referral letter below."
        )
    elif result.status == NEEDS_CLEARANCE:
        why = (
            "This client needs their doctor's clearance before a program, so there is no "
            "handout, calendar or CSV yet. Give the client the brief below to take to the "
            "doctor; their answer, entered in the form, lets the plan be made."
        )
    else:
        why = "No plan fits every rule (see the diagnosis), so there is nothing to export yet."
    return f"<p style='margin:2px 0'>{why}</p>"


def export_area(panel: ExportPanel) -> widgets.Accordion:
    """The app's Export area: ``panel`` in an accordion (``panel.area``), closed; the panel
    renders only while it is open (:attr:`ExportPanel.live`)."""
    panel.live = False
    area = widgets.Accordion(children=[panel], titles=(AREA_TITLE,), selected_index=None)
    area.add_class("wb-export-area")

    def opened(change) -> None:
        panel.live = change["new"] == 0

    area.observe(opened, names="selected_index")
    panel.area = area
    return area
