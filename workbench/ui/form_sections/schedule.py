"""The form's schedule section: days, session length, settings, equipment, current activity.

The current weekly activities are rows the trainer adds and removes
(:class:`_ActivityRow`); each row's widgets call the form's ``on_edit`` when changed, as
the section's fields do through the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets

from workbench.domain import EQUIPMENT, Discipline
from workbench.ui.form_sections.fields import (
    _DAYS,
    _DISCIPLINES,
    _OMIT,
    _SETTINGS,
    _error_label,
    _Field,
    _Section,
)
from workbench.ui.form_sections.text import _scalar, _show_number

__all__ = ["ScheduleSection"]


class _ActivityRow(widgets.VBox):
    """One current weekly activity: discipline, sessions, minutes, effort, longest session."""

    def __init__(self, on_remove: Callable[[_ActivityRow], None]):
        small = {"description_width": "initial"}
        self.discipline = widgets.Dropdown(
            options=[(label, v) for label, v in _DISCIPLINES],
            value=Discipline.WALKING.value,
            description="discipline",
            style=small,
            layout=widgets.Layout(width="16em"),
        )
        self.sessions = widgets.IntText(
            value=2, description="sessions/week", style=small, layout=widgets.Layout(width="12em")
        )
        self.minutes = widgets.IntText(
            value=30, description="min", style=small, layout=widgets.Layout(width="8em")
        )
        self.rpe = widgets.FloatText(
            value=3.0, description="RPE", style=small, layout=widgets.Layout(width="8em")
        )
        self.longest = widgets.Text(
            value="",
            description="longest (30 days) [min]",
            placeholder="same",
            style=small,
            layout=widgets.Layout(width="17em"),
        )
        self.remove = widgets.Button(description="remove", layout=widgets.Layout(width="7em"))
        self.remove.on_click(lambda _b: on_remove(self))
        self.errors = {
            k: _error_label()
            for k in ("discipline", "sessions_per_week", "minutes", "rpe", "longest_minutes", "")
        }
        for e in self.errors.values():
            e.layout.margin = "0 0 2px 1em"
        self.widgets_by_key = {
            "discipline": self.discipline,
            "sessions_per_week": self.sessions,
            "minutes": self.minutes,
            "rpe": self.rpe,
            "longest_minutes": self.longest,
        }
        super().__init__(
            [
                widgets.HBox([self.discipline, self.sessions, self.minutes]),
                widgets.HBox([self.rpe, self.longest, self.remove]),
                *self.errors.values(),
            ],
            layout=widgets.Layout(border_bottom="1px solid #e2e8f0", padding="2px 0"),
        )
        self.add_class("wb-activity")

    def read(self) -> dict:
        return {
            "discipline": self.discipline.value,
            "sessions_per_week": self.sessions.value,
            "minutes": self.minutes.value,
            "rpe": self.rpe.value,
            "longest_minutes": _scalar(self.longest.value),
        }

    def write(self, data: Mapping) -> None:
        self.discipline.value = data["discipline"]
        self.sessions.value = int(data["sessions_per_week"])
        self.minutes.value = int(data["minutes"])
        self.rpe.value = float(data["rpe"])
        self.longest.value = _show_number(data.get("longest_minutes"))

    def fields(self, index: int, section: int) -> list[_Field]:
        out = [
            _Field(
                f"activities[{index}].{key}",
                w,
                read=lambda: _OMIT,
                write=lambda v: None,
                section=section,
                error=self.errors[key],
            )
            for key, w in self.widgets_by_key.items()
        ]
        out.append(
            _Field(
                f"activities[{index}]",
                self,
                read=lambda: _OMIT,
                write=lambda v: None,
                section=section,
                error=self.errors[""],
            )
        )
        return out


class ScheduleSection(_Section):
    """When and where the client trains, with what, and the current weekly activity.

    Parameters
    ----------
    on_edit : callable
        Called with no argument after a row is added or removed and, with the change,
        after any edit of a row's widgets.
    """

    title = "Schedule and equipment"

    def __init__(self, on_edit: Callable[..., None]) -> None:
        super().__init__()
        self._on_edit = on_edit
        self.rows: list[_ActivityRow] = []
        self.activity_box = widgets.VBox([])
        add = widgets.Button(description="add activity", layout=widgets.Layout(width="auto"))
        add.add_class("wb-add-activity")
        add.on_click(lambda _b: self.add_row())
        activities = self._add(
            "activities",
            self.activity_box,
            lambda: _OMIT,  # read separately, row by row
            lambda v: None,
            inputs=(),
            box=widgets.VBox(
                [
                    widgets.HTML(
                        "<b>Current weekly activity</b> (the baseline load: sessions × minutes × RPE)"
                    ),
                    self.activity_box,
                    add,
                ]
            ),
        )
        self.widget = widgets.VBox(
            [
                self._checks("available_days", "Days the client can train", _DAYS, "4.6em"),
                self._int("max_training_days", "training days, at most", default=3, unit="days"),
                self._int("minutes_per_session", "session length, at most", default=45, unit="min"),
                self._checks("supervised_days", "Days with a trainer present", _DAYS, "4.6em"),
                self._checks(
                    "settings",
                    "Where the client trains (only exercises done there are planned)",
                    _SETTINGS,
                    "7em",
                ),
                self._checks(
                    "equipment",
                    "Equipment the client has",
                    [(e.replace("_", " "), e) for e in EQUIPMENT],
                    "10em",
                ),
                activities,
            ]
        )

    def add_row(self, notify: bool = True) -> _ActivityRow:
        """A new activity row at the end (walking, 2 × 30 min at RPE 3)."""
        row = _ActivityRow(on_remove=self.remove_row)
        for w in row.widgets_by_key.values():
            w.observe(self._on_edit, names="value")
        self.rows.append(row)
        self.activity_box.children = tuple(self.rows)
        if notify:
            self._on_edit()
        return row

    def remove_row(self, row: _ActivityRow, notify: bool = True) -> None:
        """Take ``row`` off the section and close its widgets."""
        for w in row.widgets_by_key.values():
            w.unobserve(self._on_edit, names="value")
        self.rows.remove(row)
        self.activity_box.children = tuple(self.rows)
        row.close()
        if notify:
            self._on_edit()

    def row_fields(self) -> list[_Field]:
        """The fields of every row (``activities[<i>].<key>``), for problems in place."""
        return [f for i, row in enumerate(self.rows) for f in row.fields(i, self.index)]
