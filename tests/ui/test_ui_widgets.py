"""Widget wiring without a browser: set widget values in Python, check the domain objects.

The form's value is a checked Client, refused fields are marked in place, nothing is
half-saved; the app's callbacks call the planner and show its answer (plan, referral or
diagnosis); the lab's buttons show the lab's tables and charts. The browser tests
(tests/ui/browser/test_app.py) check only that the same wiring works in a real page.
"""

import html
import json
import threading
import time
from dataclasses import replace

import pytest
from strategies import PULP_V4

from workbench.catalog import builtin_catalog
from workbench.client.assessment import AssessmentError, client_to_dict, load_client, save_client
from workbench.client.examples import example_client, example_names
from workbench.domain import RED_FLAGS, Dimension, Goal
from workbench.language import find_threat_words
from workbench.optimize.problem import Pin
from workbench.planning import planner
from workbench.planning.result import PlanResult
from workbench.rules.tolerance import tolerances_from_triggers
from workbench.ui.answer_html import client_cue
from workbench.ui.app import DesignApp
from workbench.ui.debounce import Debouncer, PendingPlan
from workbench.ui.form import SECTIONS, AssessmentForm
from workbench.ui.lab_panel import ConstraintLab, ScenarioEditor

FAST = "runner-returning"  # one week plans in a fraction of a second


def marked(form: AssessmentForm, path: str) -> bool:
    return "wb-invalid" in form.field_for(path).widget._dom_classes


def block_buttons(app: DesignApp) -> list:
    return [
        b for column in app.grid.children for b in column.children if "wb-block" in b._dom_classes
    ]


def svg_marks(svg: str) -> int:
    return svg.count('role="graphics-symbol"')


# ================================================================== the form


@pytest.mark.parametrize("name", example_names())
def test_the_form_gives_back_every_example_client_unchanged(name):
    client = example_client(name)
    form = AssessmentForm(client)
    assert form.value == client
    assert form.problems_now() == []
    assert form.path.value == f"clients/{client.id}.json"


def test_a_bad_value_is_refused_in_place_with_its_reason():
    form = AssessmentForm(example_client(FAST))
    form.field_for("age").widget.value = 200
    with pytest.raises(AssessmentError) as err:
        _ = form.value
    assert err.value.fields == ["age"]
    assert marked(form, "age")
    assert (
        "must be a whole number from 12 to 110 [years] (got 200)"
        in form.field_for("age").error.value
    )
    assert form.field_for("age").error.layout.display == ""
    assert form.sections.titles[SECTIONS.index("Client")] == "Client (1 to fix)"
    assert "age: must be a whole number from 12 to 110" in form.problems.value
    # nothing else is marked
    assert not marked(form, "name") and not marked(form, "pain.now")


def test_fixing_the_value_clears_its_mark():
    form = AssessmentForm(example_client(FAST))
    form.field_for("pain.now").widget.value = 11
    assert marked(form, "pain.now")  # marked as soon as it is entered
    form.field_for("pain.now").widget.value = 4
    assert not marked(form, "pain.now")
    assert form.field_for("pain.now").error.value == ""
    assert form.problems.layout.display == "none"
    assert form.value.pain.now == 4


def test_instrument_items_are_refused_on_their_text_box_naming_the_item():
    form = AssessmentForm(example_client(FAST))
    start_back = form.field_for("instruments.start_back")
    start_back.widget.value = "0, 1, 0, 1, 0, 1, 0, 0, 7"
    problems = form.problems_now()
    assert [p.field for p in problems] == ["instruments.start_back[8]"]
    assert marked(form, "instruments.start_back")
    assert "STarT Back item 9" in start_back.error.value
    start_back.widget.value = ""  # blank: not done
    assert form.value.instruments.start_back is None


def test_text_typed_into_a_number_box_is_refused_with_the_range():
    form = AssessmentForm(example_client(FAST))
    form.field_for("tests.sit_and_reach_cm").widget.value = "far"
    assert marked(form, "tests.sit_and_reach_cm")
    assert "a number from -40 to 60 [cm], or null (not done)" in (
        form.field_for("tests.sit_and_reach_cm").error.value
    )


