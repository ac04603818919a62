"""The "Doctor's answer" panel driven in Python: errors in place, or the clearance applied
and the plan re-made."""

from __future__ import annotations

from datetime import date
from functools import cache

import workbench as wb
from workbench.ui.doctor_answer import DoctorAnswerPanel


@cache
def catalog():
    return wb.builtin_catalog()


def invalid(panel: DoctorAnswerPanel, name: str) -> bool:
    return "wb-invalid" in panel.fields[name]._dom_classes


def test_bad_fields_are_marked_in_place_and_nothing_changes():
    client = wb.example_client("new-pain-55-no-clearance")
    seen = []
    panel = DoctorAnswerPanel(client, catalog(), on_applied=seen.append, weeks=2)
    panel.fields["avoid_exercises"].value = ["gym-crunchh"]
    panel.fields["max_rpe"].value = "12"
    assert panel.apply() is False
    for name in ("cleared", "avoid_exercises", "max_rpe", "by", "date"):
        assert invalid(panel, name) and panel.errors[name].value, name
    assert "gym-crunch" in panel.errors["avoid_exercises"].value
    assert not invalid(panel, "notes") and panel.errors["notes"].value == ""
    assert "Not applied: 5 fields" in panel.status.value
    assert seen == [] and panel.client == client and panel.result is None


def test_apply_sets_the_clearance_and_re_makes_the_plan():
    client = wb.example_client("new-pain-55-no-clearance")
    seen = []
    panel = DoctorAnswerPanel(client, catalog(), on_applied=seen.append, weeks=2)
    panel.fields["max_rpe"].value = "12"
    panel.apply()  # a refused answer first: its marks go once fixed
    f = panel.fields
    f["cleared"].value = "yes"
    f["avoid_disciplines"].value = ("running",)
    f["avoid_exercises"].value = ["yoga-cat-cow"]
    f["max_rpe"].value = "4"
    f["by"].value = "Dr A. Okafor (GP)"
    f["date"].value = date(2026, 12, 1)
    assert panel.apply() is True
    assert not any(invalid(panel, n) for n in panel.fields)
    c = seen[0].clearance
    assert c.cleared and c.by == "Dr A. Okafor (GP)" and c.date == "2026-12-01"
    assert c.max_rpe == 4 and c.banned_exercises == {"yoga-cat-cow"}
    result = panel.result
    assert result.planned and wb.verify_plan(result, seen[0], catalog()) == []
    blocks = [b for w in result.weeks for d in w.days for b in d.blocks]
    assert all(b.rpe <= 4 and b.discipline.value != "running" for b in blocks)
    assert "The plan is re-made: 2 weeks" in panel.status.value


def test_a_no_leaves_no_program():
    panel = DoctorAnswerPanel(wb.example_client("pool-only"), catalog(), weeks=1)
    panel.fields["cleared"].value = "no"
    panel.fields["by"].value = "Dr H. Moreau (GP)"
    panel.fields["date"].value = date(2026, 12, 1)
    assert panel.apply() is True
    assert not panel.client.clearance.cleared and not panel.result.planned
    assert "No program" in panel.status.value


def test_a_new_client_clears_the_fields():
    panel = DoctorAnswerPanel(wb.example_client("pool-only"), catalog())
    panel.fields["by"].value = "Dr X"
    panel.fields["max_rpe"].value = "x"
    panel.apply()
    panel.set_client(wb.example_client("high-fear"))
    assert panel.fields["by"].value == "" and not invalid(panel, "max_rpe")
    assert panel.client.id == "high-fear"
