"""The form's tests section: the physical tests' results, each blank when not done."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.form_sections.fields import _Section

__all__ = ["PhysicalTestsSection"]

#: (client-file path, label) of each test, in the order shown.
_TESTS = (
    ("tests.sit_and_reach_cm", "sit and reach [cm]"),
    ("tests.slr_left_deg", "straight-leg raise L [°]"),
    ("tests.slr_right_deg", "straight-leg raise R [°]"),
    ("tests.mcgill_flexor_s", "trunk flexor hold [s]"),
    ("tests.mcgill_extensor_s", "trunk extensor hold [s]"),
    ("tests.side_bridge_left_s", "side bridge L [s]"),
    ("tests.side_bridge_right_s", "side bridge R [s]"),
)


class PhysicalTestsSection(_Section):
    """Sit and reach, straight-leg raise, the trunk holds and the side bridges."""

    title = "Tests"

    def __init__(self) -> None:
        super().__init__()
        self.widget = widgets.VBox(
            [
                self._text(path, label, placeholder="blank: not done", number=True)
                for path, label in _TESTS
            ]
        )
