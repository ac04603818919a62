"""The client file's fields: the whole file as one spec, with its cross-field rules.

Owns ``_CLIENT``, the one declarative description of a client file (every top-level
field, its vocabulary, range and documentation, built from the parts in
:mod:`workbench.client.field_groups` and the rule table in :mod:`workbench.defaults`),
the rules that join several fields (an exposure target at least the current tolerance,
the day counts and supervised days fitting the available days, nothing both liked and
disliked) and the file-layout versions; :mod:`workbench.client.assessment` checks,
writes and describes client files with it.
"""

from __future__ import annotations

from workbench.client.field_groups import (
    _ACTIVITY,
    _CLEARANCE,
    _DAY,
    _INSTRUMENTS,
    _LEVEL,
    _PAIN_OBJ,
    _PREFERENCE,
    _TESTS,
    _choice,
)
from workbench.client.problems import FieldProblem
from workbench.client.spec import _Bool, _Choice, _Const, _Int, _join, _Nullable, _Text, _valid
from workbench.client.spec_containers import _Field, _List, _Map, _Obj, _Overrides, _SetOf
from workbench.domain import EQUIPMENT, RED_FLAGS, SETTINGS, Client, Dimension, Goal

#: Version of the client-file layout written by :func:`client_to_dict`.
SCHEMA_VERSION = 2
#: Client-file versions this workbench reads. Version 1 had no ``settings`` (where the
#: client trains); such a file reads as "not recorded", and the workbench asks.
READABLE_VERSIONS = (1, 2)

#: Client ids name files and store records: letters, digits, ``_ . -``; 1-64 characters.
CLIENT_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"


# ------------------------------------------------------------- cross-field rules


