"""Shared hypothesis strategies: clients (and clients who like what they already do),
catalogs, rule overrides and red flags; today's pain (a flare-up or calm); any valid client
file, any client the screen may see, and planned weeks. The one place the property tests
keep their strategies (``tests/test_layout.py`` checks that no other test module defines
one).

Everything drawn stays inside the ranges the domain allows (tolerances 0-3, overrides
within :data:`workbench.defaults.DEFAULTS` ranges), so a failing example is a real case a
trainer could enter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import strategies as st

from workbench.client.field_history import known_time_zones
from workbench.defaults import DEFAULTS
from workbench.domain import (
    EQUIPMENT,
    PRECAUTIONS,
    RED_FLAGS,
    Activity,
    Clearance,
    Client,
    Day,
    DiaryEntry,
    Dimension,
    Discipline,
    Exercise,
    Goal,
    Instruments,
    MedicalHistory,
    Medication,
    Pain,
    Trainer,
)
from workbench.domain import Tests as ClientTests
from workbench.testing.synthetic import random_catalog, random_client

#: PuLP 3.3 announces its 4.0 API on every model built; the project pins pulp<4, so these
#: notices are not ours to act on. Every other warning stays an error.
PULP_V4 = pytest.mark.filterwarnings(r"ignore:.*in PuLP 4\.0:DeprecationWarning")

ALL_NO = {q: False for q in RED_FLAGS}
CLEARED = Clearance(cleared=True, date="2026-01-05", by="Dr Okafor (GP)")

levels = st.integers(min_value=0, max_value=3)
days = st.sampled_from(list(Day))
disciplines = st.sampled_from(list(Discipline))


def override(name: str) -> st.SearchStrategy[float]:
    """A value for the rule ``name`` anywhere in its allowed range."""
    rule = DEFAULTS[name]
    return st.floats(min_value=rule.low, max_value=rule.high, allow_nan=False, allow_infinity=False)


def whole_override(name: str) -> st.SearchStrategy[float]:
    """A whole-number value for the rule ``name`` (weeks, days, counts) in its range."""
    rule = DEFAULTS[name]
    return st.integers(min_value=int(rule.low), max_value=int(rule.high)).map(float)


@st.composite
def overrides(draw, names) -> dict[str, float]:
    """Overrides for some of ``names``, each within its allowed range."""
    chosen = draw(st.lists(st.sampled_from(sorted(names)), unique=True))
    return {n: draw(override(n)) for n in chosen}


def plain_client(**kw) -> Client:
    """A cleared, flag-free 45-year-old with moderate tolerance, a mat and three days."""
    fields = {
        "id": "rules",
        "name": "Rules client",
        "age": 45,
        "clearance": CLEARED,
        "red_flags": dict(ALL_NO),
        "tolerances": dict.fromkeys(Dimension, 2),
        "goals": {Goal.CARDIO: 60, Goal.CORE_ENDURANCE: 20, Goal.FLEXIBILITY: 20},
        "equipment": frozenset({"mat", "outdoors"}),
        "available_days": frozenset({Day.MON, Day.WED, Day.FRI}),
        "activities": (Activity(Discipline.WALKING, 3, 30, 4.0),),
    }
    fields.update(kw)
    return Client(**fields)


tolerance_maps = st.fixed_dictionaries({d: levels for d in Dimension})


@st.composite
def exposure_targets(draw, tolerances) -> dict[Dimension, int]:
    """Feared dimensions with a target above today's tolerance, least feared first."""
    dims = draw(st.lists(st.sampled_from(list(Dimension)), unique=True, max_size=4))
    out = {}
    for d in dims:
        if tolerances[d] < 3:
            out[d] = draw(st.integers(min_value=tolerances[d] + 1, max_value=3))
    return out


#: The movements a high-fear client most often fears, with blocks in the catalog that take
#: several of them at once (power yoga flow, saw, Russian twist, roll-up, woodchop).
FEARED_MOVEMENTS = (
    Dimension.LOADED_FLEXION,
    Dimension.END_RANGE_FLEXION,
    Dimension.ROTATION,
    Dimension.EXTENSION,
    Dimension.AXIAL_LOAD,
)


@st.composite
def high_fear_clients(draw) -> Client:
    """The high-fear example client (graded-exposure mode by STarT Back, FABQ-PA and TSK-17)
    with two to four feared movements drawn: a starting tolerance 0-2 and a target above
    it on each, in a drawn order (least feared first), a drawn exposure interval and
    allowance, and yoga and pilates (where most combined blocks are) liked or not."""
    from workbench.client.examples import example_client

    base = example_client("high-fear")
    dims = draw(st.lists(st.sampled_from(FEARED_MOVEMENTS), unique=True, min_size=2, max_size=4))
    tol = dict(base.tolerances)
    targets = {}
    for d in dims:
        tol[d] = draw(st.integers(min_value=0, max_value=2))
        targets[d] = draw(st.integers(min_value=tol[d] + 1, max_value=3))
    liked = draw(st.frozensets(st.sampled_from([Discipline.YOGA, Discipline.PILATES])))
    return replace(
        base,
        tolerances=tol,
        exposure_targets=targets,
        liked=frozenset(base.liked) | liked,
        overrides={
            "exposure_interval_weeks": draw(st.sampled_from([1.0, 2.0])),
            "exposure_max_blocks": draw(st.sampled_from([1.0, 2.0, 3.0])),
        },
    )


activities = st.builds(
    Activity,
    discipline=disciplines,
    sessions_per_week=st.integers(min_value=0, max_value=7),
    minutes=st.integers(min_value=5, max_value=90),
    rpe=st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
    longest_minutes=st.none() | st.integers(min_value=5, max_value=120),
)

