"""Precautions in the assessment (workbench.client.precautions, screening; domain.md §8)."""

import dataclasses
import json
import subprocess
import sys

import pytest
from hypothesis import given
from strategies import ALL_NO, SCREENING_CLEARED, pregnant_clients
from strategies import screening_client as make_client

from workbench.client.assessment import AssessmentError, client_from_dict, load_client
from workbench.client.examples import EXAMPLES_DIR
from workbench.client.precautions import WATCH_FOR, WATCH_FOR_LATER_PREGNANCY
from workbench.client.screening import Outcome, screen
from workbench.defaults import DEFAULTS
from workbench.domain import PRECAUTIONS, RED_FLAGS, Activity, Discipline
from workbench.language import find_threat_words

NONE = {q: False for q in PRECAUTIONS}
#: Three 40-minute walks a week: exercising regularly (Riebe et al. 2015).
REGULAR = (Activity(Discipline.WALKING, 3, 40, 3.0),)


def client(precautions=None, **kw):
    return make_client(precautions={**NONE, **(precautions or {})}, **kw)


def covering(*ids):
    return dataclasses.replace(SCREENING_CLEARED, covers=frozenset(ids))


# --------------------------------------------------------------------- the cases


def test_a_22_week_pregnant_client_is_withheld_until_her_clearance_covers_pregnancy():
    c = client({"pregnancy": True}, pregnancy_weeks=22)
    s = screen(c)
    assert s.outcome is Outcome.NEEDS_CLEARANCE and not s.plannable
    assert "midwife or obstetrician" in s.message
    assert "ACOG Committee Opinion 804" in s.trainer_message
    assert "22 weeks" in s.trainer_message and "covers pregnancy" in s.trainer_message
    assert s.watch_for == (WATCH_FOR["pregnancy"] + " " + WATCH_FOR_LATER_PREGNANCY,)
    cleared = screen(dataclasses.replace(c, clearance=covering("pregnancy")))
    assert cleared.plannable
    assert cleared.watch_for == s.watch_for


def test_a_72_year_old_with_a_low_t_score_and_a_fracture_after_a_fall_is_withheld():
    c = client(
        {"osteoporosis": True},
        age=72,
        osteoporosis_t_score=-2.9,
        notes="Wrist fracture after a fall on the ice last winter.",
    )
    s = screen(c)
    assert s.outcome is Outcome.RECHECK and not s.plannable
    # the trauma "no" is asked again, quoting the words
    assert s.contradicted["significant_trauma"] == ("fracture", "fall")
    assert RED_FLAGS["significant_trauma"][1] in s.trainer_message
    assert "'fracture'" in s.trainer_message and "'fall'" in s.trainer_message
    # and the osteoporosis needs clearance: a vertebral fracture cannot be ruled out
    assert "vertebral fracture" in s.trainer_message
    assert s.watch_for == (WATCH_FOR["osteoporosis"],)
    # once the trainer confirms the "no" with the client, clearance is what remains
    confirmed = dataclasses.replace(c, confirmed_no={"significant_trauma": ("fracture", "fall")})
    assert screen(confirmed).outcome is Outcome.NEEDS_CLEARANCE
    covered = dataclasses.replace(confirmed, clearance=covering("osteoporosis"))
    assert screen(covered).plannable


def test_a_t_score_in_the_osteoporosis_range_contradicts_a_no_and_raises_an_unasked_question():
    low = DEFAULTS["osteoporosis_t_score"].value - 0.4
    said_no = screen(client(osteoporosis_t_score=low))
    assert said_no.outcome is Outcome.RECHECK
    assert said_no.contradicted == {"osteoporosis": (f"T-score {low:g}",)}
    unasked = screen(make_client(precautions={}, osteoporosis_t_score=low))
    assert unasked.outcome is Outcome.INCOMPLETE
    assert screen(client(osteoporosis_t_score=-1.0)).plannable


# ----------------------------------------------------------------- who needs clearance


@given(pregnant_clients())
def test_a_pregnant_client_without_covering_clearance_is_never_plannable(c):
    s = screen(c)
    assert not s.plannable
    assert "pregnancy" in s.precautions


def test_recent_surgery_always_needs_clearance_from_the_surgeon_or_gp():
    s = screen(client({"recent_surgery": True}))
    assert s.outcome is Outcome.NEEDS_CLEARANCE
    assert "surgeon or GP" in s.message
    assert screen(client({"recent_surgery": True}, clearance=covering("recent_surgery"))).plannable


def test_heart_metabolic_or_kidney_disease_needs_clearance_unless_exercising_regularly():
    yes = {"heart_metabolic_kidney": True}
    assert screen(client(yes)).outcome is Outcome.NEEDS_CLEARANCE
    assert screen(client(yes, activities=REGULAR)).plannable
    # symptoms need clearance even in a regular exerciser; a negated symptom does not
    assert not screen(client(yes, activities=REGULAR, notes="chest pain on hills")).plannable
    assert screen(client(yes, activities=REGULAR, notes="no chest pain on hills")).plannable


