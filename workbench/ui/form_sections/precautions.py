"""The red-flag section's precautions and its confirmed "no" answers (domain.md §1, §8).

:class:`PrecautionRows` adds to a section one row of answer buttons per precaution (Yes,
No, Not asked), the weeks of pregnancy and the bone-density T-score, each a field of the
client file with its error in place. :class:`ConfirmedNo` holds ``confirmed_no``: for
each "no" that the client's own words contradict, a check box "confirmed with the client"
(the screen withholds the plan until it is ticked; new words ask again).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

import ipywidgets as widgets

from workbench.domain import PRECAUTIONS, RED_FLAGS
from workbench.ui.form_sections.fields import _OMIT, _Section

__all__ = ["ConfirmedNo", "PrecautionRows"]

_ANSWERS = {"Yes": True, "No": False, "Not asked": None}


class PrecautionRows:
    """The precaution questions of ``section``, with pregnancy weeks and the T-score."""

    def __init__(self, section: _Section) -> None:
        self.questions: dict[str, widgets.HTML] = {}
        self.buttons: dict[str, widgets.ToggleButtons] = {}
        self.rows: dict[str, widgets.Widget] = {}
        rows = [self._row(section, q) for q in PRECAUTIONS]
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<b>Precautions</b> <span class='wb-hint'>(not red flags, but they change "
                    "what is safe; a Yes may need clearance first)</span>"
                ),
                *rows,
                section._text(
                    "pregnancy_weeks",
                    "weeks pregnant",
                    placeholder="1-42, only when pregnant",
                    number=True,
                ),
                section._text(
                    "osteoporosis_t_score",
                    "lowest T-score",
                    placeholder="bone density, e.g. -2.7; blank: not known",
                    number=True,
                ),
            ]
        )

    def _row(self, section: _Section, q: str) -> widgets.Widget:
        buttons = widgets.ToggleButtons(
            options=list(_ANSWERS), value="Not asked", style={"button_width": "7em"}
        )
        buttons.add_class("wb-flag")
        buttons.add_class(f"wb-precaution-{q}")
        label = widgets.HTML(_label(q, []))
        self.questions[q], self.buttons[q] = label, buttons
        row = section._add(
            f"precautions.{q}",
            buttons,
            (lambda b=buttons: _OMIT if b.value == "Not asked" else _ANSWERS[b.value]),
            (
                lambda v, b=buttons: setattr(
                    b, "value", {True: "Yes", False: "No"}.get(v, "Not asked")
                )
            ),
            box=widgets.VBox([label, buttons]),
        )
        row.add_class("wb-flag-row")
        self.rows[q] = row
        return row

    def show_forced(self, forced: Mapping[str, list[str]]) -> None:
        """Mark the precautions the notes ask for (precaution id -> the words that ask)."""
        for q, label in self.questions.items():
            label.value = _label(q, forced.get(q, []))
            if q in forced:
                self.rows[q].add_class("wb-forced")
            else:
                self.rows[q].remove_class("wb-forced")


def _label(q: str, words: list[str]) -> str:
    text = f"<span class='wb-flag-question'>{html.escape(PRECAUTIONS[q])}</span>"
    if words:
        said = ", ".join(f"'{html.escape(w)}'" for w in words)
        text += f"<br><small>The notes mention {said}: ask this question.</small>"
    return text


class ConfirmedNo:
    """``confirmed_no``: a "no" confirmed with the client against the words that contradict it.

    The field's widget is a hidden text box holding the confirmed answers as JSON (its
    changes count as edits); :meth:`show` lays out one check box per contradicted "no".
    """

    def __init__(self, section: _Section) -> None:
        self.store = widgets.Text(value="{}", layout=widgets.Layout(display="none"))
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.list = widgets.VBox([])
        self.list.add_class("wb-confirm-no")
        self.widget = widgets.VBox(
            [
                self.list,
                section._add("confirmed_no", self.store, self._read, self._write),
            ]
        )

    @property
    def confirmed(self) -> dict[str, list[str]]:
        """Question id -> the words its "no" was confirmed against."""
        return json.loads(self.store.value or "{}")

    def _read(self):
        return self.confirmed or _OMIT

    def _write(self, value) -> None:
        self.store.value = json.dumps({q: list(w) for q, w in (value or {}).items()})

    def show(self, contradicting: Mapping[str, list[str]]) -> None:
        """One check box per question answered no -> the client's words that affirm it."""
        confirmed = self.confirmed
        self.boxes = {}
        rows = []
        for q, words in contradicting.items():
            done = {w.lower() for w in confirmed.get(q, [])}
            box = widgets.Checkbox(
                value=all(w.lower() in done for w in words),
                description=(
                    f"Confirmed 'no' with the client: {_question(q)} "
                    f"(the notes say {', '.join(repr(w) for w in words)})"
                ),
                indent=False,
                layout=widgets.Layout(width="95%"),
            )
            box.add_class(f"wb-confirm-{q}")
            box.observe(lambda ch, q=q, words=words: self._tick(q, words, ch["new"]), "value")
            self.boxes[q] = box
            rows.append(box)
        head = (
            [
                widgets.HTML(
                    "<div class='wb-forced'><b>The notes contradict "
                    f"{len(rows)} answer{'s' if len(rows) != 1 else ''} of no</b>: no plan "
                    "until each is asked again and confirmed (or changed).</div>"
                )
            ]
            if rows
            else []
        )
        self.list.children = [*head, *rows]

    def _tick(self, q: str, words: list[str], on: bool) -> None:
        confirmed = self.confirmed
        if on:
            have = confirmed.get(q, [])
            confirmed[q] = have + [w for w in words if w.lower() not in map(str.lower, have)]
        else:
            confirmed.pop(q, None)
        self.store.value = json.dumps(confirmed)


def _question(q: str) -> str:
    return RED_FLAGS[q][1] if q in RED_FLAGS else PRECAUTIONS[q]
