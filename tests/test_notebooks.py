"""The notebooks stay thin, clean and checkable.

The notebooks themselves run under nbval, in lax mode::

    .venv/bin/pytest --nbval-lax notebooks

Lax, for every notebook: the notebooks are stored without outputs (no widget state,
no SVG, no timings in git), so there is nothing for strict mode to compare against, and
their outputs (widget views, solver timings, plan tables that depend on the solver's gap)
are not byte-for-byte reproducible anyway. Instead each notebook ends with a cell of
asserts on the results (a plan is planned, load stays under the ceiling every week, ...),
which nbval-lax runs like any other cell: a failing check fails the notebook.

This file checks, without a kernel, that they stay that way.
"""

import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
EXPECTED = {"01_assess", "02_design", "03_constraint_lab", "04_teaching", "05_follow_up", "app"}


def test_the_expected_notebooks_exist():
    assert {p.stem for p in NOTEBOOKS} >= EXPECTED


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_stored_without_outputs_or_widget_state(notebook):
    nbformat.validate(notebook)
    for cell in code_cells(notebook):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert "widgets" not in notebook.metadata


def test_first_code_cell_is_tagged_parameters_and_names_an_example_client(notebook):
    first = code_cells(notebook)[0]
    assert "parameters" in first.metadata.get("tags", [])
    from workbench.client.examples import example_names

    values = {}
    exec(compile(first.source, "parameters", "exec"), {}, values)  # plain assignments only
    name = values.get("client_name", values.get("example"))
    assert name in example_names()


def test_last_cell_checks_results_with_asserts(notebook):
    last = code_cells(notebook)[-1]
    tree = ast.parse(last.source)
    assert any(isinstance(node, ast.Assert) for node in ast.walk(tree)), last.source


def test_thin_no_functions_or_classes_and_calls_into_workbench(notebook):
    source = "\n".join(c.source for c in code_cells(notebook))
    tree = ast.parse(source)
    assert not [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
    ]
    assert "from workbench" in source


def test_charts_render_offline(notebook):
    source = "\n".join(c.source for c in code_cells(notebook))
    # never Altair's default renderer, which loads vega from a CDN
    assert "renderers.enable(" not in source
    if "charts." in source or "DesignApp" in source:
        assert 'enable_offline("svg")' in source
