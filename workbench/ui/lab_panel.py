"""The constraint lab as widgets (product.md flow 7): scenarios side by side, one sweep.

Each :class:`ScenarioEditor`'s :attr:`~ScenarioEditor.value` is a
:class:`workbench.lab.scenarios.Scenario`; the Compare button hands them to
:func:`workbench.lab.scenarios.run_scenarios` and shows :func:`workbench.lab.scenarios.summary_frame`,
:func:`workbench.lab.scenarios.compare` and :func:`workbench.ui.charts.scenario_chart`. The Sweep button
calls :func:`workbench.lab.scenarios.sweep` and shows :func:`workbench.ui.charts.sweep_chart`. The
widgets compute nothing.
"""

from __future__ import annotations

import html
import traceback
from dataclasses import replace

import ipywidgets as widgets
import pandas as pd

from workbench.client.examples import example_client
from workbench.defaults import DEFAULTS, OverrideError
from workbench.domain import Client, Goal
from workbench.lab import scenarios as lab_fns
from workbench.planning.planner import MAX_WEEKS, PlanOptions
from workbench.ui import charts
from workbench.ui.opening import DEFAULT_EXAMPLE, client_setting, example_picker, opening
from workbench.ui.render import ChartPane
from workbench.ui.style import STYLE

__all__ = ["DEFAULT_EXAMPLE", "ConstraintLab", "ScenarioEditor", "table_html"]

#: The example client the lab opens on (quick to plan on the built-in catalog).

#: The parameters offered for a sweep first (any rule can be typed in code).
SWEEP_CHOICES = (
    "start_ceiling_fraction",
    "weekly_rise",
    "min_disciplines_per_week",
    "max_discipline_share",
    "goal.strength",
    "goal.cardio",
)


def table_html(frame: pd.DataFrame) -> str:
    """A DataFrame as a plain HTML table (no index, blanks for missing values)."""
    if frame.empty:
        return "<p class='wb-hint'>Nothing changed.</p>"
    return (
        "<div class='wb-scroll'>"
        + frame.to_html(
            index=False,
            na_rep="",
            classes="wb-table",
            border=0,
            justify="left",
            float_format=lambda x: f"{x:g}",
        )
        + "</div>"
    )