def test_a_problem_in_one_activity_is_marked_on_that_row():
    form = AssessmentForm(example_client("desk-worker-flexion"))  # two activities
    form.rows[1].rpe.value = 11.0
    assert [p.field for p in form.problems_now()] == ["activities[1].rpe"]
    assert "wb-invalid" in form.rows[1].rpe._dom_classes
    assert "wb-invalid" not in form.rows[0].rpe._dom_classes
    assert "0 to 10" in form.rows[1].errors["rpe"].value


def test_a_cross_field_rule_marks_the_field_it_names():
    form = AssessmentForm(example_client(FAST))  # available: tue, thu, sat, sun
    supervised = form.field_for("supervised_days").widget
    supervised.selected = ["mon"]
    assert marked(form, "supervised_days")
    assert (
        "a supervised day must be an available day" in form.field_for("supervised_days").error.value
    )
    section = SECTIONS.index("Schedule and equipment")
    assert form.sections.titles[section].endswith("(1 to fix)")


def test_activities_can_be_added_and_removed():
    form = AssessmentForm(example_client(FAST))
    before = len(form.value.activities)
    row = form._add_row()
    row.discipline.value = "swimming"
    row.sessions.value, row.minutes.value, row.rpe.value = 1, 30, 4.0
    assert len(form.value.activities) == before + 1
    assert form.value.activities[-1].weekly_load == 120
    row.remove.click()
    assert len(form.value.activities) == before


def test_saving_with_errors_writes_nothing_and_shows_every_problem(tmp_path):
    client = example_client(FAST)
    path = tmp_path / "client.json"
    save_client(client, path)
    before = path.read_bytes()
    form = AssessmentForm(client, path=path)
    form.path.value = str(path)
    form.field_for("age").widget.value = 5
    form.field_for("pain.worst_week").widget.value = 12
    assert form.save() is None
    assert path.read_bytes() == before  # the old file is untouched
    assert list(tmp_path.iterdir()) == [path]  # and no temporary file is left
    status = form.file_status.value
    assert "Not saved: 2 field(s) to fix" in status
    assert "age: must be" in status and "pain.worst_week: must be" in status
    assert marked(form, "age") and marked(form, "pain.worst_week")


def test_save_then_load_round_trips_through_the_client_file(tmp_path):
    path = tmp_path / "clients" / "someone.json"
    form = AssessmentForm(example_client(FAST))
    form.field_for("name").widget.value = "Sam Lee"
    assert form.save(path) == path
    assert "Saved" in form.file_status.value
    assert load_client(path).name == "Sam Lee"

    other = AssessmentForm(example_client("pool-only"))
    assert other.load(path) == load_client(path)
    assert other.value.name == "Sam Lee" and other.path.value == str(path)


def test_loading_a_refused_file_shows_why_and_keeps_the_form(tmp_path):
    data = client_to_dict(example_client(FAST))
    data["age"], data["pain"]["now"] = 300, -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    form = AssessmentForm(example_client("pool-only"))
    assert form.load(path) is None
    assert "age:" in form.file_status.value and "pain.now:" in form.file_status.value
    assert form.value == example_client("pool-only")


def test_blank_form_asks_for_the_required_fields():
    form = AssessmentForm()
    with pytest.raises(AssessmentError) as err:
        _ = form.value
    assert {"id", "name"} <= set(err.value.fields)
    assert marked(form, "id") and marked(form, "name")


def test_notes_that_mention_a_symptom_force_its_red_flag_questions():
    form = AssessmentForm(example_client(FAST))
    assert form.forced_questions == []
    form.field_for("notes").widget.value = "Some numbness in the left foot after long runs."
    assert form.forced_questions == [
        "saddle_numbness",
        "bilateral_leg_symptoms",
        "progressive_neuro_deficit",
    ]
    assert (
        "The notes mention 'numbness': ask this question."
        in form.flag_questions["saddle_numbness"].value
    )
    assert "ask for 3 questions" in form.forced.value
    # text never answers a question
    assert form.value.red_flags == example_client(FAST).red_flags