start_back_items = st.tuples(
    *[st.integers(min_value=0, max_value=1) for _ in range(8)],
    st.integers(min_value=0, max_value=4),
)


@st.composite
def clients(draw, *, with_exposure: bool = True) -> Client:
    """A cleared client with no red flags; everything the rules read is drawn."""
    tol = draw(tolerance_maps)
    available = draw(st.frozensets(days, min_size=1))
    return Client(
        id="hypo",
        name="Hypothesis client",
        age=draw(st.integers(min_value=20, max_value=80)),
        clearance=replace(
            CLEARED,
            banned_disciplines=draw(st.frozensets(disciplines, max_size=2)),
            max_rpe=draw(st.none() | st.sampled_from([3.0, 5.0, 7.0])),
        ),
        red_flags=dict(ALL_NO),
        instruments=Instruments(start_back=draw(st.none() | start_back_items)),
        tolerances=tol,
        exposure_targets=draw(exposure_targets(tol)) if with_exposure else {},
        goals=draw(st.fixed_dictionaries({g: st.sampled_from([0, 20, 45, 90]) for g in Goal})),
        equipment=draw(st.frozensets(st.sampled_from(["mat", "pool", "gym", "bike"]))),
        available_days=available,
        max_training_days=draw(st.integers(min_value=1, max_value=7)),
        minutes_per_session=draw(st.sampled_from([20, 30, 45, 60])),
        supervised_days=draw(st.frozensets(st.sampled_from(sorted(available)))),
        activities=tuple(draw(st.lists(activities, max_size=3))),
        consecutive_green_weeks=draw(st.integers(min_value=0, max_value=8)),
    )


@st.composite
def clients_doing_what_they_like(draw) -> Client:
    """A :func:`clients` client with one to three current activities (sessions a week
    1-7), who likes some of them (and maybe other disciplines), and has the kit and the
    places most of the catalog's walking, cycling and swimming need, so the activities are
    often allowed."""
    base = draw(clients())
    done = draw(st.lists(activities, min_size=1, max_size=3))
    done = [replace(a, sessions_per_week=max(1, a.sessions_per_week)) for a in done]
    kinds = sorted({a.discipline for a in done})
    liked = draw(st.frozensets(st.sampled_from(kinds), min_size=1))
    liked |= draw(st.frozensets(disciplines, max_size=2))
    kit = draw(st.frozensets(st.sampled_from(["outdoors", "stationary_bike", "pool", "mat"])))
    return replace(
        base,
        activities=tuple(done),
        liked=liked,
        equipment=base.equipment | kit,
    )


@st.composite
def exercises(draw, i: int = 0) -> Exercise:
    """One exercise with any demands, goals, effort and equipment."""
    rpe = float(draw(st.integers(min_value=1, max_value=10)))
    return Exercise(
        id=f"hx-{i}",
        name=f"hypothesis exercise {i}",
        discipline=draw(disciplines),
        minutes=draw(st.sampled_from([5, 10, 15, 20, 30])),
        rpe=rpe,
        met=draw(st.sampled_from([2.0, 3.5, 5.0, 6.0, 8.0])),
        compendium_code="",
        demands=draw(st.fixed_dictionaries({d: levels for d in Dimension})),
        goals=draw(st.fixed_dictionaries({g: levels for g in Goal})),
        equipment=draw(st.frozensets(st.sampled_from(["mat", "pool", "barbell", "bike"]))),
        needs_supervision=draw(st.booleans()),
        level=1,
        easier_id=None,
        harder_id=None,
        cue="Move at an easy pace.",
        source="hypothesis",
        needs_review=draw(st.booleans()),
    )


@st.composite
def exercise_lists(draw, min_size: int = 1, max_size: int = 8) -> list[Exercise]:
    """A small catalog of drawn exercises with distinct ids."""
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    return [draw(exercises(i)) for i in range(n)]


#: Seeds for :mod:`workbench.testing.synthetic` (catalogs of the planner's shape).
seeds = st.integers(min_value=0, max_value=10_000)


@st.composite
def synthetic_instances(draw, min_exercises: int = 30, max_exercises: int = 60, max_weeks: int = 3):
    """(client seed, catalog size, catalog seed, weeks) for :mod:`workbench.testing.synthetic`.

    Seeds rather than objects, so a failing example prints short and replays exactly:
    ``random_client(client_seed)``, ``random_catalog(size, catalog_seed)``.
    """
    return (
        draw(seeds),
        draw(st.integers(min_value=min_exercises, max_value=max_exercises)),
        draw(seeds),
        draw(st.integers(min_value=1, max_value=max_weeks)),
    )


def synthetic_instance(client_seed: int, size: int, catalog_seed: int, weeks: int):
    """(client, catalog, weeks) from the seeds :func:`synthetic_instances` draws."""
    return random_client(client_seed), random_catalog(size, catalog_seed), weeks


@st.composite
def red_flag_answers(draw) -> dict[str, bool | None]:
    """Red-flag answers with at least one yes; the rest yes, no or not asked."""
    answers = draw(
        st.fixed_dictionaries({q: st.sampled_from([True, False, None]) for q in RED_FLAGS})
    )
    answers[draw(st.sampled_from(sorted(RED_FLAGS)))] = True
    return answers


# ------------------------------------------------------------ today's pain (domain.md §5)

nrs = st.integers(min_value=0, max_value=10)