def test_osteoporosis_without_a_fracture_mentioned_needs_no_clearance_but_is_watched_for():
    s = screen(client({"osteoporosis": True}, osteoporosis_t_score=-2.7))
    assert s.plannable
    assert s.watch_for == (WATCH_FOR["osteoporosis"],)


# ------------------------------------------------------------------ text and precautions


@pytest.mark.parametrize(
    ("text", "precaution"),
    [
        ("22 weeks pregnant", "pregnancy"),
        ("sees the midwife on Friday", "pregnancy"),
        ("osteopenia on her last scan", "osteoporosis"),
        ("knee replacement in March", "recent_surgery"),
        ("type 2 diabetes, on metformin", "heart_metabolic_kidney"),
        ("gets palpitations on stairs", "heart_metabolic_kidney"),
    ],
)
def test_text_raises_an_unasked_precaution_and_contradicts_a_no(text, precaution):
    unasked = screen(make_client(precautions={}, notes=text))
    assert unasked.outcome is Outcome.INCOMPLETE
    assert f"Precaution {precaution}" in unasked.trainer_message
    said_no = screen(client(notes=text))
    assert said_no.outcome is Outcome.RECHECK
    assert precaution in said_no.contradicted


def test_an_old_file_without_precautions_plans_as_before_when_the_text_is_silent():
    s = screen(make_client(precautions={}))
    assert s.plannable and s.precautions == () and s.watch_for == ()


def test_what_the_client_watches_for_reads_calmly():
    for line in [*WATCH_FOR.values(), WATCH_FOR_LATER_PREGNANCY]:
        assert find_threat_words(line) == []
    s = screen(client({q: True for q in PRECAUTIONS}, pregnancy_weeks=10))
    assert find_threat_words(s.message) == [] and find_threat_words(s.trainer_message) == []


# -------------------------------------------------------------------------- the file


def example_dict(name="desk-worker-flexion"):
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("version", [1, 2])
def test_every_old_file_version_still_loads_with_precautions_not_asked(version, tmp_path):
    data = example_dict() | {"schema_version": version}
    if version == 1:
        data.pop("settings", None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    c = load_client(path)
    assert c.precautions == {} and c.pregnancy_weeks is None and c.clearance.covers == frozenset()
    assert c.confirmed_no == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pregnancy_weeks": 20}, "pregnancy_weeks"),
        ({"precautions": {"pregnancy": True}, "pregnancy_weeks": 43}, "pregnancy_weeks"),
        ({"precautions": {"pregnancy": True}, "pregnancy_weeks": 0}, "pregnancy_weeks"),
        ({"osteoporosis_t_score": -7}, "osteoporosis_t_score"),
        ({"osteoporosis_t_score": 4.5}, "osteoporosis_t_score"),
        ({"precautions": {"asthma": True}}, "precautions"),
        ({"clearance": {"cleared": True, "covers": ["asthma"]}}, "clearance.covers"),
        (
            {
                "confirmed_no": {"fever_or_unwell": ["fever"]},
                "red_flags": {"fever_or_unwell": None},
            },
            "confirmed_no.fever_or_unwell",
        ),
    ],
)
def test_the_file_refuses_precaution_values_out_of_place(change, field):
    data = example_dict() | {"schema_version": 3} | change
    with pytest.raises(AssessmentError) as info:
        client_from_dict(data)
    assert any(p.field.startswith(field) for p in info.value.problems), info.value.problems


def test_the_file_keeps_precautions_weeks_t_score_covers_and_confirmed_answers():
    data = example_dict() | {
        "schema_version": 3,
        "precautions": {"pregnancy": True, "osteoporosis": False},
        "pregnancy_weeks": 22,
        "osteoporosis_t_score": -1.2,
        "confirmed_no": {"significant_trauma": ["fell"]},
    }
    data["clearance"] = data["clearance"] | {"covers": ["pregnancy"]}
    data["red_flags"] = {**ALL_NO, **data["red_flags"], "significant_trauma": False}
    c = client_from_dict(data)
    assert c.precautions == {"pregnancy": True, "osteoporosis": False}
    assert (c.pregnancy_weeks, c.osteoporosis_t_score) == (22, -1.2)
    assert c.clearance.covers == frozenset({"pregnancy"})
    assert c.confirmed_no == {"significant_trauma": ("fell",)}


# -------------------------------------------------------------------- the questions


def test_client_questions_quote_place_words_in_the_same_order_every_run():
    code = (
        "import dataclasses, workbench as wb\n"
        "c = wb.example_client('desk-worker-flexion')\n"
        "c = dataclasses.replace(c, settings=frozenset({'home'}), disliked=frozenset(),\n"
        "    notes='swims at the leisure centre pool; the gym and gyms nearby; park or outdoors')\n"
        "print([q.value for q in wb.client_questions(c) if q.field == 'settings'])\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        seen.add(out.stdout)
    assert len(seen) == 1, seen
