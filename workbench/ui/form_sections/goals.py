"""The form's goals section: weekly minutes per goal, what the client likes and dislikes."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.domain import Goal
from workbench.ui.form_sections.fields import _LABEL, _OMIT, _PREFERENCES, _Section

__all__ = ["GoalsSection"]


class GoalsSection(_Section):
    """One minutes box per goal (0: not a goal), then the likes and dislikes."""

    title = "Goals and preferences"

    def __init__(self) -> None:
        super().__init__()
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
                )
            )
        rows.append(
            self._checks(
                "liked",
                "What the client enjoys (disciplines, settings, tags)",
                _PREFERENCES,
                "13em",
            )
        )
        rows.append(
            self._checks(
                "disliked",
                "What the client dislikes (left out of the plan)",
                _PREFERENCES,
                "13em",
            )
        )
        self.widget = widgets.VBox(rows)
