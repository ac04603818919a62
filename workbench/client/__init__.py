"""The client: the assessment and its client file, the instruments, screening, the client's words.

Owns the client file -- load, save, check and JSON Schema (``assessment``, the public
module), its fields (``fields``, the whole file as a pydantic model with its cross-field
rules, built from the nested parts in ``field_groups`` and, for the hand-over's trainer,
time, history, medications and diary, ``field_history``), the pydantic types and base model
they are made of (``field_types`` for single values, ``field_containers`` for lists, sets
and maps, ``file_model`` for one object with every problem at once and the schema layout),
the refused-field problems (``problems``) and the JSON layout and atomic writes
(``jsonfile``) -- the questionnaire instruments and their scoring (``instruments``; their
structure and thresholds in ``instrument_table``, important change in
``important_change``), the red-flag and clearance screen (``screening``; the free-text
scan in ``free_text``, the STarT Back group and graded-exposure mode in
``training_modes``), the trigger vocabulary that reads the
client's own words (``triggers``), the questions those words raise (``questions``), the
dated symptom diary (``diary``) and the example clients (``examples``).

May import: the ground and :mod:`workbench.catalog`.
"""
