"""The command line: ``workbench plan CLIENT.json [--weeks N] [--catalog PATH] [--json]``,
with the trainer's pins and bans. Exit codes: 0 planned, 3 referred or needs clearance,
4 infeasible, 2 bad input (the error names the file or option, the field and why)."""

import json
import shutil
import subprocess
import sys

import pytest
from strategies import PULP_V4

from workbench.catalog import builtin_catalog
from workbench.cli.main import main
from workbench.client.examples import EXAMPLES_DIR
from workbench.paths import BUILTIN_CATALOG

pytestmark = PULP_V4


def client_file(name: str) -> str:
    return str(EXAMPLES_DIR / f"{name}.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["plan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, *argv, "--json")
    assert err == ""
    return code, json.loads(out)


def blocks(doc: dict) -> list[tuple[int, str, str]]:
    return [
        (w["week"], d["day"], b["exercise_id"])
        for w in doc["weeks"]
        for d in w["days"]
        for b in d["blocks"]
    ]


def test_a_planned_client_exits_0_with_the_documented_json_document(capsys):
    code, doc = plan_json(capsys, client_file("high-fear"), "--weeks", "2")
    assert code == 0 and doc["status"] == "planned" and doc["message"]
    assert [w["week"] for w in doc["weeks"]] == [1, 2]
    for w in doc["weeks"]:
        assert {"week", "ceiling", "load", "minutes_by_goal", "days"} <= set(w)
        assert w["load"] <= w["ceiling"] + 1e-6
        for d in w["days"]:
            for b in d["blocks"]:
                assert {"exercise_id", "discipline", "minutes", "rpe", "load", "reasons"} <= set(b)
                assert b["reasons"]
    assert doc["excluded"] and all({"exercise_id", "reason"} <= set(e) for e in doc["excluded"])
    assert doc["diagnosis"] == []
    assert {"name", "status", "gap", "seconds"} <= set(doc["solver"])
    assert doc["solver"]["status"] == "optimal" and doc["solver"]["gap"] <= 0.01 + 1e-9


def test_the_readable_table_shows_each_week_its_load_and_the_solver(capsys):
    code, out, err = run(capsys, client_file("pool-only"), "--weeks", "2")
    assert code == 0 and err == ""
    assert out.startswith("Plan ready.")
    assert "Week 1: load" in out and "Week 2: load" in out
    assert "Limited this week by: the weekly load ceiling" in out
    assert "binds:" not in out and "weekly_load_ceiling" not in out
    assert "Solver" not in out and "exercises left out" not in out  # behind --verbose
    code, out, _err = run(capsys, client_file("pool-only"), "--weeks", "2", "--verbose")
    assert "Solver HiGHS: optimal" in out and "exercises left out" in out


@pytest.mark.parametrize(
    ("name", "status"), [("red-flag", "referred"), ("new-pain-55-no-clearance", "needs_clearance")]
)
def test_a_referred_or_uncleared_client_exits_3_with_no_weeks(capsys, name, status):
    code, doc = plan_json(capsys, client_file(name))
    assert code == 3 and doc["status"] == status
    assert doc["weeks"] == [] and doc["message"]


def test_a_ban_keeps_the_exercise_out_of_every_week(capsys):
    _code, doc = plan_json(capsys, client_file("high-fear"), "--weeks", "2")
    first = blocks(doc)[0][2]
    code, banned = plan_json(capsys, client_file("high-fear"), "--weeks", "2", "--ban", first)
    assert code == 0
    assert first not in {i for _w, _d, i in blocks(banned)}


def test_a_pin_puts_the_exercise_on_its_day(capsys):
    _code, doc = plan_json(capsys, client_file("high-fear"))
    week, day, exercise = blocks(doc)[0]
    other = next(d["day"] for d in doc["weeks"][0]["days"] if d["day"] != day)
    code, pinned = plan_json(capsys, client_file("high-fear"), "--pin", f"{exercise}:1:{other}")
    assert code == 0, pinned["diagnosis"]
    assert (1, other, exercise) in blocks(pinned)


