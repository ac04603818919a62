"""The design app's planning controls: the horizon, hard goals, the weekly rise, Plan now.

Display only: :class:`PlanControls` holds the values the app turns into
:class:`~workbench.planning.planner.PlanOptions`; the weekly rise opens on the client's
own setting (or the default) within the bounds of ``DEFAULTS["weekly_rise"]``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from workbench.defaults import DEFAULTS
from workbench.domain import Client
from workbench.planning.planner import MAX_WEEKS
from workbench.ui.opening import client_setting


class PlanControls(widgets.VBox):
    """Weeks, weekly rise, hard goals and Plan now, in two rows.

    Parameters
    ----------
    client : Client
        The client the rise opens on.
    weeks : int
        Horizon, 1-12 [weeks].
    hard_goals : bool
        Goal minutes must be met in full.
    on_plan : callable
        Called with no argument when Plan now is pressed.
    """

    def __init__(self, client: Client, weeks: int, hard_goals: bool, on_plan: Callable[[], None]):
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
            value=client_setting(client, "weekly_rise"),
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
        self.plan_button.on_click(lambda _b: on_plan())
        super().__init__(
            [
                widgets.HBox([self.weeks, self.rise]),
                widgets.HBox([self.hard_goals, self.plan_button]),
            ]
        )
