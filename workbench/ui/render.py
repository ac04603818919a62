"""Showing Altair charts with no network: renderer setup, SVG, and an in-place pane.

The workbench runs where there may be no internet, so no chart may need a CDN.
What was measured on the project machine (JupyterLab 4.6.6, Voila 0.5.13,
Altair 6.3, vl-convert 1.9, ipywidgets 8.1, Chromium 156, every non-local host
unresolvable):

================================  ==========  =========  ===========================
how the chart is shown            JupyterLab  Voila      nbconvert / nbval
================================  ==========  =========  ===========================
Altair "default"/"html"           blank [a]   blank [a]  runs; nothing to see
Altair "mimetype"                 text [b]    fails [c]  fails [c]
Altair "jupyter", offline=True    yes         yes        runs; repr varies [d]
Altair "svg" (static)             yes         yes        yes; SVG compared as text
``ChartPane`` (SVG in HTML wdgt)  yes         yes        yes; stable 111-char repr
================================  ==========  =========  ===========================

[a] "Error loading script: https://cdn.jsdelivr.net/npm/vega@6": vega-embed
    comes from a CDN. [b] Altair 6 emits ``application/vnd.vegalite.v6.json``;
    Lab 4.6 renders only the v3-v5 ``+json`` types, so the text fallback shows.
    [c] That mime type with a dict value is invalid nbformat: nbconvert and Voila
    stop with ``NotebookValidationError``. Note also that
    ``alt.renderers.enable("jupyter", offline=True)`` reaches only charts shown
    with ``display``; a ``JupyterChart`` built directly still imports from
    esm.sh unless ``JupyterChart.enable_offline()`` ran first (done here).
    [d] Its text/plain is ``<...JupyterChart object at 0x...>``, a new address
    each run, so strict nbval reports a mismatch.

Costs (the same two-widget page served by Voila, slider moved three times):

- ``JupyterChart`` offline: the kernel spends 1.5-1.8 s bundling vega-embed
  (``enable_offline``) and every chart widget ships that 883 KB bundle
  (920 KB over the websocket before the first chart, against 28 KB for the
  SVG pane); the first chart appeared 4-5 s later than with the SVG pane
  (12.2-14.0 s against 7.5-10.1 s from page open on a loaded machine).
  Updates send only the spec (about 4 KB) and took 100-250 ms (12 moves).
- SVG pane: ``chart_to_svg`` takes 0.5-0.6 s on the first call in a process
  (vl-convert warms its JavaScript engine), then 55-120 ms to build and render
  one of :mod:`workbench.ui.charts` (11-29 KB of SVG). A slider move -> redrawn
  chart took 125-320 ms in Voila (median 175 ms, 24 moves) and 160-260 ms in
  JupyterLab (median 200 ms, 12 moves), about the same as ``JupyterChart``.
  (tests/ui/browser/test_harness.py prints these under "browser timings".)

Decision:

- Interactive app (Voila) and widget forms in Lab: :class:`ChartPane`, one
  ``ipywidgets.HTML`` per chart, updated in place. It renders wherever widgets
  render, starts seconds sooner and is 30x lighter than ``JupyterChart``, with
  the same update latency. It loses pan/zoom/selection, which no workbench chart
  uses; hover tooltips survive because :func:`chart_to_svg` turns each mark's
  ARIA description into an SVG ``<title>``.
- Notebooks that just show a chart: ``enable_offline("svg")`` and
  ``display(chart)``. The SVG is saved in the .ipynb, so it also shows in
  nbconvert exports and on a code host. nbval compares SVG text, which is
  stable on one machine but depends on the installed fonts elsewhere: run such
  notebooks with ``--nbval-lax`` or mark chart cells ``# NBVAL_IGNORE_OUTPUT``.
  A ``ChartPane`` output is compared only by its short text repr.
- Tests: :func:`chart_to_svg` (no kernel, no browser) for chart content; the
  browser tests check the widget wiring only.
- ``enable_offline("jupyter")`` stays available for exploring one chart
  interactively in Lab; update it with ``jupyter_chart.chart = new_chart``
  rather than displaying new ones (each new one is another 0.9 MB).
"""