def test_a_pin_on_a_day_the_client_does_not_train_exits_4_saying_so(capsys):
    code, doc = plan_json(capsys, client_file("high-fear"), "--pin", "walk-trail:1:tue")
    assert code == 4 and doc["status"] == "infeasible"
    text = " ".join(doc["diagnosis"])
    assert "Tuesday is not one of the client's training days" in text
    assert "remove the pin of walk-trail" in text
    # only the rule a change can cure is named (the load ceiling was named too), and the
    # message says the week once
    assert doc["diagnosis"][0] == "In week 1 the trainer's pins cannot hold with the other rules."
    assert doc["message"] == (
        "No plan fits every rule in week 1. The trainer's pins cannot hold with the other rules."
    )


def test_a_pin_no_plan_can_keep_exits_4_with_a_diagnosis(capsys):
    """The high-fear client's tolerances leave the deadlift out: the diagnosis says so
    and offers to remove the pin, in the table once each."""
    code, doc = plan_json(capsys, client_file("high-fear"), "--pin", "gym-deadlift:1")
    assert code == 4 and doc["status"] == "infeasible"
    text = " ".join(doc["diagnosis"])
    assert "gym-deadlift" in text and "remove the pin" in text
    code, out, _err = run(capsys, client_file("high-fear"), "--pin", "gym-deadlift:1")
    assert code == 4 and out.startswith("No plan fits every rule in week 1.")
    assert out.count("cannot hold with the other rules") == 1, out
    assert out.count("remove the pin of gym-deadlift") == 1, out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--weeks", "13"], "--weeks 13: a plan has 1 to 12 weeks"),
        (
            ["--pin", "walk-trial:1"],
            "no exercise 'walk-trial' in the catalog; did you mean walk-trail",
        ),
        (["--pin", "walk-trail"], "write EXERCISE_ID:WEEK or EXERCISE_ID:WEEK:DAY"),
        (["--pin", "walk-trail:2"], "week 2 is outside a 1-week plan (--weeks 1)"),
        (["--pin", "walk-trail:1:someday"], "'someday' is not a day; use one of mon, tue, wed"),
        (["--ban", "yoga-brige"], "--ban 'yoga-brige': no exercise 'yoga-brige'"),
        (["--pin", "walk-trail:1", "--ban", "walk-trail"], "walk-trail is both pinned and banned"),
    ],
)
def test_bad_options_exit_2_naming_the_option_and_why(capsys, argv, expected):
    code, out, err = run(capsys, client_file("high-fear"), *argv)
    assert code == 2 and out == ""
    assert err.startswith("workbench: ") and expected in err and "Errno" not in err


def test_a_bad_client_file_exits_2_naming_the_file_and_the_fields(capsys, tmp_path):
    bad = tmp_path / "client.json"
    bad.write_text(json.dumps({"id": "x"}))
    code, out, err = run(capsys, str(bad))
    assert code == 2 and out == ""
    assert str(bad) in err and "name: is required" in err and "age: is required" in err


def test_a_missing_client_file_exits_2_naming_it(capsys, tmp_path):
    code, _out, err = run(capsys, str(tmp_path / "nobody.json"))
    assert code == 2 and err == f"workbench: no such file: {tmp_path / 'nobody.json'}\n"


def test_a_bad_catalog_row_exits_2_naming_its_row_column_and_allowed_values(capsys, tmp_path):
    bad = tmp_path / "catalog.csv"
    shutil.copy(BUILTIN_CATALOG, bad)
    lines = bad.read_text().splitlines(keepends=True)
    assert ",yoga," in lines[2]
    lines[2] = lines[2].replace(",yoga,", ",yogaa,", 1)
    bad.write_text("".join(lines))
    code, out, err = run(capsys, client_file("high-fear"), "--catalog", str(bad))
    assert code == 2 and out == ""
    assert 'row 3, column "discipline": "yogaa" is not allowed' in err
    assert "allowed: yoga, pilates" in err and "nothing was loaded" in err


def test_a_trainers_own_catalog_file_plans_like_the_built_in_one(capsys, tmp_path):
    own = tmp_path / "catalog.csv"
    shutil.copy(BUILTIN_CATALOG, own)
    _code, built_in = plan_json(capsys, client_file("pool-only"))
    code, doc = plan_json(capsys, client_file("pool-only"), "--catalog", str(own))
    assert code == 0 and blocks(doc) == blocks(built_in)
    assert {b[2] for b in blocks(doc)} <= {e.id for e in builtin_catalog()}


