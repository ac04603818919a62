"""The design app (product.md flows 1-4, 6, 7): assess, plan, look, adjust, follow up.

:class:`DesignApp` puts the form beside the plan and wires its parts: the controls
(:mod:`~.plan_controls`), pins and bans (:mod:`~.pins_bans`), the answer
(:mod:`~.answer_panel`), the week grid (:mod:`~.week_grid`), the block panel
(:mod:`~.block_panel`), the views (:mod:`~.plan_views`), the Export area (:mod:`~.export_panel`);
a Follow up tab (:mod:`~.follow_up_tab`).
Every edit of the form or of a control asks for a new plan; requests are debounced
(``debounce_s``, 0.15 s by default) so a burst of edits plans once, and a busy note shows
from the first edit until the plan is on screen.

Callbacks compute nothing: they read the form's checked :class:`~workbench.domain.Client`
and the controls' :attr:`DesignApp.options`, call :func:`workbench.planning.planner.plan`
(or :func:`~workbench.planning.planner.replan` from the week a pin or ban first changes)
and show the result: the plan; the screening message of a referral; or the diagnosis
when nothing fits. Key widgets carry stable CSS classes (``wb-week-grid``,
``wb-load-chart``, ``wb-referral``, ...) for tests and styling.
"""

from __future__ import annotations

import threading
import traceback

import ipywidgets as widgets

from workbench.client.assessment import AssessmentError
from workbench.client.examples import example_client
from workbench.domain import Client, Day
from workbench.planning import explain, planner
from workbench.planning.planner import Pin, PlanOptions
from workbench.planning.result import (
    NEEDS_CLEARANCE,
    NO_PLAN,
    REFERRED,
    Block,
    PlanResult,
    WeekChange,
)
from workbench.ui.answer_panel import AnswerPanel
from workbench.ui.block_panel import PANEL_STYLE, BlockPanel
from workbench.ui.debounce import Debouncer, PendingPlan
from workbench.ui.export_panel import ExportPanel, export_area
from workbench.ui.follow_up_tab import app_tabs
from workbench.ui.form import AssessmentForm
from workbench.ui.opening import DEFAULT_EXAMPLE, client_setting, example_picker, opening
from workbench.ui.pins_bans import PinsAndBans
from workbench.ui.plan_controls import PlanControls
from workbench.ui.plan_views import PlanViews
from workbench.ui.style import APP_STYLE, STYLE
from workbench.ui.week_grid import GRID_STYLE, WeekGrid