@st.composite
def flare_pains(draw) -> Pain:
    """Pain ratings that are a flare-up today by the defaults: pain now at least
    ``flare_pain_now`` (7), or at least ``flare_rise_points`` (2) above the week's average."""
    average = draw(nrs)
    if draw(st.booleans()) or average > 8:
        now = draw(st.integers(min_value=7, max_value=10))
    else:
        now = draw(st.integers(min_value=average + 2, max_value=10))
    return Pain(now=now, average_week=average, worst_week=max(now, average))


@st.composite
def calm_pains(draw) -> Pain:
    """Pain ratings that are neither a flare-up nor resting pain by the defaults: pain now
    below 5 and less than 2 points above the week's average."""
    average = draw(nrs)
    now = draw(st.integers(min_value=0, max_value=min(4, average + 1)))
    return Pain(now=now, average_week=average, worst_week=max(now, average))


@st.composite
def scheduled_weeks(draw, max_sessions: int = 6):
    """One program week of scheduled sessions (``ScheduledSession``, 1-``max_sessions`` on
    distinct days from a Monday), each with 1-4 exercise ids, 10-90 planned minutes and a
    planned load of effort 1-8 × minutes [AU]; ids 1, 2, ..."""
    from workbench.records.models import ScheduledSession

    monday = date(2026, 1, 5) + timedelta(weeks=draw(st.integers(min_value=0, max_value=20)))
    days = draw(
        st.lists(
            st.integers(min_value=0, max_value=6), min_size=1, max_size=max_sessions, unique=True
        )
    )
    pool = [f"ex-{c}" for c in "abcdefgh"]
    out = []
    for i, day in enumerate(sorted(days), start=1):
        minutes = draw(st.integers(min_value=10, max_value=90))
        effort = draw(st.integers(min_value=1, max_value=8))
        exercises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
        out.append(
            ScheduledSession(
                id=i,
                plan_id=1,
                client_id="c",
                week=1,
                day=("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day],
                on=monday + timedelta(days=day),
                exercises=tuple(exercises),
                minutes=minutes,
                load=float(effort * minutes),
            )
        )
    return out


# ------------------------------------------------------------ tiny exhaustive instances

TINY_DISCIPLINES = [Discipline.WALKING, Discipline.YOGA, Discipline.PILATES, Discipline.CYCLING]


@st.composite
def tiny_exercise(draw, i: int) -> Exercise:
    """A small block: 5-20 min, whole-number effort (so loads are whole AU), moderate."""
    return Exercise(
        id=f"t{i}",
        name=f"tiny {i}",
        discipline=draw(st.sampled_from(TINY_DISCIPLINES)),
        minutes=draw(st.sampled_from([5, 10, 15, 20])),
        rpe=float(draw(st.integers(min_value=1, max_value=5))),
        met=draw(st.sampled_from([2.0, 3.0, 4.5])),
        compendium_code="",
        demands=draw(
            st.fixed_dictionaries({d: st.sampled_from([0] * 12 + [1, 2, 3]) for d in Dimension})
        ),
        goals=draw(st.fixed_dictionaries({g: levels for g in Goal})),
        equipment=draw(st.sampled_from([frozenset()] * 3 + [frozenset({"mat"})])),
        needs_supervision=draw(st.sampled_from([False] * 5 + [True])),
        level=1,
        easier_id=None,
        harder_id=None,
        cue="Move at an easy pace.",
        source="tiny",
    )


@st.composite
def tiny_instances(draw):
    """(client, catalog, options) with 3-5 exercises, 2 available days and 1 week."""
    n = draw(st.integers(min_value=3, max_value=5))
    catalog = [draw(tiny_exercise(i)) for i in range(n)]
    # two disciplines at least, so that a varied week is possible more often than not
    if len({e.discipline for e in catalog}) == 1:
        other = next(k for k in TINY_DISCIPLINES if k is not catalog[0].discipline)
        catalog[0] = replace(catalog[0], discipline=other)
    two = draw(st.lists(days, min_size=2, max_size=2, unique=True))
    goals = draw(
        st.fixed_dictionaries(
            {
                g: st.sampled_from([0] * 6 + [10])
                if g is Goal.STRENGTH
                else st.sampled_from([0, 0, 10, 20, 40])
                for g in Goal
            }
        )
    )
    client = Client(
        id="tiny",
        name="Tiny client",
        age=40,
        clearance=CLEARED,
        red_flags=dict(ALL_NO),
        tolerances=draw(
            st.fixed_dictionaries({d: st.sampled_from([1, 2, 3, 3]) for d in Dimension})
        ),
        goals=goals,
        liked=draw(st.frozensets(st.sampled_from(TINY_DISCIPLINES), max_size=2)),
        disliked=draw(st.frozensets(st.sampled_from(TINY_DISCIPLINES), max_size=1)),
        equipment=draw(st.sampled_from([frozenset(), frozenset({"mat"})])),
        available_days=frozenset(two),
        max_training_days=draw(st.sampled_from([1, 2, 2])),
        minutes_per_session=draw(st.sampled_from([15, 30, 45, 60])),
        supervised_days=draw(st.frozensets(st.sampled_from(sorted(two)), max_size=1)),
        activities=draw(
            st.sampled_from(
                [
                    (),
                    (Activity(Discipline.WALKING, 2, 20, 3.0),),
                    (Activity(Discipline.YOGA, 1, 30, 2.0),),
                ]
            )
        ),
    )
    overrides = {
        "min_start_ceiling_au": float(draw(st.sampled_from([40, 80, 150, 150]))),
        "min_disciplines_per_week": float(draw(st.sampled_from([1, 1, 2]))),
        "max_discipline_share": draw(st.sampled_from([0.6, 0.8, 1.0, 1.0])),
        "relative_gap": 0.0,
    }
    from workbench.planning.planner import PlanOptions

    options = PlanOptions(
        weeks=1,
        hard_goals=draw(st.sampled_from([False, False, False, True])),
        overrides=overrides,
        explain=False,
    )
    return client, catalog, options


def result_from_schedule(weeks, client, catalog, options=None, status="planned"):
    """A PlanResult holding ``weeks`` ({day: [exercise ids]} each), with blocks from the
    catalog and each week's ceiling stated as the rule gives it (to 0.1 AU)."""
    from workbench.planning import rederive as verify
    from workbench.planning.result import Block, DayPlan, PlanResult, WeekPlan

    by_id = {e.id: e for e in catalog}
    rule = verify.ceilings(client, verify.params_for(client, options), len(weeks))
    out = []
    for w, schedule in enumerate(weeks, start=1):
        day_plans = []
        for day, ids in sorted(schedule.items(), key=lambda kv: kv[0].index):
            if not ids:
                continue
            blocks = tuple(
                Block(i, i, by_id[i].discipline, by_id[i].minutes, by_id[i].rpe, by_id[i].load)
                if i in by_id
                else Block(i, i, Discipline.YOGA, 10, 2.0, 20.0)
                for i in ids
            )
            day_plans.append(DayPlan(day, blocks))
        stated = round(rule[w - 1], 1)
        out.append(WeekPlan(w, stated, stated, tuple(day_plans), {}, {}))
    return PlanResult(status=status, message="", weeks=tuple(out))


# ------------------------------------------------------------ plan weeks (what a re-plan changed)

#: The exercise ids and days that :func:`plan_weeks` draws from.
WEEK_IDS = ("walk-a", "walk-b", "yoga-c", "gym-d", "swim-e")
WEEK_DAYS = (Day.MON, Day.WED, Day.THU, Day.SAT)


def walking_block(exercise_id: str):
    """A 10-minute walking block at RPE 3 (30 AU), named by its id in capitals."""
    from workbench.planning.result import Block

    return Block(exercise_id, exercise_id.upper(), Discipline.WALKING, 10, 3.0, 30.0)


@st.composite
def plan_weeks(draw, n_weeks: int):
    """``n_weeks`` planned weeks (ceiling 100 AU): up to 3 of :data:`WEEK_DAYS` each, with
    up to 3 distinct :func:`walking_block` blocks of :data:`WEEK_IDS` per day, days in
    week order."""
    from workbench.planning.result import DayPlan, WeekPlan

    out = []
    for w in range(1, n_weeks + 1):
        days = []
        for d in draw(st.lists(st.sampled_from(WEEK_DAYS), unique=True, max_size=3)):
            ids = draw(st.lists(st.sampled_from(WEEK_IDS), unique=True, max_size=3))
            days.append(DayPlan(d, tuple(walking_block(i) for i in ids)))
        days.sort(key=lambda d: d.day.index)
        out.append(WeekPlan(w, 100.0, 100.0, tuple(days), {}, {}))
    return tuple(out)


# ------------------------------------------------------ any valid client file (assessment)

_ints = st.integers  # _ints(low, high): a whole number in [low, high]
#: Any character a person can type or paste: every UTF-8 character but NUL, which no
#: field accepts (``workbench.client.field_types.NUL_REASON``).
TYPED = st.characters(codec="utf-8", exclude_characters="\x00")
_text = st.text(TYPED, max_size=30)
_nonblank = st.text(TYPED, min_size=1, max_size=30).filter(str.strip)


def _floats(low: float, high: float):
    """A finite float in [low, high]."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _nullable(strategy):
    """``strategy``, or None (not done, not answered)."""
    return st.none() | strategy


def _fixed(n: int, item):
    """A tuple of ``n`` items, each drawn from ``item``."""
    return st.tuples(*[item] * n)


def _vocab_set(values):
    """Any set of ``values`` (an enum or a word list)."""
    return st.frozensets(st.sampled_from(list(values)))


_instruments = st.builds(
    Instruments,
    start_back=_nullable(st.tuples(*[_ints(0, 1)] * 8, _ints(0, 4))),
    odi=_nullable(_fixed(10, _nullable(_ints(0, 5)))),
    rmdq=_nullable(_fixed(24, _ints(0, 1))),
    psfs=_nullable(st.lists(st.tuples(_nonblank, _ints(0, 10)), min_size=3, max_size=5).map(tuple)),
    fabq_pa=_nullable(_fixed(4, _ints(0, 6))),
    tsk17=_nullable(_fixed(17, _ints(1, 4))),
)

# the hand-over parts (schema version 4): trainer, time, zone, history, medicines, diary
trainers = st.builds(Trainer, name=_text, contact=_text)
#: A usual training time, HH:MM on the 24-hour clock.
usual_times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", _ints(0, 23), _ints(0, 59))
#: An IANA time zone name this machine knows.
time_zones = st.sampled_from(sorted(known_time_zones()))
medical_histories = st.builds(
    MedicalHistory,
    diagnoses=st.lists(_nonblank, max_size=3).map(tuple),
    imaging=st.lists(_nonblank, max_size=3).map(tuple),
    treatments=st.lists(_nonblank, max_size=3).map(tuple),
)
medications = st.builds(Medication, name=_nonblank, dose=_text, frequency=_text)
#: One dated diary entry (intensity 0-10 or not rated).
diary_entries = st.builds(
    DiaryEntry,
    date=st.dates().map(date.isoformat),
    intensity=_nullable(_ints(0, 10)),
    frequency=_text,
    triggers=_text,
    helps=_text,
    notes=_text,
)

#: One line of text as a form's one-entry-a-line box gives it back (no line break, no
#: surrounding blanks).
_one_line = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def hand_over_fields(draw) -> dict:
    """The hand-over fields of a client (schema version 4) as the form holds them: history
    entries one a line; medications, diary entries, trainer, usual time and time zone."""
    lines = st.lists(_one_line, max_size=3).map(tuple)
    return {
        "medical_history": MedicalHistory(draw(lines), draw(lines), draw(lines)),
        "medications": tuple(
            draw(st.lists(st.builds(Medication, _one_line, _one_line, _one_line), max_size=3))
        ),
        "diary": tuple(
            draw(
                st.lists(
                    st.builds(
                        DiaryEntry,
                        st.dates().map(date.isoformat),
                        _nullable(_ints(0, 10)),
                        _one_line, _one_line, _one_line, _one_line,
                    ),
                    max_size=3,
                )
            )
        ),
        "trainer": Trainer(draw(_one_line), draw(_one_line)),
        "usual_time": draw(_nullable(usual_times)),
        "time_zone": draw(_nullable(time_zones)),
    }  # fmt: skip


_clearance = st.builds(
    Clearance,
    cleared=st.booleans(),
    date=_nullable(st.dates().map(date.isoformat)),
    by=_text,
    banned_disciplines=_vocab_set(Discipline),
    banned_exercises=st.frozensets(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)),
    max_rpe=_nullable(_floats(0, 10)),
    notes=_text,
    covers=_vocab_set(list(PRECAUTIONS)),
)

_tests = st.builds(
    ClientTests,
    sit_and_reach_cm=_nullable(_floats(-40, 60)),
    slr_left_deg=_nullable(_floats(0, 120)),
    slr_right_deg=_nullable(_floats(0, 120)),
    mcgill_flexor_s=_nullable(_floats(0, 600)),
    mcgill_extensor_s=_nullable(_floats(0, 600)),
    side_bridge_left_s=_nullable(_floats(0, 600)),
    side_bridge_right_s=_nullable(_floats(0, 600)),
)


@st.composite
def valid_activities(draw) -> Activity:
    """Any current activity the client-file checker must accept (longest session at least
    the usual one)."""
    minutes = draw(_ints(1, 300))
    return Activity(
        discipline=draw(st.sampled_from(Discipline)),
        sessions_per_week=draw(_ints(0, 14)),
        minutes=minutes,
        rpe=draw(_floats(0, 10)),
        longest_minutes=draw(_nullable(_ints(minutes, 600))),
    )


@st.composite
def valid_overrides(draw) -> dict[str, float]:
    """Up to 4 rule overrides, each anywhere in its allowed range in
    :data:`~workbench.defaults.DEFAULTS`."""
    names = draw(st.lists(st.sampled_from(sorted(DEFAULTS)), unique=True, max_size=4))
    return {n: draw(_floats(DEFAULTS[n].low, DEFAULTS[n].high)) for n in names}


@st.composite
def valid_clients(draw) -> Client:
    """Any client that the client-file checker must accept (every field drawn across its
    allowed values, the cross-field rules kept), for round trips through JSON and the schema."""
    tolerances = draw(st.dictionaries(st.sampled_from(Dimension), _ints(0, 3)))
    feared = draw(st.lists(st.sampled_from(Dimension), unique=True, max_size=4))
    exposure = {d: draw(_ints(tolerances.get(d, 0), 3)) for d in feared}
    available = draw(_vocab_set(Day))
    most = draw(_ints(1, len(available))) if available else draw(_ints(1, 7))
    supervised = draw(_vocab_set(sorted(available))) if available else frozenset()
    liked = draw(_vocab_set(Discipline))
    disliked = (
        draw(_vocab_set([d for d in Discipline if d not in liked]))
        if len(liked) < 9
        else frozenset()
    )
    precautions = draw(
        st.dictionaries(st.sampled_from(list(PRECAUTIONS)), _nullable(st.booleans()))
    )
    flags = draw(st.dictionaries(st.sampled_from(list(RED_FLAGS)), _nullable(st.booleans())))
    answered_no = [q for q, v in {**flags, **precautions}.items() if v is False]
    confirmed = (
        draw(st.dictionaries(st.sampled_from(answered_no), st.tuples(_nonblank), max_size=2))
        if answered_no
        else {}
    )
    return Client(
        id=draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True)),
        name=draw(_nonblank),
        age=draw(_ints(12, 110)),
        new_onset=draw(st.booleans()),
        clearance=draw(_clearance),
        red_flags=flags,
        precautions=precautions,
        pregnancy_weeks=draw(_nullable(_ints(1, 42))) if precautions.get("pregnancy") else None,
        osteoporosis_t_score=draw(_nullable(_floats(-6, 4))),
        confirmed_no=confirmed,
        notes=draw(_text),
        symptom_diary=draw(_text),
        medical_history=draw(medical_histories),
        medications=tuple(draw(st.lists(medications, max_size=3))),
        diary=tuple(draw(st.lists(diary_entries, max_size=4))),
        trainer=draw(trainers),
        usual_time=draw(_nullable(usual_times)),
        time_zone=draw(_nullable(time_zones)),
        pain=draw(st.builds(Pain, _ints(0, 10), _ints(0, 10), _ints(0, 10))),
        instruments=draw(_instruments),
        triggers=draw(st.frozensets(_nonblank, max_size=4)),
        tolerances=tolerances,
        exposure_targets=exposure,
        tests=draw(_tests),
        goals=draw(st.dictionaries(st.sampled_from(Goal), _ints(0, 1000))),
        liked=liked,
        disliked=disliked,
        equipment=draw(_vocab_set(EQUIPMENT)),
        available_days=available,
        max_training_days=most,
        minutes_per_session=draw(_ints(10, 180)),
        supervised_days=supervised,
        activities=tuple(draw(st.lists(valid_activities(), max_size=4))),
        consecutive_green_weeks=draw(_ints(0, 200)),
        overrides=draw(valid_overrides()),
    )


# ------------------------------------------------------ any client the screen may see (screening)

#: The screening tests' clearance (the screen's message names who cleared the client).
SCREENING_CLEARED = Clearance(cleared=True, date="2026-01-05", by="Dr Okafor")


def screening_client(flags=None, **kw) -> Client:
    """A cleared 40-year-old with every red flag answered no, unless told otherwise."""
    fields = {
        "id": "c1",
        "name": "Test Client",
        "age": 40,
        "clearance": SCREENING_CLEARED,
        "red_flags": {**ALL_NO, **(flags or {})},
    }
    fields.update(kw)
    return Client(**fields)


#: One red-flag answer: yes, no, or not yet asked.
flag_answers = st.sampled_from([True, False, None])
#: An answer (or none yet) to every red-flag question.
flag_sets = st.fixed_dictionaries({q: flag_answers for q in RED_FLAGS})
#: No clearance recorded, clearance given, clearance recorded as not given.
screening_clearances = st.sampled_from(
    [Clearance(), SCREENING_CLEARED, Clearance(cleared=False, by="Dr X")]
)
#: Notes or a symptom diary: any short text, or words the free-text scan reads.
free_text = st.text(TYPED, max_size=60) | st.sampled_from(
    ["", "numbness", "fell over", "weight loss and fever", "all good, no bowel issues"]
)


def any_client(flags):
    """A :func:`screening_client` with these red-flag answers and any age (0-110), onset,
    clearance, notes and symptom diary."""
    return st.builds(
        screening_client,
        st.just(flags),
        age=st.integers(0, 110),
        new_onset=st.booleans(),
        clearance=screening_clearances,
        notes=free_text,
        symptom_diary=free_text,
    )


@st.composite
def clients_with_a_red_flag(draw) -> Client:
    """:func:`any_client` with at least one red flag answered yes."""
    flags = draw(flag_sets)
    flags[draw(st.sampled_from(list(RED_FLAGS)))] = True
    return draw(any_client(flags))


@st.composite
def any_clients(draw) -> Client:
    """:func:`any_client` with any red-flag answers (:data:`flag_sets`)."""
    return draw(any_client(draw(flag_sets)))


# ------------------------------------------------------------ clients with a precaution


@st.composite
def precaution_clients(draw) -> Client:
    """A drawn cleared client (:func:`clients`) with one or more precautions ticked, the
    weeks of pregnancy (or none recorded) and a T-score (or none)."""
    client = draw(clients(with_exposure=False))
    ticked = draw(
        st.lists(
            st.sampled_from(["pregnancy", "osteoporosis", "heart_metabolic_kidney"]),
            min_size=1,
            unique=True,
        )
    )
    return replace(
        client,
        precautions=dict.fromkeys(ticked, True),
        pregnancy_weeks=draw(st.none() | st.integers(min_value=4, max_value=30)),
        osteoporosis_t_score=draw(st.none() | st.floats(min_value=-4.0, max_value=0.0)),
    )


# ------------------------------------------- the client's own words under a "no" (free text)

#: Words a client uses for a red-flag theme -> a red-flag question they raise; each
#: phrase is matched whole by the free-text scan (domain.md §1).
THEME_WORDS: dict[str, str] = {
    "numbness": "saddle_numbness",
    "tingling": "progressive_neuro_deficit",
    "pins and needles": "bilateral_leg_symptoms",
    "both legs": "bilateral_leg_symptoms",
    "urinating": "bladder_bowel_change",
    "incontinence": "bladder_bowel_change",
    "bowel": "bladder_bowel_change",
    "lost weight": "unexplained_weight_loss",
    "weight loss": "unexplained_weight_loss",
    "night pain": "night_or_rest_pain",
    "fever": "fever_or_unwell",
    "chemo": "history_of_cancer",
    "tumour": "history_of_cancer",
    "steroids": "immunosuppression",
    "car crash": "significant_trauma",
    "fell": "significant_trauma",
    "accident": "significant_trauma",
}
#: Negation cues a clause may open with (domain.md §1; NegEx).
NEGATIONS = ("no", "not", "denies", "without", "never", "doesn't have", "didn't notice")
#: Words that may stand between a cue and a theme word (well within the negation window:
#: a two-word cue, two fillers and a theme word's first word).
_FILLERS = st.lists(st.sampled_from(["any", "real", "recent", "much"]), max_size=2)


@st.composite
def theme_clause(draw, negated: bool) -> tuple[str, str]:
    """One clause with a theme word, negated or not: (clause, the theme word)."""
    word = draw(st.sampled_from(sorted(THEME_WORDS)))
    lead = (
        [draw(st.sampled_from(NEGATIONS))]
        if negated
        else [draw(st.sampled_from(["", "some", "had", "reports"]))]
    )
    return " ".join([w for w in lead if w] + draw(_FILLERS) + [word]), word


@st.composite
def theme_texts(draw, affirmed: int) -> tuple[str, list[str]]:
    """Notes built from theme clauses, at least ``affirmed`` of them not negated (the
    rest negated), in any order, each its own clause: (text, the affirmed theme words)."""
    yes = [draw(theme_clause(False)) for _ in range(affirmed)]
    no = draw(st.lists(theme_clause(True), max_size=3))
    clauses = draw(st.permutations(yes + no))
    sep = draw(st.sampled_from([". ", "; ", ", ", "\n"]))
    return sep.join(c for c, _ in clauses), [w for _, w in yes]


@st.composite
def pregnant_clients(draw) -> Client:
    """:func:`any_clients` who answered yes to pregnancy (any weeks, any other precautions)
    and whose clearance, if any, does not list pregnancy among what it covers."""
    client = draw(any_clients())
    covers = draw(_vocab_set([q for q in PRECAUTIONS if q != "pregnancy"]))
    others = draw(
        st.fixed_dictionaries(
            {q: _nullable(st.booleans()) for q in PRECAUTIONS if q != "pregnancy"}
        )
    )
    return replace(
        client,
        precautions={**others, "pregnancy": True},
        pregnancy_weeks=draw(_nullable(_ints(1, 42))),
        clearance=replace(client.clearance, covers=covers),
    )


# ------------------------------------------------------ ordinary clients (issue 17, part 5)


@st.composite
def ordinary_clients(draw) -> Client:
    """A plannable example with any tolerances, at least one available day, any training
    days, a session of 20-90 min and any goals (no red flag, clearance as recorded)."""
    from workbench.client.examples import example_client

    base = example_client(
        draw(
            st.sampled_from(
                [
                    "desk-worker-flexion",
                    "high-fear",
                    "older-walker-extension",
                    "pool-only",
                    "runner-returning",
                    "strength-goal-gym",
                ]
            )
        )
    )
    days = draw(st.frozensets(st.sampled_from(list(Day)), min_size=1))
    return replace(
        base,
        tolerances={d: draw(_ints(0, 3)) for d in Dimension},
        exposure_targets={},
        available_days=days,
        max_training_days=draw(_ints(1, len(days))),
        minutes_per_session=draw(_ints(20, 90)),
        supervised_days=frozenset(),
        goals=draw(st.dictionaries(st.sampled_from(Goal), _ints(0, 150))),
    )


# ------------------------------------------------------ session logs (the record store)

from workbench.records.models import LogStatus, SessionLog  # noqa: E402

_log_pain = st.none() | st.integers(0, 10)


@st.composite
def session_logs(draw, client_id: str, session_ids: list[int]) -> SessionLog:
    """A session log with every field drawn (for the store's round trips)."""
    status = draw(st.sampled_from(LogStatus))
    return SessionLog(
        client_id=client_id,
        on=draw(st.dates(date(2025, 1, 1), date(2027, 12, 31))),
        status=status,
        minutes=draw(st.integers(0, 300)),
        effort=draw(st.none() | st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 2))),
        pain_before=draw(_log_pain),
        pain_during=draw(_log_pain),
        pain_after=draw(_log_pain),
        next_morning_pain=draw(_log_pain),
        next_morning_stiffness=draw(_log_pain),
        hurt=tuple(draw(st.lists(st.sampled_from(["bird-dog", "dead-bug", "walk"]), max_size=3))),
        notes=draw(st.text(TYPED, max_size=60)),
        session_id=draw(st.none() | st.sampled_from(session_ids)),
        discipline=draw(st.none() | st.sampled_from(["walking", "swimming"])),
    )


