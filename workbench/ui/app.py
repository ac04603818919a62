"""The design app (product.md flows 1-4, 7): assess, plan, look, adjust, re-plan.

:class:`DesignApp` puts the assessment form beside the plan. Every edit of the form or
of a control asks for a new plan; requests are debounced (``debounce_s``, 0.15 s by
default, on a :class:`threading.Timer`) so a burst of edits plans once, and a busy note
shows from the first edit until the plan is on screen.

Callbacks compute nothing: they read the form's :attr:`~AssessmentForm.value` (a
checked :class:`~workbench.domain.Client`) and the controls' :attr:`DesignApp.options`,
call :func:`workbench.planning.planner.plan` (or :func:`~workbench.planning.planner.replan` from the week
a pin or ban first changes), and show the :class:`~workbench.planning.result.PlanResult`:

* planned: the week grid (days x blocks; click a block for its reasons, then pin or
  ban it), load against the ceiling (:func:`workbench.ui.charts.load_chart`), minutes per
  goal against the targets, discipline mix, every excluded exercise with its reasons,
  and what limits each week;
* referred / needs clearance: the screening message for the client, and no plan;
* infeasible: the diagnosis and the smallest relaxations that would make a plan.

Charts are rendered to SVG in the kernel (:class:`workbench.ui.render.ChartPane`), so
nothing is fetched from a CDN. Key widgets carry stable CSS classes (``wb-week-grid``,
``wb-load-chart``, ``wb-referral``, ...) for tests and styling.
"""

from __future__ import annotations

import html
import threading
import traceback
from collections.abc import Callable

import ipywidgets as widgets

from workbench.catalog.picklist import exercise_for, exercise_labels
from workbench.client.assessment import AssessmentError
from workbench.client.examples import example_client
from workbench.defaults import DEFAULTS, OverrideError, resolve
from workbench.domain import Client, Day
from workbench.language import GLOSSARY, find_threat_words, suggest
from workbench.planning import explain, planner
from workbench.planning.explain import limits_in_words
from workbench.planning.planner import MAX_WEEKS, Pin, PlanOptions
from workbench.planning.result import (
    NEEDS_CLEARANCE,
    NO_PLAN,
    OFFERS,
    REFERRED,
    Block,
    PlanResult,
    WeekChange,
)
from workbench.ui import charts
from workbench.ui.form import STYLE, AssessmentForm
from workbench.ui.opening import DEFAULT_EXAMPLE, example_picker, opening
from workbench.ui.render import ChartPane

__all__ = [
    "DEFAULT_EXAMPLE",
    "DesignApp",
    "Debouncer",
    "client_cue",
    "diagnosis_html",
    "excluded_html",
    "notes_html",
    "referral_html",
]

#: Position of the "Week limits" tab among the plan views.
NOTES_TAB = 4

#: The example client the app opens on: quick to plan on the built-in catalog.

_APP_STYLE = """<style>
.wb-app.wb-planning .wb-results { opacity: 0.55; transition: opacity 0.1s; }
.wb-week-grid { gap: 6px; }
.wb-day { gap: 4px; }
.wb-block-reasons { border: 1px solid #e2e8f0; padding: 4px 10px; }
.wb-unproven { border-left: 3px solid #d69e2e; padding-left: 8px; }
</style>"""


# ----------------------------------------------------------------- debouncing


class Debouncer:
    """Call ``fn()`` once, ``delay`` seconds after the last of a burst of calls.

    ``delay=None`` calls at once, in the caller's thread (tests, scripts). Otherwise
    ``fn`` runs on a :class:`threading.Timer` thread; the kernel stays free to take
    the next edit meanwhile.
    """

    def __init__(self, fn: Callable[[], None], delay: float | None):
        self.fn, self.delay = fn, delay
        self._timer: threading.Timer | None = None
        self._firing = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)

    def __call__(self) -> None:
        if self.delay is None:
            self.fn()
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._timer is not threading.current_thread():
                return  # replaced or cancelled while waiting for the lock
            self._timer = None
            self._firing += 1
        try:
            self.fn()
        finally:
            with self._lock:
                self._firing -= 1
                self._idle.notify_all()

    @property
    def pending(self) -> bool:
        """A call is waiting for its delay."""
        return self._timer is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no call is waiting or running; False on timeout."""
        with self._lock:
            return self._idle.wait_for(
                lambda: self._timer is None and self._firing == 0, timeout=timeout
            )

    def flush(self) -> None:
        """Run a waiting call now."""
        with self._lock:
            timer, self._timer = self._timer, None
            self._idle.notify_all()
        if timer is not None:
            timer.cancel()
            self.fn()

    def cancel(self) -> None:
        """Drop a waiting call."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._idle.notify_all()


