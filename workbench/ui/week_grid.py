"""The design app's week grid: one column per training day, one button per block.

Display only: :class:`WeekGrid` shows a :class:`~workbench.planning.result.WeekPlan`
it is given, marks the blocks it is told are new or selected, and passes a click on a
block to the app as (day, index). Columns and buttons are kept and reused from plan to
plan (only their text changes), so a re-plan sends a few small updates instead of new
widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as widgets

from workbench.domain import Day

#: The grid's spacing (the app adds it to the page's style).
GRID_STYLE = "<style>.wb-week-grid { gap: 6px; } .wb-day { gap: 4px; }</style>"


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


class WeekGrid(widgets.GridBox):
    """The days of one planned week side by side (CSS class ``wb-week-grid``).

    Parameters
    ----------
    on_click : callable
        Called with (day, block index) when a block's button is clicked.
    """

    def __init__(self, on_click: Callable[[Day, int], None]):
        self.on_click = on_click
        #: (day, block index) → the button showing that block in the week on screen.
        self.buttons: dict[tuple[Day, int], widgets.Button] = {}
        self._columns: list[_DayColumn] = []
        self._column_days: list[Day] = []
        super().__init__([], layout=widgets.Layout(width="100%"))
        self.add_class("wb-week-grid")

    def clear(self) -> None:
        """Show no week."""
        self.buttons = {}
        self.children = ()

    def show(self, week, marked: Iterable[tuple[Day, int]] = ()) -> None:
        """Show ``week`` (a :class:`~workbench.planning.result.WeekPlan`); the blocks
        ``marked`` (day, index) are edged as new on their day."""
        marked = frozenset(marked)
        self.buttons = {}
        days = list(week.days)
        while len(self._columns) < len(days):
            self._columns.append(_DayColumn(len(self._columns), self._clicked))
        for column, d in zip(self._columns, days, strict=False):
            column.show(d)
            for i, button in enumerate(column.buttons[: len(d.blocks)]):
                button.remove_class("wb-selected")
                if (d.day, i) in marked:
                    button.add_class("wb-new")
                else:
                    button.remove_class("wb-new")
                self.buttons[(d.day, i)] = button
        self._column_days = [d.day for d in days]
        self.layout.grid_template_columns = f"repeat({max(len(days), 1)}, minmax(0, 1fr))"
        children = tuple(self._columns[: len(days)])
        if self.children != children:
            self.children = children

    def select(self, day: Day, index: int) -> None:
        """Mark block ``index`` on ``day`` as the selected one (and no other)."""
        for button in self.buttons.values():
            button.remove_class("wb-selected")
        self.buttons[(day, index)].add_class("wb-selected")

    def _clicked(self, column: int, index: int) -> None:
        self.on_click(self._column_days[column], index)