def test_notes_with_threat_words_get_gentler_phrasing():
    form = AssessmentForm(example_client(FAST))
    form.field_for("notes").widget.value = "Told years ago she has a slipped disc."
    assert "'slipped disc' could read 'sensitive disc'" in form.notes_hint.value


def test_a_red_flag_answer_becomes_the_clients_answer():
    form = AssessmentForm(example_client(FAST))
    form.flag_buttons["fever_or_unwell"].value = "Yes"
    assert form.value.red_flags["fever_or_unwell"] is True
    form.flag_buttons["fever_or_unwell"].value = "Not asked"
    assert "fever_or_unwell" not in form.value.red_flags
    assert len(RED_FLAGS) == len(form.flag_buttons)


def test_triggers_suggest_tolerances_that_stay_editable():
    form = AssessmentForm(example_client(FAST))
    form.trigger_group.selected = ["sitting", "lifting"]
    suggested = form.suggest_tolerances()
    assert suggested == tolerances_from_triggers(["sitting", "lifting"])
    assert form.value.tolerances == suggested
    assert "loaded flexion 1" in form.suggestion.value
    form.tolerance_inputs[Dimension.EXTENSION].value = 3  # the trainer knows better
    assert form.value.tolerances[Dimension.EXTENSION] == 3
    # triggers in the client's own words are kept beside the listed ones
    assert {"running on pavement", "sitting", "lifting"} <= form.value.triggers


def test_a_new_client_notifies_once_and_edits_notify_each_time():
    form = AssessmentForm(example_client(FAST))
    calls = []
    form.on_change(lambda: calls.append(1))
    form.value = example_client("pool-only")
    assert calls == [1]
    form.field_for("pain.now").widget.value = 2
    form.goal_inputs[Goal.CARDIO].value = 60
    assert len(calls) == 3


# ================================================================== the app


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


@pytest.fixture
def app(catalog):
    return DesignApp(example=FAST, catalog=catalog, weeks=1, debounce_s=None)


def shown(widget) -> bool:
    return widget.layout.display != "none"


@PULP_V4
def test_the_app_opens_on_a_plan_with_its_grid_and_chart(app):
    r = app.result
    assert r.planned and app.error is None
    assert shown(app.plan_box) and not shown(app.referral) and not shown(app.diagnosis)
    week = r.weeks[0]
    buttons = block_buttons(app)
    assert len(buttons) == sum(len(d.blocks) for d in week.days)
    assert {b.description.split(" · ")[0] for b in buttons} == {
        b.name for d in week.days for b in d.blocks
    }
    assert app.load_pane.value.startswith("<svg") and svg_marks(app.load_pane.value) >= 2
    assert app.goal_pane.value == ""  # drawn when its tab is opened
    app.views.selected_index = 1
    assert svg_marks(app.goal_pane.value) >= len(week.goal_targets)
    assert f"data-n='{app.plans_done}'" in app.status.value
    assert "left out" in app.excluded.value


@PULP_V4
def test_opening_what_limits_the_week_explains_what_a_higher_ceiling_would_buy(app):
    assert app.result.ceiling_plus_10 == ()  # not asked for while the tab is closed
    before = app.plans_done
    app.views.selected_index = 4
    assert app.plans_done == before + 1 and app.options.explain
    assert app.result.ceiling_plus_10 and "10% higher ceiling" in app.notes.value
    assert "limited this week by" in app.notes.value
    assert "the weekly load ceiling" in app.notes.value  # the trainer's words, not a family
    assert "weekly_load_ceiling" not in app.notes.value and "Solver" not in app.notes.value
    assert app.views.titles[4] == "Week limits"
    assert "Made for" not in app.notes.value
    app.solver_details.value = True  # the details toggle shows the solver's status and gap
    assert "Solver HiGHS: optimal" in app.notes.value
    made = app.result.made  # ... and whose plan it is, made when, by which workbench
    assert f"Made for {made.client_name} ({made.client_id}) at {made.made_at}" in app.notes.value
    assert f"workbench {made.workbench_version}" in app.notes.value
    app.weeks.value = 2  # while the tab is open, every plan is explained
    assert len(app.result.ceiling_plus_10) == 2


