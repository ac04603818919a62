"""The form's red-flag section: the screening questions, the notes and the symptom diary.

Each red flag is answered Yes, No or Not asked, and so is each precaution (domain.md §8;
:mod:`workbench.ui.form_sections.precautions`, with the weeks of pregnancy, the T-score,
and a check box per "no" the notes contradict). The section shows, but does not find, the
questions the notes and diary ask for (:meth:`RedFlagsSection.show_forced`) and gentler
words for the notes (:meth:`RedFlagsSection.show_threat_words`); the form finds them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from workbench.domain import RED_FLAGS
from workbench.ui.form_sections.fields import _OMIT, _Section
from workbench.ui.form_sections.precautions import ConfirmedNo, PrecautionRows

__all__ = ["RedFlagsSection"]

_FLAG_ANSWERS = {"Yes": True, "No": False, "Not asked": None}


class RedFlagsSection(_Section):
    """One row of answer buttons per red flag, below the notes, the diary and their hints."""

    title = "Red flags and notes"

    def __init__(self) -> None:
        super().__init__()
        self.flag_rows: dict[str, widgets.VBox] = {}
        self.flag_questions: dict[str, widgets.HTML] = {}
        self.flag_buttons: dict[str, widgets.ToggleButtons] = {}
        rows = [self._flag_row(q) for q in RED_FLAGS]
        self.forced = widgets.HTML("")
        self.forced.add_class("wb-forced-summary")
        self.notes_hint = widgets.HTML("")
        self.notes_hint.add_class("wb-hint")
        notes = self._text("notes", "trainer's notes", area=True)
        diary = self._text("symptom_diary", "symptom diary", area=True)
        self.precautions = PrecautionRows(self)
        self.confirmed_no = ConfirmedNo(self)
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<span class='wb-hint'>Any <b>Yes</b> stops planning and shows the referral. "
                    "Words in the notes or diary can ask for a question; they never clear one.</span>"
                ),
                notes,
                self.notes_hint,
                diary,
                self.forced,
                self.confirmed_no.widget,
                *rows,
                self.precautions.widget,
            ]
        )

    def _flag_row(self, q: str) -> widgets.Widget:
        buttons = widgets.ToggleButtons(
            options=list(_FLAG_ANSWERS), value="Not asked", style={"button_width": "7em"}
        )
        buttons.add_class("wb-flag")
        buttons.add_class(f"wb-flag-{q}")
        label = widgets.HTML(_flag_label(q, []))
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
            box=widgets.VBox([label, buttons]),
        )
        row.add_class("wb-flag-row")
        self.flag_rows[q] = row
        return row

    def show_forced(self, forced: Mapping[str, list[str]]) -> None:
        """Mark the questions the notes ask for (red-flag id -> the words that ask)."""
        for q, label in self.flag_questions.items():
            label.value = _flag_label(q, forced.get(q, []))
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

    def show_threat_words(self, findings: Iterable) -> None:
        """Suggest gentler words for the notes (:func:`workbench.language.find_threat_words`)."""
        findings = list(findings)
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
        """Red-flag ids the notes or diary ask for (marked in their rows)."""
        return [q for q, row in self.flag_rows.items() if "wb-forced" in row._dom_classes]


def _flag_label(q: str, words: list[str]) -> str:
    group, question = RED_FLAGS[q]
    tag = "emergency" if group == "emergency" else "refer"
    text = f"<span class='wb-flag-question'>{html.escape(question)}</span> <small>({tag})</small>"
    if words:
        said = ", ".join(f"'{html.escape(w)}'" for w in words)
        text += f"<br><small>The notes mention {said}: ask this question.</small>"
    return text
