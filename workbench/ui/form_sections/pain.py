"""The form's pain section: pain ratings and the questionnaire instruments' item scores."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.form_sections.fields import _LABEL, _WIDE, _Section
from workbench.ui.form_sections.text import _items, _psfs, _show_items, _show_psfs

__all__ = ["PainSection"]


class PainSection(_Section):
    """Pain now, last week's average and worst; item scores of each instrument, as typed."""

    title = "Pain and instruments"

    def __init__(self) -> None:
        super().__init__()
        psfs = widgets.Textarea(
            value="",
            description="PSFS",
            placeholder="3-5 activities, one a line: activity: score 0-10",
            style=_LABEL,
            layout=widgets.Layout(width="95%", height="5em"),
            continuous_update=False,
        )
        self.widget = widgets.VBox(
            [
                self._int("pain.now", "pain now", unit="0-10"),
                self._int("pain.average_week", "average, last week", unit="0-10"),
                self._int("pain.worst_week", "worst, last week", unit="0-10"),
                widgets.HTML(
                    "<span class='wb-hint'>Item scores by number, comma-separated, as on the "
                    "official forms; blank = not done.</span>"
                ),
                self._item_scores(
                    "instruments.start_back", "STarT Back (9)", "items 1-8: 0/1, item 9: 0-4"
                ),
                self._item_scores(
                    "instruments.odi", "Oswestry (10)", "sections 0-5; '-' = not answered"
                ),
                self._item_scores(
                    "instruments.rmdq", "Roland-Morris (24)", "24 items, 1 ticked / 0 not"
                ),
                self._add(
                    "instruments.psfs",
                    psfs,
                    lambda: _psfs(psfs.value),
                    lambda v: setattr(psfs, "value", _show_psfs(v)),
                ),
                self._item_scores(
                    "instruments.fabq_pa", "FABQ-PA (items 2-5)", "4 items, each 0-6"
                ),
                self._item_scores(
                    "instruments.tsk17", "Tampa Scale (17)", "17 items, each 1-4, as answered"
                ),
            ]
        )

    def _item_scores(self, path: str, description: str, placeholder: str) -> widgets.Widget:
        """One instrument's item scores in a text box (``'0, 1, -, 1'``)."""
        w = widgets.Text(
            value="",
            description=description,
            placeholder=placeholder,
            style=_LABEL,
            layout=_WIDE,
            continuous_update=False,
        )
        return self._add(
            path, w, lambda: _items(w.value), lambda v: setattr(w, "value", _show_items(v))
        )
