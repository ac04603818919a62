"""The assessment form's sections, one class each, and the fields they are built of.

Owns the ten sections of :class:`~workbench.ui.form.AssessmentForm`, in
:data:`~workbench.ui.form_sections.fields.SECTIONS` order: ``client``, ``clearance``,
``red_flags``, ``pain``, ``movement``, ``physical_tests``, ``goals``, ``schedule`` (with its
activity rows) and, for the hand-over, ``hand_over`` (medical history and diary, with
medication and diary rows; trainer and calendar). Each section only displays and reads
its fields; the form wires them (value, problems in place, load and save, hints). ``fields`` holds what every section is
made of (a field, the check-box group, the section base and its builders, the option
lists); ``text`` reads and shows what the trainer typed as client-file values; ``order``
builds one of each section in order.

May import: the ground and :mod:`workbench.rules` (vocabularies only: the trigger
names), and each other; never :mod:`workbench.ui.form`, which composes them, nor the
rest of :mod:`workbench.ui`.
"""
