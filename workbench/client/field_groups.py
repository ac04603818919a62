"""The parts of the client file: its vocabularies and nested objects, as pydantic models.

Owns the vocabulary types (days, disciplines, what a client may like or dislike, levels)
and the models of the nested objects of a client file -- the clearance
(:class:`ClearanceFile`), the instrument item scores (:class:`InstrumentsFile`), the pain
ratings (:class:`PainFile`), the range-of-motion and endurance tests (:class:`TestsFile`),
and one current activity with its own cross-field rule (:class:`ActivityFile`) -- built
from the vocabularies in :mod:`workbench.domain` with the types of
:mod:`workbench.client.field_types` and :mod:`workbench.client.field_containers`; the
whole file that holds them is in :mod:`workbench.client.fields`.

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

from collections.abc import Callable, Mapping
from typing import Any

from workbench.client.field_containers import items, list_of, set_of
from workbench.client.field_types import (
    boolean,
    calendar_date,
    choice,
    enum_choice,
    line,
    nullable,
    number,
    text,
    whole,
)
from workbench.client.file_model import FileModel, valid
from workbench.domain import (
    PRECAUTIONS,
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

DayName = enum_choice(Day, "day")
DisciplineName = enum_choice(Discipline, "discipline")
#: What a client may like or dislike: a discipline, a setting or a tag (``gym`` is
#: both a discipline and a setting: it means both).
Preference = choice(
    list(dict.fromkeys([*(d.value for d in Discipline), *SETTINGS, *TAGS])),
    "discipline, setting or tag",
    lambda v: Discipline(v) if v in Discipline._value2member_map_ else v,
)
Level = whole(0, 3, unit="level 0-3")
Flag = boolean()
Text = text()

# ------------------------------------------------------------------ clearance

_NO_CLEARANCE = Clearance()
Disciplines = set_of(DisciplineName)
ClearanceDate = nullable(calendar_date(), means="not recorded")
ExerciseIds = set_of(
    text(
        pattern=EXERCISE_ID_PATTERN,
        rule="an exercise id: lowercase letters, digits and hyphens, e.g. 'gym-deadlift'",
    )
)
MaxRpe = nullable(number(0, 10, unit="CR-10 RPE"), means="no limit")
Covers = set_of(choice(list(PRECAUTIONS), "precaution id"))


class ClearanceFile(FileModel):
    """Medical clearance and the doctor's written restrictions (domain.md §1, §3)."""

    domain = Clearance

    cleared: Flag = _NO_CLEARANCE.cleared
    """Medical clearance to train is recorded."""
    date: ClearanceDate = _NO_CLEARANCE.date
    """Date of the clearance."""
    by: Text = _NO_CLEARANCE.by
    """Who gave the clearance, e.g. the GP's name."""
    banned_disciplines: Disciplines = _NO_CLEARANCE.banned_disciplines
    """Disciplines the doctor ruled out."""
    banned_exercises: ExerciseIds = _NO_CLEARANCE.banned_exercises
    """Catalog exercise ids the doctor ruled out."""
    max_rpe: MaxRpe = _NO_CLEARANCE.max_rpe
    """Doctor's maximum effort [CR-10 RPE]; null for no limit."""
    notes: Text = _NO_CLEARANCE.notes
    """The doctor's restrictions in their words."""
    covers: Covers = _NO_CLEARANCE.covers
    """The precautions (domain.md §8) this clearance considered: a precaution that needs
    clearance first is cleared only when listed here.
    """


# ---------------------------------------------------------------- instruments


def _answers(n: int, item: Callable[[int], Any], rule: str) -> Any:
    """An instrument's ``n`` answers, item ``i`` of type ``item(i)``, or null (not done)."""
    return nullable(items(*(item(i) for i in range(n)), rule=rule), means="not done")


StartBack = _answers(
    9,
    lambda i: (
        whole(0, 1, label=f"STarT Back item {i + 1} (0 disagree, 1 agree)")
        if i < 8
        else whole(0, 4, label="STarT Back item 9 (0 not at all .. 4 extremely)")
    ),
    "a list of 9 STarT Back item scores: items 1-8 are 0 (disagree) or 1 (agree), "
    "item 9 is 0-4 (not at all .. extremely)",
)
Odi = _answers(
    10,
    lambda i: nullable(whole(0, 5, label=f"ODI section {i + 1}"), means="not answered"),
    "a list of 10 Oswestry section scores, each 0-5 or null (not answered)",
)
Rmdq = _answers(
    24,
    lambda i: whole(0, 1, label=f"RMDQ item {i + 1} (1 ticked, 0 not)"),
    "a list of 24 Roland-Morris items, each 1 (ticked) or 0 (not)",
)
Psfs = nullable(
    list_of(
        items(
            text(nonblank=True, label="PSFS activity"),
            whole(0, 10, label="PSFS score (0 unable .. 10 as before)"),
            rule="an [activity, score 0-10] pair",
        ),
        low=3,
        high=5,
        rule="a list of 3 to 5 [activity, score 0-10] pairs",
    ),
    means="not done",
)
FabqPa = _answers(
    4,
    lambda i: whole(0, 6, label=f"FABQ-PA item {i + 2}"),
    "a list of 4 FABQ physical-activity scores (items 2-5), each 0-6",
)
Tsk17 = _answers(
    17,
    lambda i: whole(1, 4, label=f"TSK-17 item {i + 1}"),
    "a list of 17 Tampa Scale answers, each 1-4 (as answered, not reversed)",
)


