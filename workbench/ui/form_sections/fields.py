"""What every form section is made of: a field, the check-box group, the section base.

A :class:`_Field` ties one dotted path of the client-file dict (``"pain.now"``) to the
widget that holds it, how to read and write it, and the error label beside it. A
:class:`_Section` builds one of :data:`SECTIONS` from such fields (:meth:`_Section._add`
and the builders for whole numbers, text and check-box groups) and keeps them in
:attr:`_Section.fields`, in the order the form reads them. The option lists
(days, disciplines, settings, preferences) are the vocabularies the check boxes show.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from workbench.domain import SETTINGS, TAGS, Day, Discipline
from workbench.ui.form_sections.text import _scalar, _show_number

__all__ = ["SECTIONS", "_CheckGroup", "_Field", "_Section"]

#: Section titles, in product.md flow-1 order.
SECTIONS = (
    "Client",
    "Clearance and restrictions",
    "Red flags and notes",
    "Pain and instruments",
    "Movement tolerances",
    "Tests",
    "Goals and preferences",
    "Schedule and equipment",
    "Medical history and diary",
    "Trainer and calendar",
)

_OMIT: Any = object()  # a field left out of the client-file dict

_WIDE = widgets.Layout(width="95%")
_LABEL = {"description_width": "15em"}


@dataclass(eq=False)
class _Field:
    """One place in the client-file dict and the widget that holds it."""

    path: str
    widget: widgets.Widget  # highlighted when refused
    read: Callable[[], Any]  # -> JSON value, or _OMIT
    write: Callable[[Any], None]  # JSON value (None when absent) -> widget
    section: int
    error: widgets.HTML = field(default_factory=lambda: _error_label())
    inputs: tuple = ()  # widgets whose changes count as edits (observed once, at build)

    def mark(self, reasons: list[str]) -> None:
        self.widget.add_class("wb-invalid")
        self.error.value = "<br>".join(html.escape(r) for r in reasons)
        self.error.layout.display = ""

    def unmark(self) -> None:
        self.widget.remove_class("wb-invalid")
        self.error.value = ""
        self.error.layout.display = "none"


def _error_label() -> widgets.HTML:
    label = widgets.HTML("", layout=widgets.Layout(display="none", margin="0 0 4px 15em"))
    label.add_class("wb-error")
    return label


class _CheckGroup(widgets.GridBox):
    """Checkboxes for a set of vocabulary values; ``.selected`` is the list checked."""

    def __init__(self, options: Iterable[tuple[str, str]], min_width: str = "9em", **kwargs):
        self.options = list(options)
        self.boxes = [
            widgets.Checkbox(
                value=False, description=label, indent=False, layout=widgets.Layout(width="auto")
            )
            for label, _ in self.options
        ]
        for box, (_, value) in zip(self.boxes, self.options, strict=True):
            box.add_class(f"wb-option-{value.replace(' ', '-')}")
        super().__init__(
            self.boxes,
            layout=widgets.Layout(
                # as many columns as fit the width: narrow in the app, wide in a notebook
                grid_template_columns=f"repeat(auto-fill, minmax({min_width}, 1fr))",
                width="95%",
            ),
            **kwargs,
        )

    @property
    def selected(self) -> list[str]:
        return [v for box, (_, v) in zip(self.boxes, self.options, strict=True) if box.value]

    @selected.setter
    def selected(self, values: Iterable[str]) -> None:
        chosen = set(values)
        for box, (_, v) in zip(self.boxes, self.options, strict=True):
            box.value = v in chosen


_DAYS = [(d.value.capitalize(), d.value) for d in Day]
_DISCIPLINES = [(d.label, d.value) for d in Discipline]
_SETTINGS = [(x, x) for x in SETTINGS]
#: What a client may like or dislike: disciplines, then settings and tags not already there.
_PREFERENCES = _DISCIPLINES + [
    (f"{x.replace('-', ' ')} ({kind})", x)
    for kind, values in (("setting", SETTINGS), ("tag", TAGS))
    for x in values
    if x not in Discipline._value2member_map_
]


class _Section:
    """One section of the form: its widget (:attr:`widget`) and the fields it holds.

    A subclass names its :attr:`title` (one of :data:`SECTIONS`) and builds
    :attr:`widget` with the builders below; each records a :class:`_Field` in
    :attr:`fields`, in the order the form reads and writes them.
    """

    title: str

    def __init__(self) -> None:
        self.index = SECTIONS.index(self.title)
        self.fields: list[_Field] = []
        self.widget: widgets.Widget

    def row_fields(self) -> list[_Field]:
        """The fields of the section's added rows, for problems in place (none here)."""
        return []

    def _add(
        self,
        path: str,
        widget: widgets.Widget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        *,
        inputs: tuple | None = None,
        box: widgets.Widget | None = None,
    ) -> widgets.Widget:
        f = _Field(
            path, widget, read, write, self.index, inputs=(widget,) if inputs is None else inputs
        )
        f.unmark()
        self.fields.append(f)
        widget.add_class("wb-field-" + re.sub(r"[^A-Za-z0-9_-]", "-", path))
        return widgets.VBox([box or widget, f.error])

    def _int(self, path, description, default=0, unit=""):
        w = widgets.IntText(
            value=default, description=description + (f" [{unit}]" if unit else ""), style=_LABEL
        )
        return self._add(
            path,
            w,
            lambda: w.value,
            lambda v: setattr(w, "value", default if v is None else int(v)),
        )

    def _text(
        self,
        path,
        description,
        *,
        placeholder="",
        number=False,
        area=False,
        blank_none=False,
    ):
        cls = widgets.Textarea if area else widgets.Text
        w = cls(
            value="",
            description=description,
            placeholder=placeholder,
            style=_LABEL,
            layout=widgets.Layout(width="95%", height="5em" if area else None),
            continuous_update=False,
        )
        if number:
            read = lambda: _scalar(w.value)  # noqa: E731
            write = lambda v: setattr(w, "value", _show_number(v))  # noqa: E731
        else:
            read = lambda: None if blank_none and not w.value.strip() else w.value  # noqa: E731
            write = lambda v: setattr(w, "value", "" if v is None else str(v))  # noqa: E731
        return self._add(path, w, read, write)

    def _checks(self, path, description, options, min_width="9em"):
        group = _CheckGroup(options, min_width)
        box = widgets.VBox([widgets.HTML(f"<b>{html.escape(description)}</b>"), group])
        return self._add(
            path,
            group,
            lambda: group.selected,
            lambda v: setattr(group, "selected", v or []),
            inputs=tuple(group.boxes),
            box=box,
        )