# --- the follow-up's weekly review (issue 18) ---------------------------------------------


def review_catalog() -> dict[str, Exercise]:
    """Two exercises for the weekly review: a hip hinge (loaded flexion its main demand)
    and a breathing drill with no movement demand."""
    base = dict(
        discipline=Discipline.GYM, minutes=10, rpe=4.0, met=3.5, compendium_code="",
        goals={}, equipment=frozenset(), needs_supervision=False, level=1, easier_id=None,
        harder_id=None, cue="Move at an easy pace.", source="test", needs_review=False,
    )  # fmt: skip
    hinge = {d: 1 for d in Dimension} | {Dimension.LOADED_FLEXION: 3, Dimension.EXTENSION: 3}
    return {
        "hinge": Exercise(id="hinge", name="hip hinge", demands=hinge, **base),
        "breath": Exercise(
            id="breath", name="breathing drill", demands=dict.fromkeys(Dimension, 0), **base
        ),
    }


def week_sessions(week: int = 1):
    """Three scheduled sessions (Mon, Wed, Fri) of program week ``week``, ids 10w+1..10w+3."""
    from datetime import timedelta

    from workbench.records.models import ScheduledSession

    monday = date(2026, 1, 5) + timedelta(days=7 * (week - 1))
    return [
        ScheduledSession(
            id=10 * week + i + 1,
            plan_id=1,
            client_id="rules",
            week=week,
            day=day,
            on=monday + timedelta(days=2 * i),
            exercises=("hinge", "breath"),
            minutes=30,
            load=120.0,
        )  # fmt: skip
        for i, day in enumerate(("mon", "wed", "fri"))
    ]