def test_a_reader_that_stops_early_is_not_an_error():
    """``workbench plan ... --json | head``: the pipe closes before the document is
    written; the command still exits with the plan's code and prints no traceback."""
    cmd = [sys.executable, "-m", "workbench.cli", "plan", client_file("high-fear"), "--json"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        proc.stdout.read(1)  # the first byte, then the reader goes away
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_the_table_says_in_words_which_weeks_ran_out_of_time():
    """The terminal table names the weeks a time budget stopped, not only the status."""
    from dataclasses import replace

    from workbench.catalog import builtin_catalog
    from workbench.client.examples import example_client
    from workbench.planning.planner import PlanOptions, plan
    from workbench.planning.report import format_plan
    from workbench.planning.result import SolverInfo

    result = plan(example_client("high-fear"), builtin_catalog(), PlanOptions(weeks=2))
    assert result.planned
    assert "time allowed ran out" not in format_plan(result)
    detail = tuple({**d, "status": "time_limit", "gap": 0.031} for d in result.solver.detail)
    stopped = replace(result, solver=SolverInfo("HiGHS", "time_limit", 0.031, 1.9, detail))
    text = format_plan(stopped, verbose=True)
    assert "Solver HiGHS: time_limit, gap 3.10%" in text
    assert "Weeks 1, 2: the time allowed ran out" in text and "at most 3.1% short" in text
    assert "other weeks are proven" not in text  # there are none


def test_a_flare_up_today_is_in_the_json_with_its_numbers_and_both_wordings(capsys, tmp_path):
    doc = json.loads((EXAMPLES_DIR / "desk-worker-flexion.json").read_text(encoding="utf-8"))
    code, calm = plan_json(capsys, client_file("desk-worker-flexion"), "--weeks", "2")
    assert code == 0 and calm["flare_up"] is None and calm["pain_guidance"] is None
    doc["pain"]["now"] = 8  # the week's average is 4
    path = tmp_path / "flare.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out = plan_json(capsys, str(path), "--weeks", "2")
    assert code == 0
    flare = out["flare_up"]
    assert flare["pain_now"] == 8 and flare["average_week"] == 4
    assert flare["usual_week1_ceiling"] == calm["weeks"][0]["ceiling"]
    assert (
        flare["week1_ceiling"]
        == out["weeks"][0]["ceiling"]
        <= 0.5 * flare["usual_week1_ceiling"] + 0.05
    )
    assert out["weeks"][1]["ceiling"] == flare["week1_ceiling"] and flare["held_weeks"] == [2]
    assert flare["max_rpe"] == 3 and all(
        b["rpe"] <= 3 for d in out["weeks"][0]["days"] for b in d["blocks"]
    )
    assert "starts gently" in flare["client"] and "flare_ceiling_factor" in flare["trainer"]
    assert out["pain_guidance"]["rise_max"] == 2  # 8/10 is resting pain too
    code, text, _err = run(capsys, str(path), "--weeks", "2")
    assert "Flare-up today" in text and "For the client: Your pain is higher today" in text


def pregnant_file(tmp_path, covers: list[str]) -> str:
    data = json.loads((EXAMPLES_DIR / "high-fear.json").read_text(encoding="utf-8"))
    data |= {"schema_version": 3, "precautions": {"pregnancy": True}, "pregnancy_weeks": 22}
    data["clearance"] = data["clearance"] | {"covers": covers}
    path = tmp_path / "pregnant.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_pregnant_client_without_covering_clearance_exits_3_and_says_who_clears(capsys, tmp_path):
    code, doc = plan_json(capsys, pregnant_file(tmp_path, []), "--weeks", "1")
    assert code == 3 and doc["status"] == "needs_clearance" and doc["weeks"] == []
    assert "midwife or obstetrician" in doc["message"]
    assert any("bleeding" in w for w in doc["watch_for"])


def test_a_plan_carries_what_the_client_watches_for_in_json_and_text(capsys, tmp_path):
    path = pregnant_file(tmp_path, ["pregnancy"])
    code, doc = plan_json(capsys, path, "--weeks", "1")
    assert code == 0 and doc["status"] == "planned"
    assert len(doc["watch_for"]) == 1 and "lying on your back" in doc["watch_for"][0]
    code, out, _ = run(capsys, path, "--weeks", "1")
    assert "For the client to watch for:" in out and "lying on your back" in out
    assert main(["check", path, "--json"]) == 0
    check = json.loads(capsys.readouterr().out)
    assert check["screening"]["precautions"] == ["pregnancy"]
    assert check["screening"]["watch_for"] == doc["watch_for"]