def _check_exposure(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    tolerances, targets = vals.get("tolerances"), vals.get("exposure_targets")
    if not _valid(tolerances, targets):
        return
    for dim, target in targets.items():
        now = tolerances.get(dim, 0)
        if target < now:
            problems.append(
                FieldProblem(
                    _join(_join(path, "exposure_targets"), dim),
                    target,
                    f"an exposure target must be at least the current tolerance on "
                    f"{dim.label} (tolerances.{dim.value} = {now}"
                    f"{'' if dim in tolerances else ', not assessed'})",
                )
            )


def _days(days) -> str:
    return ", ".join(d.value for d in sorted(days, key=lambda d: d.index)) or "none"


def _check_days(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    available, most, supervised = (
        vals.get("available_days"),
        vals.get("max_training_days"),
        vals.get("supervised_days"),
    )
    # An empty day list means "not entered yet" (a partial assessment can still be saved);
    # once days are entered, the day counts must fit them.
    if _valid(available, most) and available and most > len(available):
        problems.append(
            FieldProblem(
                _join(path, "max_training_days"),
                most,
                f"must not be more than the number of available days ({len(available)}: "
                f"{_days(available)})",
            )
        )
    if _valid(available, supervised):
        for day in sorted(supervised - available, key=lambda d: d.index):
            problems.append(
                FieldProblem(
                    _join(path, "supervised_days"),
                    day.value,
                    f"a supervised day must be an available day; available days: "
                    f"{_days(available)}",
                )
            )


def _check_preferences(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    liked, disliked = vals.get("liked"), vals.get("disliked")
    if _valid(liked, disliked):
        for d in sorted(liked & disliked, key=_PREFERENCE.order):
            problems.append(
                FieldProblem(
                    _join(path, "disliked"),
                    str(d),
                    "is also in liked; nothing can be both liked and disliked",
                )
            )


# ------------------------------------------------------------------ the file

_CLIENT = _Obj(
    Client,
    {
        "schema_version": _Field(
            _Const(
                SCHEMA_VERSION,
                accepted=READABLE_VERSIONS,
                rule=f"{' or '.join(map(str, READABLE_VERSIONS))} (the client-file versions "
                "this workbench reads)",
                doc="Client-file layout version.",
            ),
            attribute=False,
        ),
        "id": _Field(
            _Text(
                pattern=CLIENT_ID_PATTERN,
                rule="an id of 1-64 letters, digits, '_', '.' or '-', starting with a letter "
                "or digit",
                doc="Stable client id (names files and store records).",
            ),
            required=True,
        ),
        "name": _Field(_Text(nonblank=True, doc="Client's name."), required=True),
        "age": _Field(_Int(12, 110, unit="years", doc="Age [years]."), required=True),
        "new_onset": _Field(
            _Bool(doc="This back pain started recently (a new episode, not long-standing).")
        ),
        "clearance": _Field(_CLEARANCE),
        "red_flags": _Field(
            _Map(
                _Choice(list(RED_FLAGS), "red-flag id"),
                _Nullable(_Bool(), means="not yet asked"),
                key_docs={k: f"{q} ({group})" for k, (group, q) in RED_FLAGS.items()},
                doc="Red-flag answers: true, false, or null (not yet asked) (domain.md §1).",
            )
        ),
        "notes": _Field(_Text(doc="Trainer's notes.")),
        "symptom_diary": _Field(_Text(doc="Client's symptom diary, free text.")),
        "pain": _Field(_PAIN_OBJ),
        "instruments": _Field(_INSTRUMENTS),
        "triggers": _Field(
            _SetOf(
                _Text(nonblank=True),
                doc="Pain triggers in the client's words, e.g. 'sitting', 'bending'.",
            )
        ),
        "tolerances": _Field(
            _Map(
                _choice(Dimension, "dimension"),
                _LEVEL,
                key_docs={d.value: f"Tolerance on {d.label} [level 0-3]." for d in Dimension},
                doc="Movement tolerance now, 0-3 per dimension; a dimension left out counts "
                "as 0 (domain.md §3).",
            )
        ),
        "exposure_targets": _Field(
            _Map(
                _choice(Dimension, "dimension"),
                _LEVEL,
                key_docs={d.value: f"Exposure target on {d.label} [level 0-3]." for d in Dimension},
                doc="Graded exposure: tolerance to work back towards per feared dimension, "
                "at least the current tolerance; key order = least feared first.",
            )
        ),
        "tests": _Field(_TESTS),
        "goals": _Field(
            _Map(
                _choice(Goal, "goal"),
                _Int(0, 1000, unit="min/week"),
                key_docs={g.value: f"Weekly minutes for {g.label} [min/week]." for g in Goal},
                doc="Weekly minutes wanted per goal [min/week].",
            )
        ),
        "liked": _Field(
            _SetOf(_PREFERENCE, doc="Disciplines, settings and tags the client likes.")
        ),
        "disliked": _Field(
            _SetOf(
                _PREFERENCE,
                doc="Disciplines, settings and tags the client dislikes (none also liked); "
                "nothing disliked is planned unless the trainer allows it.",
            )
        ),
        "equipment": _Field(
            _SetOf(
                _Choice(EQUIPMENT, "equipment token"),
                doc="Equipment and settings the client has; 'gym' implies the gym items.",
            )
        ),
        "settings": _Field(
            _SetOf(
                _Choice(SETTINGS, "setting"),
                doc="Where the client trains (home, outdoors, pool, gym, studio, clinic); "
                "only exercises that can be done there are planned. Empty: not recorded "
                "(anywhere the equipment allows, and the workbench asks).",
            )
        ),
        "available_days": _Field(_SetOf(_DAY, doc="Days the client can train.")),
        "max_training_days": _Field(
            _Int(
                1,
                7,
                unit="days",
                doc="Training days a week, at most; not more than the available days.",
            )
        ),
        "minutes_per_session": _Field(
            _Int(10, 180, unit="min", doc="Longest session the client has time for [min].")
        ),
        "supervised_days": _Field(
            _SetOf(_DAY, doc="Days with a trainer present; each an available day.")
        ),
        "activities": _Field(
            _List(
                _ACTIVITY,
                rule="a list of activity objects (discipline, sessions_per_week, minutes, rpe, "
                "longest_minutes)",
                doc="Current weekly activities: the baseline load.",
            )
        ),
        "consecutive_green_weeks": _Field(
            _Int(0, unit="weeks", doc="Green weeks already behind the client [weeks].")
        ),
        "overrides": _Field(
            _Overrides(doc="Per-client overrides of the rule defaults (workbench.defaults).")
        ),
    },
    checks=[_check_exposure, _check_days, _check_preferences],
    doc="Everything the assessment records (product.md flow 1).",
)
