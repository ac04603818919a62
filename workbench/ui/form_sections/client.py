"""The form's first section: who the client is, and the trainer's rule overrides."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.form_sections.fields import _LABEL, _Section
from workbench.ui.form_sections.text import _pairs, _show_number

__all__ = ["ClientSection"]


class ClientSection(_Section):
    """Client id, name, age, a new episode, green weeks behind, and rule overrides."""

    title = "Client"

    def __init__(self) -> None:
        super().__init__()
        self.overrides = widgets.Textarea(
            value="",
            description="rule overrides",
            placeholder="one a line, e.g. weekly_rise = 0.05",
            style=_LABEL,
            layout=widgets.Layout(width="95%", height="4em"),
            continuous_update=False,
        )
        new_onset = widgets.Checkbox(
            value=False, description="back pain started recently (a new episode)", indent=False
        )
        self.widget = widgets.VBox(
            [
                self._text("id", "client id", placeholder="e.g. priya-shah"),
                self._text("name", "name"),
                self._int("age", "age", default=40, unit="years"),
                self._add(
                    "new_onset",
                    new_onset,
                    lambda: new_onset.value,
                    lambda v: setattr(new_onset, "value", bool(v)),
                ),
                self._int("consecutive_green_weeks", "green weeks behind", unit="weeks"),
                self._add(
                    "overrides",
                    self.overrides,
                    lambda: dict(_pairs(self.overrides.value)),
                    lambda v: setattr(
                        self.overrides,
                        "value",
                        "\n".join(f"{k} = {_show_number(x)}" for k, x in (v or {}).items()),
                    ),
                ),
            ]
        )