@st.composite
def week_logs(draw, week: int = 1, pain=(0, 10), settled: bool | None = None, full: bool = True):
    """(sessions, logs) of one week: every session logged done (``full``) or any status,
    pain during in ``pain`` (inclusive), pain before 0-3, mornings settled back to the
    pre-session rating when ``settled`` (None: any), no notes."""
    from workbench.records.models import LogStatus, SessionLog

    sessions = week_sessions(week)
    logs = []
    for s in sessions:
        status = LogStatus.DONE if full else draw(st.sampled_from(list(LogStatus)))
        before = draw(st.integers(0, 3))
        if settled:
            morning = draw(st.integers(0, before))
        else:
            morning = draw(st.integers(0, 10))
        logs.append(
            SessionLog(
                client_id="rules",
                on=s.on,
                status=status,
                session_id=s.id,
                minutes=draw(st.integers(10, 60)),
                effort=float(draw(st.integers(1, 8))),
                pain_before=before,
                pain_during=draw(st.integers(*pain)),
                pain_after=draw(st.integers(0, 10)),
                next_morning_pain=morning,
                next_morning_stiffness=draw(st.integers(0, 10)),
            )  # fmt: skip
        )
    return sessions, logs


# --- follow-up re-plans (the verifier's follow-up rules) ---


