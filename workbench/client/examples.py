"""Canonical example clients, shared by tests, notebooks and docs.

The clients live as client files in ``examples/clients/*.json`` at the top of the
repository (one file a client, the file stem is its name and its id); they are read with
:func:`workbench.client.assessment.load_client`, so every example is checked on the way in.
"""

from __future__ import annotations

from workbench.client.assessment import load_client
from workbench.domain import Client
from workbench.paths import REPO_ROOT

__all__ = ["EXAMPLES_DIR", "example_client", "example_clients", "example_names"]

#: Folder of the example client files.
EXAMPLES_DIR = REPO_ROOT / "examples" / "clients"


def example_names() -> list[str]:
    """Names of the example clients (file stems), sorted."""
    return sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))


def example_client(name: str) -> Client:
    """One example client by name, e.g. ``"desk-worker-flexion"``.

    Raises
    ------
    ValueError
        When there is no example of that name (the message lists the names).
    """
    path = EXAMPLES_DIR / f"{name}.json"
    if name not in example_names():
        raise ValueError(f"no example client {name!r}; examples: {', '.join(example_names())}")
    return load_client(path)


def example_clients() -> dict[str, Client]:
    """Every example client, keyed by name, in name order."""
    return {name: example_client(name) for name in example_names()}