@PULP_V4
def test_changing_a_control_replans(app):
    app.weeks.value = 2
    assert [w.week for w in app.result.weeks] == [1, 2]
    assert app.week_selector.options == (1, 2)
    app.week_selector.value = 2
    first_day = app.result.weeks[1].days[0]
    assert app.grid.children[0].head.value.startswith(first_day.day.value.capitalize())
    assert len(block_buttons(app)) == sum(len(d.blocks) for d in app.result.weeks[1].days)
    app.rise.value = 0.05
    assert app.options.overrides == {"weekly_rise": 0.05}
    assert app.result.weeks[1].ceiling == pytest.approx(app.result.weeks[0].ceiling * 1.05, abs=0.1)


@PULP_V4
def test_a_changed_form_field_replans(app):
    before = app.plans_done
    app.form.goal_inputs[Goal.CARDIO].value = 60
    assert app.plans_done == before + 1
    assert app.result.weeks[0].goal_targets[Goal.CARDIO] == 60


@PULP_V4
def test_a_red_flag_shows_the_referral_and_no_plan(app):
    app.form.flag_buttons["saddle_numbness"].value = "Yes"
    assert app.result.status == "referred"
    assert shown(app.referral) and not shown(app.plan_box) and not shown(app.diagnosis)
    assert app.result.message in app.referral.value.replace("&#x27;", "'")
    assert "hospital" in app.referral.value
    assert find_threat_words(app.result.message) == []
    app.form.flag_buttons["saddle_numbness"].value = "No"
    assert app.result.planned and shown(app.plan_box) and not shown(app.referral)


@PULP_V4
def test_impossible_goals_show_the_diagnosis_and_the_smallest_changes(catalog):
    app = DesignApp(example="strength-goal-gym", catalog=catalog, weeks=1, debounce_s=None)
    app.form.goal_inputs[Goal.STRENGTH].value = 600
    assert app.result.planned  # soft goals: a plan with a shortfall
    app.hard_goals.value = True
    r = app.result
    assert r.status == "infeasible"
    assert shown(app.diagnosis) and not shown(app.plan_box)
    assert "goal minutes" in app.diagnosis.value
    assert r.relaxations
    for offer in r.relaxations:  # each offered once, in the list of smallest changes
        assert app.diagnosis.value.count(html.escape(offer.text)) == 1


@PULP_V4
def test_an_invalid_form_hides_the_plan_until_fixed(app):
    app.form.field_for("age").widget.value = 3
    assert app.result is None and not shown(app.plan_box)
    assert "Fix the 1 marked field(s)" in app.status.value
    app.form.field_for("age").widget.value = 30
    assert app.result.planned


@PULP_V4
def test_clicking_a_block_shows_its_reasons_and_a_gentle_cue(app, catalog):
    button = block_buttons(app)[-1]
    button.click()
    week, day, index = app.selected
    block = next(d for d in app.result.weeks[0].days if d.day == day).blocks[index]
    assert "wb-selected" in button._dom_classes
    for reason in block.reasons:
        assert reason.split(" (")[0] in app.block_info.value
    cue = catalog.by_id[block.exercise_id].cue
    assert client_cue(cue) and find_threat_words(client_cue(cue)) == []
    assert not app.pin_block.disabled


def test_cues_with_a_threat_word_are_reworded_for_the_client():
    assert (
        client_cue("Keeps the unstable back safe")
        == "Keeps the still building strength and control back safe"
    )
    assert client_cue("Breathe out as you lift.") == "Breathe out as you lift."


def test_every_catalog_cue_reads_free_of_threat_words(catalog):
    for ex in catalog:
        assert find_threat_words(client_cue(ex.cue)) == [], (ex.id, ex.cue)


