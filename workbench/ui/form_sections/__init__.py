"""The assessment form's parts: the fields its sections are built of, and typed text.

Owns what :class:`~workbench.ui.form.AssessmentForm` is made of below its wiring:
``fields`` (a field of the client-file dict and its widget, the check-box group, the
option lists and the section titles) and ``text`` (what the trainer typed, read and
shown as client-file values). The form composes them; they only display and read.

May import: the ground, and each other; never :mod:`workbench.ui.form`, which composes
them, nor the rest of :mod:`workbench.ui`.
"""
