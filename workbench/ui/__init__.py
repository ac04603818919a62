"""Widgets and the app that wires them: display only, no computation.

Callbacks read a widget's value, call one :mod:`workbench` function and assign
the result; the logic they call is tested without a browser. Notebooks take their widgets
from here (``from workbench.ui import DesignApp, ChartPane, enable_offline, charts``) and
everything else from the public face :mod:`workbench`.

May import: the public face and everything below it except :mod:`workbench.optimize`
(the optimizer is reached through :mod:`workbench.planning`); never :mod:`workbench.cli`.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> the module that defines it (loaded on first use, PEP 562).
_EXPORTS: dict[str, str] = {
    "AssessmentForm": "workbench.ui.form",
    "ChartPane": "workbench.ui.render",
    "ConstraintLab": "workbench.ui.lab_panel",
    "DesignApp": "workbench.ui.app",
    "enable_offline": "workbench.ui.render",
    "excluded_html": "workbench.ui.answer_html",
    "ExportPanel": "workbench.ui.export_panel",
    "followup_load_chart": "workbench.ui.follow_up_charts",
    "pain_trend_chart": "workbench.ui.follow_up_charts",
    "notes_html": "workbench.ui.answer_html",
}
#: Modules reached as attributes (``ui.charts.load_chart(...)``).
_MODULES = ("charts",)

__all__ = sorted([*_EXPORTS, *_MODULES])


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562)."""
    if name in _MODULES:
        return importlib.import_module(f"workbench.ui.{name}")
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workbench.ui' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
