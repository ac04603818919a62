"""The client: the assessment and its client file, the instruments, screening, the client's words.

Owns the client file (fields, validation, JSON Schema, load and save: ``assessment``), the
questionnaire instruments and their scoring (``instruments``), the red-flag and clearance
screen (``screening``), the trigger vocabulary that reads the client's own words
(``triggers``), the questions those words raise (``questions``) and the example clients
(``examples``).

May import: the ground and :mod:`workbench.catalog`.
"""
