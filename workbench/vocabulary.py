"""The vocabulary of the records: string enums and fixed word lists, no I/O, no framework
imports.

Words follow domain.md: the movement :class:`Dimension` an exercise demands 0-3 and a client
tolerates 0-3, the :class:`Goal` met in weekly minutes, the :class:`Discipline` of the
catalog and the :class:`Day` of the week (each with a readable ``label``), the equipment,
settings and tags an exercise needs or involves, and the red-flag questions. The frozen
records that use these words are in :mod:`workbench.domain`, which re-exports every name here.
"""

from __future__ import annotations

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

#: The words of an exercise's id or name (hyphen-joined) that mark work lying on the back
#: or front, beside the ``lying`` tag (domain.md §8, pregnancy: ACOG 2020 asks to avoid
#: long motionless supine positions after the first trimester).
LYING_WORDS = (
    "lying",
    "supine",
    "prone",
    "reclined",
    "bridge",
    "legs-up",
    "knee-to-chest",
    "dead-bug",
    "curl-up",
    "crunch",
    "sit-up",
    "hundred",
    "pelvic-curl",
    "pelvic-tilts",
    "toe-taps",
    "chest-lift",
    "leg-stretch",
    "leg-circles",
    "trunk-rotation",
    "roll-up",
    "body-scan",
    "swan",
    "swimming",
    "sphinx",
    "cobra",
    "locust",
    "bow",
)

#: Words of an id or name that say on the back or front whatever else it says.
SUPINE_PRONE_WORDS = ("supine", "prone")

#: Words of an id or name that keep a ``lying``-tagged or lying-named exercise off the
#: back and front (unless a :data:`SUPINE_PRONE_WORDS` word says so): side-lying, on all
#: fours or in a plank (the positions ACOG 2020 leaves open).
NOT_LYING_WORDS = ("side", "bird-dog", "plank", "quadruped")

#: Words of an id or name that mark what pregnancy leaves out whatever the week: contact,
#: fall-risk and heated activities and diving (domain.md §8; ACOG 2020).
PREGNANCY_AVOID_WORDS = (
    "hot-yoga",
    "hot-pilates",
    "bikram",
    "scuba",
    "contact",
    "boxing",
    "kickboxing",
    "martial",
    "skiing",
    "skating",
    "surfing",
    "horse",
    "riding",
    "gymnastics",
    "mountain-bike",
    "trampoline",
)


def available_equipment(listed) -> frozenset[str]:
    """Everything a client can use: what they listed, plus what gym access provides."""
    items = frozenset(listed)
    if "gym" in items:
        items = items | GYM_PROVIDES
    return items


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


#: Precautions: not red flags, but they change what is safe (domain.md §8). Each is asked
#: yes / no / not asked, like :data:`RED_FLAGS`: id -> the question.
PRECAUTIONS: dict[str, str] = {
    "pregnancy": "Pregnant now?",
    "osteoporosis": "Osteoporosis, low bone density, or a fracture after a minor fall or lift?",
    "recent_surgery": "Any surgery in the last 12 weeks?",
    "heart_metabolic_kidney": "Known heart, metabolic (such as diabetes) or kidney disease?",
}