@pytest.mark.parametrize("name", ["red-flag", "new-pain-55-no-clearance"])
def test_the_referral_panel_speaks_calmly_to_the_client(name, catalog):
    app = DesignApp(example=name, catalog=catalog, weeks=1, debounce_s=None)
    assert app.result.status in ("referred", "needs_clearance")
    assert shown(app.referral) and not shown(app.plan_box)
    client_text = app.referral.value.split("<details>")[0]
    assert find_threat_words(html.unescape(client_text)) == []
    assert html.escape(app.result.message) in client_text


class Spy:
    """Wraps planner.plan / planner.replan and records the calls."""

    def __init__(self, monkeypatch):
        self.calls = []
        real_plan, real_replan = planner.plan, planner.replan

        def plan(client, catalog, options):
            self.calls.append(("plan", None, options))
            return real_plan(client, catalog, options)

        def replan(previous, client, catalog, options, from_week=1):
            self.calls.append(("replan", from_week, options))
            return real_replan(previous, client, catalog, options, from_week=from_week)

        monkeypatch.setattr(planner, "plan", plan)
        monkeypatch.setattr(planner, "replan", replan)


@PULP_V4
def test_pinning_a_block_replans_from_its_week(catalog, monkeypatch):
    app = DesignApp(example=FAST, catalog=catalog, weeks=2, debounce_s=None)
    spy = Spy(monkeypatch)
    app.week_selector.value = 2
    app.select_block(2, app.result.weeks[1].days[0].day, 0)
    block = app.result.weeks[1].days[0].blocks[0]
    app.pin_selected()
    kind, from_week, options = spy.calls[-1]
    assert (kind, from_week) == ("replan", 2)
    assert options.pins == (Pin(block.exercise_id, 2, app.result.weeks[1].days[0].day),)
    assert app.constraint_list.options[0][0].startswith(f"pin {block.name}, week 2")
    day = next(d for d in app.result.weeks[1].days if d.day == options.pins[0].day)
    assert block.exercise_id in {b.exercise_id for b in day.blocks}


@PULP_V4
def test_banning_a_block_replans_without_it_from_the_first_week_that_used_it(app, monkeypatch):
    spy = Spy(monkeypatch)
    day = app.result.weeks[0].days[0]
    app.select_block(1, day.day, 0)
    banned = day.blocks[0].exercise_id
    app.ban_block.click()
    assert spy.calls[0][:2] == ("replan", 1)
    assert app.bans == {banned}
    used = {b.exercise_id for w in app.result.weeks for d in w.days for b in d.blocks}
    assert banned not in used
    assert any(
        r["exercise_id"] == banned and r["family"] == "trainer_ban" for r in app.result.excluded
    )
    # the status says what the ban changed, and the grid marks the blocks new on their day
    assert "Re-planned: " in app.status.value and "out" in app.status.value
    marked = {key for key, b in app.grid.buttons.items() if "wb-new" in b._dom_classes}
    assert marked == set(app.changes[app.week_selector.value].new_blocks)
    assert ("edged in green" in app.block_info.value) == bool(marked)
    # removing the ban plans afresh
    app.constraint_list.value = ("ban", banned)
    app.remove_button.click()
    assert app.bans == frozenset() and spy.calls[-1][0] == "plan"


@PULP_V4
def test_a_ban_reaches_every_week_of_the_replan(catalog, monkeypatch):
    # The app re-plans with planner.replan from the first week that used the exercise;
    # replan compares each week's allowed set, so no later week keeps the banned one.
    app = DesignApp(example=FAST, catalog=catalog, weeks=3, debounce_s=None)
    spy = Spy(monkeypatch)
    banned = app.result.weeks[0].days[0].blocks[0].exercise_id
    app.add_ban(banned)
    assert spy.calls[-1][0] == "replan" and spy.calls[-1][2].bans == {banned}
    assert len(app.result.weeks) == 3
    used = {b.exercise_id for w in app.result.weeks for d in w.days for b in d.blocks}
    assert banned not in used


