"""The assessment form (product.md flow 1): widgets in, a checked :class:`Client` out.

:class:`AssessmentForm` groups the assessment in sections (tabs in a notebook, an
accordion in the app): client; clearance and the doctor's restrictions; red flags and
notes; pain and instrument item scores; movement tolerances; tests; goals and
preferences; schedule and equipment.

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
from collections.abc import Callable, Iterable, Mapping
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
from workbench.client.screening import scan_text
from workbench.client.triggers import unknown_triggers
from workbench.domain import EQUIPMENT, RED_FLAGS, Client, Dimension, Discipline, Goal
from workbench.language import find_threat_words
from workbench.rules.tolerance import TRIGGERS, tolerances_from_triggers
from workbench.ui.form_sections.fields import (
    _DAYS,
    _DISCIPLINES,
    _LABEL,
    _OMIT,
    _PREFERENCES,
    _SETTINGS,
    _WIDE,
    SECTIONS,
    _CheckGroup,
    _error_label,
    _Field,
)
from workbench.ui.form_sections.text import (
    _get,
    _items,
    _pairs,
    _psfs,
    _put,
    _scalar,
    _show_items,
    _show_number,
    _show_psfs,
    _words,
)
from workbench.ui.style import STYLE

__all__ = ["SECTIONS", "STYLE", "AssessmentForm"]

_FLAG_ANSWERS = {"Yes": True, "No": False, "Not asked": None}
_NOT_ASSESSED = -1


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


# ----------------------------------------------------------------- the form


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
        self._fields: list[_Field] = []
        self._callbacks: list[Callable[[], None]] = []
        self._quiet = 0
        self.rows: list[_ActivityRow] = []

        sections = [
            self._client_section(),
            self._clearance_section(),
            self._flags_section(),
            self._pain_section(),
            self._movement_section(),
            self._tests_section(),
            self._goals_section(),
            self._schedule_section(),
        ]
        if container == "tabs":
            self.sections = widgets.Tab(sections)
        elif container == "accordion":
            self.sections = widgets.Accordion(sections)
        else:
            raise ValueError(f"container must be 'tabs' or 'accordion', not {container!r}")
        self.sections.titles = SECTIONS
        self.sections.add_class("wb-form-sections")

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
        self.problems = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.problems.add_class("wb-problems")

        super().__init__(
            [
                widgets.HTML(STYLE),
                widgets.HBox([self.path, self.load_button, self.save_button]),
                self.file_status,
                self.problems,
                self.sections,
            ]
        )
        self.add_class("wb-form")
        for f in self._fields:
            for w in f.inputs:
                w.observe(self._edited, names="value")
        if client is not None:
            self.value = client
        else:
            self._refresh_hints()

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
        for i, row in enumerate(self.rows):
            out.update({f.path: f for f in row.fields(i, SECTIONS.index("Schedule and equipment"))})
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

    def _quietly(self):
        form = self

        class _Quiet:
            def __enter__(self):
                form._quiet += 1

            def __exit__(self, *exc):
                form._quiet -= 1

        return _Quiet()

    def _edited(self, _change=None) -> None:
        if self._quiet:
            return
        self.show_problems(self.problems_now())
        self._refresh_hints()
        self._notify()

    def _notify(self) -> None:
        for callback in list(self._callbacks):
            callback()

    # ------------------------------------------------------------ builders

    def _add(
        self,
        path: str,
        widget: widgets.Widget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        section: int,
        *,
        inputs: tuple | None = None,
        box: widgets.Widget | None = None,
    ) -> widgets.Widget:
        f = _Field(
            path, widget, read, write, section, inputs=(widget,) if inputs is None else inputs
        )
        f.unmark()
        self._fields.append(f)
        widget.add_class("wb-field-" + re.sub(r"[^A-Za-z0-9_-]", "-", path))
        return widgets.VBox([box or widget, f.error])

    def _int(self, path, description, section, default=0, unit=""):
        w = widgets.IntText(
            value=default, description=description + (f" [{unit}]" if unit else ""), style=_LABEL
        )
        return self._add(
            path,
            w,
            lambda: w.value,
            lambda v: setattr(w, "value", default if v is None else int(v)),
            section,
        )

    def _text(
        self,
        path,
        description,
        section,
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
        return self._add(path, w, read, write, section)

    def _checks(self, path, description, options, section, min_width="9em"):
        group = _CheckGroup(options, min_width)
        box = widgets.VBox([widgets.HTML(f"<b>{html.escape(description)}</b>"), group])
        return self._add(
            path,
            group,
            lambda: group.selected,
            lambda v: setattr(group, "selected", v or []),
            section,
            inputs=tuple(group.boxes),
            box=box,
        )

    def _client_section(self) -> widgets.Widget:
        s = SECTIONS.index("Client")
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
        return widgets.VBox(
            [
                self._text("id", "client id", s, placeholder="e.g. priya-shah"),
                self._text("name", "name", s),
                self._int("age", "age", s, default=40, unit="years"),
                self._add(
                    "new_onset",
                    new_onset,
                    lambda: new_onset.value,
                    lambda v: setattr(new_onset, "value", bool(v)),
                    s,
                ),
                self._int("consecutive_green_weeks", "green weeks behind", s, unit="weeks"),
                self._add(
                    "overrides",
                    self.overrides,
                    lambda: dict(_pairs(self.overrides.value)),
                    lambda v: setattr(
                        self.overrides,
                        "value",
                        "\n".join(f"{k} = {_show_number(x)}" for k, x in (v or {}).items()),
                    ),
                    s,
                ),
            ]
        )

    def _clearance_section(self) -> widgets.Widget:
        s = SECTIONS.index("Clearance and restrictions")
        cleared = widgets.Checkbox(
            value=False, description="medical clearance recorded", indent=False
        )
        banned = widgets.Text(
            value="",
            description="banned exercises",
            placeholder="catalog ids, comma-separated, e.g. gym-crunch",
            style=_LABEL,
            layout=_WIDE,
            continuous_update=False,
        )
        return widgets.VBox(
            [
                self._add(
                    "clearance.cleared",
                    cleared,
                    lambda: cleared.value,
                    lambda v: setattr(cleared, "value", bool(v)),
                    s,
                ),
                self._text("clearance.date", "date", s, placeholder="YYYY-MM-DD", blank_none=True),
                self._text("clearance.by", "cleared by", s, placeholder="e.g. the GP's name"),
                self._text(
                    "clearance.max_rpe",
                    "maximum effort [RPE]",
                    s,
                    placeholder="blank: no limit",
                    number=True,
                ),
                self._checks(
                    "clearance.banned_disciplines",
                    "Disciplines the doctor ruled out",
                    _DISCIPLINES,
                    s,
                    "13em",
                ),
                self._add(
                    "clearance.banned_exercises",
                    banned,
                    lambda: _words(banned.value),
                    lambda v: setattr(banned, "value", ", ".join(v or [])),
                    s,
                ),
                self._text("clearance.notes", "doctor's notes", s, area=True),
            ]
        )

    def _flags_section(self) -> widgets.Widget:
        s = SECTIONS.index("Red flags and notes")
        self.flag_rows: dict[str, widgets.VBox] = {}
        self.flag_questions: dict[str, widgets.HTML] = {}
        self.flag_buttons: dict[str, widgets.ToggleButtons] = {}
        rows = []
        for q in RED_FLAGS:
            buttons = widgets.ToggleButtons(
                options=list(_FLAG_ANSWERS), value="Not asked", style={"button_width": "7em"}
            )
            buttons.add_class("wb-flag")
            buttons.add_class(f"wb-flag-{q}")
            label = widgets.HTML(self._flag_label(q, []))
            self.flag_questions[q] = label
            self.flag_buttons[q] = buttons
            row = self._add(
                f"red_flags.{q}",
                buttons,
                (lambda b=buttons: _OMIT if b.value == "Not asked" else _FLAG_ANSWERS[b.value]),
                (
                    lambda v, b=buttons: setattr(
                        b, "value", {True: "Yes", False: "No"}.get(v, "Not asked")
                    )
                ),
                s,
                box=widgets.VBox([label, buttons]),
            )
            row.add_class("wb-flag-row")
            self.flag_rows[q] = row
            rows.append(row)
        self.forced = widgets.HTML("")
        self.forced.add_class("wb-forced-summary")
        self.notes_hint = widgets.HTML("")
        self.notes_hint.add_class("wb-hint")
        notes = self._text("notes", "trainer's notes", s, area=True)
        diary = self._text("symptom_diary", "symptom diary", s, area=True)
        return widgets.VBox(
            [
                widgets.HTML(
                    "<span class='wb-hint'>Any <b>Yes</b> stops planning and shows the referral. "
                    "Words in the notes or diary can ask for a question; they never clear one.</span>"
                ),
                notes,
                self.notes_hint,
                diary,
                self.forced,
                *rows,
            ]
        )

    @staticmethod
    def _flag_label(q: str, words: list[str]) -> str:
        group, question = RED_FLAGS[q]
        tag = "emergency" if group == "emergency" else "refer"
        text = (
            f"<span class='wb-flag-question'>{html.escape(question)}</span> <small>({tag})</small>"
        )
        if words:
            said = ", ".join(f"'{html.escape(w)}'" for w in words)
            text += f"<br><small>The notes mention {said}: ask this question.</small>"
        return text

    def _pain_section(self) -> widgets.Widget:
        s = SECTIONS.index("Pain and instruments")

        def items(path, description, n, placeholder):
            w = widgets.Text(
                value="",
                description=description,
                placeholder=placeholder,
                style=_LABEL,
                layout=_WIDE,
                continuous_update=False,
            )
            return self._add(
                path, w, lambda: _items(w.value), lambda v: setattr(w, "value", _show_items(v)), s
            )

        psfs = widgets.Textarea(
            value="",
            description="PSFS",
            placeholder="3-5 activities, one a line: activity: score 0-10",
            style=_LABEL,
            layout=widgets.Layout(width="95%", height="5em"),
            continuous_update=False,
        )
        return widgets.VBox(
            [
                self._int("pain.now", "pain now", s, unit="0-10"),
                self._int("pain.average_week", "average, last week", s, unit="0-10"),
                self._int("pain.worst_week", "worst, last week", s, unit="0-10"),
                widgets.HTML(
                    "<span class='wb-hint'>Item scores by number, comma-separated, as on the "
                    "official forms; blank = not done.</span>"
                ),
                items("instruments.start_back", "STarT Back (9)", 9, "items 1-8: 0/1, item 9: 0-4"),
                items("instruments.odi", "Oswestry (10)", 10, "sections 0-5; '-' = not answered"),
                items("instruments.rmdq", "Roland-Morris (24)", 24, "24 items, 1 ticked / 0 not"),
                self._add(
                    "instruments.psfs",
                    psfs,
                    lambda: _psfs(psfs.value),
                    lambda v: setattr(psfs, "value", _show_psfs(v)),
                    s,
                ),
                items("instruments.fabq_pa", "FABQ-PA (items 2-5)", 4, "4 items, each 0-6"),
                items(
                    "instruments.tsk17", "Tampa Scale (17)", 17, "17 items, each 1-4, as answered"
                ),
            ]
        )

    def _movement_section(self) -> widgets.Widget:
        s = SECTIONS.index("Movement tolerances")
        self.trigger_group = _CheckGroup([(t, t) for t in TRIGGERS], "12em")
        self.other_triggers = widgets.Text(
            value="",
            description="other triggers",
            placeholder="in the client's words, comma-separated",
            style=_LABEL,
            layout=_WIDE,
            continuous_update=False,
        )
        known = set(TRIGGERS)

        def read_triggers():
            return self.trigger_group.selected + _words(self.other_triggers.value)

        def write_triggers(v):
            v = v or []
            self.trigger_group.selected = [t for t in v if t in known]
            self.other_triggers.value = ", ".join(t for t in v if t not in known)

        self.trigger_hint = widgets.HTML("")
        self.trigger_hint.add_class("wb-trigger-hint")
        triggers = self._add(
            "triggers",
            self.trigger_group,
            read_triggers,
            write_triggers,
            s,
            inputs=(*self.trigger_group.boxes, self.other_triggers),
            box=widgets.VBox(
                [
                    widgets.HTML("<b>Pain triggers</b> (what the client says brings the pain on)"),
                    self.trigger_group,
                    self.other_triggers,
                    self.trigger_hint,
                ]
            ),
        )
        self.suggest_button = widgets.Button(
            description="Suggest tolerances from triggers",
            layout=widgets.Layout(width="auto"),
        )
        self.suggest_button.add_class("wb-suggest")
        self.suggest_button.on_click(lambda _b: self.suggest_tolerances())
        self.suggestion = widgets.HTML("")
        self.tolerance_inputs: dict[Dimension, widgets.Dropdown] = {}
        rows = []
        for d in Dimension:
            dd = widgets.Dropdown(
                options=[("not assessed", _NOT_ASSESSED)] + [(str(n), n) for n in range(4)],
                value=_NOT_ASSESSED,
                description=d.label,
                style=_LABEL,
                layout=widgets.Layout(width="22em"),
            )
            self.tolerance_inputs[d] = dd
            rows.append(
                self._add(
                    f"tolerances.{d.value}",
                    dd,
                    (lambda w=dd: _OMIT if w.value == _NOT_ASSESSED else w.value),
                    (lambda v, w=dd: setattr(w, "value", _NOT_ASSESSED if v is None else int(v))),
                    s,
                )
            )
        exposure = widgets.Text(
            value="",
            description="exposure targets",
            placeholder="least feared first, e.g. rotation = 2, loaded_flexion = 2",
            style=_LABEL,
            layout=_WIDE,
            continuous_update=False,
        )
        return widgets.VBox(
            [
                triggers,
                widgets.HBox([self.suggest_button]),
                self.suggestion,
                widgets.HTML(
                    "<b>Tolerance now</b>, 0 (not tolerated) to 3 (full); an exercise whose "
                    "demand is above it is left out, with the reason."
                ),
                *rows,
                self._add(
                    "exposure_targets",
                    exposure,
                    lambda: dict(_pairs(exposure.value)),
                    lambda v: setattr(
                        exposure, "value", ", ".join(f"{k} = {x}" for k, x in (v or {}).items())
                    ),
                    s,
                ),
            ]
        )

    def suggest_tolerances(self) -> dict[Dimension, int]:
        """Fill the tolerances suggested by the ticked triggers (editable afterwards)."""
        suggested = tolerances_from_triggers(self.trigger_group.selected)
        for d, level in suggested.items():
            self.tolerance_inputs[d].value = level
        used = ", ".join(self.trigger_group.selected) or "no listed trigger"
        self.suggestion.value = (
            f"<span class='wb-hint'>Suggested from {html.escape(used)}: "
            + ", ".join(f"{d.label} {level}" for d, level in suggested.items())
            + ". Edit any level the assessment shows differently.</span>"
        )
        return suggested

    def _tests_section(self) -> widgets.Widget:
        s = SECTIONS.index("Tests")
        blank = "blank: not done"
        return widgets.VBox(
            [
                self._text(
                    "tests.sit_and_reach_cm",
                    "sit and reach [cm]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.slr_left_deg",
                    "straight-leg raise L [°]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.slr_right_deg",
                    "straight-leg raise R [°]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.mcgill_flexor_s",
                    "trunk flexor hold [s]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.mcgill_extensor_s",
                    "trunk extensor hold [s]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.side_bridge_left_s",
                    "side bridge L [s]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
                self._text(
                    "tests.side_bridge_right_s",
                    "side bridge R [s]",
                    s,
                    placeholder=blank,
                    number=True,
                ),
            ]
        )

    def _goals_section(self) -> widgets.Widget:
        s = SECTIONS.index("Goals and preferences")
        self.goal_inputs: dict[Goal, widgets.IntText] = {}
        rows = [widgets.HTML("<b>Weekly minutes wanted per goal</b> (0: not a goal)")]
        for g in Goal:
            w = widgets.IntText(value=0, description=f"{g.label} [min/week]", style=_LABEL)
            self.goal_inputs[g] = w
            rows.append(
                self._add(
                    f"goals.{g.value}",
                    w,
                    (lambda w=w: _OMIT if w.value == 0 else w.value),
                    (lambda v, w=w: setattr(w, "value", 0 if v is None else int(v))),
                    s,
                )
            )
        rows.append(
            self._checks(
                "liked",
                "What the client enjoys (disciplines, settings, tags)",
                _PREFERENCES,
                s,
                "13em",
            )
        )
        rows.append(
            self._checks(
                "disliked",
                "What the client dislikes (left out of the plan)",
                _PREFERENCES,
                s,
                "13em",
            )
        )
        return widgets.VBox(rows)

    def _schedule_section(self) -> widgets.Widget:
        s = SECTIONS.index("Schedule and equipment")
        self.activity_box = widgets.VBox([])
        add = widgets.Button(description="add activity", layout=widgets.Layout(width="auto"))
        add.add_class("wb-add-activity")
        add.on_click(lambda _b: self._add_row())
        activities = self._add(
            "activities",
            self.activity_box,
            lambda: _OMIT,  # read separately, row by row
            lambda v: None,
            s,
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
        return widgets.VBox(
            [
                self._checks("available_days", "Days the client can train", _DAYS, s, "4.6em"),
                self._int("max_training_days", "training days, at most", s, default=3, unit="days"),
                self._int(
                    "minutes_per_session", "session length, at most", s, default=45, unit="min"
                ),
                self._checks("supervised_days", "Days with a trainer present", _DAYS, s, "4.6em"),
                self._checks(
                    "settings",
                    "Where the client trains (only exercises done there are planned)",
                    _SETTINGS,
                    s,
                    "7em",
                ),
                self._checks(
                    "equipment",
                    "Equipment the client has",
                    [(e.replace("_", " "), e) for e in EQUIPMENT],
                    s,
                    "10em",
                ),
                activities,
            ]
        )

    def _add_row(self, notify: bool = True) -> _ActivityRow:
        row = _ActivityRow(on_remove=self._remove_row)
        for w in row.widgets_by_key.values():
            w.observe(self._edited, names="value")
        self.rows.append(row)
        self.activity_box.children = tuple(self.rows)
        if notify:
            self._edited()
        return row

    def _remove_row(self, row: _ActivityRow, notify: bool = True) -> None:
        for w in row.widgets_by_key.values():
            w.unobserve(self._edited, names="value")
        self.rows.remove(row)
        self.activity_box.children = tuple(self.rows)
        row.close()
        if notify:
            self._edited()

    # ------------------------------------------------------------ hints

    def _refresh_hints(self) -> None:
        """Questions the free text asks for, and gentler words for the notes."""
        text = {}
        for f in self._fields:
            if f.path in ("notes", "symptom_diary"):
                text[f.path] = f.read()
        forced: dict[str, list[str]] = {}
        for source in text.values():
            for q, words in scan_text(source or "").items():
                forced.setdefault(q, [])
                forced[q] += [w for w in words if w.lower() not in map(str.lower, forced[q])]
        for q, label in self.flag_questions.items():
            label.value = self._flag_label(q, forced.get(q, []))
            if q in forced:
                self.flag_rows[q].add_class("wb-forced")
            else:
                self.flag_rows[q].remove_class("wb-forced")
        if forced:
            self.forced.value = (
                "<div class='wb-forced'><b>The notes ask for "
                f"{len(forced)} question{'s' if len(forced) != 1 else ''}</b>: "
                + "; ".join(
                    f"{html.escape(RED_FLAGS[q][1])} ({', '.join(map(html.escape, w))})"
                    for q, w in forced.items()
                )
                + "</div>"
            )
        else:
            self.forced.value = ""
        unknown = unknown_triggers(_words(self.other_triggers.value))
        self.trigger_hint.value = "".join(
            "<div class='wb-hint'>trigger not understood: "
            f"&ldquo;{html.escape(words)}&rdquo;"
            + (f"; closest known: {html.escape(', '.join(near))}" if near else "")
            + ". Tick the closest above, or describe the movement.</div>"
            for words, near in unknown
        )
        findings = find_threat_words(text.get("notes") or "")
        self.notes_hint.value = (
            "Words matter: "
            + "; ".join(
                f"'{html.escape(f.word)}' could read '{html.escape(f.suggestion)}'"
                for f in findings
            )
            if findings
            else ""
        )

    @property
    def forced_questions(self) -> list[str]:
        """Red-flag ids the notes or diary ask for (marked in the red-flag section)."""
        return [q for q, row in self.flag_rows.items() if "wb-forced" in row._dom_classes]


def _problem_list(head: str, problems: Iterable[FieldProblem]) -> str:
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return f"<div class='wb-problems'><b>{html.escape(head)}</b><ul style='margin:2px 0'>{items}</ul></div>"