class InstrumentsFile(FileModel):
    """Instrument item scores as entered (no licensed item text; domain.md §2)."""

    domain = Instruments

    start_back: StartBack = None
    """STarT Back [1]: items 1-8 0/1, item 9 0-4; null when not done."""
    odi: Odi = None
    """Oswestry Disability Index [2]: 10 sections 0-5, null for an unanswered section; null when
    not done.
    """
    rmdq: Rmdq = None
    """Roland-Morris Disability Questionnaire [3]: 24 items 0/1; null when not done."""
    psfs: Psfs = None
    """Patient-Specific Functional Scale [4]: 3-5 [activity, score 0-10] pairs; null when not done.
    """
    fabq_pa: FabqPa = None
    """FABQ physical-activity subscale [5], items 2-5 each 0-6; null when not done."""
    tsk17: Tsk17 = None
    """Tampa Scale for Kinesiophobia [6], 17 items 1-4 as answered (reversal is done in scoring);
    null when not done.
    """


# ----------------------------------------------------------------- pain, tests

Nrs = whole(0, 10, unit="NRS 0-10")


class PainFile(FileModel):
    """Pain ratings, 0-10 numeric rating scale."""

    domain = Pain

    now: Nrs = 0
    """Pain now [NRS 0-10]."""
    average_week: Nrs = 0
    """Average pain over the last week [NRS 0-10]."""
    worst_week: Nrs = 0
    """Worst pain over the last week [NRS 0-10]."""


SitAndReach = nullable(number(-40, 60, unit="cm"), means="not done")
LegRaise = nullable(number(0, 120, unit="degrees"), means="not done")
Hold = nullable(number(0, 600, unit="s"), means="not done")


class TestsFile(FileModel):
    """Range-of-motion and endurance tests; null for a test not done."""

    domain = ClientTests

    sit_and_reach_cm: SitAndReach = None
    """Sit and reach: past (+) or short of (-) the toes [cm]."""
    slr_left_deg: LegRaise = None
    """Straight-leg raise, left [degrees]."""
    slr_right_deg: LegRaise = None
    """Straight-leg raise, right [degrees]."""
    mcgill_flexor_s: Hold = None
    """McGill trunk flexor endurance hold [s] [7]."""
    mcgill_extensor_s: Hold = None
    """McGill trunk extensor (Biering-Sorensen) hold [s] [7]."""
    side_bridge_left_s: Hold = None
    """McGill side bridge, left [s] [7]."""
    side_bridge_right_s: Hold = None
    """McGill side bridge, right [s] [7]."""


# ------------------------------------------------------------------- activity


def _longest_at_least_usual(values: Mapping[str, Any]) -> list:
    minutes, longest = values["minutes"], values["longest_minutes"]
    if not valid(minutes, longest) or longest is None or minutes is None or longest >= minutes:
        return []
    reason = (
        f"the longest session in the last 30 days must be at least the usual session "
        f"length (minutes = {minutes}) [min]"
    )
    return [line(("longest_minutes",), longest, reason)]


SessionsPerWeek = whole(0, 14, unit="sessions/week")
SessionMinutes = whole(1, 300, unit="min")
Rpe = number(0, 10, unit="CR-10 RPE")
LongestMinutes = nullable(whole(1, 600, unit="min"), means="same as minutes")


class ActivityFile(FileModel):
    """One kind of current weekly activity; weekly load = sessions x minutes x RPE [AU]."""

    domain = Activity
    checks = (_longest_at_least_usual,)

    discipline: DisciplineName
    sessions_per_week: SessionsPerWeek
    """Sessions a week [sessions/week]."""
    minutes: SessionMinutes
    """Length of one session [min]."""
    rpe: Rpe
    """Typical effort [CR-10 RPE]."""
    longest_minutes: LongestMinutes = None
    """Longest session in this discipline in the last 30 days [min]; at least minutes; null for the
    same as minutes.
    """
