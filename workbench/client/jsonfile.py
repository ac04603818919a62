"""JSON text laid out for people, and files written atomically.

Owns the layout of the client and schema files (two-space indent, short lists of
scalars on one line, UTF-8) and the atomic write every saved file goes through
(temporary file in the same directory, fsync, :func:`os.replace`, then fsync of the
directory), so a file is never half-written; :mod:`workbench.client.assessment` uses
both.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any


def _json_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _flat(value: list) -> bool:
    """True for a list of scalars (written on one line)."""
    return all(not isinstance(v, dict | list) for v in value)


def _format(value: Any, indent: int) -> str:
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = [
            f"{inner}{_json_scalar(str(k))}: {_format(v, indent + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(lines) + f"\n{pad}}}"
    if isinstance(value, list):
        if _flat(value):
            return json.dumps(value, ensure_ascii=False, allow_nan=False)
        lines = [f"{inner}{_format(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(lines) + f"\n{pad}]"
    return _json_scalar(value)


def _fsync_directory(directory: Path) -> None:
    # Make the rename itself durable; not possible on every platform (e.g. Windows).
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, text: str, new_mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half.

    A new file gets ``new_mode`` (default: readable by its owner only, as client files
    hold health data); a replaced file keeps its permissions.
    """
    path = Path(path)
    directory = path.parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = new_mode
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)