__all__ = ["DEFAULT_EXAMPLE", "DesignApp"]


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
        self._pending = PendingPlan()
        self._run_lock = threading.Lock()
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
        self.controls = PlanControls(client, weeks, hard_goals, on_plan=self.request_plan)
        self.weeks, self.hard_goals = self.controls.weeks, self.controls.hard_goals
        self.rise = self.controls.rise

    def _build_pins_and_bans(self) -> None:
        """The exercise picker, Pin and Ban, and the list of pins and bans."""
        self.pins_and_bans = PinsAndBans(
            self.catalog,
            on_pin=lambda exercise_id, week: self.add_pin(Pin(exercise_id, week)),
            on_ban=self.add_ban,
            on_remove=self._remove_constraint,
        )
        panel = self.pins_and_bans
        self.exercise_labels, self.exercise_picker = panel.exercise_labels, panel.exercise_picker
        self.picker_hint, self.ban_button = panel.picker_hint, panel.ban_button
        self.constraint_list, self.remove_button = panel.constraint_list, panel.remove_button

    def _build_answer(self) -> None:
        """The status, the referral or diagnosis, the week grid, block reasons, the views."""
        self.busy = widgets.HTML("")
        self.busy.add_class("wb-busy")
        self.answer = AnswerPanel()
        self.status, self.referral = self.answer.status, self.answer.referral
        self.diagnosis = self.answer.diagnosis
        self.week_selector = widgets.ToggleButtons(
            options=[1], value=1, description="week", style={"button_width": "3em"}
        )
        self.week_selector.add_class("wb-week-selector")
        self.grid = WeekGrid(
            lambda day, index: self.select_block(self.week_selector.value, day, index)
        )
        self.block_panel = BlockPanel(on_pin=self.pin_selected, on_ban=self.ban_selected)
        self.block_info = self.block_panel.block_info
        self.pin_block, self.ban_block = self.block_panel.pin_block, self.block_panel.ban_block
        self.views = PlanViews()
        self.load_pane, self.goal_pane = self.views.load_pane, self.views.goal_pane
        self.mix_pane, self.excluded = self.views.mix_pane, self.views.excluded
        self.notes, self.solver_details = self.views.notes, self.views.solver_details
        self.plan_box = widgets.VBox(
            [self.week_selector, self.grid, self.block_panel, self.views],
            layout=widgets.Layout(display="none"),
        )
        self.plan_box.add_class("wb-plan")
        self.export = ExportPanel(self.catalog, form=self.form)

    def _page(self) -> list:
        """The page: the form on the left; controls and the answer on the right."""
        controls = widgets.VBox([self.controls, self.pins_and_bans])
        controls.add_class("wb-controls")
        results = widgets.VBox(
            [self.status, self.answer.today, self.referral, self.diagnosis, self.plan_box]
            + [export_area(self.export)]
        )
        results.add_class("wb-results")
        right = widgets.VBox(
            [controls, self.busy, results], layout=widgets.Layout(width="56%", padding="0 0 0 12px")
        )
        left = widgets.VBox([self.picker, self.form], layout=widgets.Layout(width="44%"))
        design = widgets.HBox([left, right], layout=widgets.Layout(width="100%"))
        self.tabs = app_tabs(design, lambda: self.form.value, self.catalog)
        return [
            widgets.HTML(STYLE + APP_STYLE + GRID_STYLE + PANEL_STYLE),
            widgets.HTML("<h3 style='margin:4px 0'>Program design workbench</h3>"),
            self.tabs,
        ]

    def _wire(self) -> None:
        """Every change asks for a plan."""
        self.form.on_change(self._edited)
        self.picker.observe(self._picked, names="value")
        for w in (self.weeks, self.hard_goals, self.rise):
            w.observe(lambda _c: self._edited(), names="value")
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
            explain=self.views.notes_open,
        )

    # ------------------------------------------------------------ requests

    def request_plan(self, from_week: int = 1, fresh: bool = True) -> None:
        """Ask for a plan (debounced). ``fresh=False``: a re-plan from ``from_week``."""
        self._pending.ask(from_week, fresh)
        self._set_busy(True)
        self._debounce()

    def wait(self, timeout: float = 300.0) -> bool:
        """Plan now if a plan is waiting, and return once none is running (tests, notebooks).

        Returns False when ``timeout`` [s] passed first.
        """
        self._debounce.flush()
        return self._debounce.wait(timeout)

    def _edited(self) -> None:
        """The form or a control changed: plan again (unless the app itself changed it)."""
        if not self._quiet:
            self.request_plan()

    def _picked(self, change) -> None:
        name = change["new"]
        if not name:
            return
        client = example_client(name)
        self._quiet += 1
        try:
            self.pins, self.bans = (), frozenset()
            self.pins_and_bans.show(self.pins, self.bans)
            self.rise.value = client_setting(client, "weekly_rise")
            self.form.value = client
        finally:
            self._quiet -= 1
        self.request_plan()

    # ------------------------------------------------------------ planning

    def _run(self) -> None:
        with self._run_lock:
            from_week, fresh = self._pending.take()
            try:
                self._plan(from_week, fresh)
            except Exception:  # shown, never swallowed: the trainer sees what failed
                self.error = traceback.format_exc()
                self.answer.failed(self.error)
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
            self.answer.planned(result)
            weeks = [w.week for w in result.weeks]
            current = self.week_selector.value
            self.week_selector.options = weeks
            self.week_selector.value = current if current in weeks else weeks[0]
            self._show_week()
            self.views.show(result)
            self.plan_box.layout.display = ""
            unproven = result.solver.summary() if result.solver is not None else ""
            changed = explain.changes_summary(changes) if changes else ""
            self._set_status(f"{result.message} {changed} {unproven}".strip(), "wb-ok")
        elif result.status in (REFERRED, NEEDS_CLEARANCE):
            self._hide_all()
            self.answer.refer(result)
            self._set_status("No plan: see the screening message below.", "wb-error")
        elif result.status == NO_PLAN:
            self._hide_all()
            self.answer.diagnose(result)
            self._set_status("No plan fits every rule: see the diagnosis below.", "wb-error")
        else:  # pragma: no cover - the planner has no other status
            self._hide_all()
            self._set_status(result.message, "wb-error")
        self.export.show(result)

    def _hide_all(self) -> None:
        self.plan_box.layout.display = "none"
        self.views.forget()
        self.answer.hide()
        self.export.forget()

    def _set_status(self, text: str, cls: str) -> None:
        self.answer.say(text, cls, self.plans_done)

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.busy.value = "Planning…"
            self.add_class("wb-planning")
        else:
            self.busy.value = ""
            self.remove_class("wb-planning")

    def _view_changed(self) -> None:
        self.views.render_visible_chart()
        r = self.result
        if self.views.notes_open and r is not None and r.planned and not r.ceiling_plus_10:
            self.views.show_notes(working=True)
            self.request_plan()

    def _week(self, week: int):
        return next(w for w in self.result.weeks if w.week == week)

    def _show_week(self) -> None:
        """The week grid of the week selected, the blocks new since the last plan marked."""
        if self.result is None or not self.result.planned:
            self.grid.clear()
            return
        week = self._week(self.week_selector.value)
        change = self.changes.get(week.week)
        marked = change.new_blocks if change is not None else frozenset()
        self.grid.show(week, marked)
        self.selected = None
        self.block_panel.hint(new_blocks=bool(marked))

    # ------------------------------------------------------------ blocks, pins, bans

    def select_block(self, week: int, day: Day, index: int) -> Block:
        """Show the reasons of block ``index`` on ``day`` of ``week``."""
        w = self._week(week)
        block = next(d for d in w.days if d.day == day).blocks[index]
        if self.week_selector.value != week:
            self.week_selector.value = week
        self.grid.select(day, index)
        self.selected = (week, day, index)
        ex = self.catalog.by_id.get(block.exercise_id)
        self.block_panel.show(block, week, day, ex.cue if ex is not None else "")
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
        self.pins_and_bans.show(self.pins, self.bans)
        self.request_plan(from_week=pin.week, fresh=False)

    def add_ban(self, exercise_id: str) -> None:
        """Ban an exercise and re-plan from the first week that uses it."""
        self.bans = self.bans | {exercise_id}
        self.pins = tuple(p for p in self.pins if p.exercise_id != exercise_id)
        self.pins_and_bans.show(self.pins, self.bans)
        r = self.result
        first = r.first_week_with(exercise_id) if r is not None and r.planned else 1
        self.request_plan(from_week=first, fresh=False)

    def _remove_constraint(self, kind: str, item) -> None:
        if kind == "pin":
            self.pins = tuple(p for p in self.pins if p != item)
        else:
            self.bans = self.bans - {item}
        self.pins_and_bans.show(self.pins, self.bans)
        self.request_plan()
