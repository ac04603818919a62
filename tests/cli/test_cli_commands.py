"""The command line as a program sees it: run as a child process, stdout is the result
only (one JSON document with ``--json``), errors go to stderr, each exit code as
documented. Output printed from C (the solvers) is visible here, unlike under capsys."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "clients").glob("*.json"))
EXIT = {"planned": 0, "referred": 3, "needs_clearance": 3, "infeasible": 4}


def wb(*argv: str, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


# ---------------------------------------------------------------- plan --json


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_plan_json_is_one_document_on_stdout_with_the_status_exit_code(path):
    done = wb("plan", str(path), "--weeks", "2", "--json")
    doc = json.loads(done.stdout)  # the whole of stdout, nothing before or after
    assert done.returncode == EXIT[doc["status"]], done.stderr
    assert done.stderr == ""
    assert "questions" in doc and all("limited_by" in w for w in doc["weeks"])


def test_an_infeasible_pin_exits_4_with_one_json_document():
    done = wb("plan", "examples/clients/high-fear.json", "--pin", "gym-deadlift:1", "--json")
    assert done.returncode == 4
    assert json.loads(done.stdout)["status"] == "infeasible"


def test_verbose_puts_the_solver_log_on_stderr_and_keeps_stdout_the_result():
    done = wb("plan", "examples/clients/runner-returning.json", "--json", "--verbose")
    assert done.returncode == 0
    json.loads(done.stdout)
    assert "Running HiGHS" in done.stderr and "Running HiGHS" not in done.stdout
    text = wb("plan", "examples/clients/runner-returning.json", "--verbose")
    assert "Solver HiGHS: optimal" in text.stdout and "HiGHS" in text.stderr


def test_cbc_too_writes_its_log_only_to_stderr():
    done = wb("plan", "examples/clients/pool-only.json", "--json", "--solver", "cbc", "--verbose")
    assert done.returncode == 0
    json.loads(done.stdout)
    assert "CBC" in done.stderr


# ---------------------------------------------------------------- help


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["plan"],
        ["check"],
        ["catalog"],
        ["catalog", "list"],
        ["catalog", "search"],
        ["catalog", "import"],
        ["catalog", "review"],
    ],
    ids=lambda a: " ".join(a) or "workbench",
)
def test_every_help_renders_cleanly_with_examples_and_exit_codes(argv):
    done = wb(*argv, "--help")
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    assert "``" not in out and "examples:" in out and "exit codes:" in out
    assert "  4  no plan fits every rule" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_plan_help_documents_every_option_and_the_defaults():
    out = wb("plan", "--help").stdout
    for option in ("--weeks", "--catalog", "--json", "--hard-goals", "--pin", "--ban",
                   "--allow-disliked", "--include-unreviewed", "--solver", "--verbose"):  # fmt: skip
        assert option in out
    assert "(default: 1)" in out and "(default: highs)" in out


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "nobody.json"], "workbench: no such file: nobody.json\n"),
        (
            ["plan", "examples/clients/high-fear.json", "--weeks", "0"],
            "workbench: --weeks 0: a plan has 1 to 12 weeks\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--pin", "walk-trail:3"],
            "workbench: --pin 'walk-trail:3': week 3 is outside a 1-week plan (--weeks 1)\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--pin", "walk-trail:x"],
            "workbench: --pin 'walk-trail:x': the week 'x' is not a number\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--pin", "walk-trail"],
            "workbench: --pin 'walk-trail': write EXERCISE_ID:WEEK or EXERCISE_ID:WEEK:DAY, "
            "e.g. walk-trail:1:mon\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--ban", "walk-trial"],
            "workbench: --ban 'walk-trial': no exercise 'walk-trial' in the catalog; did you mean "
            "walk-trail, walk-stroll, walk-treadmill?\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--allow-disliked", "yoga"],
            "workbench: --allow-disliked 'yoga': the client does not dislike it; they dislike: "
            "dance\n",
        ),
        (
            ["plan", "examples/clients/high-fear.json", "--catalog", "none.csv"],
            "workbench: no such file: none.csv\n",
        ),
        (["check", "nobody.json"], "workbench: no such file: nobody.json\n"),
        (["catalog", "review", "none.csv"], "workbench: no such file: none.csv\n"),
        (
            ["catalog", "import", "none.json", "--out", "x.csv"],
            "workbench: no such file: none.json\n",
        ),
    ],  # fmt: skip
)
def test_every_error_is_a_sentence_on_stderr_with_exit_2(argv, message):
    done = wb(*argv)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == message
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_option_is_a_usage_error_with_exit_2():
    done = wb("plan", "examples/clients/high-fear.json", "--wekes", "2")
    assert done.returncode == 2 and done.stdout == ""
    assert "unrecognized arguments: --wekes" in done.stderr


def test_a_client_file_with_problems_refuses_to_plan_and_points_to_check(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "x", "age": 300}))
    done = wb("plan", str(bad))
    assert done.returncode == 2 and done.stdout == ""
    assert f"workbench check {bad}" in done.stderr and "age: must be a whole number" in done.stderr


# ---------------------------------------------------------------- check


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_check_every_example(path):
    done = wb("check", str(path), "--json")
    doc = json.loads(done.stdout)
    assert doc["ok"] and doc["problems"] == []
    plannable = doc["screening"]["plannable"]
    assert done.returncode == (0 if plannable else 3)
    text = wb("check", str(path))
    assert "checks out" in text.stdout and text.returncode == done.returncode


def test_check_lists_every_problem_at_once_with_field_and_reason(tmp_path):
    data = json.loads((ROOT / "examples/clients/pool-only.json").read_text())
    data.update(age=300, settings=["beach"], disliked=["squash"])
    del data["name"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    done = wb("check", str(bad), "--json")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    fields = {p["field"] for p in doc["problems"]}
    assert fields == {"name", "age", "settings[0]", "disliked[0]"}
    assert all(p["reason"] for p in doc["problems"])
    text = wb("check", str(bad))
    assert text.returncode == 1 and "4 problems" in text.stdout
    assert "settings[0]: unknown setting 'beach'; allowed: home, outdoors, pool" in text.stdout


def test_check_names_the_line_and_column_of_broken_json(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",\n "name": }')
    done = wb("check", str(broken), "--json")
    assert done.returncode == 2
    (problem,) = json.loads(done.stdout)["problems"]
    assert "line 2, column" in problem["reason"]


def test_check_asks_about_a_trigger_it_does_not_understand(tmp_path):
    data = json.loads((ROOT / "examples/clients/pool-only.json").read_text())
    data["triggers"] = ["walking on land", "stairz"]
    path = tmp_path / "client.json"
    path.write_text(json.dumps(data))
    doc = json.loads(wb("check", str(path), "--json").stdout)
    (q,) = [q for q in doc["questions"] if q["value"] == "stairz"]
    assert q["text"].startswith('trigger not understood: "stairz"') and q["suggestions"]


# ---------------------------------------------------------------- catalog


def test_catalog_list_and_search():
    listed = wb("catalog", "list", "--discipline", "swimming", "--json")
    rows = json.loads(listed.stdout)
    assert listed.returncode == 0 and rows and all(r["discipline"] == "swimming" for r in rows)
    assert all(r["settings"] == ["pool"] for r in rows)
    found = wb("catalog", "search", "bridge")
    assert found.returncode == 0 and "yoga-bridge" in found.stdout
    pool = json.loads(wb("catalog", "search", "pool back", "--json").stdout)["matches"]
    assert {"swim-backstroke", "swim-kickboard-back"} <= {m["id"] for m in pool}
    missing = wb("catalog", "search", "bridgee")
    assert missing.returncode == 1 and "no exercise matches 'bridgee'" in missing.stdout
    assert "did you mean" in missing.stdout


def test_catalog_import_then_review_then_plan_with_the_reviewed_rows(tmp_path):
    source = ROOT / "workbench" / "data" / "free-exercise-db" / "exercises.json"
    small = tmp_path / "exercises.json"
    small.write_text(json.dumps(json.loads(source.read_text())[:25]))
    out = tmp_path / "imported.csv"
    done = wb("catalog", "import", str(small), "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "source": str(small), "out": str(out), "rows": 25, "needs_review": 25,
    }  # fmt: skip
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 25 and all(r["needs_review"] == "yes" and r["settings"] for r in rows)
    review = wb("catalog", "review", str(out), "--json")
    doc = json.loads(review.stdout)
    assert review.returncode == 0 and len(doc["flagged"]) == 25 and doc["to_check"]
    text = wb("catalog", "review", str(out))
    assert "25 of 25 rows wait for review" in text.stdout
    # a trainer reviews one row: it is no longer flagged
    rows[0]["needs_review"] = "no"
    with out.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert "24 of 25 rows wait" in wb("catalog", "review", str(out)).stdout