from __future__ import annotations

import re
from typing import Literal

import altair as alt
import ipywidgets as widgets
import vl_convert as vlc

__all__ = ["ChartPane", "chart_to_svg", "enable_offline"]

RendererKind = Literal["svg", "jupyter"]

# One datum's mark in vl-convert's SVG: self-closing, with Vega's ARIA description
# of the datum ("week: 3; load [AU]: 180; ..."), already XML-escaped. Lines, areas
# and trails are one mark for many data and describe only the first: left out.
_MARK_LEAF = re.compile(
    r'<(?P<tag>\w+)(?P<attrs> aria-label="(?P<label>[^"]*)" role="graphics-symbol"'
    r' aria-roledescription="(?!(?:line|area|trail) mark")[^"]*"[^>]*?)/>'
)


def _vl_version() -> str:
    # vl-convert names Vega-Lite versions "v6_4"; Altair's schema is "v6.4.1".
    return "_".join(alt.SCHEMA_VERSION.split(".")[:2])


def enable_offline(kind: RendererKind = "svg") -> RendererKind:
    """Make plain ``display(chart)`` work with no network, and return ``kind``.

    Parameters
    ----------
    kind : {"svg", "jupyter"}
        ``"svg"``: static SVG rendered in the kernel by vl-convert; works in
        JupyterLab, Voila, nbconvert and nbval. ``"jupyter"``: Altair's
        anywidget ``JupyterChart`` with vega-embed bundled by vl-convert
        (interactive; about 0.9 MB per displayed chart).

    Raises
    ------
    ValueError
        For any other ``kind``.
    """
    if kind == "svg":
        alt.renderers.enable("svg")
    elif kind == "jupyter":
        # The renderer's offline flag only reaches charts shown with display();
        # a JupyterChart built directly needs the class switched too.
        alt.JupyterChart.enable_offline(offline=True)
        alt.renderers.enable("jupyter", offline=True)
    else:
        raise ValueError(f"enable_offline: kind must be 'svg' or 'jupyter', not {kind!r}")
    return kind


def chart_to_svg(chart: alt.TopLevelMixin, *, tooltips: bool = True) -> str:
    """Render ``chart`` to an SVG string in-process with vl-convert (no network).

    Parameters
    ----------
    chart : altair chart
        Any top-level Altair chart with inline data.
    tooltips : bool
        Give every mark a ``<title>`` copied from its ARIA description, so the
        browser shows it on hover: the static SVG keeps the chart's tooltips.

    Returns
    -------
    str
        A standalone ``<svg class="marks" ...>`` document.
    """
    svg = vlc.vegalite_to_svg(chart.to_dict(), vl_version=_vl_version())
    if tooltips:
        svg = _MARK_LEAF.sub(r"<\g<tag>\g<attrs>><title>\g<label></title></\g<tag>>", svg)
    return svg


class ChartPane(widgets.HTML):
    """One widget that shows a chart as inline SVG and is updated in place.

    It only displays: a callback computes the table, builds the chart with
    :mod:`workbench.ui.charts` and calls :meth:`update`. Updating replaces the
    widget's value (11-29 KB of SVG for a workbench chart), so the page keeps one
    output instead of piling up new ones.

    Parameters
    ----------
    chart : altair chart, optional
        Shown at once when given.
    **kwargs
        Passed to :class:`ipywidgets.HTML` (e.g. ``layout``).
    """

    def __init__(self, chart: alt.TopLevelMixin | None = None, **kwargs):
        super().__init__(**kwargs)
        self.add_class("workbench-chart")
        if chart is not None:
            self.update(chart)

    def update(self, chart: alt.TopLevelMixin | None) -> None:
        """Show ``chart`` in place of the current one (``None`` clears the pane)."""
        self.value = "" if chart is None else chart_to_svg(chart)
