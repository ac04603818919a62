"""Where a command's result goes: stdout, and only the result.

Logs and the solver's output go to stderr (``--verbose``); a reader that stops early
(``workbench catalog list | head``) is not an error.
"""

from __future__ import annotations

import os
import sys


def emit(text: str) -> None:
    """Print the result; a reader that stops early (``| head``) is not an error."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # what is left to flush goes to /dev/null, so the interpreter does not fail again
        # at exit (the Python docs' recipe, "Note on SIGPIPE")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
