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

import threading
import traceback
from collections.abc import Callable

import ipywidgets as widgets

from workbench.catalog.picklist import exercise_for, exercise_labels
from workbench.client.assessment import AssessmentError
from workbench.client.examples import example_client
from workbench.defaults import DEFAULTS, OverrideError, resolve
from workbench.domain import Client, Day
from workbench.planning import explain, planner
from workbench.planning.planner import MAX_WEEKS, Pin, PlanOptions
from workbench.planning.result import (
    NEEDS_CLEARANCE,
    NO_PLAN,
    REFERRED,
    Block,
    PlanResult,
    WeekChange,
)
from workbench.ui import charts
from workbench.ui.answer_html import (
    _block_html,
    _esc,
    client_cue,
    diagnosis_html,
    excluded_html,
    notes_html,
    referral_html,
)
from workbench.ui.debounce import Debouncer
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


_APP_STYLE = """<style>
.wb-app.wb-planning .wb-results { opacity: 0.55; transition: opacity 0.1s; }
.wb-week-grid { gap: 6px; }
.wb-day { gap: 4px; }
.wb-block-reasons { border: 1px solid #e2e8f0; padding: 4px 10px; }
.wb-unproven { border-left: 3px solid #d69e2e; padding-left: 8px; }
</style>"""


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