# ----------------------------------------------------------------- formatting helpers


def _esc(text) -> str:
    return html.escape(str(text))


def client_cue(cue: str) -> str:
    """A block's cue as the client reads it: free of threat words (domain.md §7)."""
    return suggest(cue) if find_threat_words(cue) else cue


def referral_html(result: PlanResult) -> str:
    """The referral panel: the message for the client, then the trainer's reasons."""
    trainer = getattr(result.screening, "trainer_message", "") or "\n".join(result.notes)
    head = "For the client" if result.status == REFERRED else "For the client (before planning)"
    return (
        f"<h4 style='margin:4px 0'>No plan: {'referral' if result.status == REFERRED else 'clearance first'}</h4>"
        f"<p class='wb-client-message'><b>{head}:</b> {_esc(result.message)}</p>"
        "<details><summary>For the trainer</summary>"
        f"<pre style='white-space:pre-wrap'>{_esc(trainer)}</pre></details>"
    )


def diagnosis_html(result: PlanResult) -> str:
    """The diagnosis panel: what conflicts, and the smallest changes that would fit."""
    parts = ["<h4 style='margin:4px 0'>No plan fits every rule</h4>"]
    # the relaxations get their own list below: not again as the diagnosis's last sentence
    lines = [d for d in result.diagnosis if not (result.relaxations and d.startswith(OFFERS))]
    if not lines:
        parts.append(f"<p>{_esc(result.message)}</p>")
    else:
        parts.append("<ul>" + "".join(f"<li>{_esc(d)}</li>" for d in lines) + "</ul>")
    if result.relaxations:
        parts.append(
            "<p><b>Smallest changes that would make a plan possible</b> (each checked by a "
            "re-solve):</p><ul class='wb-relaxations'>"
            + "".join(
                f"<li>{_esc(r.text)}"
                + (f" <small>(week {r.week})</small>" if r.week else "")
                + "</li>"
                for r in result.relaxations
            )
            + "</ul>"
        )
    return "".join(parts)


