"""What the client said is honoured, or questioned, never silently dropped (issue 15 §2).

Where the client trains (settings), what brings the pain on (triggers, through the
vocabulary of :mod:`workbench.client.triggers`) and what they dislike each change the plan, with
a reason that says so; what the workbench does not understand becomes a question.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import PULP_V4

from workbench.catalog import builtin_catalog, catalog_from_rows, load_column_dictionary
from workbench.catalog.importer import import_free_exercise_db
from workbench.client.assessment import AssessmentError, client_from_dict, load_client
from workbench.client.examples import example_client
from workbench.client.questions import client_questions
from workbench.client.triggers import VOCABULARY, resolve, unknown_triggers
from workbench.domain import SETTINGS, TAGS, Discipline
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.verify import verify_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "clients").glob("*.json"))
CATALOG = builtin_catalog()


def blocks(result):
    for w in result.weeks:
        for d in w.days:
            for b in d.blocks:
                yield w.week, CATALOG[b.exercise_id]


def reasons(result, exercise_id):
    return {e["family"]: e["reason"] for e in result.excluded if e["exercise_id"] == exercise_id}


# ---------------------------------------------------------------- the pool-only client


@pytest.fixture(scope="module")
def pool_plan():
    return plan(example_client("pool-only"), CATALOG, PlanOptions(weeks=4, explain=False))


def test_the_pool_only_client_gets_only_pool_blocks(pool_plan):
    assert pool_plan.planned
    used = list(blocks(pool_plan))
    assert used, "no blocks at all"
    assert all(ex.settings == {"pool"} for _w, ex in used), [ex.id for _w, ex in used]
    assert all(ex.discipline is Discipline.SWIMMING for _w, ex in used)


def test_what_the_pool_only_client_said_is_in_the_reasons(pool_plan):
    walk = reasons(pool_plan, "walk-easy")
    assert walk["setting"] == "done outdoors; the client trains only in the pool"
    assert walk["trigger"] == 'the client says "walking on land" brings the pain on (land walking)'
    assert "in the pool" in reasons(pool_plan, "dance-low-impact-aerobics")["setting"]
    balance = reasons(pool_plan, "run-single-leg-balance")
    assert '"standing still"' in balance["trigger"]
    assert balance["disliked"] == "the client dislikes walk-run and running"
    assert '"head-up breaststroke"' in reasons(pool_plan, "swim-breaststroke")["trigger"]
    assert "gym strength" in reasons(pool_plan, "gym-bird-dog")["disliked"]


def test_one_discipline_where_the_client_trains_is_said_not_failed(pool_plan):
    assert any(
        "Only 1 discipline can be done where this client trains" in n for n in pool_plan.notes
    )
    assert not verify_plan(pool_plan, example_client("pool-only"), CATALOG, PlanOptions(weeks=4))


# ---------------------------------------------------------------- every example's own words


@PULP_V4
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_plan_keeps_its_own_files_statements(path):
    """Read the file itself (not the Client): its settings, dislikes and triggers."""
    raw = json.loads(path.read_text())
    client = load_client(path)
    result = plan(client, CATALOG, PlanOptions(weeks=2, explain=False))
    where = set(raw.get("settings", []))
    disliked = set(raw.get("disliked", []))
    for words in raw.get("triggers", []):
        assert resolve(words) is not None or any(q.value == words for q in result.questions), (
            f"{path.stem}: trigger {words!r} neither understood nor asked about"
        )
    for _week, ex in blocks(result):
        assert not where or ex.settings & where, f"{path.stem}: {ex.id} is not done {where}"
        assert ex.discipline.value not in disliked, f"{path.stem}: {ex.id} is disliked"
        assert not ex.tags & disliked, f"{path.stem}: {ex.id} has a disliked tag"
        for words in raw.get("triggers", []):
            t = resolve(words)
            if t and t.tags and ex.tags & set(t.tags):
                assert t.longest and ex.minutes <= result_params(result)[t.longest], (
                    f"{path.stem}: {ex.id} matches the trigger {words!r}"
                )


def result_params(result):
    return result.extra["context"].params


# ---------------------------------------------------------------- generated clients

PLANNED = ["desk-worker-flexion", "high-fear", "older-walker-extension", "pool-only",
           "runner-returning", "strength-goal-gym"]  # fmt: skip
TRIGGER_WORDS = sorted({w for t in VOCABULARY.values() for w in (t.name, *t.synonyms)})
PREFERENCES = sorted({*(d.value for d in Discipline), *SETTINGS, *TAGS})


@PULP_V4
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(PLANNED),
    where=st.frozensets(st.sampled_from(SETTINGS), min_size=1, max_size=3),
    triggers=st.frozensets(st.sampled_from(TRIGGER_WORDS), max_size=3),
    disliked=st.frozensets(st.sampled_from(PREFERENCES), max_size=2),
)
def test_no_block_outside_the_settings_matching_a_trigger_or_disliked(
    name, where, triggers, disliked
):
    base = example_client(name)
    disliked = (
        frozenset(Discipline(x) if x in Discipline._value2member_map_ else x for x in disliked)
        - base.liked
    )
    client = replace(base, settings=where, triggers=triggers, disliked=disliked)
    result = plan(client, CATALOG, PlanOptions(weeks=1, explain=False))
    hated = {str(x) for x in disliked}
    for _week, ex in blocks(result):
        assert ex.settings & where
        assert ex.discipline.value not in hated and not ex.tags & hated
        assert not (ex.settings <= hated)
        for words in triggers:
            t = resolve(words)
            if ex.id in t.exercises or ex.tags & set(t.tags):
                assert t.longest and ex.minutes <= result_params(result)[t.longest]
    if result.planned:
        assert not verify_plan(result, client, CATALOG, PlanOptions(weeks=1))


# ---------------------------------------------------------------- dislikes and overrides


def test_a_disliked_discipline_is_planned_only_when_the_trainer_allows_it():
    runner = example_client("runner-returning")
    yoga_lover = replace(runner, liked=frozenset(), disliked=frozenset({Discipline.YOGA}))
    out = plan(yoga_lover, CATALOG, PlanOptions(weeks=1, explain=False))
    assert not any(ex.discipline is Discipline.YOGA for _w, ex in blocks(out))
    assert reasons(out, "yoga-cat-cow")["disliked"] == "the client dislikes yoga"
    allowed = plan(
        yoga_lover, CATALOG, PlanOptions(weeks=1, explain=False, allow_disliked=frozenset({"yoga"}))
    )
    assert "disliked" not in reasons(allowed, "yoga-cat-cow")


def test_likes_and_dislikes_name_the_allowed_values():
    data = json.loads((ROOT / "examples/clients/pool-only.json").read_text())
    data["disliked"] = ["gym", "squash"]
    with pytest.raises(AssessmentError) as err:
        client_from_dict(data)
    (problem,) = err.value.problems
    assert problem.field == "disliked[1]"
    assert "unknown discipline, setting or tag 'squash'" in problem.reason
    for value in ("yoga", "pool", "land-walking"):
        assert value in problem.reason


def test_settings_accept_only_known_places():
    data = json.loads((ROOT / "examples/clients/pool-only.json").read_text())
    data["settings"] = ["pool", "beach"]
    with pytest.raises(AssessmentError, match="unknown setting 'beach'; allowed: home, outdoors"):
        client_from_dict(data)


# ---------------------------------------------------------------- questions


def test_an_unknown_trigger_becomes_a_question_with_the_closest_known_ones():
    client = replace(example_client("older-walker-extension"), triggers=frozenset({"stairz"}))
    (q,) = [q for q in client_questions(client) if q.value == "stairz"]
    assert q.field == "triggers"
    assert q.text.startswith('trigger not understood: "stairz"')
    assert unknown_triggers(["standing at the sink"])[0][1][0] == "standing"
    result = plan(client, CATALOG, PlanOptions(weeks=1, explain=False))
    assert any(q["value"] == "stairz" for q in result.to_json()["questions"])


def test_a_version_1_file_reads_and_asks_where_the_client_trains():
    data = json.loads((ROOT / "examples/clients/pool-only.json").read_text())
    data["schema_version"] = 1
    del data["settings"]
    client = client_from_dict(data)
    assert client.settings == frozenset()
    assert any(q.field == "settings" for q in client_questions(client))


def test_a_trigger_the_catalog_cannot_act_on_is_asked_about():
    client = replace(example_client("runner-returning"), triggers=frozenset({"lying in bed"}))
    (q,) = [q for q in client_questions(client) if q.value == "lying in bed"]
    assert "night or rest pain" in q.text


# ---------------------------------------------------------------- the catalog


def test_every_built_in_exercise_names_where_it_can_be_done():
    with (ROOT / "exercises.csv").open(newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=2):
            cells = [x for x in row["settings"].split(";") if x]
            assert cells and set(cells) <= set(SETTINGS), f"exercises.csv row {number}"


def test_the_column_dictionary_lists_the_domains_settings_and_tags():
    specs = {s.name: s for s in load_column_dictionary()}
    assert specs["settings"].choices == SETTINGS
    assert specs["tags"].choices == TAGS


def test_imported_rows_have_inferred_settings_and_wait_for_review():
    rows = import_free_exercise_db()[:200]
    catalog = catalog_from_rows(rows, "free-exercise-db")
    assert all(ex.settings and ex.needs_review for ex in catalog)
    machines = [ex for ex in catalog if "machines" in ex.equipment]
    assert machines and all(ex.settings == {"gym"} for ex in machines)


def test_a_trainers_catalog_without_settings_gets_them_inferred():
    wanted = {"swim-backstroke", "walk-easy", "gym-leg-press", "yoga-cat-cow"}
    rows = [
        dict(r, settings="", easier_id="", harder_id="")
        for r in _builtin_rows()
        if r["id"] in wanted
    ]
    catalog = catalog_from_rows(rows, "trainer.csv")
    assert catalog["swim-backstroke"].settings == {"pool"}
    assert catalog["walk-easy"].settings == {"outdoors"}
    assert catalog["gym-leg-press"].settings == {"gym"}
    assert "home" in catalog["yoga-cat-cow"].settings


def _builtin_rows():
    with (ROOT / "exercises.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def test_a_trigger_named_in_the_notes_but_not_listed_is_asked_about():
    base = example_client("older-walker-extension")
    client = replace(
        base, notes="Standing still at the bus stop makes it ache.", triggers=frozenset()
    )
    (q,) = [q for q in client_questions(client) if q.value == "standing still"]
    assert q.field == "triggers" and q.suggestions == ("standing still",)
    listed = replace(client, triggers=frozenset({"standing still"}))
    assert not [q for q in client_questions(listed) if q.value == "standing still"]


def test_a_place_in_the_notes_the_client_does_not_train_in_is_asked_about():
    base = example_client("older-walker-extension")  # trains at home and outdoors
    client = replace(base, notes="Goes to the pool on Fridays with her sister.")
    (q,) = [q for q in client_questions(client) if q.field == "settings"]
    assert q.suggestions == ("pool",) and '"pool"' in q.text
    # a place the client dislikes is no question: they said so
    pool_only = example_client("pool-only")  # "Hates gyms", dislikes gym
    assert not [q for q in client_questions(pool_only) if q.field == "settings"]


def test_a_liked_setting_or_tag_counts_like_a_liked_discipline():
    from workbench.planning.verify import score_week

    runner = example_client("runner-returning")
    c = replace(
        runner,
        settings=runner.settings | {"pool"},
        equipment=runner.equipment | {"pool"},
        disliked=frozenset(),
        liked=frozenset({"pool"}),
    )
    result = plan(c, CATALOG, PlanOptions(weeks=1, explain=False))
    pool = [
        b
        for w in result.weeks
        for d in w.days
        for b in d.blocks
        if "pool" in CATALOG[b.exercise_id].settings
    ]
    assert pool and all("the client enjoys pool" in b.reasons for b in pool)
    # the same week scores higher for a client who likes the pool than for one who does not
    indifferent = replace(c, liked=frozenset())
    options = PlanOptions(weeks=1)
    assert score_week(result, 1, c, CATALOG, options) > score_week(
        result, 1, indifferent, CATALOG, options
    )
