"""The ``workbench`` command: plan, check, and catalog list, search, import and review.

Owns argument parsing, reading the files a trainer names (``inputs``), the catalog commands
(``catalog_commands``) and the exit codes. Stdout carries the result only (one JSON
document with ``--json``); logs go to stderr.

May import: the public face :mod:`workbench` and the ground (for names and defaults).
"""

from workbench.cli.main import EXIT_CODES, build_parser, main

__all__ = ["EXIT_CODES", "build_parser", "main"]
