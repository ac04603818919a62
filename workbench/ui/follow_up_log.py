"""The Follow up view's log form: what the client reports about one scheduled session.

Display only: :class:`LogForm` holds one widget per :class:`~workbench.records.models.SessionLog`
field a client reports (status, minutes, effort, the pain ratings, the next-morning pain and
stiffness, which of the session's exercises hurt, their notes), reads them into the plain
dict :func:`workbench.followup.loop.record_log` takes, and shows the refused fields in place
(from :attr:`workbench.followup.log.LogError.problems`). Checking the entry is the loop's
job: the form passes the text typed as it is, a number when it reads as one, and nothing
when a box is empty.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets

from workbench.records.models import LogStatus, ScheduledSession, SessionLog

__all__ = ["LOG_STYLE", "LogForm", "log_summary_html"]

LOG_STYLE = """<style>
.wb-fu-field { align-items: center; gap: 8px; }
.wb-fu-field .wb-error:empty { display: none; }
.wb-fu-session { border: 1px solid #dbe4ee; border-radius: 4px; padding: 4px 8px; margin: 4px 0; }
.wb-fu-logged { color: #166534; }
.wb-fu-light { padding: 6px 12px; border-left: 6px solid #999; font-size: 1.05em; }
.wb-fu-light.wb-light-green { border-color: #009E73; background: #eef8f3; }
.wb-fu-light.wb-light-amber { border-color: #E69F00; background: #fff7db; }
.wb-fu-light.wb-light-red { border-color: #b5472f; background: #fdf3ee; }
.wb-fu-next { background: #f1f6fb; border-left: 4px solid #0072B2; padding: 6px 12px; }
</style>"""

#: The 0-10 ratings, in the order a client answers them, with their labels.
RATINGS: tuple[tuple[str, str], ...] = (
    ("effort", "effort (0-10)"),
    ("pain_before", "pain before (0-10)"),
    ("pain_during", "pain during, the worst (0-10)"),
    ("pain_after", "pain after (0-10)"),
    ("next_morning_pain", "next-morning pain (0-10)"),
    ("next_morning_stiffness", "next-morning stiffness (0-10)"),
)

_STATUS_LABELS = (("done", "done"), ("partly", "partly"), ("not done", "not_done"))
_LABEL_STYLE = {"description_width": "16em"}


def _number(text: str) -> Any:
    """The box's text as a number when it reads as one, None when empty, else the text
    itself (so the log's check names the field and what was typed)."""
    text = text.strip()
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Field(widgets.HBox):
    """A widget and its error beside it (``wb-error``, empty when the field is fine)."""

    def __init__(self, name: str, widget: widgets.Widget):
        self.name, self.widget = name, widget
        self.error = widgets.HTML("")
        self.error.add_class("wb-error")
        self.error.add_class(f"wb-fu-error-{name}")
        super().__init__([widget, self.error])
        self.add_class("wb-fu-field")
        self.add_class(f"wb-fu-field-{name}")

    def problem(self, reason: str | None) -> None:
        self.error.value = "" if not reason else _esc(reason)
        if reason:
            self.widget.add_class("wb-invalid")
        else:
            self.widget.remove_class("wb-invalid")


class LogForm(widgets.VBox):
    """The log form of one scheduled session, and its Save button (``wb-fu-save``).

    Parameters
    ----------
    session : ScheduledSession
        The session logged; its exercises are the ones that can be marked as hurting.
    names : Mapping[str, str]
        Exercise id → the name shown (ids without a name show as the id).
    on_save : callable
        Called with (session, data) when Save is pressed; data is the dict of
        :meth:`data`.
    """

    def __init__(
        self,
        session: ScheduledSession,
        names: Mapping[str, str],
        on_save: Callable[[ScheduledSession, dict[str, Any]], None],
    ):
        self.session = session
        self.status = widgets.ToggleButtons(
            options=_STATUS_LABELS, value="done", description="status", style=_LABEL_STYLE
        )
        self.minutes = widgets.Text(
            value=str(session.minutes), description="minutes done", style=_LABEL_STYLE
        )
        self.ratings = {
            name: widgets.Text(value="", description=label, style=_LABEL_STYLE)
            for name, label in RATINGS
        }
        self.hurt = widgets.SelectMultiple(
            options=[(names.get(x, x), x) for x in dict.fromkeys(session.exercises)],
            value=(),
            description="which exercise hurt",
            rows=min(6, max(2, len(session.exercises))),
            style=_LABEL_STYLE,
        )
        self.notes = widgets.Textarea(
            value="",
            description="notes (their words)",
            style=_LABEL_STYLE,
            layout=widgets.Layout(width="36em"),
        )
        self.fields: dict[str, _Field] = {
            "status": _Field("status", self.status),
            "minutes": _Field("minutes", self.minutes),
            **{name: _Field(name, w) for name, w in self.ratings.items()},
            "hurt": _Field("hurt", self.hurt),
            "notes": _Field("notes", self.notes),
        }
        self.other_problems = widgets.HTML("")
        self.other_problems.add_class("wb-error")
        self.save = widgets.Button(description="Save the log", button_style="primary")
        self.save.add_class("wb-fu-save")
        self.save.on_click(lambda _b: on_save(self.session, self.data()))
        super().__init__([*self.fields.values(), self.other_problems, self.save])
        self.add_class("wb-fu-log-form")

    def data(self) -> dict[str, Any]:
        """The entry as :func:`~workbench.followup.loop.record_log` takes it (keys are
        :class:`~workbench.records.models.SessionLog` field names)."""
        data: dict[str, Any] = {
            "on": self.session.on,
            "status": self.status.value,
            "minutes": _number(self.minutes.value),
            **{name: _number(w.value) for name, w in self.ratings.items()},
            "hurt": list(self.hurt.value),
            "notes": self.notes.value,
        }
        return data

    def fill(self, values: Mapping[str, Any]) -> None:
        """Set the widgets from ``values`` (SessionLog field names; tests and notebooks)."""
        for name, value in values.items():
            if name == "status":
                self.status.value = LogStatus(value).value
            elif name == "minutes":
                self.minutes.value = "" if value is None else str(value)
            elif name in self.ratings:
                self.ratings[name].value = "" if value is None else str(value)
            elif name == "hurt":
                self.hurt.value = tuple(value)
            elif name == "notes":
                self.notes.value = str(value)
            else:
                raise KeyError(f"the log form has no field {name!r}")

    def show_problems(self, problems: Iterable[tuple[str, str]]) -> None:
        """Show each (field, reason) beside its field; clear the fields without one."""
        by_field: dict[str, list[str]] = {}
        for field, reason in problems:
            by_field.setdefault(field, []).append(reason)
        for name, f in self.fields.items():
            f.problem("; ".join(by_field.pop(name, [])) or None)
        self.other_problems.value = "<br>".join(
            _esc(f"{field}: {'; '.join(reasons)}") for field, reasons in by_field.items()
        )

    @property
    def problems(self) -> dict[str, str]:
        """Field → the reason shown beside it (the refused fields only)."""
        return {n: f.error.value for n, f in self.fields.items() if f.error.value}


def log_summary_html(log: SessionLog, names: Mapping[str, str]) -> str:
    """One line saying what was logged (the words of the client-facing log, no judgement)."""
    parts = [log.status.value.replace("_", " ")]
    if log.status is not LogStatus.NOT_DONE:
        parts.append(f"{log.minutes} min")
    for name, label in (
        ("effort", "effort"),
        ("pain_during", "pain during"),
        ("pain_after", "after"),
        ("next_morning_pain", "next morning"),
        ("next_morning_stiffness", "stiffness"),
    ):
        value = getattr(log, name)
        if value is not None:
            parts.append(f"{label} {value:g}")
    if log.hurt:
        parts.append("hurt: " + ", ".join(names.get(x, x) for x in log.hurt))
    text = " · ".join(parts)
    notes = f" <i>“{_esc(log.notes)}”</i>" if log.notes else ""
    return f"<span class='wb-fu-logged'>Logged: {_esc(text)}</span>{notes}"
