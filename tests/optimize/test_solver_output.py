"""The solver never writes to standard output: not before a ``--json`` document, not in a
notebook's outputs, not at the top of the app's page.

highspy prints its banner from C at a process's first ``Highs()``, which ``capsys`` cannot
see, so these tests look at file descriptor 1 from outside: a child process's stdout, and
the outputs a real Jupyter kernel sends back while it runs a notebook.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Text only a solver's own log or banner contains.
SOLVER_TEXT = ("Running HiGHS", "Copyright (c)", "THIRD_PARTY_NOTICES", "Welcome to the CBC")


def _run(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


PLAN = """
from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.planning.planner import PlanOptions, plan
r = plan(example_client("runner-returning"), builtin_catalog(), PlanOptions(weeks=2, solver={s!r}))
assert r.planned, r.status
"""


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_planning_from_the_library_writes_nothing_to_stdout(solver):
    done = _run(PLAN.format(s=solver))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert not any(t in done.stderr for t in SOLVER_TEXT)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_the_solver_log_when_asked_for_goes_to_stderr_only(solver):
    code = "from workbench.optimize.solve import set_solver_log; set_solver_log(True)\n"
    done = _run(code + PLAN.format(s=solver))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    expected = "HiGHS" if solver == "highs" else "CBC"
    assert expected in done.stderr


@pytest.mark.slow
def test_notebook_02_outputs_carry_no_solver_text(tmp_path):
    """Run the design notebook in a real kernel and read every output it sends back."""
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "02_design.ipynb", as_version=4)
    env_before = dict(os.environ)
    # the kernel is a child process: it inherits this, and imports this checkout
    os.environ["PYTHONPATH"] = str(ROOT)
    os.environ.pop("PYTEST_CURRENT_TEST", None)
    try:
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(ROOT / "notebooks")}},
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            texts.extend(str(v) for v in out.get("data", {}).values())
    assert texts, "the notebook sent back no output at all"
    joined = "\n".join(texts)
    assert not any(t in joined for t in SOLVER_TEXT), [t for t in SOLVER_TEXT if t in joined]
