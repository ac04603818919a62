"""The design app's views of a plan: load, goals, mix, left out, week limits.

Display only: :class:`PlanViews` shows a planned
:class:`~workbench.planning.result.PlanResult` in five tabs. Charts are drawn to SVG in
the kernel (:class:`~workbench.ui.render.ChartPane`) and only for the tab on screen: a
new plan marks them stale and each is drawn when its tab is first shown.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.planning.result import PlanResult
from workbench.ui import charts
from workbench.ui.answer_html import excluded_html, notes_html
from workbench.ui.render import ChartPane

#: Position of the "Week limits" tab among the plan views.
NOTES_TAB = 4

#: The tabs that hold a chart.
_CHART_TABS = frozenset({0, 1, 2})


class PlanViews(widgets.Tab):
    """The tabs under the week grid (CSS class ``wb-views``)."""

    def __init__(self):
        self.result: PlanResult | None = None
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
        self.solver_details.observe(lambda _c: self.show_notes(), names="value")
        self._stale_charts: set[int] = set()
        super().__init__(
            [
                self.load_pane,
                self.goal_pane,
                self.mix_pane,
                self.excluded,
                widgets.VBox([self.notes, self.solver_details]),
            ],
            titles=("Load", "Goals", "Mix", "Left out", "Week limits"),
        )
        self.add_class("wb-views")

    @property
    def notes_open(self) -> bool:
        """Whether the "Week limits" tab is the one on screen."""
        return self.selected_index == NOTES_TAB

    def show(self, result: PlanResult) -> None:
        """Show a planned ``result``: its charts (drawn when seen), what was left out and
        the week limits."""
        self.result = result
        self._stale_charts = set(_CHART_TABS)
        self.render_visible_chart()
        self.excluded.value = excluded_html(result)
        self.show_notes()

    def forget(self) -> None:
        """Hold no plan (the answer on screen is a referral or a diagnosis)."""
        self.result = None

    def show_notes(self, working: bool = False) -> None:
        """The week limits of the plan shown; ``working``: say the +10% is on its way."""
        r = self.result
        if r is None or not r.planned:
            return
        self.notes.value = notes_html(r, self.solver_details.value) + (
            "<p class='wb-hint'>Working out what a 10% higher ceiling would buy…</p>"
            if working
            else ""
        )

    def render_visible_chart(self) -> None:
        """Draw the chart of the visible tab if the plan changed since it was drawn."""
        i = self.selected_index
        r = self.result
        if i not in self._stale_charts or r is None or not r.planned:
            return
        if i == 0:
            self.load_pane.update(charts.load_chart(r.load_frame()))
        elif i == 1:
            self.goal_pane.update(charts.goal_chart(r.goal_frame()))
        elif i == 2:
            self.mix_pane.update(charts.mix_chart(r.mix_frame()))
        self._stale_charts.discard(i)
