"""Whose plan this is: the client, the date, the options, the catalog and the workbench.

Every :class:`~workbench.planning.result.PlanResult` carries a :class:`Provenance`, and
the plan's JSON (``workbench plan --json``, and anything that saves a result) writes it
under ``"made"``, so a saved plan can be traced to the client, the catalog and the
version that made it, and made again: the same client file (its content hash matches),
the same catalog (its content hash matches), the same options and the same workbench
version give the same weeks.

The hashes are SHA-256 over a canonical JSON form (keys sorted, sets sorted, enums as
their values), so they do not depend on the order a set was built in or on the file's
formatting: the client's hash is over its client-file dict
(:func:`workbench.client.assessment.client_to_dict`), the catalog's over every exercise
in catalog order (the planner's tie-breaks follow that order).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any

from workbench.client.assessment import client_to_dict
from workbench.domain import Client

__all__ = [
    "Provenance",
    "catalog_hash",
    "client_hash",
    "options_json",
    "provenance",
]


@dataclass(frozen=True)
class Provenance:
    """Where a plan came from.

    Attributes
    ----------
    client_id, client_name : str
        The client as the file names them.
    client_hash : str
        ``"sha256:..."`` of the client's file content (canonical form).
    made_at : str
        When the plan was made: ISO 8601, UTC, to the second.
    options : dict
        The planning options, JSON-ready (:func:`options_json`).
    catalog_source : str
        The catalog's file name or description.
    catalog_exercises : int
        How many exercises the catalog holds.
    catalog_hash : str
        ``"sha256:..."`` of the catalog's content.
    workbench_version : str
        The installed workbench version.
    """

    client_id: str
    client_name: str
    client_hash: str
    made_at: str
    options: dict
    catalog_source: str
    catalog_exercises: int
    catalog_hash: str
    workbench_version: str

    def to_json(self) -> dict[str, Any]:
        """The ``"made"`` part of the plan's JSON."""
        return {
            "client": {"id": self.client_id, "name": self.client_name, "hash": self.client_hash},
            "at": self.made_at,
            "options": self.options,
            "catalog": {
                "source": self.catalog_source,
                "exercises": self.catalog_exercises,
                "hash": self.catalog_hash,
            },
            "workbench_version": self.workbench_version,
        }


def _plain(value: Any) -> Any:
    """A JSON-ready canonical copy: enums as values, sets sorted, records as dicts."""
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _digest(value: Any) -> str:
    text = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def client_hash(client: Client) -> str:
    """``"sha256:..."`` of the client's file content, in canonical form."""
    return _digest(client_to_dict(client))


def catalog_hash(catalog) -> str:
    """``"sha256:..."`` of every exercise in ``catalog`` (a Catalog or exercises), in order.

    Cached per catalog object: a catalog is read-only, and the app plans on one catalog
    many times while the client waits.
    """
    if hasattr(catalog, "exercises"):
        return _catalog_hash_cached(catalog)
    return _digest(tuple(catalog))


@lru_cache(maxsize=8)
def _catalog_hash_cached(catalog) -> str:
    return _digest(tuple(catalog))


def options_json(options) -> dict[str, Any]:
    """The planning options (:class:`~workbench.planning.context.PlanOptions`), JSON-ready.

    Pins are listed as ``{"exercise_id", "week", "day"}`` in the order given; sets sorted.
    :meth:`~workbench.planning.context.PlanOptions.from_json` reads it back.
    """
    out = _plain(options)
    out["pins"] = [
        {"exercise_id": p.exercise_id, "week": p.week, "day": p.day.value if p.day else None}
        for p in options.pins
    ]
    follow_up = getattr(options, "follow_up", None)
    out["follow_up"] = None if follow_up is None else follow_up.to_json()
    return out


@lru_cache(maxsize=1)
def workbench_version() -> str:
    """The installed workbench's version (``"unknown"`` when not installed)."""
    try:
        return metadata.version("workbench")
    except metadata.PackageNotFoundError:
        return "unknown"


def provenance(client: Client, catalog, options, now: dt.datetime | None = None) -> Provenance:
    """The :class:`Provenance` of a plan of ``client`` on ``catalog`` with ``options``.

    Parameters
    ----------
    now : datetime, optional
        When the plan was made (default: the current time, UTC).
    """
    now = now or dt.datetime.now(dt.UTC)
    return Provenance(
        client_id=client.id,
        client_name=client.name,
        client_hash=client_hash(client),
        made_at=now.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        options=options_json(options),
        catalog_source=getattr(catalog, "source", "") or "",
        catalog_exercises=len(tuple(catalog)),
        catalog_hash=catalog_hash(catalog),
        workbench_version=workbench_version(),
    )
