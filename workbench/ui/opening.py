"""What the app and the constraint lab open on: a client, a catalog, the example picker,
and the value each of the client's settings starts from.

Shared by :class:`~workbench.ui.app.DesignApp` and
:class:`~workbench.ui.lab_panel.ConstraintLab`, so both open the same way.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client, example_names
from workbench.defaults import DEFAULTS, OverrideError, resolve
from workbench.domain import Client

#: The example client both open on when given none.
DEFAULT_EXAMPLE = "runner-returning"


def opening(client: Client | None, catalog, example: str | None):
    """(client, catalog, example name or None): the client given, else the example
    ``example`` (default :data:`DEFAULT_EXAMPLE`); the catalog given, else the built-in one."""
    catalog = catalog if catalog is not None else builtin_catalog()
    if client is None:
        example = example or DEFAULT_EXAMPLE
        client = example_client(example)
    return client, catalog, example


def example_picker(example: str | None, first: str, description: str, **kw) -> widgets.Dropdown:
    """A drop-down of the example clients; ``first`` names the client as it is."""
    return widgets.Dropdown(
        options=[(first, "")] + [(n, n) for n in example_names()],
        value=example or "",
        description=description,
        **kw,
    )


def client_setting(client: Client, name: str) -> float:
    """The value of rule ``name`` (a :data:`~workbench.defaults.DEFAULTS` key) that
    ``client``'s settings ask for, or its default when they cannot be resolved (the form
    shows why), in the rule's unit."""
    try:
        return float(resolve(client.overrides)[name])
    except OverrideError:
        return DEFAULTS[name].value
