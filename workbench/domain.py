"""The domain model: frozen dataclasses, no I/O, no framework imports.

Words follow domain.md: an exercise has a *demand* 0-3 on each movement
:class:`Dimension`; a client has a *tolerance* 0-3 on the same dimensions; an exercise
is contraindicated when any demand exceeds the tolerance. The words themselves (the enums,
the equipment, settings and tags, the red-flag questions) are :mod:`workbench.vocabulary`'s;
this module re-exports them, so ``from workbench.domain import Day`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.vocabulary import (
    DAY_INDEX,
    DAY_LABELS,
    DISCIPLINE_LABELS,
    EQUIPMENT,
    GYM_PROVIDES,
    LABELS,
    PRECAUTIONS,
    RED_FLAGS,
    SETTINGS,
    TAGS,
    Day,
    Dimension,
    Discipline,
    Goal,
    Labelled,
    available_equipment,
)

#: The records defined here, then the vocabulary's names re-exported (same objects).
__all__ = [
    "Activity",
    "DiaryEntry",
    "MedicalHistory",
    "Medication",
    "Trainer",
    "Clearance",
    "Client",
    "Exercise",
    "Instruments",
    "Pain",
    "Tests",
    "DAY_INDEX",
    "DAY_LABELS",
    "DISCIPLINE_LABELS",
    "EQUIPMENT",
    "GYM_PROVIDES",
    "LABELS",
    "PRECAUTIONS",
    "RED_FLAGS",
    "SETTINGS",
    "TAGS",
    "Day",
    "Dimension",
    "Discipline",
    "Goal",
    "Labelled",
    "available_equipment",
]


@dataclass(frozen=True)
class Exercise:
    """One catalog row (see ``exercises.columns.csv`` for units and allowed values).

    Attributes
    ----------
    minutes : int
        Default block length [min].
    rpe : float
        Typical effort, CR-10 RPE.
    met : float
        Intensity [MET], 2011 Compendium where a code exists.
    demands : dict[Dimension, int]
        Movement demand 0-3 per dimension.
    goals : dict[Goal, int]
        Contribution 0-3 per goal.
    settings : frozenset of str
        Where it can be done (:data:`SETTINGS`).
    tags : frozenset of str
        What it involves (:data:`TAGS`), e.g. ``land-walking``, ``standing``.
    """

    id: str
    name: str
    discipline: Discipline
    minutes: int
    rpe: float
    met: float
    compendium_code: str
    demands: dict[Dimension, int]
    goals: dict[Goal, int]
    equipment: frozenset[str]
    needs_supervision: bool
    level: int
    easier_id: str | None
    harder_id: str | None
    cue: str
    source: str
    needs_review: bool = False
    settings: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    def is_among(self, preferences) -> bool:
        """Whether a client's likes or dislikes (disciplines, settings, tags) name this
        exercise: its discipline, one of its tags, or a setting it can be done in."""
        if self.discipline in preferences:
            return True
        # a discipline named ("gym") means the discipline, not every exercise a gym allows
        named = {str(x) for x in preferences if not isinstance(x, Discipline)}
        return bool(named & self.tags or named & self.settings)

    @property
    def load(self) -> float:
        """Session-RPE load of one block at default minutes [AU] (Foster 2001)."""
        return self.rpe * self.minutes


@dataclass(frozen=True)
class Clearance:
    """Medical clearance and the doctor's written restrictions.

    Attributes
    ----------
    cleared : bool
        Clearance to train is recorded.
    max_rpe : float or None
        Doctor's maximum effort, CR-10 RPE.
    covers : frozenset of str
        The precautions (:data:`PRECAUTIONS` ids) this clearance considered: a precaution
        that needs clearance first (domain.md §8) is cleared only when listed here.
    """

    cleared: bool = False
    date: str | None = None
    by: str = ""
    banned_disciplines: frozenset[Discipline] = frozenset()
    banned_exercises: frozenset[str] = frozenset()
    max_rpe: float | None = None
    notes: str = ""
    covers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trainer:
    """The client's trainer, as the handout and the doctor's brief name them.

    Attributes
    ----------
    name : str
        The trainer's name; empty when not recorded.
    contact : str
        How to reach the trainer (phone, e-mail), as the trainer writes it.
    """

    name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Medication:
    """One medication the client takes (the doctor's brief lists them).

    Attributes
    ----------
    name : str
        The medicine, as the client or the prescription names it.
    dose : str
        Dose as written, e.g. "400 mg".
    frequency : str
        How often, as written, e.g. "twice a day when needed".
    """

    name: str
    dose: str = ""
    frequency: str = ""


@dataclass(frozen=True)
class MedicalHistory:
    """What the client reports of their medical history (the brief's first section).

    Attributes
    ----------
    diagnoses, imaging, treatments : tuple of str
        One entry per diagnosis, imaging result and treatment, in the words given.
    """

    diagnoses: tuple[str, ...] = ()
    imaging: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiaryEntry:
    """One dated entry of the client's symptom diary.

    Attributes
    ----------
    date : str
        ISO date of the entry (``YYYY-MM-DD``).
    intensity : int or None
        Pain that day, 0-10 numeric rating scale; None when not rated.
    frequency : str
        How often the pain came, in the client's words ("most evenings").
    triggers : str
        What brought it on, in the client's words.
    helps : str
        What helped, in the client's words.
    notes : str
        Anything else the client wrote.
    """

    date: str
    intensity: int | None = None
    frequency: str = ""
    triggers: str = ""
    helps: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Instruments:
    """Instrument item scores as entered (no licensed item text). None: not done.

    Attributes
    ----------
    start_back : tuple of 9 ints or None
        Items 1-8: 0 disagree / 1 agree; item 9: 0-4 (not at all .. extremely).
    odi : tuple of 10 (int or None) or None
        Oswestry sections 0-5; None for an unanswered section.
    rmdq : tuple of 24 ints or None
        Roland-Morris items, 1 ticked / 0 not.
    psfs : tuple of (activity, score 0-10) pairs or None
        Patient-Specific Functional Scale, 3-5 activities.
    fabq_pa : tuple of 4 ints or None
        FABQ physical-activity items 2-5, each 0-6.
    tsk17 : tuple of 17 ints or None
        Tampa Scale items, each 1-4, as answered (reversal is done in scoring).
    """

    start_back: tuple[int, ...] | None = None
    odi: tuple[int | None, ...] | None = None
    rmdq: tuple[int, ...] | None = None
    psfs: tuple[tuple[str, int], ...] | None = None
    fabq_pa: tuple[int, ...] | None = None
    tsk17: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Pain:
    """Pain ratings, 0-10 numeric rating scale."""

    now: int = 0
    average_week: int = 0
    worst_week: int = 0


@dataclass(frozen=True)
class Tests:
    """Range-of-motion and endurance tests. None: not done.

    Attributes
    ----------
    sit_and_reach_cm : float or None
        Distance past (+) or short of (-) the toes [cm].
    slr_left_deg, slr_right_deg : float or None
        Straight-leg raise [degrees].
    mcgill_flexor_s, mcgill_extensor_s, side_bridge_left_s, side_bridge_right_s : float or None
        McGill endurance hold times [s].
    """

    sit_and_reach_cm: float | None = None
    slr_left_deg: float | None = None
    slr_right_deg: float | None = None
    mcgill_flexor_s: float | None = None
    mcgill_extensor_s: float | None = None
    side_bridge_left_s: float | None = None
    side_bridge_right_s: float | None = None


@dataclass(frozen=True)
class Activity:
    """One kind of current weekly activity (the baseline load).

    Attributes
    ----------
    minutes : int
        Length of one session [min].
    rpe : float
        Typical effort, CR-10 RPE.
    longest_minutes : int or None
        Longest session in this discipline in the last 30 days [min]; defaults to
        ``minutes``.
    """

    discipline: Discipline
    sessions_per_week: int
    minutes: int
    rpe: float
    longest_minutes: int | None = None

    @property
    def weekly_load(self) -> float:
        """Weekly session-RPE load of this activity [AU]."""
        return self.sessions_per_week * self.minutes * self.rpe


@dataclass(frozen=True)
class Client:
    """Everything the assessment records (product.md flow 1).

    Attributes
    ----------
    age : int
        [years].
    new_onset : bool
        This back pain started recently (a new episode, not a long-standing one).
    red_flags : dict[str, bool | None]
        Answers to :data:`RED_FLAGS`; None means not yet asked.
    precautions : dict[str, bool | None]
        Answers to :data:`PRECAUTIONS` (domain.md §8); None means not yet asked.
    pregnancy_weeks : int or None
        Weeks of pregnancy at the assessment [weeks], when pregnant.
    osteoporosis_t_score : float or None
        Lowest bone-density T-score on record, when known.
    confirmed_no : dict[str, tuple[str, ...]]
        Red-flag or precaution id answered no -> the client's words (as the free-text scan
        found them) the trainer has confirmed that "no" against with the client. New words
        that contradict the "no" ask again (domain.md §1, §8).
    tolerances : dict[Dimension, int]
        Movement tolerance 0-3 per dimension now.
    exposure_targets : dict[Dimension, int]
        Graded exposure: tolerance to work back towards, per feared dimension, in the
        order the client fears them least to most.
    goals : dict[Goal, int]
        Weekly minutes wanted per goal [min/week].
    minutes_per_session : int
        Longest session the client has time for [min].
    max_training_days : int
        Days a week with training, at most.
    settings : frozenset of str
        Where the client trains (:data:`SETTINGS`); empty when not recorded (then
        anywhere their equipment allows, and the workbench asks).
    liked, disliked : frozenset
        Disciplines (as :class:`Discipline`), settings and tags the client likes or
        dislikes. Nothing disliked is planned unless the trainer allows it.
    supervised_days : frozenset[Day]
        Days with a trainer present (exercises that need supervision go only there).
    consecutive_green_weeks : int
        Green weeks already behind the client (gates vigorous work).
    overrides : dict[str, float]
        Per-client overrides of :data:`workbench.defaults.DEFAULTS`.
    medical_history, medications, diary
        What the doctor's brief gathers: diagnoses, imaging and treatments; medications with
        dose and frequency; the symptom diary as dated entries (``symptom_diary`` keeps the
        free-text diary of older files).
    trainer : Trainer
        The client's trainer (named at the top of the handout and the brief).
    usual_time : str or None
        The client's usual training time, ``HH:MM`` local time; None when not recorded.
    time_zone : str or None
        The client's IANA time zone (``Europe/London``); None when not recorded.
    """

    id: str
    name: str
    age: int
    new_onset: bool = False
    clearance: Clearance = field(default_factory=Clearance)
    red_flags: dict[str, bool | None] = field(default_factory=dict)
    precautions: dict[str, bool | None] = field(default_factory=dict)
    pregnancy_weeks: int | None = None
    osteoporosis_t_score: float | None = None
    confirmed_no: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: str = ""
    symptom_diary: str = ""
    medical_history: MedicalHistory = field(default_factory=MedicalHistory)
    medications: tuple[Medication, ...] = ()
    diary: tuple[DiaryEntry, ...] = ()
    trainer: Trainer = field(default_factory=Trainer)
    usual_time: str | None = None
    time_zone: str | None = None
    pain: Pain = field(default_factory=Pain)
    instruments: Instruments = field(default_factory=Instruments)
    triggers: frozenset[str] = frozenset()
    tolerances: dict[Dimension, int] = field(default_factory=dict)
    exposure_targets: dict[Dimension, int] = field(default_factory=dict)
    tests: Tests = field(default_factory=Tests)
    goals: dict[Goal, int] = field(default_factory=dict)
    liked: frozenset[Discipline | str] = frozenset()
    disliked: frozenset[Discipline | str] = frozenset()
    equipment: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    available_days: frozenset[Day] = frozenset()
    max_training_days: int = 3
    minutes_per_session: int = 45
    supervised_days: frozenset[Day] = frozenset()
    activities: tuple[Activity, ...] = ()
    consecutive_green_weeks: int = 0
    overrides: dict[str, float] = field(default_factory=dict)

    @property
    def baseline_load(self) -> float:
        """Current tolerated weekly load [AU]: the sum of the current activities."""
        return float(sum(a.weekly_load for a in self.activities))

    def tolerance(self, dim: Dimension) -> int:
        """Tolerance 0-3 on ``dim``; an unassessed dimension counts as 0 (conservative)."""
        return self.tolerances.get(dim, 0)