class ScenarioEditor(widgets.VBox):
    """One scenario's knobs; :attr:`value` is a :class:`workbench.lab.scenarios.Scenario`."""

    def __init__(self, name: str, client: Client, **changes):
        rise, variety = DEFAULTS["weekly_rise"], DEFAULTS["min_disciplines_per_week"]
        self.client = client
        self.name = widgets.Text(value=name, description="name", layout=widgets.Layout(width="95%"))
        self.rise = widgets.FloatSlider(
            value=changes.get("weekly_rise", client_setting(client, "weekly_rise")),
            min=rise.low,
            max=rise.high,
            step=0.01,
            readout_format=".0%",
            description="weekly rise",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        self.variety = widgets.IntSlider(
            value=int(
                changes.get(
                    "min_disciplines_per_week", client_setting(client, "min_disciplines_per_week")
                )
            ),
            min=int(variety.low),
            max=4,
            description="disciplines/week ≥",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        self.strength = widgets.IntText(
            value=int(changes.get("strength", client.goals.get(Goal.STRENGTH, 0))),
            description="strength goal [min/week]",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        self.hard_goals = widgets.Checkbox(
            value=bool(changes.get("hard_goals", False)), description="hard goals", indent=False
        )
        super().__init__(
            [self.name, self.rise, self.variety, self.strength, self.hard_goals],
            layout=widgets.Layout(width="25%", border="1px solid #e2e8f0", padding="4px"),
        )
        self.add_class("wb-scenario")

    @property
    def value(self) -> lab_fns.Scenario:
        """The scenario these knobs describe (on the editor's client)."""
        return lab_fns.scenario(
            self.name.value.strip() or "scenario",
            self.client,
            overrides={
                "weekly_rise": round(self.rise.value, 4),
                "min_disciplines_per_week": float(self.variety.value),
            },
            goals={Goal.STRENGTH: self.strength.value},
            hard_goals=self.hard_goals.value,
        )


class ConstraintLab(widgets.VBox):
    """Scenarios side by side with a diff, and a sweep of one parameter.

    Parameters
    ----------
    client : Client, optional
        Default: the example ``example`` (:data:`DEFAULT_EXAMPLE`).
    catalog : Catalog, optional
        Default: the built-in catalog.
    weeks : int
        Horizon of every scenario [weeks].
    """

    def __init__(
        self,
        client: Client | None = None,
        catalog=None,
        *,
        example: str | None = None,
        weeks: int = 2,
    ):
        client, self.catalog, example = opening(client, catalog, example)
        self.client = client
        self.results: dict = {}
        self.sweep_frame: pd.DataFrame | None = None
        self._build_scenarios(example, weeks)
        self._build_compare()
        self._build_sweep()
        super().__init__(self._page())
        self.add_class("wb-lab")
        self.set_client(client)
        self._wire()

    def _build_scenarios(self, example: str, weeks: int) -> None:
        """The client picker, the horizon [weeks] and the box of scenario editors."""
        self.picker = example_picker(example, "(as given)", "client")
        self.weeks = widgets.IntSlider(
            value=weeks, min=1, max=MAX_WEEKS, description="weeks", continuous_update=False
        )
        self.editors_box = widgets.HBox([], layout=widgets.Layout(width="100%"))

    def _build_compare(self) -> None:
        """Compare, the status, the summary table, the scenario chart and the diff."""
        self.compare_button = widgets.Button(description="Compare", button_style="primary")
        self.compare_button.add_class("wb-compare")
        self.status = widgets.HTML("")
        self.status.add_class("wb-lab-status")
        self.summary = widgets.HTML("")
        self.summary.add_class("wb-lab-summary")
        self.scenario_pane = ChartPane(placeholder="scenarios")
        self.scenario_pane.add_class("wb-scenario-chart")
        self.diff = widgets.HTML("")
        self.diff.add_class("wb-diff")

    def _build_sweep(self) -> None:
        """The parameter to sweep, its values, Sweep, the sweep chart and its table."""
        choices = [(lab_fns.parameter_label(p), p) for p in SWEEP_CHOICES]
        self.parameter = widgets.Dropdown(
            options=choices,
            value="start_ceiling_fraction",
            description="sweep",
            layout=widgets.Layout(width="24em"),
        )
        self.values = widgets.Text(
            value="0.4, 0.5, 0.6, 0.75, 0.9, 1.0",
            description="values",
            layout=widgets.Layout(width="24em"),
        )
        self.sweep_button = widgets.Button(description="Sweep")
        self.sweep_button.add_class("wb-sweep")
        self.sweep_pane = ChartPane(placeholder="sweep")
        self.sweep_pane.add_class("wb-sweep-chart")
        self.sweep_table = widgets.HTML("")
        self.sweep_table.add_class("wb-sweep-table")

    def _page(self) -> list:
        """The page, top to bottom: the client and horizon, the scenarios with Compare and
        what they planned, then the sweep."""
        return [
            widgets.HTML(STYLE),
            widgets.HTML("<h3 style='margin:4px 0'>Constraint lab</h3>"),
            widgets.HBox([self.picker, self.weeks]),
            self.editors_box,
            widgets.HBox([self.compare_button, self.status]),
            self.summary,
            self.scenario_pane,
            widgets.HTML("<b>What changed against the first scenario</b>"),
            self.diff,
            widgets.HTML("<h4>Sweep one parameter</h4>"),
            widgets.HBox([self.parameter, self.values, self.sweep_button]),
            self.sweep_pane,
            self.sweep_table,
        ]

    def _wire(self) -> None:
        """A picked example starts the scenarios over; a picked parameter offers values;
        Compare and Sweep plan."""
        self.picker.observe(self._picked, names="value")
        self.parameter.observe(self._parameter_picked, names="value")
        self.compare_button.on_click(lambda _b: self.run_compare())
        self.sweep_button.on_click(lambda _b: self.run_sweep())

    # ------------------------------------------------------------ client

    def set_client(self, client: Client) -> None:
        """Start the four standard scenarios over on ``client``."""
        self.client = client
        strength = client.goals.get(Goal.STRENGTH, 0)
        old = list(self.editors_box.children)
        self.editors = [
            ScenarioEditor("as assessed", client),
            ScenarioEditor("slower rise (5 %)", client, weekly_rise=0.05),
            ScenarioEditor("variety off", client, min_disciplines_per_week=1),
            ScenarioEditor(
                "strength goal +50 %", client, strength=max(round(strength * 1.5), strength + 20)
            ),
        ]
        self.editors_box.children = self.editors
        for w in old:
            w.close()

    def _picked(self, change) -> None:
        if change["new"]:
            self.set_client(example_client(change["new"]))

    def _parameter_picked(self, change) -> None:
        name = change["new"]
        if name.startswith(lab_fns.GOAL_PREFIX):
            self.values.value = "0, 20, 40, 60, 90, 120"
        else:
            rule = DEFAULTS[name]
            steps = [rule.low + (rule.high - rule.low) * k / 5 for k in range(6)]
            self.values.value = ", ".join(f"{v:g}" for v in steps)

    @property
    def options(self) -> PlanOptions:
        """Options shared by every scenario."""
        return PlanOptions(weeks=self.weeks.value)

    # ------------------------------------------------------------ compare

    def scenarios(self) -> list[lab_fns.Scenario]:
        """The scenarios the editors describe, at the lab's horizon."""
        weeks = self.weeks.value
        return [
            lab_fns.Scenario(s.name, s.client, replace(s.options, weeks=weeks))
            for s in (e.value for e in self.editors)
        ]

    def run_compare(self) -> dict:
        """Plan every scenario and show the summary, the chart and the diff."""
        self.status.value = "<span class='wb-busy'>Planning the scenarios…</span>"
        try:
            self.results = lab_fns.run_scenarios(self.scenarios(), self.catalog)
        except (ValueError, OverrideError) as err:
            self.status.value = f"<span class='wb-error'>{html.escape(str(err))}</span>"
            return {}
        except Exception:
            self.status.value = f"<pre class='wb-error'>{html.escape(traceback.format_exc())}</pre>"
            return {}
        frame = lab_fns.scenario_frame(self.results)
        self.summary.value = table_html(lab_fns.summary_frame(self.results))
        self.scenario_pane.update(charts.scenario_chart(frame) if not frame.empty else None)
        self.diff.value = table_html(lab_fns.compare(self.results))
        self.status.value = f"<span class='wb-ok'>{len(self.results)} scenarios planned.</span>"
        return self.results

    # ------------------------------------------------------------ sweep

    def run_sweep(self) -> pd.DataFrame | None:
        """Plan once per value of the chosen parameter; show the chart and what binds."""
        self.status.value = "<span class='wb-busy'>Sweeping…</span>"
        try:
            values = [float(v) for v in self.values.value.replace(";", ",").split(",") if v.strip()]
            frame = lab_fns.sweep(
                self.client, self.catalog, self.parameter.value, values, self.options
            )
        except ValueError as err:
            self.status.value = f"<span class='wb-error'>{html.escape(str(err))}</span>"
            return None
        except Exception:
            self.status.value = f"<pre class='wb-error'>{html.escape(traceback.format_exc())}</pre>"
            return None
        self.sweep_frame = frame
        label = lab_fns.parameter_label(self.parameter.value)
        self.sweep_pane.update(charts.sweep_chart(frame, label))
        self.sweep_table.value = table_html(lab_fns.sweep_summary(frame))
        self.status.value = f"<span class='wb-ok'>Swept {html.escape(label)}.</span>"
        return frame
