"""The assessment form's ten sections, built in the order the form shows them.

:func:`build_sections` makes one of each section class, in
:data:`~workbench.ui.form_sections.fields.SECTIONS` order (product.md flow 1), so the
form that composes them (:class:`~workbench.ui.form.AssessmentForm`) need not know the
section classes one by one.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.ui.form_sections.clearance import ClearanceSection
from workbench.ui.form_sections.client import ClientSection
from workbench.ui.form_sections.fields import _Section
from workbench.ui.form_sections.goals import GoalsSection
from workbench.ui.form_sections.hand_over import HistorySection, TrainerSection
from workbench.ui.form_sections.movement import MovementSection
from workbench.ui.form_sections.pain import PainSection
from workbench.ui.form_sections.physical_tests import PhysicalTestsSection
from workbench.ui.form_sections.red_flags import RedFlagsSection
from workbench.ui.form_sections.schedule import ScheduleSection


def build_sections(on_edit: Callable) -> tuple[_Section, ...]:
    """One of each section, in :data:`SECTIONS` order: client, clearance, red flags, pain,
    movement, physical tests, goals, schedule, medical history and diary, trainer and calendar.

    Parameters
    ----------
    on_edit : callable
        The schedule's and the medical history's: called after one of their rows (an
        activity, a medication, a diary entry) is added, removed or edited.
    """
    return (
        ClientSection(),
        ClearanceSection(),
        RedFlagsSection(),
        PainSection(),
        MovementSection(),
        PhysicalTestsSection(),
        GoalsSection(),
        ScheduleSection(on_edit=on_edit),
        HistorySection(on_edit=on_edit),
        TrainerSection(),
    )
