"""The form's movement section: pain triggers, tolerances per movement, exposure targets.

The trainer ticks the triggers the client names (or types others in the client's words),
and sets each movement's tolerance; the section shows, but does not compute, the
tolerances the triggers suggest (:meth:`MovementSection.show_suggestion`) and the
triggers it did not understand (:meth:`MovementSection.show_unknown_triggers`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from workbench.domain import Dimension
from workbench.rules.tolerance import TRIGGERS
from workbench.ui.form_sections.fields import _LABEL, _OMIT, _WIDE, _CheckGroup, _Section
from workbench.ui.form_sections.text import _pairs, _words

__all__ = ["MovementSection"]

_NOT_ASSESSED = -1


class MovementSection(_Section):
    """Triggers, the suggest button, one tolerance per movement and the exposure targets."""

    title = "Movement tolerances"

    def __init__(self) -> None:
        super().__init__()
        triggers = self._triggers()
        self.suggest_button = widgets.Button(
            description="Suggest tolerances from triggers",
            layout=widgets.Layout(width="auto"),
        )
        self.suggest_button.add_class("wb-suggest")
        self.suggestion = widgets.HTML("")
        self.tolerance_inputs: dict[Dimension, widgets.Dropdown] = {}
        rows = [self._tolerance(d) for d in Dimension]
        exposure = widgets.Text(
            value="",
            description="exposure targets",
            placeholder="least feared first, e.g. rotation = 2, loaded_flexion = 2",
            style=_LABEL,
            layout=_WIDE,
            continuous_update=False,
        )
        self.widget = widgets.VBox(
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
                ),
            ]
        )

    def _triggers(self) -> widgets.Widget:
        """The trigger check boxes, the other triggers typed, and the hint below them."""
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
        return self._add(
            "triggers",
            self.trigger_group,
            read_triggers,
            write_triggers,
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

    def _tolerance(self, d: Dimension) -> widgets.Widget:
        """One movement's tolerance, 0-3 or not assessed."""
        dd = widgets.Dropdown(
            options=[("not assessed", _NOT_ASSESSED)] + [(str(n), n) for n in range(4)],
            value=_NOT_ASSESSED,
            description=d.label,
            style=_LABEL,
            layout=widgets.Layout(width="22em"),
        )
        self.tolerance_inputs[d] = dd
        return self._add(
            f"tolerances.{d.value}",
            dd,
            (lambda w=dd: _OMIT if w.value == _NOT_ASSESSED else w.value),
            (lambda v, w=dd: setattr(w, "value", _NOT_ASSESSED if v is None else int(v))),
        )

    @property
    def other_trigger_words(self) -> list[str]:
        """The other triggers as typed, one item per comma."""
        return _words(self.other_triggers.value)

    def show_suggestion(self, suggested: Mapping[Dimension, int]) -> None:
        """Set the suggested tolerances (editable afterwards) and say where they came from."""
        for d, level in suggested.items():
            self.tolerance_inputs[d].value = level
        used = ", ".join(self.trigger_group.selected) or "no listed trigger"
        self.suggestion.value = (
            f"<span class='wb-hint'>Suggested from {html.escape(used)}: "
            + ", ".join(f"{d.label} {level}" for d, level in suggested.items())
            + ". Edit any level the assessment shows differently.</span>"
        )

    def show_unknown_triggers(self, unknown: Iterable[tuple[str, list[str]]]) -> None:
        """Ask about each trigger not understood, with the closest known ones."""
        self.trigger_hint.value = "".join(
            "<div class='wb-hint'>trigger not understood: "
            f"&ldquo;{html.escape(words)}&rdquo;"
            + (f"; closest known: {html.escape(', '.join(near))}" if near else "")
            + ". Tick the closest above, or describe the movement.</div>"
            for words, near in unknown
        )
