"""Text boxes <-> the client-file dict: what the trainer typed, read as JSON values.

Text boxes hold what the trainer typed. Numbers are read as numbers; anything else is
passed on as typed, so :func:`~workbench.client.assessment.client_from_dict` refuses it
with the reason and the range. :func:`_get` and :func:`_put` reach a dotted path
(``"pain.now"``) in the dict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _scalar(text: str) -> Any:
    """'' -> None, '12' -> 12, '4.5' -> 4.5, anything else as typed."""
    t = text.strip()
    if not t:
        return None
    if _INT.fullmatch(t):
        return int(t)
    if _FLOAT.fullmatch(t):
        return float(t)
    return t


def _show_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _items(text: str) -> list | None:
    """'0, 1, 1' -> [0, 1, 1]; an empty item or '-' -> None (an unanswered item)."""
    if not text.strip():
        return None
    return [
        None if t.strip() in ("", "-") else _scalar(t) for t in re.split(r"[,;\s]+", text.strip())
    ]


def _show_items(values) -> str:
    return (
        "" if values is None else ", ".join("-" if v is None else _show_number(v) for v in values)
    )


def _words(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _pairs(text: str, sep: str = r"[=:]") -> list[tuple[str, Any]]:
    """'a = 1, b: 2' (or one per line) -> [('a', 1), ('b', 2)]; a bare key -> (key, '')."""
    out = []
    for part in re.split(r"[,\n]+", text):
        part = part.strip()
        if not part:
            continue
        bits = re.split(rf"\s*{sep}\s*|\s+", part, maxsplit=1)
        key = bits[0]
        out.append((key, _scalar(bits[1]) if len(bits) > 1 else ""))
    return out


def _psfs(text: str) -> list | None:
    """One activity a line, 'activity: score' -> [[activity, score], ...]."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    out = []
    for ln in lines:
        if ":" in ln:
            activity, score = ln.rsplit(":", 1)
            out.append([activity.strip(), _scalar(score)])
        else:
            out.append([ln])
    return out


def _show_psfs(pairs) -> str:
    return "" if pairs is None else "\n".join(f"{a}: {_show_number(s)}" for a, s in pairs)


def _get(data: Mapping, path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _put(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