@PULP_V4
def test_choosing_an_example_loads_it_and_plans_once(app, monkeypatch):
    spy = Spy(monkeypatch)
    app.add_ban("walk-easy")
    spy.calls.clear()
    app.picker.value = "pool-only"
    assert len(spy.calls) == 1 and spy.calls[0][0] == "plan"
    assert app.form.value == example_client("pool-only")
    assert app.bans == frozenset()  # pins and bans belong to the client they were made for
    assert app.result.planned


# ------------------------------------------------------------------ debouncing


def test_the_debouncer_calls_once_after_a_burst():
    calls = []
    done = threading.Event()
    d = Debouncer(lambda: (calls.append(time.monotonic()), done.set()), delay=0.05)
    start = time.monotonic()
    for _ in range(5):
        d()
        time.sleep(0.01)
    assert done.wait(5) and d.wait(5)
    assert len(calls) == 1 and calls[0] - start >= 0.05 + 0.04


def test_the_debouncer_flush_runs_a_waiting_call_at_once():
    calls = []
    d = Debouncer(lambda: calls.append(1), delay=10)
    d()
    assert d.pending
    d.flush()
    assert calls == [1] and not d.pending


def test_a_burst_of_requests_replans_from_the_earliest_week_asked_and_fresh_if_any_was():
    pending = PendingPlan()
    pending.ask(3, fresh=False)
    pending.ask(2, fresh=False)
    assert pending.take() == (2, False)
    pending.ask(4, fresh=False)
    pending.ask(1, fresh=True)
    pending.ask(3, fresh=False)
    assert pending.take() == (1, True)
    assert pending.take() == (1, False)  # nothing asked since: the whole plan, re-used


def test_the_app_plans_once_for_a_burst_of_edits_and_shows_it_is_busy(monkeypatch, catalog):
    canned = PlanResult(status="referred", message="Please see your GP first.")
    calls = []
    gate = threading.Event()

    def slow_plan(client, catalog, options):
        calls.append(options)
        gate.wait(5)
        return canned

    monkeypatch.setattr(planner, "plan", slow_plan)
    app = DesignApp(example=FAST, catalog=catalog, debounce_s=0.05, plan_now=False)
    app.weeks.value = 2
    app.weeks.value = 3
    app.hard_goals.value = True
    assert app.busy.value == "Planning…" and "wb-planning" in app._dom_classes
    time.sleep(0.2)
    assert len(calls) == 1 and calls[0].weeks == 3 and calls[0].hard_goals
    assert app.busy.value == "Planning…"  # still planning
    gate.set()
    assert app.wait(5)
    assert app.busy.value == "" and "wb-planning" not in app._dom_classes
    assert app.result is canned and shown(app.referral)


# ================================================================== the lab


@PULP_V4
def test_the_lab_compares_scenarios_side_by_side(catalog):
    lab = ConstraintLab(example=FAST, catalog=catalog, weeks=1)
    lab.editors[1].rise.value = 0.05
    lab.editors[3].strength.value = 80
    lab.compare_button.click()
    assert list(lab.results) == [e.name.value for e in lab.editors]
    assert all(r.planned for r in lab.results.values())
    assert lab.results["strength goal +50 %"].weeks[0].goal_targets[Goal.STRENGTH] == 80
    assert "target: strength [min]" in lab.diff.value
    assert svg_marks(lab.scenario_pane.value) >= 4
    assert "goal coverage [%]" in lab.summary.value


@PULP_V4
def test_the_lab_sweeps_one_parameter(catalog):
    lab = ConstraintLab(example=FAST, catalog=catalog, weeks=1)
    lab.parameter.value = "weekly_rise"
    assert lab.values.value.startswith("0, 0.06")
    lab.values.value = "0.05, 0.1"
    frame = lab.run_sweep()
    assert sorted(set(frame.value)) == [0.05, 0.1]
    assert svg_marks(lab.sweep_pane.value) >= 4
    assert "binding" in lab.sweep_table.value


def test_the_lab_says_why_a_sweep_value_is_refused(catalog):
    lab = ConstraintLab(example=FAST, catalog=catalog, weeks=1)
    lab.parameter.value = "weekly_rise"
    lab.values.value = "0.9"
    assert lab.run_sweep() is None
    assert "between 0 and 0.3" in lab.status.value


