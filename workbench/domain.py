"""The domain model: frozen dataclasses and enums, no I/O, no framework imports.

Words follow domain.md: an exercise has a *demand* 0-3 on each movement
:class:`Dimension`; a client has a *tolerance* 0-3 on the same dimensions; an exercise
is contraindicated when any demand exceeds the tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Labelled(StrEnum):
    """A string enum with a readable ``label``: the value with spaces for underscores,
    unless the enum has its own words in :data:`LABELS` (Discipline, Day)."""

    @property
    def label(self) -> str:
        """Readable name, e.g. ``"loaded flexion"``, ``"gym strength"``, ``"Tuesday"``."""
        own = LABELS.get(type(self))
        return own[self] if own is not None else self.value.replace("_", " ")


class Dimension(Labelled):
    """Movement-demand dimensions (domain.md §3)."""

    LOADED_FLEXION = "loaded_flexion"
    END_RANGE_FLEXION = "end_range_flexion"
    EXTENSION = "extension"
    ROTATION = "rotation"
    AXIAL_LOAD = "axial_load"
    IMPACT = "impact"
    SUSTAINED_SITTING = "sustained_sitting"


class Goal(Labelled):
    """Training goals, each met in weekly minutes (domain.md §6)."""

    FLEXIBILITY = "flexibility"
    CORE_ENDURANCE = "core_endurance"
    STRENGTH = "strength"
    CARDIO = "cardio"
    RELAXATION = "relaxation"


class Discipline(Labelled):
    """Training disciplines of the catalog."""

    YOGA = "yoga"
    PILATES = "pilates"
    GYM = "gym"
    SWIMMING = "swimming"
    WALKING = "walking"
    RUNNING = "running"
    CYCLING = "cycling"
    DANCE = "dance"
    MOBILITY = "mobility"


DISCIPLINE_LABELS = {
    Discipline.YOGA: "yoga",
    Discipline.PILATES: "Pilates",
    Discipline.GYM: "gym strength",
    Discipline.SWIMMING: "swimming and aquatic",
    Discipline.WALKING: "walking",
    Discipline.RUNNING: "walk-run and running",
    Discipline.CYCLING: "cycling",
    Discipline.DANCE: "low-impact dance",
    Discipline.MOBILITY: "mobility, relaxation and breathing",
}


class Day(Labelled):
    """Days of the week, Monday first."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:
        """0 for Monday .. 6 for Sunday."""
        return DAY_INDEX[self]


DAY_INDEX = {d: k for k, d in enumerate(Day)}
DAY_LABELS = {
    Day.MON: "Monday",
    Day.TUE: "Tuesday",
    Day.WED: "Wednesday",
    Day.THU: "Thursday",
    Day.FRI: "Friday",
    Day.SAT: "Saturday",
    Day.SUN: "Sunday",
}

#: Enums with their own readable words (the rest: the value with spaces).
LABELS: dict[type, dict] = {Discipline: DISCIPLINE_LABELS, Day: DAY_LABELS}


#: Equipment and settings an exercise may need. ``gym`` access implies the items in
#: :data:`GYM_PROVIDES`; everything else must be listed by the client.
EQUIPMENT = (
    "mat",
    "chair",
    "wall",
    "bands",
    "dumbbells",
    "kettlebell",
    "ball",
    "foam_roller",
    "barbell",
    "machines",
    "treadmill",
    "stationary_bike",
    "recumbent_bike",
    "bike",
    "pool",
    "outdoors",
    "gym",
)

GYM_PROVIDES = frozenset(
    {
        "gym",
        "mat",
        "chair",
        "wall",
        "bands",
        "dumbbells",
        "kettlebell",
        "ball",
        "foam_roller",
        "barbell",
        "machines",
        "treadmill",
        "stationary_bike",
        "recumbent_bike",
    }
)


#: Where a client trains and where an exercise can be done (distinct from equipment: a
#: client may own a mat and still train only in the pool). ``studio``: a class room
#: (yoga, Pilates, dance); ``clinic``: a physiotherapy or exercise clinic.
SETTINGS = ("home", "outdoors", "pool", "gym", "studio", "clinic")

#: What an exercise involves, beyond its discipline and demands: the words a client's
#: triggers, likes and dislikes are matched against (``exercises.columns.csv``).
TAGS = (
    "land-walking",
    "running",
    "road-running",
    "jumping",
    "standing",
    "breaststroke-head-up",
    "lying",
    "seated",
    "class",
    "breathing",
)


def available_equipment(listed) -> frozenset[str]:
    """Everything a client can use: what they listed, plus what gym access provides."""
    items = frozenset(listed)
    if "gym" in items:
        items = items | GYM_PROVIDES
    return items


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


# ---------------------------------------------------------------- the assessment

#: Red-flag questions: id -> (group, question). Groups: ``emergency`` (cauda equina),
#: ``refer`` (serious pathology). domain.md §1.
RED_FLAGS: dict[str, tuple[str, str]] = {
    "bladder_bowel_change": (
        "emergency",
        "New or worsening change in bladder or bowel control (retention, hesitancy, incontinence)?",
    ),
    "saddle_numbness": ("emergency", "Numbness in the saddle or genital area?"),
    "bilateral_leg_symptoms": ("emergency", "Weakness or numbness in both legs?"),
    "sexual_dysfunction": ("emergency", "New sexual dysfunction?"),
    "history_of_cancer": ("refer", "Any history of cancer?"),
    "unexplained_weight_loss": ("refer", "Unexplained weight loss?"),
    "fever_or_unwell": ("refer", "Fever, or feeling generally unwell?"),
    "iv_drug_use": ("refer", "Intravenous drug use?"),
    "immunosuppression": ("refer", "Immunosuppression or long-term steroid use?"),
    "significant_trauma": (
        "refer",
        "Significant trauma (or a minor fall when older or with osteoporosis)?",
    ),
    "progressive_neuro_deficit": ("refer", "Worsening weakness, numbness or tingling?"),
    "night_or_rest_pain": ("refer", "Constant pain at night or at rest?"),
    "structural_deformity": ("refer", "A visible change in the shape of the spine?"),
}


@dataclass(frozen=True)
class Clearance:
    """Medical clearance and the doctor's written restrictions.

    Attributes
    ----------
    cleared : bool
        Clearance to train is recorded.
    max_rpe : float or None
        Doctor's maximum effort, CR-10 RPE.
    """

    cleared: bool = False
    date: str | None = None
    by: str = ""
    banned_disciplines: frozenset[Discipline] = frozenset()
    banned_exercises: frozenset[str] = frozenset()
    max_rpe: float | None = None
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
    """

    id: str
    name: str
    age: int
    new_onset: bool = False
    clearance: Clearance = field(default_factory=Clearance)
    red_flags: dict[str, bool | None] = field(default_factory=dict)
    notes: str = ""
    symptom_diary: str = ""
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
