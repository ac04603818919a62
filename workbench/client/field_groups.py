"""The parts of the client file: its vocabularies and nested objects, as specs.

Owns the vocabulary specs (days, disciplines, what a client may like or dislike, levels)
and the specs of the nested objects of a client file -- the clearance, the instrument
item scores, the pain ratings, the range-of-motion and endurance tests, and one current
activity with its own cross-field check -- built from the vocabularies in
:mod:`workbench.domain`; the whole file that holds them is in
:mod:`workbench.client.fields`.

References
----------
[1] Hill J.C. et al. (2008) STarT Back Screening Tool. Arthritis Rheum 59:632.
[2] Fairbank J.C., Pynsent P.B. (2000) The Oswestry Disability Index. Spine 25:2940.
[3] Roland M., Morris R. (1983) A study of the natural history of back pain. Spine 8:141.
[4] Stratford P. et al. (1995) Patient-Specific Functional Scale. Physiother Can 47:258.
[5] Waddell G. et al. (1993) Fear-Avoidance Beliefs Questionnaire. Pain 52:157.
[6] Kori S.H. et al. (1990) Tampa Scale for Kinesiophobia. Pain Manag 3:35.
[7] McGill S.M. et al. (1999) Endurance times for low back stabilization exercises.
    Arch Phys Med Rehabil 80:941.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from workbench.client.problems import FieldProblem
from workbench.client.spec import (
    _Bool,
    _Choice,
    _Date,
    _Int,
    _join,
    _Nullable,
    _Number,
    _Spec,
    _Text,
    _valid,
)
from workbench.client.spec_containers import _Field, _Items, _List, _Obj, _SetOf
from workbench.domain import (
    SETTINGS,
    TAGS,
    Activity,
    Clearance,
    Day,
    Discipline,
    Instruments,
    Pain,
)
from workbench.domain import Tests as ClientTests

#: Exercise ids as in the catalog (``exercises.columns.csv``): lowercase, digits, hyphens.
EXERCISE_ID_PATTERN = r"[a-z0-9][a-z0-9-]*"


def _choice(enum: type[Enum], noun: str) -> _Choice:
    return _Choice([m.value for m in enum], noun, enum)


_DAY = _Choice([d.value for d in Day], "day", Day)
_DISCIPLINE = _choice(Discipline, "discipline")
#: What a client may like or dislike: a discipline, a setting or a tag (``gym`` is
#: both a discipline and a setting: it means both).
_PREFERENCE = _Choice(
    list(dict.fromkeys([*(d.value for d in Discipline), *SETTINGS, *TAGS])),
    "discipline, setting or tag",
    lambda v: Discipline(v) if v in Discipline._value2member_map_ else v,
)
_LEVEL = _Int(0, 3, unit="level 0-3")
_PAIN = _Int(0, 10, unit="NRS 0-10")

_CLEARANCE = _Obj(
    Clearance,
    {
        "cleared": _Field(_Bool(doc="Medical clearance to train is recorded.")),
        "date": _Field(_Nullable(_Date(), means="not recorded", doc="Date of the clearance.")),
        "by": _Field(_Text(doc="Who gave the clearance, e.g. the GP's name.")),
        "banned_disciplines": _Field(_SetOf(_DISCIPLINE, doc="Disciplines the doctor ruled out.")),
        "banned_exercises": _Field(
            _SetOf(
                _Text(
                    pattern=EXERCISE_ID_PATTERN,
                    rule="an exercise id: lowercase letters, digits and hyphens, "
                    "e.g. 'gym-deadlift'",
                ),
                doc="Catalog exercise ids the doctor ruled out.",
            )
        ),
        "max_rpe": _Field(
            _Nullable(
                _Number(0, 10, unit="CR-10 RPE"),
                means="no limit",
                doc="Doctor's maximum effort [CR-10 RPE]; null for no limit.",
            )
        ),
        "notes": _Field(_Text(doc="The doctor's restrictions in their words.")),
    },
    doc="Medical clearance and the doctor's written restrictions (domain.md §1, §3).",
)


def _items(n: int, spec: Callable[[int], _Spec], rule: str, doc: str) -> _Nullable:
    return _Nullable(_Items([spec(i) for i in range(n)], rule=rule), means="not done", doc=doc)


_INSTRUMENTS = _Obj(
    Instruments,
    {
        "start_back": _Field(
            _items(
                9,
                lambda i: (
                    _Int(0, 1, label=f"STarT Back item {i + 1} (0 disagree, 1 agree)")
                    if i < 8
                    else _Int(0, 4, label="STarT Back item 9 (0 not at all .. 4 extremely)")
                ),
                "a list of 9 STarT Back item scores: items 1-8 are 0 (disagree) or 1 (agree), "
                "item 9 is 0-4 (not at all .. extremely)",
                "STarT Back [1]: items 1-8 0/1, item 9 0-4; null when not done.",
            )
        ),
        "odi": _Field(
            _items(
                10,
                lambda i: _Nullable(_Int(0, 5, label=f"ODI section {i + 1}"), means="not answered"),
                "a list of 10 Oswestry section scores, each 0-5 or null (not answered)",
                "Oswestry Disability Index [2]: 10 sections 0-5, null for an unanswered "
                "section; null when not done.",
            )
        ),
        "rmdq": _Field(
            _items(
                24,
                lambda i: _Int(0, 1, label=f"RMDQ item {i + 1} (1 ticked, 0 not)"),
                "a list of 24 Roland-Morris items, each 1 (ticked) or 0 (not)",
                "Roland-Morris Disability Questionnaire [3]: 24 items 0/1; null when not done.",
            )
        ),
        "psfs": _Field(
            _Nullable(
                _List(
                    _Items(
                        [
                            _Text(nonblank=True, label="PSFS activity"),
                            _Int(0, 10, label="PSFS score (0 unable .. 10 as before)"),
                        ],
                        rule="an [activity, score 0-10] pair",
                    ),
                    low=3,
                    high=5,
                    rule="a list of 3 to 5 [activity, score 0-10] pairs",
                ),
                means="not done",
                doc="Patient-Specific Functional Scale [4]: 3-5 [activity, score 0-10] "
                "pairs; null when not done.",
            )
        ),
        "fabq_pa": _Field(
            _items(
                4,
                lambda i: _Int(0, 6, label=f"FABQ-PA item {i + 2}"),
                "a list of 4 FABQ physical-activity scores (items 2-5), each 0-6",
                "FABQ physical-activity subscale [5], items 2-5 each 0-6; null when not done.",
            )
        ),
        "tsk17": _Field(
            _items(
                17,
                lambda i: _Int(1, 4, label=f"TSK-17 item {i + 1}"),
                "a list of 17 Tampa Scale answers, each 1-4 (as answered, not reversed)",
                "Tampa Scale for Kinesiophobia [6], 17 items 1-4 as answered (reversal is "
                "done in scoring); null when not done.",
            )
        ),
    },
    doc="Instrument item scores as entered (no licensed item text; domain.md §2).",
)

_PAIN_OBJ = _Obj(
    Pain,
    {
        "now": _Field(_Int(0, 10, unit="NRS 0-10", doc="Pain now [NRS 0-10].")),
        "average_week": _Field(
            _Int(0, 10, unit="NRS 0-10", doc="Average pain over the last week [NRS 0-10].")
        ),
        "worst_week": _Field(
            _Int(0, 10, unit="NRS 0-10", doc="Worst pain over the last week [NRS 0-10].")
        ),
    },
    doc="Pain ratings, 0-10 numeric rating scale.",
)


def _hold(doc: str) -> _Field:
    return _Field(_Nullable(_Number(0, 600, unit="s"), means="not done", doc=doc))


_TESTS = _Obj(
    ClientTests,
    {
        "sit_and_reach_cm": _Field(
            _Nullable(
                _Number(-40, 60, unit="cm"),
                means="not done",
                doc="Sit and reach: past (+) or short of (-) the toes [cm].",
            )
        ),
        "slr_left_deg": _Field(
            _Nullable(
                _Number(0, 120, unit="degrees"),
                means="not done",
                doc="Straight-leg raise, left [degrees].",
            )
        ),
        "slr_right_deg": _Field(
            _Nullable(
                _Number(0, 120, unit="degrees"),
                means="not done",
                doc="Straight-leg raise, right [degrees].",
            )
        ),
        "mcgill_flexor_s": _hold("McGill trunk flexor endurance hold [s] [7]."),
        "mcgill_extensor_s": _hold("McGill trunk extensor (Biering-Sorensen) hold [s] [7]."),
        "side_bridge_left_s": _hold("McGill side bridge, left [s] [7]."),
        "side_bridge_right_s": _hold("McGill side bridge, right [s] [7]."),
    },
    doc="Range-of-motion and endurance tests; null for a test not done.",
)


def _check_activity(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    minutes, longest = vals.get("minutes"), vals.get("longest_minutes")
    if (
        _valid(minutes, longest)
        and longest is not None
        and minutes is not None
        and longest < minutes
    ):
        problems.append(
            FieldProblem(
                _join(path, "longest_minutes"),
                longest,
                f"the longest session in the last 30 days must be at least the usual session "
                f"length (minutes = {minutes}) [min]",
            )
        )


_ACTIVITY = _Obj(
    Activity,
    {
        "discipline": _Field(_DISCIPLINE, required=True),
        "sessions_per_week": _Field(
            _Int(0, 14, unit="sessions/week", doc="Sessions a week [sessions/week]."),
            required=True,
        ),
        "minutes": _Field(
            _Int(1, 300, unit="min", doc="Length of one session [min]."), required=True
        ),
        "rpe": _Field(
            _Number(0, 10, unit="CR-10 RPE", doc="Typical effort [CR-10 RPE]."), required=True
        ),
        "longest_minutes": _Field(
            _Nullable(
                _Int(1, 600, unit="min"),
                means="same as minutes",
                doc="Longest session in this discipline in the last 30 days [min]; at least "
                "minutes; null for the same as minutes.",
            )
        ),
    },
    checks=[_check_activity],
    doc="One kind of current weekly activity; weekly load = sessions x minutes x RPE [AU].",
)
