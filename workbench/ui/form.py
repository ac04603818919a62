"""The assessment form (product.md flow 1): widgets in, a checked :class:`Client` out.

:class:`AssessmentForm` groups the assessment in sections (tabs in a notebook, an
accordion in the app): client; clearance and the doctor's restrictions; red flags and
notes; pain and instrument item scores; movement tolerances; tests; goals and
preferences; schedule and equipment; medical history and diary; trainer and calendar
(the hand-over's). Each section is one class of
:mod:`workbench.ui.form_sections`; the form composes them and wires them.

The form computes nothing. Its widgets read and write the client-file dict
(:func:`workbench.client.assessment.client_to_dict`); :attr:`AssessmentForm.value` hands that
dict to :func:`workbench.client.assessment.client_from_dict`, which checks every field. A
refused field is shown in place: each :class:`~workbench.client.assessment.FieldProblem` is
mapped by its dotted path (``"pain.now"``, ``"activities[1].rpe"``,
``"instruments.start_back[8]"``) to the widget that holds it, which is highlighted with
the reason beside it. Typed values the form cannot read as numbers are passed on as
typed, so the reason comes from the same checks as a client file's.

The red-flag section shows the questions that the notes and symptom diary force
(:func:`workbench.client.screening.scan_text`); the movement section suggests tolerances from
the pain triggers (:func:`workbench.rules.tolerance.tolerances_from_triggers`), which the
trainer may edit.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbench.client.assessment import (
    SCHEMA_VERSION,
    AssessmentError,
    FieldProblem,
    client_from_dict,
    client_to_dict,
    load_client,
    save_client,
)
from workbench.client.free_text import file_texts
from workbench.client.precautions import words_under_answers
from workbench.client.screening import scan_text
from workbench.client.triggers import unknown_triggers
from workbench.domain import Client, Dimension
from workbench.language import find_threat_words
from workbench.rules.tolerance import tolerances_from_triggers
from workbench.ui.form_sections.fields import _OMIT, SECTIONS, _Field
from workbench.ui.form_sections.order import build_sections
from workbench.ui.form_sections.schedule import _ActivityRow
from workbench.ui.form_sections.text import _get, _put
from workbench.ui.style import STYLE

__all__ = ["SECTIONS", "STYLE", "AssessmentForm"]


def _part(section: str, name: str) -> property:
    """``form.<name>``: the widget ``name`` of the section held at ``form.<section>``."""
    return property(
        lambda form: getattr(getattr(form, section), name),
        doc=f"The ``{name}`` of the form's ``{section[1:]}`` section.",
    )


class AssessmentForm(widgets.VBox):
    """The assessment as widgets; :attr:`value` is the checked :class:`Client`.

    Parameters
    ----------
    client : Client, optional
        Shown at once (e.g. an example client); a blank form otherwise.
    path : str or Path, optional
        The client file for Load and Save (default ``clients/<id>.json``).
    container : {"tabs", "accordion"}
        How the sections are grouped.

    Notes
    -----
    ``value`` raises :class:`~workbench.client.assessment.AssessmentError` listing every
    refused field, each also shown in place. :meth:`save` writes nothing when any field
    is refused (the file is written atomically by
    :func:`~workbench.client.assessment.save_client`).
    """

    def __init__(
        self,
        client: Client | None = None,
        *,
        path: str | Path | None = None,
        container: str = "tabs",
    ):
        self._callbacks: list[Callable[[], None]] = []
        self._quiet = 0
        self._build_parts()
        self.sections = self._sections_box(container)
        file_bar = self._file_bar(path)
        self.problems = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.problems.add_class("wb-problems")

        super().__init__(
            [
                widgets.HTML(STYLE),
                file_bar,
                self.file_status,
                self.problems,
                self.sections,
            ]
        )
        self.add_class("wb-form")
        self._wire()
        if client is not None:
            self.value = client
        else:
            self._refresh_hints()

    def _build_parts(self) -> None:
        """The ten sections, in :data:`SECTIONS` order, and every field they hold."""
        self._parts = build_sections(on_edit=self._edited)
        self._client, self._clearance, self._flags, self._pain = self._parts[:4]
        self._movement, self._tests, self._goals, self._schedule = self._parts[4:8]
        self._fields: list[_Field] = [f for part in self._parts for f in part.fields]

    def _sections_box(self, container: str) -> widgets.Tab | widgets.Accordion:
        """The sections as tabs (``container="tabs"``) or an accordion (``"accordion"``),
        titled by :data:`SECTIONS`."""
        sections = [part.widget for part in self._parts]
        if container == "tabs":
            box = widgets.Tab(sections)
        elif container == "accordion":
            box = widgets.Accordion(sections)
        else:
            raise ValueError(f"container must be 'tabs' or 'accordion', not {container!r}")
        box.titles = SECTIONS
        box.add_class("wb-form-sections")
        return box

    def _wire(self) -> None:
        """Every edit of a field is checked and shown; Suggest fills the tolerances."""
        self._movement.suggest_button.on_click(lambda _b: self.suggest_tolerances())
        for f in self._fields:
            for w in f.inputs:
                w.observe(self._edited, names="value")

    def _file_bar(self, path: str | Path | None) -> widgets.HBox:
        """The client file's path with Load and Save; the file's status goes below it."""
        self.path = widgets.Text(
            value="" if path is None else str(path),
            description="client file",
            placeholder="clients/<id>.json",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="60%"),
        )
        self.path.add_class("wb-file-path")
        self.load_button = widgets.Button(description="Load")
        self.save_button = widgets.Button(description="Save", button_style="primary")
        self.load_button.add_class("wb-load")
        self.save_button.add_class("wb-save")
        self.load_button.on_click(lambda _b: self.load())
        self.save_button.on_click(lambda _b: self.save())
        self.file_status = widgets.HTML("")
        self.file_status.add_class("wb-file-status")
        return widgets.HBox([self.path, self.load_button, self.save_button])

    # ------------------------------------------------------------ value

    @property
    def value(self) -> Client:
        """The checked client; raises AssessmentError (every problem shown in place)."""
        client, problems = self._check()
        self.show_problems(problems)
        if problems:
            raise AssessmentError(problems)
        return client

    @value.setter
    def value(self, client: Client) -> None:
        self.set_dict(client_to_dict(client))

    def to_dict(self) -> dict:
        """The client-file dict the widgets hold, as typed (not checked)."""
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in self._fields:
            v = f.read()
            if v is not _OMIT:
                _put(data, f.path, v)
        data["activities"] = [row.read() for row in self.rows]
        return data

    def set_dict(self, data: Mapping[str, Any]) -> None:
        """Fill the widgets from a client-file dict (as :func:`client_to_dict` writes it)."""
        with self._quietly():
            for f in self._fields:
                f.write(_get(data, f.path))
            for row in list(self.rows):
                self._remove_row(row, notify=False)
            for activity in data.get("activities") or []:
                self._add_row(notify=False).write(activity)
            if data.get("id"):
                self.path.value = f"clients/{data['id']}.json"
        self.show_problems([])
        self._refresh_hints()
        self._notify()

    def problems_now(self) -> list[FieldProblem]:
        """Every refused field of the form as it stands (nothing is shown)."""
        return self._check()[1]

    def _check(self) -> tuple[Client | None, list[FieldProblem]]:
        try:
            return client_from_dict(self.to_dict()), []
        except AssessmentError as err:
            return None, err.problems

    # ------------------------------------------------------------ problems in place

    def _all_fields(self) -> dict[str, _Field]:
        out = {f.path: f for f in self._fields}
        out.update({f.path: f for part in self._parts for f in part.row_fields()})
        return out

    def field_for(self, path: str, fields: Mapping[str, _Field] | None = None) -> _Field | None:
        """The field that shows a problem at ``path`` (the nearest enclosing one)."""
        fields = self._all_fields() if fields is None else fields
        while path:
            if path in fields:
                return fields[path]
            shorter = re.sub(r"(\[\d+\]|\.[^.\[\]]+)$", "", path)
            if shorter == path:
                return None
            path = shorter
        return None

    def show_problems(self, problems: Iterable[FieldProblem]) -> None:
        """Mark every refused field in place and list all problems above the sections."""
        problems = list(problems)
        fields = self._all_fields()
        for f in fields.values():
            f.unmark()
        marked: dict[_Field, list[str]] = {}
        for p in problems:
            f = self.field_for(p.field, fields)
            if f is None:
                continue
            # beside the field the path goes without saying (a nested item's reason names it)
            text = str(p).removeprefix(f"{p.field}: ")
            marked.setdefault(f, []).append(text)
        counts = [0] * len(SECTIONS)
        for f, reasons in marked.items():
            f.mark(reasons)
            counts[f.section] += len(reasons)
        self.sections.titles = tuple(
            f"{title} ({n} to fix)" if n else title
            for title, n in zip(SECTIONS, counts, strict=True)
        )
        if problems:
            items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
            self.problems.value = (
                f"<b>{len(problems)} field{'s' if len(problems) != 1 else ''} to fix</b>"
                f"<ul style='margin:2px 0'>{items}</ul>"
            )
            self.problems.layout.display = ""
        else:
            self.problems.value = ""
            self.problems.layout.display = "none"

    # ------------------------------------------------------------ file

    def load(self, path: str | Path | None = None) -> Client | None:
        """Read a client file into the form; on a refused file, show why and keep the form."""
        path = Path(path if path is not None else self.path.value)
        try:
            client = load_client(path)
        except AssessmentError as err:
            self.file_status.value = _problem_list(f"Not loaded: {path}", err.problems)
            return None
        except OSError as err:
            self.file_status.value = (
                f"<span class='wb-error'>Not loaded: {html.escape(str(err))}</span>"
            )
            return None
        self.value = client
        self.path.value = str(path)
        self.file_status.value = f"<span class='wb-ok'>Loaded {html.escape(str(path))}</span>"
        return client

    def save(self, path: str | Path | None = None) -> Path | None:
        """Check the form and write the client file; nothing is written if a field is refused."""
        path = Path(path if path is not None else self.path.value or "client.json")
        try:
            client = self.value
        except AssessmentError as err:
            self.file_status.value = _problem_list(
                f"Not saved: {len(err.problems)} field(s) to fix; nothing was written", err.problems
            )
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written = save_client(client, path)
        except (AssessmentError, OSError) as err:
            self.file_status.value = (
                f"<span class='wb-error'>Not saved: {html.escape(str(err))}</span>"
            )
            return None
        self.file_status.value = f"<span class='wb-ok'>Saved {html.escape(str(written))}</span>"
        return written

    # ------------------------------------------------------------ changes

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every edit (once per :attr:`value` assignment)."""
        self._callbacks.append(callback)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _edited(self, _change=None) -> None:
        if self._quiet:
            return
        self.show_problems(self.problems_now())
        self._refresh_hints()
        self._notify()

    def _notify(self) -> None:
        for callback in list(self._callbacks):
            callback()

    # ------------------------------------------------------------ the sections' parts

    def _add_row(self, notify: bool = True) -> _ActivityRow:
        """A new activity row (the schedule section's)."""
        return self._schedule.add_row(notify)

    def _remove_row(self, row: _ActivityRow, notify: bool = True) -> None:
        """Take an activity row off (the schedule section's)."""
        self._schedule.remove_row(row, notify)

    def suggest_tolerances(self) -> dict[Dimension, int]:
        """Fill the tolerances suggested by the ticked triggers (editable afterwards)."""
        suggested = tolerances_from_triggers(self.trigger_group.selected)
        self._movement.show_suggestion(suggested)
        return suggested

    # widgets of the sections, reached from the form as before the sections were classes
    overrides = _part("_client", "overrides")
    flag_rows = _part("_flags", "flag_rows")
    flag_questions = _part("_flags", "flag_questions")
    flag_buttons = _part("_flags", "flag_buttons")
    forced = _part("_flags", "forced")
    notes_hint = _part("_flags", "notes_hint")
    trigger_group = _part("_movement", "trigger_group")
    other_triggers = _part("_movement", "other_triggers")
    trigger_hint = _part("_movement", "trigger_hint")
    suggest_button = _part("_movement", "suggest_button")
    suggestion = _part("_movement", "suggestion")
    tolerance_inputs = _part("_movement", "tolerance_inputs")
    goal_inputs = _part("_goals", "goal_inputs")
    activity_box = _part("_schedule", "activity_box")
    rows = _part("_schedule", "rows")

    # ------------------------------------------------------------ hints

    def _refresh_hints(self) -> None:
        """Questions the free text asks for, "no" answers it contradicts, gentler words."""
        data = self.to_dict()
        notes = data.get("notes") if isinstance(data.get("notes"), str) else ""
        answers = {**_answers(data.get("red_flags")), **_answers(data.get("precautions"))}
        t_score = data.get("osteoporosis_t_score")
        raised, contradicting = words_under_answers(
            file_texts(data), answers, t_score if isinstance(t_score, int | float) else None
        )
        forced: dict[str, list[str]] = {}
        for text in file_texts(data).values():
            for q, words in scan_text(text).items():
                forced.setdefault(q, [])
                forced[q] += [w for w in words if w.lower() not in map(str.lower, forced[q])]
        self._flags.show_forced(forced)
        self._flags.precautions.show_forced(raised)
        with self._quietly():
            self._flags.confirmed_no.show(contradicting)
        self._movement.show_unknown_triggers(unknown_triggers(self._movement.other_trigger_words))
        self._flags.show_threat_words(find_threat_words(notes or ""))

    @property
    def forced_questions(self) -> list[str]:
        """Red-flag ids the notes or diary ask for (marked in the red-flag section)."""
        return self._flags.forced_questions


def _answers(value) -> dict:
    """The yes/no answers of a red-flag or precaution dict (a refused value: none)."""
    if not isinstance(value, dict):
        return {}
    return {q: v for q, v in value.items() if isinstance(v, bool)}


def _problem_list(head: str, problems: Iterable[FieldProblem]) -> str:
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return f"<div class='wb-problems'><b>{html.escape(head)}</b><ul style='margin:2px 0'>{items}</ul></div>"