@st.composite
def follow_up_reviews(draw):
    """A week-``n`` review's decision for a re-plan: (weeks done, ceiling factor on the
    week's ceiling, logged load as a share of the week's planned load, a green light)."""
    done = draw(st.integers(1, 3))
    factor = draw(st.sampled_from([0.7, 0.85, 1.0, 1.1]))
    logged_share = draw(st.sampled_from([0.0, 0.4, 0.8, 1.0]))
    green = draw(st.booleans())
    return done, factor, logged_share, green


# ------------------------------------------------------------ hand-over: calendar and data

#: Text a trainer or a catalog row could carry into an export: markup, the characters
#: iCalendar escapes (comma, semicolon, backslash, line ends), formula starts, any letter.
HANDOVER_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Z<>/&\"',;:\\\n\r\t=+-@é")) | TYPED,
    min_size=1,
    max_size=20,
)
#: IANA zones with and without daylight saving (None: a floating local time).
HANDOVER_ZONES = (None, "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata")


@st.composite
def handover_plans(draw, max_weeks: int = 4):
    """A planned result of up to ``max_weeks`` weeks whose blocks carry any names,
    minutes 1-90 and effort 0-10 (load = effort x minutes), days in week order."""
    from workbench.planning.result import Block, DayPlan, PlanResult, WeekPlan

    weeks = []
    for w in range(1, draw(st.integers(1, max_weeks)) + 1):
        days = []
        for d in sorted(draw(st.lists(st.sampled_from(list(Day)), unique=True, max_size=4)),
                        key=lambda d: d.index):  # fmt: skip
            blocks = []
            for k in range(draw(st.integers(1, 3))):
                minutes = draw(st.integers(1, 90))
                rpe = draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0]))
                name = draw(HANDOVER_TEXT)
                blocks.append(Block(f"ex-{w}-{k}", name, Discipline.WALKING, minutes, rpe,
                                    rpe * minutes))  # fmt: skip
            days.append(DayPlan(d, tuple(blocks)))
        weeks.append(WeekPlan(w, 500.0, 500.0, tuple(days), {}, {}))
    return PlanResult(status="planned", message="", weeks=tuple(weeks))


