"""The form's hand-over sections: the trainer and the calendar; medical history and diary.

What the handout, the calendar and the doctor's brief need beyond the assessment
(client-file version 4). :class:`TrainerSection` holds the trainer's name and contact,
the client's usual training time (``HH:MM``) and time zone (a box that offers the IANA
names and takes any typed one, which the checker then accepts or refuses).
:class:`HistorySection` holds the medical history (diagnoses, imaging, treatments: one
entry a line), the medications (rows of name, dose and frequency, added and removed)
and the symptom diary (dated entries, added and removed). Each row's widgets call the
form's ``on_edit`` when changed; a refused value is shown on its row, beside the box that
holds it (``medications[1].name``, ``diary[0].date``), as the form shows every problem.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import ipywidgets as widgets

from workbench.ui.form_sections.fields import _LABEL, _OMIT, _error_label, _Field, _Section
from workbench.ui.form_sections.text import _scalar, _show_number

__all__ = ["HistorySection", "TrainerSection"]

_SMALL = {"description_width": "initial"}


class TrainerSection(_Section):
    """The trainer's name and contact; when and in which time zone the client trains."""

    title = "Trainer and calendar"

    def __init__(self) -> None:
        super().__init__()
        self.time_zone = widgets.Combobox(
            value="",
            options=sorted(zoneinfo.available_timezones()),
            ensure_option=False,
            description="time zone",
            placeholder="e.g. Europe/London",
            style=_LABEL,
            layout=widgets.Layout(width="95%"),
            continuous_update=False,
        )
        zone = self._add(
            "time_zone",
            self.time_zone,
            lambda: self.time_zone.value.strip() or None,
            lambda v: setattr(self.time_zone, "value", v or ""),
        )
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<span class='wb-hint'>Named at the top of the client's handout and the "
                    "doctor's brief; the calendar puts each session at the usual time in the "
                    "client's time zone.</span>"
                ),
                self._text("trainer.name", "trainer's name"),
                self._text("trainer.contact", "trainer's contact", placeholder="phone or e-mail"),
                self._text(
                    "usual_time",
                    "usual training time",
                    placeholder="HH:MM on the 24-hour clock, e.g. 18:30",
                    blank_none=True,
                ),
                zone,
            ]
        )


def _lines(text: str) -> list[str]:
    """One entry a line, blank lines left out."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


class _Row(widgets.VBox):
    """One row of text boxes (a medication, a diary entry) with a remove button."""

    #: key -> (description, width, placeholder)
    boxes: dict[str, tuple[str, str, str]]
    kind: str

    def __init__(self, on_remove: Callable[[_Row], None]):
        self.inputs = {
            key: widgets.Text(
                value="",
                description=label,
                placeholder=hint,
                style=_SMALL,
                layout=widgets.Layout(width=width),
                continuous_update=False,
            )
            for key, (label, width, hint) in self.boxes.items()
        }
        self.remove = widgets.Button(description="remove", layout=widgets.Layout(width="7em"))
        self.remove.on_click(lambda _b: on_remove(self))
        self.errors = {k: _error_label() for k in (*self.boxes, "")}
        for e in self.errors.values():
            e.layout.margin = "0 0 2px 1em"
        super().__init__(
            [*self._lines(), *self.errors.values()],
            layout=widgets.Layout(border_bottom="1px solid #e2e8f0", padding="2px 0"),
        )
        self.add_class(f"wb-{self.kind}")

    def _lines(self) -> list[widgets.Widget]:
        return [widgets.HBox([*self.inputs.values(), self.remove])]

    def read(self) -> dict[str, Any]:
        return {k: w.value for k, w in self.inputs.items()}

    def write(self, data: Mapping[str, Any]) -> None:
        for k, w in self.inputs.items():
            w.value = "" if data.get(k) is None else _show_number(data[k])

    def fields(self, where: str, section: int) -> list[_Field]:
        """The row's fields (``where.<key>`` and ``where`` itself), for problems in place."""
        out = [
            _Field(f"{where}.{k}", w, lambda: _OMIT, lambda v: None, section, self.errors[k])
            for k, w in self.inputs.items()
        ]
        out.append(_Field(where, self, lambda: _OMIT, lambda v: None, section, self.errors[""]))
        return out


class _MedicationRow(_Row):
    """One medication: its name, dose and how often."""

    kind = "medication"
    boxes = {
        "name": ("medicine", "16em", "e.g. ibuprofen"),
        "dose": ("dose", "10em", "e.g. 200 mg"),
        "frequency": ("how often", "18em", "e.g. when needed"),
    }