def test_a_scenario_editor_value_is_a_scenario():
    client = replace(example_client(FAST), goals={Goal.STRENGTH: 40})
    editor = ScenarioEditor("rise 20", client, weekly_rise=0.2, min_disciplines_per_week=3)
    s = editor.value
    assert s.name == "rise 20"
    assert s.options.overrides == {"weekly_rise": 0.2, "min_disciplines_per_week": 3.0}
    assert s.client.goals == {Goal.STRENGTH: 40}


@PULP_V4
def test_a_plan_whose_time_ran_out_says_which_weeks_in_plain_words(catalog, monkeypatch):
    """A week stopped by its time budget is not hidden in the solver line: the status
    says which weeks, and how far from the best they may be, in words."""
    from workbench.language import find_threat_words
    from workbench.planning.result import SolverInfo
    from workbench.ui.answer_html import notes_html

    real_plan = planner.plan

    def stopped(client, catalog, options):
        result = real_plan(client, catalog, options)
        detail = tuple(
            {**d, "status": "time_limit", "gap": 0.023} if d["week"] == 2 else d
            for d in result.solver.detail
        )
        info = SolverInfo(result.solver.name, "time_limit", 0.023, 0.9, detail)
        return replace(result, solver=info)

    monkeypatch.setattr(planner, "plan", stopped)
    app = DesignApp(example=FAST, catalog=catalog, weeks=3, debounce_s=None)
    assert app.result.solver.status == "time_limit"
    assert "Week 2: the time allowed ran out" in app.status.value
    assert "at most 2.3% short of it. The other weeks are proven." in app.status.value
    assert "Week 2: the time allowed ran out" in notes_html(app.result)
    assert find_threat_words(app.result.solver.summary()) == []


@PULP_V4
def test_the_trainer_bans_an_exercise_picked_by_name(app):
    used = app.result.weeks[0].days[0].blocks[0]
    label = next(k for k, v in app.exercise_labels.items() if v == used.exercise_id)
    assert label == f"{used.name} — {used.discipline.label}"
    app.exercise_picker.value = label
    app.ban_button.click()
    app.wait()
    assert used.exercise_id in app.bans and app.picker_hint.value == ""
    assert used.exercise_id not in {
        b.exercise_id for d in app.result.weeks[0].days for b in d.blocks
    }


def test_a_name_that_is_no_exercise_is_refused_in_place(app):
    app.exercise_picker.value = "Moonwalk"
    app.ban_button.click()
    assert app.bans == frozenset()
    assert (
        "No single exercise is called" in app.picker_hint.value
        and "Moonwalk" in app.picker_hint.value
    )


def test_the_form_says_in_place_when_a_trigger_is_not_understood():
    form = AssessmentForm(example_client("pool-only"))
    form.other_triggers.value = "stairz, putting on socks"
    assert "trigger not understood: &ldquo;stairz&rdquo;" in form.trigger_hint.value
    assert "putting on socks" not in form.trigger_hint.value  # a synonym it knows
    assert "stairz" in form.value.triggers  # kept, and asked about, not dropped


def test_the_form_records_where_the_client_trains():
    form = AssessmentForm(example_client("pool-only"))
    assert form.value.settings == frozenset({"pool"})


@PULP_V4
def test_pain_now_at_a_flare_up_shows_the_gentle_first_week_with_the_plan(app):
    assert not shown(app.answer.today)  # the runner's pain now is 1/10
    app.form.field_for("pain.now").widget.value = 8
    r = app.result
    assert r.planned and r.today.flare_up and shown(app.answer.today)
    text = html.unescape(app.answer.today.value)
    assert "Today starts gently" in text and r.today.client_text in text
    assert f"{r.weeks[0].ceiling:g} AU" in text and "Flare-up today" in app.status.value
    assert all(b.rpe <= 3 for d in r.weeks[0].days for b in d.blocks)
    assert find_threat_words(r.today.client_text) == []
    app.form.field_for("pain.now").widget.value = 1
    assert app.result.today is None and not shown(app.answer.today)
