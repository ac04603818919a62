"""The client file's fields: the whole file as one pydantic model, with its cross-field rules.

Owns :class:`ClientFile`, the one declarative description of a client file (every
top-level field, its vocabulary, range and documentation, built from the parts in
:mod:`workbench.client.field_groups` and the rule table in :mod:`workbench.defaults`),
the rules that join several fields (an exposure target at least the current tolerance,
the day counts and supervised days fitting the available days, nothing both liked and
disliked) and the file-layout versions; :mod:`workbench.client.assessment` checks,
writes and describes client files with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from workbench.client.field_containers import keyed, list_of, overrides, set_of
from workbench.client.field_groups import (
    ActivityFile,
    ClearanceFile,
    DayName,
    Flag,
    InstrumentsFile,
    Level,
    PainFile,
    Preference,
    TestsFile,
    Text,
)
from workbench.client.field_history import (
    Diary,
    MedicalHistoryFile,
    Medications,
    TimeZone,
    TrainerFile,
    UsualTime,
)
from workbench.client.field_types import (
    boolean,
    choice,
    enum_choice,
    line,
    nullable,
    number,
    rule_of,
    text,
    version,
    whole,
)
from workbench.client.file_model import FileModel, valid
from workbench.defaults import DEFAULTS
from workbench.domain import (
    EQUIPMENT,
    PRECAUTIONS,
    RED_FLAGS,
    SETTINGS,
    Client,
    Dimension,
    Goal,
)

#: Version of the client-file layout written by :func:`client_to_dict`.
SCHEMA_VERSION = 4
#: Client-file versions this workbench reads. Version 1 had no ``settings`` (where the
#: client trains); such a file reads as "not recorded", and the workbench asks. Versions
#: 1 and 2 had no precautions (domain.md §8), pregnancy weeks, T-score, confirmed "no"
#: answers or what a clearance covers: such a file reads as "not asked" and "none".
#: Versions 1-3 had no medical history, medications, dated diary, trainer, usual time or
#: time zone: such a file reads with them empty ("not recorded").
READABLE_VERSIONS = (1, 2, 3, 4)

#: Client ids name files and store records: letters, digits, ``_ . -``; 1-64 characters.
CLIENT_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"


# ------------------------------------------------------------- cross-field rules


def _exposure_at_least_tolerance(values: Mapping[str, Any]) -> list:
    tolerances, targets = values["tolerances"], values["exposure_targets"]
    if not valid(tolerances, targets):
        return []
    out = []
    for dim, target in targets.items():
        now = tolerances.get(dim, 0)
        if target < now:
            reason = (
                f"an exposure target must be at least the current tolerance on "
                f"{dim.label} (tolerances.{dim.value} = {now}"
                f"{'' if dim in tolerances else ', not assessed'})"
            )
            out.append(line(("exposure_targets", dim.value), target, reason))
    return out


def _days(days) -> str:
    return ", ".join(d.value for d in sorted(days, key=lambda d: d.index)) or "none"


def _days_fit(values: Mapping[str, Any]) -> list:
    available, most, supervised = (
        values["available_days"],
        values["max_training_days"],
        values["supervised_days"],
    )
    out = []
    # An empty day list means "not entered yet" (a partial assessment can still be saved);
    # once days are entered, the day counts must fit them.
    if valid(available, most) and available and most > len(available):
        reason = (
            f"must not be more than the number of available days ({len(available)}: "
            f"{_days(available)})"
        )
        out.append(line(("max_training_days",), most, reason))
    if valid(available, supervised):
        for day in sorted(supervised - available, key=lambda d: d.index):
            reason = (
                f"a supervised day must be an available day; available days: {_days(available)}"
            )
            out.append(line(("supervised_days",), day.value, reason))
    return out


def _pregnancy_weeks_only_when_pregnant(values: Mapping[str, Any]) -> list:
    precautions, weeks = values["precautions"], values["pregnancy_weeks"]
    if not valid(precautions, weeks) or weeks is None or precautions.get("pregnancy") is True:
        return []
    reason = "is recorded only for a pregnant client (precautions.pregnancy = true)"
    return [line(("pregnancy_weeks",), weeks, reason)]


def _confirmed_only_a_no(values: Mapping[str, Any]) -> list:
    flags, precautions, confirmed = (
        values["red_flags"],
        values["precautions"],
        values["confirmed_no"],
    )
    if not valid(flags, precautions, confirmed):
        return []
    answers = {**flags, **precautions}
    reason = "confirms a no: the question must be answered no (false)"
    return [
        line(("confirmed_no", q), list(words), reason)
        for q, words in confirmed.items()
        if answers.get(q) is not False
    ]


def _not_liked_and_disliked(values: Mapping[str, Any]) -> list:
    liked, disliked = values["liked"], values["disliked"]
    if not valid(liked, disliked):
        return []
    reason = "is also in liked; nothing can be both liked and disliked"
    order = rule_of(Preference).order
    return [line(("disliked",), str(d), reason) for d in sorted(liked & disliked, key=order)]


# ------------------------------------------------------------------ the file

_NEW = Client(id="-", name="-", age=12)

Version = version(
    SCHEMA_VERSION,
    READABLE_VERSIONS,
    rule=f"{' or '.join(map(str, READABLE_VERSIONS))} (the client-file versions this "
    "workbench reads)",
)
ClientId = text(
    pattern=CLIENT_ID_PATTERN,
    rule="an id of 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit",
)
RedFlags = keyed(
    choice(list(RED_FLAGS), "red-flag id"),
    nullable(boolean(), means="not yet asked"),
    key_docs={k: f"{q} ({group})" for k, (group, q) in RED_FLAGS.items()},
)
Precautions = keyed(
    choice(list(PRECAUTIONS), "precaution id"),
    nullable(boolean(), means="not yet asked"),
    key_docs=dict(PRECAUTIONS),
)
PregnancyWeeks = nullable(
    whole(1, int(DEFAULTS["pregnancy_weeks_max"].value), unit="weeks"),
    means="not pregnant or not recorded",
)
TScore = nullable(number(-6, 4, unit="T-score SD"), means="not known")
ConfirmedNo = keyed(
    choice([*RED_FLAGS, *PRECAUTIONS], "red-flag or precaution id"),
    list_of(text(nonblank=True), rule="a list of the client's words, as the scan found them"),
)
Tolerances = keyed(
    enum_choice(Dimension, "dimension"),
    Level,
    key_docs={d.value: f"Tolerance on {d.label} [level 0-3]." for d in Dimension},
)
ExposureTargets = keyed(
    enum_choice(Dimension, "dimension"),
    Level,
    key_docs={d.value: f"Exposure target on {d.label} [level 0-3]." for d in Dimension},
)
Goals = keyed(
    enum_choice(Goal, "goal"),
    whole(0, 1000, unit="min/week"),
    key_docs={g.value: f"Weekly minutes for {g.label} [min/week]." for g in Goal},
)
Name = text(nonblank=True)
Age = whole(12, 110, unit="years")
Triggers = set_of(text(nonblank=True))
Preferences = set_of(Preference)
Equipment = set_of(choice(EQUIPMENT, "equipment token"))
Settings = set_of(choice(SETTINGS, "setting"))
Days = set_of(DayName)
TrainingDays = whole(1, 7, unit="days")
SessionLength = whole(10, 180, unit="min")
GreenWeeks = whole(0, unit="weeks")
Overrides = overrides()
Activities = list_of(
    ActivityFile,
    rule="a list of activity objects (discipline, sessions_per_week, minutes, rpe, "
    "longest_minutes)",
)


class ClientFile(FileModel):
    """Everything the assessment records (product.md flow 1)."""

    domain = Client
    checks = (
        _exposure_at_least_tolerance,
        _days_fit,
        _not_liked_and_disliked,
        _pregnancy_weeks_only_when_pregnant,
        _confirmed_only_a_no,
    )
    file_only = frozenset({"schema_version"})

    schema_version: Version = SCHEMA_VERSION
    """Client-file layout version."""
    id: ClientId
    """Stable client id (names files and store records)."""
    name: Name
    """Client's name."""
    age: Age
    """Age [years]."""
    new_onset: Flag = _NEW.new_onset
    """This back pain started recently (a new episode, not long-standing)."""
    clearance: ClearanceFile = Field(default_factory=ClearanceFile)
    red_flags: RedFlags = Field(default_factory=dict)
    """Red-flag answers: true, false, or null (not yet asked) (domain.md §1)."""
    precautions: Precautions = Field(default_factory=dict)
    """Precaution answers: true, false, or null (not yet asked) (domain.md §8)."""
    pregnancy_weeks: PregnancyWeeks = _NEW.pregnancy_weeks
    """Weeks of pregnancy at the assessment [weeks]; only when precautions.pregnancy is true."""
    osteoporosis_t_score: TScore = _NEW.osteoporosis_t_score
    """Lowest bone-density T-score on record [SD]; null when not known."""
    confirmed_no: ConfirmedNo = Field(default_factory=dict)
    """Red-flag or precaution id answered no -> the client's words the trainer confirmed that no
    against; new words that contradict it ask again.
    """
    notes: Text = _NEW.notes
    """Trainer's notes."""
    symptom_diary: Text = _NEW.symptom_diary
    """Client's symptom diary, free text (older files; the dated entries are in diary)."""
    medical_history: MedicalHistoryFile = Field(default_factory=MedicalHistoryFile)
    medications: Medications = _NEW.medications
    """Medications the client takes, each with its dose and frequency."""
    diary: Diary = _NEW.diary
    """The symptom diary as dated entries (same date allowed), in the order written."""
    trainer: TrainerFile = Field(default_factory=TrainerFile)
    usual_time: UsualTime = _NEW.usual_time
    """Usual training time, HH:MM local time; null when not recorded."""
    time_zone: TimeZone = _NEW.time_zone
    """The client's IANA time zone, e.g. 'Europe/London'; null when not recorded."""
    pain: PainFile = Field(default_factory=PainFile)
    instruments: InstrumentsFile = Field(default_factory=InstrumentsFile)
    triggers: Triggers = _NEW.triggers
    """Pain triggers in the client's words, e.g. 'sitting', 'bending'."""
    tolerances: Tolerances = Field(default_factory=dict)
    """Movement tolerance now, 0-3 per dimension; a dimension left out counts as 0 (domain.md §3).
    """
    exposure_targets: ExposureTargets = Field(default_factory=dict)
    """Graded exposure: tolerance to work back towards per feared dimension, at least the current
    tolerance; key order = least feared first.
    """
    tests: TestsFile = Field(default_factory=TestsFile)
    goals: Goals = Field(default_factory=dict)
    """Weekly minutes wanted per goal [min/week]."""
    liked: Preferences = _NEW.liked
    """Disciplines, settings and tags the client likes."""
    disliked: Preferences = _NEW.disliked
    """Disciplines, settings and tags the client dislikes (none also liked); nothing disliked is
    planned unless the trainer allows it.
    """
    equipment: Equipment = _NEW.equipment
    """Equipment and settings the client has; 'gym' implies the gym items."""
    settings: Settings = _NEW.settings
    """Where the client trains (home, outdoors, pool, gym, studio, clinic); only exercises that can
    be done there are planned. Empty: not recorded (anywhere the equipment allows, and the
    workbench asks).
    """
    available_days: Days = _NEW.available_days
    """Days the client can train."""
    max_training_days: TrainingDays = _NEW.max_training_days
    """Training days a week, at most; not more than the available days."""
    minutes_per_session: SessionLength = _NEW.minutes_per_session
    """Longest session the client has time for [min]."""
    supervised_days: Days = _NEW.supervised_days
    """Days with a trainer present; each an available day."""
    activities: Activities = _NEW.activities
    """Current weekly activities: the baseline load."""
    consecutive_green_weeks: GreenWeeks = _NEW.consecutive_green_weeks
    """Green weeks already behind the client [weeks]."""
    overrides: Overrides = Field(default_factory=dict)
    """Per-client overrides of the rule defaults (workbench.defaults)."""