class _DiaryRow(_Row):
    """One dated diary entry: the day, pain 0-10, how often, what brought it on and helped."""

    kind = "diary-entry"
    boxes = {
        "date": ("date", "13em", "YYYY-MM-DD"),
        "intensity": ("pain 0-10", "9em", "not rated"),
        "frequency": ("how often", "18em", "e.g. most evenings"),
        "triggers": ("brought on by", "95%", "in the client's words"),
        "helps": ("what helped", "95%", "in the client's words"),
        "notes": ("notes", "95%", ""),
    }

    def _lines(self) -> list[widgets.Widget]:
        i = self.inputs
        return [
            widgets.HBox([i["date"], i["intensity"], i["frequency"], self.remove]),
            i["triggers"],
            i["helps"],
            i["notes"],
        ]

    def read(self) -> dict[str, Any]:
        out = super().read()
        out["intensity"] = _scalar(out["intensity"])  # '' -> None (not rated), '4' -> 4
        return out


class _Rows:
    """The rows of one list field (medications, diary), added and removed in the section."""

    def __init__(self, make: type[_Row], on_edit: Callable[..., None], label: str):
        self.make, self.on_edit, self.rows = make, on_edit, []
        self.box = widgets.VBox([])
        self.add_button = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
        self.add_button.add_class(f"wb-add-{make.kind}")
        self.add_button.on_click(lambda _b: self.add())

    def add(self, data: Mapping[str, Any] | None = None, notify: bool = True) -> _Row:
        row = self.make(on_remove=self.remove)
        if data:
            row.write(data)
        elif self.make is _DiaryRow:
            row.inputs["date"].value = date.today().isoformat()
        for w in row.inputs.values():
            w.observe(self.on_edit, names="value")
        self.rows.append(row)
        self.box.children = tuple(self.rows)
        if notify:
            self.on_edit()
        return row

    def remove(self, row: _Row, notify: bool = True) -> None:
        for w in row.inputs.values():
            w.unobserve(self.on_edit, names="value")
        self.rows.remove(row)
        self.box.children = tuple(self.rows)
        row.close()
        if notify:
            self.on_edit()

    def read(self) -> list[dict[str, Any]]:
        return [row.read() for row in self.rows]

    def write(self, values: Any) -> None:
        for row in list(self.rows):
            self.remove(row, notify=False)
        for item in values or []:
            self.add(item if isinstance(item, Mapping) else {}, notify=False)


class HistorySection(_Section):
    """Medical history (one entry a line), medications (rows) and the dated diary (rows).

    Parameters
    ----------
    on_edit : callable
        Called after a row is added or removed and after any edit of a row's boxes.
    """

    title = "Medical history and diary"

    def __init__(self, on_edit: Callable[..., None]) -> None:
        super().__init__()
        self.medications = _Rows(_MedicationRow, on_edit, "add medication")
        self.diary = _Rows(_DiaryRow, on_edit, "add diary entry")
        history = [
            self._lines_box(f"medical_history.{key}", label, hint)
            for key, label, hint in (
                (
                    "diagnoses",
                    "diagnoses",
                    "one a line, e.g. non-specific low back pain (GP, 2025)",
                ),
                ("imaging", "imaging", "one a line, e.g. MRI 2025: normal for age"),
                ("treatments", "treatments", "one a line, e.g. six physiotherapy sessions, 2025"),
            )
        ]
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<span class='wb-hint'>What the doctor's brief gathers. Words here are read "
                    "like the notes: they can ask for a red-flag question, never clear one."
                    "</span>"
                ),
                *history,
                self._list("medications", "Medications (name, dose, how often)", self.medications),
                self._list("diary", "Symptom diary (dated entries)", self.diary),
            ]
        )

    def _lines_box(self, path: str, label: str, hint: str) -> widgets.Widget:
        w = widgets.Textarea(
            value="",
            description=label,
            placeholder=hint,
            style=_LABEL,
            layout=widgets.Layout(width="95%", height="4.5em"),
            continuous_update=False,
        )
        return self._add(
            path, w, lambda: _lines(w.value), lambda v: setattr(w, "value", "\n".join(v or ()))
        )

    def _list(self, path: str, heading: str, rows: _Rows) -> widgets.Widget:
        return self._add(
            path,
            rows.box,
            rows.read,
            rows.write,
            inputs=(),  # the rows call on_edit themselves
            box=widgets.VBox([widgets.HTML(f"<b>{heading}</b>"), rows.box, rows.add_button]),
        )

    def row_fields(self) -> list[_Field]:
        """The fields of every row (``medications[<i>].<key>``, ``diary[<i>].<key>``)."""
        return [
            f
            for path, rows in (("medications", self.medications), ("diary", self.diary))
            for i, row in enumerate(rows.rows)
            for f in row.fields(f"{path}[{i}]", self.index)
        ]