# --- hand-over: the doctor's brief and answer (issue 19) ----------------------------------

from workbench.domain import DiaryEntry, MedicalHistory, Medication, Trainer  # noqa: E402


def brief_client(client: Client, n_diary: int = 10) -> Client:
    """``client`` with what the doctor's brief gathers: a trainer, medical history,
    medications and ``n_diary`` dated diary entries (every third day from 2 Nov 2026)."""
    return replace(
        client,
        trainer=Trainer("Sam Rivera", "sam@studio.example, 020 7946 0000"),
        medical_history=MedicalHistory(
            ("Non-specific chronic low back pain",),
            ("MRI lumbar spine 2023: no findings needing treatment",),
            ("Physiotherapy, 6 sessions, 2024",),
        ),
        medications=(
            Medication("Ibuprofen", "400 mg", "up to three times a day when needed"),
            Medication("Amitriptyline", "10 mg", "at night"),
        ),
        diary=tuple(
            DiaryEntry(
                (date(2026, 11, 2) + timedelta(days=3 * i)).isoformat(),
                3 + i % 4,
                "most evenings",
                "long meetings",
                "a short walk",
            )
            for i in range(n_diary)
        ),
        symptom_diary="Stiff in the mornings, easier after a walk.",
    )


#: Text a trainer or client could type into any field the brief shows (markup included).
typed_text = st.text(TYPED, max_size=40) | st.sampled_from(
    ["<script>alert(1)</script>", "O'Brien & <b>Sons</b>", '"quoted"', "{{ 7*7 }}"]
)