def excluded_html(result: PlanResult) -> str:
    """Every excluded exercise with each reason, as an HTML table (one row per exercise)."""
    by_ex: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for row in result.excluded:
        by_ex.setdefault(row["exercise_id"], []).append(row)
        names[row["exercise_id"]] = row["name"]
    if not by_ex:
        return "<p>No exercise is left out.</p>"
    rows = []
    for ex_id, items in sorted(by_ex.items(), key=lambda kv: names[kv[0]].lower()):
        reasons = "<br>".join(
            f"{_esc(r['reason'])} <small>({_esc(r['rule'])}"
            + ("" if r["weeks"] == "all" else f"; weeks {_esc(', '.join(map(str, r['weeks'])))}")
            + ")</small>"
            for r in items
        )
        rows.append(
            f"<tr><td>{_esc(names[ex_id])}<br><small>{_esc(ex_id)}</small></td><td>{reasons}</td></tr>"
        )
    return (
        f"<p>{len(by_ex)} exercises left out, each with its reasons.</p>"
        "<div class='wb-scroll'><table class='wb-table'><tr><th>exercise</th><th>why</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )


def _term(word: str, label: str | None = None) -> str:
    """``word`` with its glossary definition as hover help (docs/glossary.md)."""
    return f"<abbr title='{_esc(GLOSSARY[word])}'>{_esc(label or word)}</abbr>"


def notes_html(result: PlanResult, details: bool = False) -> str:
    """Per week: load, ceiling, what limits the week, shortfalls with their reasons and
    notes; then what a 10% higher ceiling buys. ``details``: the solver's status and gap."""
    rows = []
    for w in result.weeks:
        limits = limits_in_words(w.binding) or "nothing"
        said = "<br>".join(_esc(x) for x in (*w.shortfalls, *w.warnings))
        rows.append(
            f"<tr><td>{w.week}</td><td>{w.load:g}</td><td>{w.ceiling:g}</td><td>{w.cap:.0f}</td>"
            f"<td>{_esc(limits)}</td><td>{said}</td></tr>"
        )
    parts = [
        f"<table class='wb-table'><tr><th>week</th><th>load [{_term('AU')}]</th>"
        f"<th>{_term('ceiling')} [AU]</th><th>{_term('cap')} [AU]</th>"
        "<th>limited this week by</th><th>short of a goal, and notes</th></tr>"
        + "".join(rows)
        + "</table>"
    ]
    if result.ceiling_plus_10:
        parts.append(
            "<p><b>What a 10% higher ceiling would buy</b></p><ul>"
            + "".join(f"<li>{_esc(t)}</li>" for t in result.ceiling_plus_10)
            + "</ul>"
        )
    if result.notes:
        parts.append(
            "<p><b>How this client is planned</b></p><ul>"
            + "".join(f"<li>{_esc(n)}</li>" for n in result.notes)
            + "</ul>"
        )
    if result.questions:
        parts.append(
            "<p><b>To ask or confirm</b></p><ul class='wb-questions'>"
            + "".join(f"<li>{_esc(q.text)}</li>" for q in result.questions)
            + "</ul>"
        )
    if result.solver is not None:
        s = result.solver
        if s.summary():
            parts.append(f"<p class='wb-unproven'>{_esc(s.summary())}</p>")
        if details:
            gap = "" if s.gap is None else f", gap {s.gap:.1%}"
            parts.append(
                f"<p class='wb-hint wb-solver'>Solver {_esc(s.name)}: {_esc(s.status)}{gap}, "
                f"{s.seconds:.2f} s.</p>"
            )
    return "".join(parts)


def _block_html(block: Block, week: int, day: Day, cue: str) -> str:
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in block.reasons)
    cue_html = f"<p><b>Cue for the client:</b> {_esc(client_cue(cue))}</p>" if cue else ""
    return (
        f"<h4 style='margin:4px 0'>{_esc(block.name)}</h4>"
        f"<p>Week {week}, {day.value.capitalize()}: {_esc(block.discipline.label)}, "
        f"{block.minutes} min at {_term('RPE')} {block.rpe:g} = {block.load:g} "
        f"{_term('AU')} ({_term('session load', 'load')})</p>"
        f"<p><b>Why it is here</b></p><ul class='wb-reasons'>{reasons}</ul>{cue_html}"
    )


class _DayColumn(widgets.VBox):
    """One day of the week grid: a heading and a button per block, reused across plans."""

    def __init__(self, position: int, on_click: Callable[[int, int], None]):
        self.position, self.on_click = position, on_click
        self.head = widgets.HTML("")
        self.head.add_class("wb-day-head")
        self.buttons: list[widgets.Button] = []
        super().__init__([self.head])
        self.add_class("wb-day")

    def show(self, day) -> None:
        """Show ``day`` (a :class:`~workbench.planning.result.DayPlan`)."""
        self.head.value = (
            f"{day.day.value.capitalize()}<br><small>{day.minutes} min · {day.load:g} AU</small>"
        )
        while len(self.buttons) < len(day.blocks):
            k = len(self.buttons)
            button = widgets.Button(layout=widgets.Layout(width="auto", height="auto"))
            button.add_class("wb-block")
            button.on_click(lambda _b, k=k: self.on_click(self.position, k))
            self.buttons.append(button)
        for button, b in zip(self.buttons, day.blocks, strict=False):
            button.description = f"{b.name} · {b.minutes} min"
            button.tooltip = (
                f"{b.name}: {b.discipline.label}, {b.minutes} min, RPE {b.rpe:g}, {b.load:g} AU"
            )
        children = (self.head, *self.buttons[: len(day.blocks)])
        if self.children != children:
            self.children = children


# ----------------------------------------------------------------- the app


