"""The design app's pins and bans: pick an exercise by name, pin or ban it, list them.

Display only: :class:`PinsAndBans` reads the name typed in its box (one exercise, found
by :func:`~workbench.catalog.picklist.exercise_for`), shows why a name names no single
exercise, lists the pins and bans it is given, and passes Pin, Ban and Remove to the
app, which holds the pins and bans and re-plans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as widgets

from workbench.catalog.picklist import exercise_for, exercise_labels
from workbench.planning.planner import MAX_WEEKS, Pin
from workbench.ui.answer_html import _esc


class PinsAndBans(widgets.VBox):
    """The exercise box, its week, Pin and Ban, and the list of pins and bans.

    Parameters
    ----------
    catalog : Catalog
        The exercises the box offers by name.
    on_pin : callable
        Called with (exercise id, week) when Pin is pressed on a name that names one.
    on_ban : callable
        Called with the exercise id when Ban is pressed on a name that names one.
    on_remove : callable
        Called with ("pin", :class:`Pin`) or ("ban", exercise id) when Remove is pressed.
    """

    def __init__(
        self,
        catalog,
        on_pin: Callable[[str, int], None],
        on_ban: Callable[[str], None],
        on_remove: Callable[[str, object], None],
    ):
        self.catalog = catalog
        self.exercise_labels = exercise_labels(catalog)
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
        self.constraint_list = widgets.Select(
            options=[], rows=3, layout=widgets.Layout(width="95%")
        )
        self.constraint_list.add_class("wb-pins-bans")
        self.remove_button = widgets.Button(
            description="Remove", layout=widgets.Layout(width="8em")
        )
        self.pin_button.on_click(lambda _b: self._pin(on_pin))
        self.ban_button.on_click(lambda _b: self._ban(on_ban))
        self.remove_button.on_click(lambda _b: self._remove(on_remove))
        super().__init__(
            [
                widgets.HTML("<b>Pins and bans</b>"),
                widgets.HBox(
                    [self.exercise_picker, self.pin_week, self.pin_button, self.ban_button]
                ),
                self.picker_hint,
                widgets.HBox([self.constraint_list, self.remove_button]),
            ]
        )

    def picked_exercise(self) -> str | None:
        """The id the box names, or None with the reason shown beside it."""
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

    def show(self, pins: Iterable[Pin], bans: Iterable[str]) -> None:
        """List ``pins`` and ``bans`` by exercise name."""

        def name(exercise_id: str) -> str:
            ex = self.catalog.by_id.get(exercise_id)
            return ex.name if ex is not None else exercise_id

        items = [
            (
                f"pin {name(p.exercise_id)}, week {p.week}" + (f", {p.day.value}" if p.day else ""),
                ("pin", p),
            )
            for p in pins
        ] + [(f"ban {name(b)}", ("ban", b)) for b in sorted(bans)]
        self.constraint_list.options = items

    def _pin(self, on_pin: Callable[[str, int], None]) -> None:
        exercise_id = self.picked_exercise()
        if exercise_id:
            on_pin(exercise_id, self.pin_week.value)

    def _ban(self, on_ban: Callable[[str], None]) -> None:
        exercise_id = self.picked_exercise()
        if exercise_id:
            on_ban(exercise_id)

    def _remove(self, on_remove: Callable[[str, object], None]) -> None:
        chosen = self.constraint_list.value
        if chosen is not None:
            on_remove(*chosen)
