"""The form's clearance section: the doctor's clearance and restrictions."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.domain import PRECAUTIONS
from workbench.ui.form_sections.fields import _DISCIPLINES, _LABEL, _WIDE, _Section
from workbench.ui.form_sections.text import _words

__all__ = ["ClearanceSection"]

#: The precautions a clearance may cover, in the form's words (domain.md §8).
_COVERS = [
    (q.replace("_", " ").replace("heart metabolic kidney", "heart, metabolic or kidney"), q)
    for q in PRECAUTIONS
]


class ClearanceSection(_Section):
    """Clearance recorded, its date and author, the effort limit, what the doctor ruled out,
    and the precautions it considered."""

    title = "Clearance and restrictions"

    def __init__(self) -> None:
        super().__init__()
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
        self.widget = widgets.VBox(
            [
                self._add(
                    "clearance.cleared",
                    cleared,
                    lambda: cleared.value,
                    lambda v: setattr(cleared, "value", bool(v)),
                ),
                self._text("clearance.date", "date", placeholder="YYYY-MM-DD", blank_none=True),
                self._text("clearance.by", "cleared by", placeholder="e.g. the GP's name"),
                self._text(
                    "clearance.max_rpe",
                    "maximum effort [RPE]",
                    placeholder="blank: no limit",
                    number=True,
                ),
                self._checks(
                    "clearance.banned_disciplines",
                    "Disciplines the doctor ruled out",
                    _DISCIPLINES,
                    "13em",
                ),
                self._add(
                    "clearance.banned_exercises",
                    banned,
                    lambda: _words(banned.value),
                    lambda v: setattr(banned, "value", ", ".join(v or [])),
                ),
                self._checks(
                    "clearance.covers",
                    "Precautions this clearance considered (a Yes that needs clearance "
                    "first is cleared only when ticked here)",
                    _COVERS,
                    "13em",
                ),
                self._text("clearance.notes", "doctor's notes", area=True),
            ]
        )