class DesignApp(widgets.VBox):
    """Assessment form, controls and the plan, re-planned on every change.

    Parameters
    ----------
    client : Client, optional
        The client to open on (default: the example ``example``).
    catalog : Catalog, optional
        Default: the built-in catalog.
    example : str, optional
        An example client name (default :data:`DEFAULT_EXAMPLE`), chosen in the selector.
    weeks : int
        Horizon, 1-12 [weeks].
    hard_goals : bool
        Goal minutes must be met in full.
    debounce_s : float or None
        Delay after the last edit before planning [s]; None plans at once, in the
        caller's thread (tests).
    plan_now : bool
        Plan once while building the app (so it opens on a plan).
    """

    def __init__(
        self,
        client: Client | None = None,
        catalog=None,
        *,
        example: str | None = None,
        weeks: int = 4,
        hard_goals: bool = False,
        debounce_s: float | None = 0.15,
        plan_now: bool = True,
    ):
        client, self.catalog, example = opening(client, catalog, example)
        self.result: PlanResult | None = None
        self.changes: dict[int, WeekChange] = {}  # the last re-plan's changes, by week
        self.error: str | None = None
        self.plans_done = 0
        self.pins: tuple[Pin, ...] = ()
        self.bans: frozenset[str] = frozenset()
        self.selected: tuple[int, Day, int] | None = None
        self._buttons: dict[tuple[Day, int], widgets.Button] = {}
        self._columns: list[_DayColumn] = []
        self._column_days: list[Day] = []
        self._pending_from: int | None = None
        self._pending_fresh = False
        self._run_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._quiet = 0
        self._debounce = Debouncer(self._run, debounce_s)

        # --- the client
        self.form = AssessmentForm(client, container="accordion")
        self.picker = example_picker(
            example, "(from the form)", "example client", style={"description_width": "initial"}
        )
        self.picker.add_class("wb-client-picker")

        self._build_controls(client, weeks, hard_goals)
        self._build_pins_and_bans()
        self._build_answer()
        super().__init__(self._page())
        self.add_class("wb-app")
        self._wire()
        if plan_now:
            self.request_plan()
            self.wait()

    def _build_controls(self, client: Client, weeks: int, hard_goals: bool) -> None:
        """The horizon, hard goals, the weekly rise and Plan now."""
        self.weeks = widgets.IntSlider(
            value=weeks,
            min=1,
            max=MAX_WEEKS,
            description="weeks",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.weeks.add_class("wb-weeks")
        self.hard_goals = widgets.Checkbox(
            value=hard_goals, description="goal minutes are hard (must be met)", indent=False
        )
        self.hard_goals.add_class("wb-hard-goals")
        rule = DEFAULTS["weekly_rise"]
        self.rise = widgets.FloatSlider(
            value=self._client_rise(client),
            min=rule.low,
            max=rule.high,
            step=0.01,
            description="weekly rise",
            readout_format=".0%",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.rise.add_class("wb-rise")
        self.plan_button = widgets.Button(description="Plan now")
        self.plan_button.add_class("wb-plan-now")
        self.plan_button.on_click(lambda _b: self.request_plan())

    def _build_pins_and_bans(self) -> None:
        """The exercise picker, Pin and Ban, and the list of pins and bans."""
        self.exercise_labels = exercise_labels(self.catalog)
        self.exercise_picker = widgets.Combobox(
            options=list(self.exercise_labels),
            placeholder="type a name, e.g. bridge",
            description="exercise",
            ensure_option=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="24em"),
        )
        self.picker_hint = widgets.HTML("")
        self.picker_hint.add_class("wb-picker-hint")
        self.pin_week = widgets.BoundedIntText(
            value=1,
            min=1,
            max=MAX_WEEKS,
            description="week",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="8em"),
        )
        self.pin_button = widgets.Button(description="Pin", layout=widgets.Layout(width="6em"))
        self.ban_button = widgets.Button(description="Ban", layout=widgets.Layout(width="6em"))
        self.pin_button.on_click(lambda _b: self._pin_picked())
        self.ban_button.on_click(lambda _b: self._ban_picked())
        self.constraint_list = widgets.Select(
            options=[], rows=3, layout=widgets.Layout(width="95%")
        )
        self.constraint_list.add_class("wb-pins-bans")
        self.remove_button = widgets.Button(
            description="Remove", layout=widgets.Layout(width="8em")
        )
        self.remove_button.on_click(lambda _b: self._remove_constraint())

    def _build_answer(self) -> None:
        """The status, the referral or diagnosis, the week grid, block reasons, the views."""
        self.busy = widgets.HTML("")
        self.busy.add_class("wb-busy")
        self.status = widgets.HTML("")
        self.status.add_class("wb-status")
        self.referral = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.referral.add_class("wb-referral")
        self.diagnosis = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.diagnosis.add_class("wb-diagnosis")
        self.week_selector = widgets.ToggleButtons(
            options=[1], value=1, description="week", style={"button_width": "3em"}
        )
        self.week_selector.add_class("wb-week-selector")
        self.grid = widgets.GridBox([], layout=widgets.Layout(width="100%"))
        self.grid.add_class("wb-week-grid")
        self.block_info = widgets.HTML(
            "<p class='wb-hint'>Click a block to see why it is there.</p>"
        )
        self.block_info.add_class("wb-block-info")
        self.pin_block = widgets.Button(description="Pin here", disabled=True)
        self.ban_block = widgets.Button(description="Ban", disabled=True)
        self.pin_block.add_class("wb-pin")
        self.ban_block.add_class("wb-ban")
        self.pin_block.on_click(lambda _b: self.pin_selected())
        self.ban_block.on_click(lambda _b: self.ban_selected())
        self.block_panel = widgets.VBox(
            [self.block_info, widgets.HBox([self.pin_block, self.ban_block])]
        )
        self.block_panel.add_class("wb-block-reasons")
        self.load_pane = ChartPane(placeholder="load")
        self.goal_pane = ChartPane(placeholder="goals")
        self.mix_pane = ChartPane(placeholder="mix")
        self.load_pane.add_class("wb-load-chart")
        self.goal_pane.add_class("wb-goal-chart")
        self.mix_pane.add_class("wb-mix-chart")
        self.excluded = widgets.HTML("")
        self.excluded.add_class("wb-excluded")
        self.notes = widgets.HTML("")
        self.notes.add_class("wb-notes")
        self.solver_details = widgets.Checkbox(
            value=False,
            description="Solver details",
            tooltip="the solver's status, proven gap and time for this plan",
            indent=False,
        )
        self.solver_details.add_class("wb-solver-details")
        self.solver_details.observe(lambda _c: self._show_notes(), names="value")
        self.views = widgets.Tab(
            [
                self.load_pane,
                self.goal_pane,
                self.mix_pane,
                self.excluded,
                widgets.VBox([self.notes, self.solver_details]),
            ],
            titles=("Load", "Goals", "Mix", "Left out", "Week limits"),
        )
        self.views.add_class("wb-views")
        self._stale_charts: set[int] = set()
        self.plan_box = widgets.VBox(
            [self.week_selector, self.grid, self.block_panel, self.views],
            layout=widgets.Layout(display="none"),
        )
        self.plan_box.add_class("wb-plan")

    def _page(self) -> list:
        """The page: the form on the left; controls and the answer on the right."""
        controls = widgets.VBox(
            [
                widgets.HBox([self.weeks, self.rise]),
                widgets.HBox([self.hard_goals, self.plan_button]),
                widgets.HTML("<b>Pins and bans</b>"),
                widgets.HBox(
                    [self.exercise_picker, self.pin_week, self.pin_button, self.ban_button]
                ),
                self.picker_hint,
                widgets.HBox([self.constraint_list, self.remove_button]),
            ]
        )
        controls.add_class("wb-controls")
        results = widgets.VBox([self.status, self.referral, self.diagnosis, self.plan_box])
        results.add_class("wb-results")
        right = widgets.VBox(
            [controls, self.busy, results], layout=widgets.Layout(width="56%", padding="0 0 0 12px")
        )
        left = widgets.VBox([self.picker, self.form], layout=widgets.Layout(width="44%"))
        return [
            widgets.HTML(STYLE + _APP_STYLE),
            widgets.HTML("<h3 style='margin:4px 0'>Program design workbench</h3>"),
            widgets.HBox([left, right], layout=widgets.Layout(width="100%")),
        ]

    def _wire(self) -> None:
        """Every change asks for a plan."""
        self.form.on_change(self._form_changed)
        self.picker.observe(self._picked, names="value")
        for w in (self.weeks, self.hard_goals, self.rise):
            w.observe(lambda _c: self._control_changed(), names="value")
        self.week_selector.observe(lambda _c: self._show_week(), names="value")
        self.views.observe(lambda _c: self._view_changed(), names="selected_index")

    # ------------------------------------------------------------ options

    @property
    def options(self) -> PlanOptions:
        """The planning options the controls hold.

        What a 10% higher ceiling would buy costs one more solve per week where the
        ceiling binds, so it is asked for only while the "Week limits" tab is open.
        """
        weeks = self.weeks.value
        return PlanOptions(
            weeks=weeks,
            hard_goals=self.hard_goals.value,
            pins=tuple(p for p in self.pins if p.week <= weeks),
            bans=self.bans,
            overrides={"weekly_rise": round(self.rise.value, 4)},
            explain=self.views.selected_index == NOTES_TAB,
        )

    @staticmethod
    def _client_rise(client: Client) -> float:
        try:
            return float(resolve(client.overrides).weekly_rise)
        except OverrideError:
            return DEFAULTS["weekly_rise"].value

    # ------------------------------------------------------------ requests

    def request_plan(self, from_week: int = 1, fresh: bool = True) -> None:
        """Ask for a plan (debounced). ``fresh=False``: a re-plan from ``from_week``."""
        with self._state_lock:
            self._pending_from = (
                from_week if self._pending_from is None else min(self._pending_from, from_week)
            )
            self._pending_fresh = self._pending_fresh or fresh
        self._set_busy(True)
        self._debounce()

    def wait(self, timeout: float = 300.0) -> bool:
        """Plan now if a plan is waiting, and return once none is running (tests, notebooks).

        Returns False when ``timeout`` [s] passed first.
        """
        self._debounce.flush()
        return self._debounce.wait(timeout)

    def _form_changed(self) -> None:
        if not self._quiet:
            self.request_plan()

    def _control_changed(self) -> None:
        if not self._quiet:
            self.request_plan()

    def _picked_exercise(self) -> str | None:
        """The id the pin/ban box names, or None with the reason shown beside it."""
        text = self.exercise_picker.value
        found = exercise_for(text, self.exercise_labels)
        if found is None and text.strip():
            self.picker_hint.value = (
                f"<span class='wb-error'>No single exercise is called &ldquo;{_esc(text)}"
                "&rdquo;: pick one from the list as you type.</span>"
            )
        else:
            self.picker_hint.value = ""
        return found

    def _picked(self, change) -> None:
        name = change["new"]
        if not name:
            return
        client = example_client(name)
        self._quiet += 1
        try:
            self.pins, self.bans = (), frozenset()
            self._show_constraints()
            self.rise.value = self._client_rise(client)
            self.form.value = client
        finally:
            self._quiet -= 1
        self.request_plan()

    # ------------------------------------------------------------ planning

    def _run(self) -> None:
        with self._run_lock:
            with self._state_lock:
                from_week, fresh = self._pending_from or 1, self._pending_fresh
                self._pending_from, self._pending_fresh = None, False
            try:
                self._plan(from_week, fresh)
            except Exception:  # shown, never swallowed: the trainer sees what failed
                self.error = traceback.format_exc()
                self.status.value = (
                    "<span class='wb-error'>Planning failed; details below.</span>"
                    f"<pre style='white-space:pre-wrap'>{_esc(self.error)}</pre>"
                )
            finally:
                if not self._debounce.pending:
                    self._set_busy(False)

    def _plan(self, from_week: int, fresh: bool) -> None:
        try:
            client = self.form.value
        except AssessmentError as err:
            self.result = None
            self._hide_all()
            self._set_status(
                f"Fix the {len(err.problems)} marked field(s) in the assessment to plan.",
                "wb-error",
            )
            return
        options = self.options
        previous = self.result
        if (
            not fresh
            and previous is not None
            and previous.planned
            and len(previous.weeks) == options.weeks
        ):
            result = planner.replan(previous, client, self.catalog, options, from_week=from_week)
            changes = explain.plan_changes(previous, result) if result.planned else ()
        else:
            result, changes = planner.plan(client, self.catalog, options), ()
        self.show(result, changes)

    # ------------------------------------------------------------ showing a result

    def show(self, result: PlanResult, changes: tuple[WeekChange, ...] = ()) -> None:
        """Show ``result``: the plan, the referral, or the diagnosis.

        ``changes`` (a re-plan's :func:`~workbench.planning.explain.plan_changes` against the plan
        shown before) are said in the status line, and the blocks new to a day are marked
        in the week grid.
        """
        self.result = result
        self.changes = {c.week: c for c in changes}
        self.plans_done += 1
        self.error = None
        self.selected = None
        if result.planned:
            self.referral.layout.display = "none"
            self.diagnosis.layout.display = "none"
            weeks = [w.week for w in result.weeks]
            current = self.week_selector.value
            self.week_selector.options = weeks
            self.week_selector.value = current if current in weeks else weeks[0]
            self._show_week()
            self._stale_charts = {0, 1, 2}
            self._render_visible_chart()
            self.excluded.value = excluded_html(result)
            self._show_notes()
            self.plan_box.layout.display = ""
            unproven = result.solver.summary() if result.solver is not None else ""
            changed = explain.changes_summary(changes) if changes else ""
            self._set_status(f"{result.message} {changed} {unproven}".strip(), "wb-ok")
        elif result.status in (REFERRED, NEEDS_CLEARANCE):
            self._hide_all()
            self.referral.value = referral_html(result)
            self.referral.layout.display = ""
            self._set_status("No plan: see the screening message below.", "wb-error")
        elif result.status == NO_PLAN:
            self._hide_all()
            self.diagnosis.value = diagnosis_html(result)
            self.diagnosis.layout.display = ""
            self._set_status("No plan fits every rule: see the diagnosis below.", "wb-error")
        else:  # pragma: no cover - the planner has no other status
            self._hide_all()
            self._set_status(result.message, "wb-error")

    def _show_notes(self) -> None:
        if self.result is not None and self.result.planned:
            self.notes.value = notes_html(self.result, self.solver_details.value)

    def _hide_all(self) -> None:
        self.plan_box.layout.display = "none"
        self.referral.layout.display = "none"
        self.diagnosis.layout.display = "none"

    def _set_status(self, text: str, cls: str) -> None:
        self.status.value = (
            f"<span class='{cls}'>{_esc(text)}</span>"
            f"<span class='wb-plan-stamp' data-n='{self.plans_done}'></span>"
        )

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.busy.value = "Planning…"
            self.add_class("wb-planning")
        else:
            self.busy.value = ""
            self.remove_class("wb-planning")

    def _view_changed(self) -> None:
        self._render_visible_chart()
        r = self.result
        if self.views.selected_index == NOTES_TAB and r is not None and r.planned:
            if not r.ceiling_plus_10:
                self.notes.value = notes_html(r, self.solver_details.value) + (
                    "<p class='wb-hint'>Working out what a 10% higher ceiling would buy…</p>"
                )
                self.request_plan()

    def _render_visible_chart(self) -> None:
        """Draw the chart of the visible tab if the plan changed since it was drawn."""
        i = self.views.selected_index
        if i not in self._stale_charts or self.result is None or not self.result.planned:
            return
        r = self.result
        if i == 0:
            self.load_pane.update(charts.load_chart(r.load_frame()))
        elif i == 1:
            self.goal_pane.update(charts.goal_chart(r.goal_frame()))
        elif i == 2:
            self.mix_pane.update(charts.mix_chart(r.mix_frame()))
        self._stale_charts.discard(i)

    def _week(self, week: int):
        return next(w for w in self.result.weeks if w.week == week)

    def _show_week(self) -> None:
        """The week grid: one column per training day, one button per block.

        Columns and buttons are kept and reused from plan to plan (only their text
        changes), so a re-plan sends a few small updates instead of new widgets.
        """
        self._buttons = {}
        if self.result is None or not self.result.planned:
            self.grid.children = ()
            return
        week = self._week(self.week_selector.value)
        days = list(week.days)
        while len(self._columns) < len(days):
            self._columns.append(_DayColumn(len(self._columns), self._clicked))
        change = self.changes.get(week.week)
        marked = change.new_blocks if change is not None else frozenset()
        for column, d in zip(self._columns, days, strict=False):
            column.show(d)
            for i, button in enumerate(column.buttons[: len(d.blocks)]):
                button.remove_class("wb-selected")
                if (d.day, i) in marked:
                    button.add_class("wb-new")
                else:
                    button.remove_class("wb-new")
                self._buttons[(d.day, i)] = button
        self._column_days = [d.day for d in days]
        self.grid.layout.grid_template_columns = f"repeat({max(len(days), 1)}, minmax(0, 1fr))"
        children = tuple(self._columns[: len(days)])
        if self.grid.children != children:
            self.grid.children = children
        self.selected = None
        hint = "Click a block to see why it is there."
        if marked:
            hint += " Blocks edged in green are new on their day since the last plan."
        self.block_info.value = f"<p class='wb-hint'>{hint}</p>"
        self.pin_block.disabled = self.ban_block.disabled = True

    def _clicked(self, column: int, index: int) -> None:
        self.select_block(self.week_selector.value, self._column_days[column], index)

    # ------------------------------------------------------------ blocks, pins, bans

    def select_block(self, week: int, day: Day, index: int) -> Block:
        """Show the reasons of block ``index`` on ``day`` of ``week``."""
        w = self._week(week)
        block = next(d for d in w.days if d.day == day).blocks[index]
        if self.week_selector.value != week:
            self.week_selector.value = week
        for button in self._buttons.values():
            button.remove_class("wb-selected")
        self._buttons[(day, index)].add_class("wb-selected")
        self.selected = (week, day, index)
        ex = self.catalog.by_id.get(block.exercise_id)
        self.block_info.value = _block_html(block, week, day, ex.cue if ex is not None else "")
        self.pin_block.disabled = self.ban_block.disabled = False
        return block

    def _selected_block(self) -> tuple[int, Day, Block]:
        if self.selected is None:
            raise ValueError("no block is selected; click a block in the week grid first")
        week, day, index = self.selected
        return week, day, next(d for d in self._week(week).days if d.day == day).blocks[index]

    def pin_selected(self) -> None:
        """Pin the selected block to its week and day, and re-plan from that week."""
        week, day, block = self._selected_block()
        self.add_pin(Pin(block.exercise_id, week, day))

    def ban_selected(self) -> None:
        """Ban the selected block's exercise, and re-plan from the first week that uses it."""
        _week, _day, block = self._selected_block()
        self.add_ban(block.exercise_id)

    def add_pin(self, pin: Pin) -> None:
        """Add a pin and re-plan from its week."""
        if pin not in self.pins:
            self.pins = (*self.pins, pin)
        self._show_constraints()
        self.request_plan(from_week=pin.week, fresh=False)

    def add_ban(self, exercise_id: str) -> None:
        """Ban an exercise and re-plan from the first week that uses it."""
        self.bans = self.bans | {exercise_id}
        self.pins = tuple(p for p in self.pins if p.exercise_id != exercise_id)
        self._show_constraints()
        first = 1
        if self.result is not None and self.result.planned:
            used = [
                w.week
                for w in self.result.weeks
                if any(b.exercise_id == exercise_id for d in w.days for b in d.blocks)
            ]
            first = min(used, default=1)
        self.request_plan(from_week=first, fresh=False)

    def _pin_picked(self) -> None:
        exercise_id = self._picked_exercise()
        if exercise_id:
            self.add_pin(Pin(exercise_id, self.pin_week.value))

    def _ban_picked(self) -> None:
        exercise_id = self._picked_exercise()
        if exercise_id:
            self.add_ban(exercise_id)

    def _show_constraints(self) -> None:
        def name(exercise_id: str) -> str:
            ex = self.catalog.by_id.get(exercise_id)
            return ex.name if ex is not None else exercise_id

        items = [
            (
                f"pin {name(p.exercise_id)}, week {p.week}" + (f", {p.day.value}" if p.day else ""),
                ("pin", p),
            )
            for p in self.pins
        ] + [(f"ban {name(b)}", ("ban", b)) for b in sorted(self.bans)]
        self.constraint_list.options = items

    def _remove_constraint(self) -> None:
        chosen = self.constraint_list.value
        if chosen is None:
            return
        kind, item = chosen
        if kind == "pin":
            self.pins = tuple(p for p in self.pins if p != item)
        else:
            self.bans = self.bans - {item}
        self._show_constraints()
        self.request_plan()
