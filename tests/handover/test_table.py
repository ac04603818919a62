"""The plan's CSV: one row per block, every text cell guarded against formulas, numbers
staying numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import HANDOVER_TEXT, handover_plans

import workbench as wb
from workbench.catalog.table import Catalog
from workbench.handover.dates import session_date
from workbench.handover.table import COLUMNS, FORMULA_STARTS, guard_cell, plan_csv, plan_rows
from workbench.planning.result import Block, DayPlan, PlanResult, WeekPlan
from workbench.vocabulary import Day, Discipline

CLIENT = wb.example_client("desk-worker-flexion")
CATALOG = wb.builtin_catalog()
NUMBERS = ("week", "minutes", "effort", "load_au")
#: Cells a user could have typed: the client's name, the exercise's name and id.
TYPED = ("client", "exercise", "exercise_id")


def read(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def one_block(name: str, *, exercise_id: str = "ex-1", load: float = 30.0) -> PlanResult:
    block = Block(exercise_id, name, Discipline.WALKING, 10, 3.0, load)
    week = WeekPlan(1, 100.0, 100.0, (DayPlan(Day.WED, (block,)),), {}, {})
    return PlanResult(status="planned", message="", weeks=(week,))


@given(st.text())
def test_a_text_cell_that_could_run_gets_a_quote_and_no_other_changes(text):
    got = guard_cell(text)
    if text[:1] in FORMULA_STARTS and text:
        assert got == "'" + text
    else:
        assert got == text


@given(st.integers() | st.floats(allow_nan=False) | st.none() | st.booleans())
def test_numbers_stay_numbers(value):
    assert guard_cell(value) is value


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("where", ["client", "plan", "catalog"])
def test_each_formula_start_is_guarded(start, where):
    typed = f'{start}HYPERLINK("http://x.example","y")'
    catalog, client, name = CATALOG, CLIENT, "Walk"
    if where == "client":
        client = replace(CLIENT, name=typed)
    elif where == "plan":
        name = typed  # a block's name as the plan gave it (the catalog lacks the id)
    else:  # a merged catalog row named by a trainer
        ex = replace(CATALOG["walk-easy"], name=typed)
        catalog = Catalog([ex if e.id == ex.id else e for e in CATALOG], "merged")
    plan = one_block(name, exercise_id="walk-easy" if where == "catalog" else "ex-1")
    (row,) = read(plan_csv(plan, client, catalog, start=date(2026, 12, 7)))
    column = "client" if where == "client" else "exercise"
    assert row[column] == "'" + typed  # the spreadsheet shows it as text
    assert not any(row[c].startswith(FORMULA_STARTS) for c in COLUMNS)


def test_a_negative_number_stays_a_number():
    text = plan_csv(one_block("Walk", load=-12.5), CLIENT, CATALOG)
    line = text.splitlines()[1]
    assert line.endswith(",-12.5") and "'-" not in line
    (row,) = read(text)
    assert float(row["load_au"]) == -12.5


@given(
    plan=handover_plans(),
    client_name=HANDOVER_TEXT,
    start=st.dates(date(2024, 1, 1)).map(lambda d: d - timedelta(days=d.weekday())),
)
def test_one_row_per_block_with_numbers_as_numbers(plan, client_name, start):
    client = replace(CLIENT, name=client_name)
    text = plan_csv(plan, client, None, start=start)
    rows = read(text)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    blocks = [(w, d, b) for w in plan.weeks for d in w.days for b in d.blocks]
    assert len(rows) == len(blocks)
    for row, (w, d, b) in zip(rows, blocks, strict=True):
        assert int(row["week"]) == w.week and int(row["minutes"]) == b.minutes
        assert float(row["effort"]) == b.rpe and float(row["load_au"]) == round(b.load, 1)
        assert row["date"] == session_date(start, w.week, d.day).isoformat()
        assert row["day"] == d.day.label
        for c in ("client", "exercise"):
            typed = client_name if c == "client" else b.name
            assert row[c] == guard_cell(typed)  # the text, quoted only when it could run
    assert all(not isinstance(r[c], str) for r in plan_rows(plan, client, None) for c in NUMBERS)


def test_a_real_plan_names_its_exercises_and_disciplines():
    result = wb.plan(CLIENT, CATALOG, wb.PlanOptions(weeks=1))
    rows = read(plan_csv(result, CLIENT, CATALOG))
    assert {r["exercise_id"] for r in rows} == {
        b.exercise_id for d in result.weeks[0].days for b in d.blocks
    }
    for r in rows:
        ex = CATALOG[r["exercise_id"]]
        assert r["exercise"] == ex.name and r["discipline"] == ex.discipline.label
        assert r["date"] == "" and r["client"] == CLIENT.name
