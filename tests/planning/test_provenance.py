"""A result says whose it is: the client, the date, the options, the catalog, the version.

A saved plan must be traceable (which client file, which catalog, which workbench) and
re-makeable (the same inputs give the same weeks).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from importlib import metadata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import PULP_V4

import workbench as wb
from workbench.catalog import builtin_catalog
from workbench.client.examples import EXAMPLES_DIR, example_clients
from workbench.planning.provenance import catalog_hash, client_hash

pytestmark = PULP_V4

CATALOG = builtin_catalog()


def _plan_json(*argv: str) -> dict:
    """``workbench plan ... --json`` as a subprocess: stdout must be one JSON document."""
    proc = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "plan", *argv, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 3, 4), proc.stderr
    return json.loads(proc.stdout)


def test_the_plan_json_names_the_client_the_date_options_catalog_and_version():
    path = EXAMPLES_DIR / "high-fear.json"
    client = wb.load_client(path)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    doc = _plan_json(str(path), "--weeks", "2", "--ban", "yoga-cat-cow")
    after = dt.datetime.now(dt.UTC)
    made = doc["made"]
    assert made["client"] == {"id": client.id, "name": client.name, "hash": client_hash(client)}
    assert before <= dt.datetime.fromisoformat(made["at"]) <= after
    assert made["options"]["weeks"] == 2 and made["options"]["bans"] == ["yoga-cat-cow"]
    assert made["catalog"]["hash"] == catalog_hash(CATALOG)
    assert made["catalog"]["exercises"] == len(CATALOG.exercises)
    assert made["workbench_version"] == metadata.version("workbench")


@pytest.mark.parametrize("name", ["red-flag", "new-pain-55-no-clearance"])
def test_a_result_without_a_plan_still_says_whose_it_is(name):
    client = wb.load_client(EXAMPLES_DIR / f"{name}.json")
    doc = wb.plan(client, CATALOG).to_json()
    assert doc["status"] in ("referred", "needs_clearance")
    assert doc["made"]["client"]["id"] == client.id
    assert doc["made"]["client"]["name"] == client.name


def test_a_saved_plan_is_made_again_from_its_own_record():
    client = example_clients()["desk-worker-flexion"]
    pins = (wb.Pin("walk-easy", 1, wb.Day("mon")),)
    options = wb.PlanOptions(weeks=3, pins=pins, bans=frozenset({"yoga-cat-cow"}))
    saved = json.loads(json.dumps(wb.plan(client, CATALOG, options).to_json()))
    # the trainer finds the same client file and catalog by their hashes
    assert saved["made"]["client"]["hash"] == client_hash(client)
    assert saved["made"]["catalog"]["hash"] == catalog_hash(CATALOG)
    again = wb.plan(client, CATALOG, wb.PlanOptions.from_json(saved["made"]["options"])).to_json()
    assert again["made"]["options"] == saved["made"]["options"]
    assert again["weeks"] == saved["weeks"] or _same_blocks(again, saved)


def _same_blocks(a: dict, b: dict) -> bool:
    def blocks(doc):
        return [
            (w["week"], d["day"], x["exercise_id"], x["minutes"])
            for w in doc["weeks"]
            for d in w["days"]
            for x in d["blocks"]
        ]

    return blocks(a) == blocks(b)


def test_unknown_options_in_a_record_are_refused_by_name():
    with pytest.raises(ValueError, match="unknown plan options \\['speed'\\]"):
        wb.PlanOptions.from_json({"weeks": 1, "speed": 3})


def test_two_makings_of_one_plan_differ_in_their_record_only_by_the_time():
    client = example_clients()["pool-only"]
    a, b = wb.plan(client, CATALOG), wb.plan(client, CATALOG)
    assert a.weeks == b.weeks
    ra, rb = a.made.to_json(), b.made.to_json()
    assert ra.pop("at") <= rb.pop("at") and ra == rb


@settings(max_examples=25, deadline=None)
@given(
    index=st.integers(0, len(CATALOG.exercises) - 1),
    field=st.sampled_from(["rpe", "minutes", "cue"]),
)
def test_the_catalog_hash_changes_with_any_exercise_and_only_with_content(index, field):
    exercises = list(CATALOG.exercises)
    ex = exercises[index]
    new = {"rpe": ex.rpe + 0.5, "minutes": ex.minutes + 1, "cue": ex.cue + "."}[field]
    changed = exercises[:index] + [dataclasses.replace(ex, **{field: new})] + exercises[index + 1 :]
    assert catalog_hash(changed) != catalog_hash(exercises)
    # the same content, its sets rebuilt, hashes the same
    rebuilt = [dataclasses.replace(e, equipment=frozenset(sorted(e.equipment))) for e in exercises]
    assert catalog_hash(rebuilt) == catalog_hash(exercises) == catalog_hash(CATALOG)


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(sorted(example_clients())), age=st.integers(18, 90))
def test_the_client_hash_tells_one_client_file_from_another(name, age):
    client = example_clients()[name]
    other = dataclasses.replace(client, age=age)
    assert (client_hash(other) == client_hash(client)) == (age == client.age)


def test_the_verbose_table_names_whose_plan_it_is_and_the_plain_one_does_not():
    client = example_clients()["pool-only"]
    result = wb.plan(client, CATALOG)
    line = f"Made for {client.name} ({client.id}) at {result.made.made_at} by workbench"
    assert line in wb.format_plan(result, verbose=True)
    assert "Made for" not in wb.format_plan(result)