@st.composite
def typed_brief_clients(draw, base: Client) -> Client:
    """``base`` with typed text drawn into every free-text field the brief shows."""
    return replace(
        base,
        name=draw(typed_text.filter(str.strip)),
        trainer=Trainer(draw(typed_text), draw(typed_text)),
        medical_history=MedicalHistory((draw(typed_text),), (draw(typed_text),), ()),
        medications=(Medication(draw(typed_text), draw(typed_text), draw(typed_text)),),
        diary=(DiaryEntry("2026-11-02", 4, draw(typed_text), draw(typed_text), "", ""),),
        symptom_diary=draw(typed_text),
    )


@st.composite
def doctor_answers(draw, exercise_ids: list[str]) -> dict:
    """A valid doctor's answer (cleared yes) with drawn bans and effort limit."""
    return {
        "cleared": "yes",
        "avoid_disciplines": draw(
            st.lists(st.sampled_from([d.value for d in Discipline]), max_size=3, unique=True)
        ),
        "avoid_exercises": draw(st.lists(st.sampled_from(exercise_ids), max_size=6, unique=True)),
        "max_rpe": draw(st.none() | st.integers(2, 10)),
        "notes": draw(st.sampled_from(["", "Build up gradually.", "Walk daily."])),
        "by": "Dr A. Okafor (GP)",
        "date": draw(st.dates(date(2026, 1, 1), date(2027, 12, 31))).isoformat(),
    }
