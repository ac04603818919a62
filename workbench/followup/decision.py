"""The weekly review's answer: a traffic light, a decision and its reasons.

:func:`workbench.followup.review.review_week` computes a :class:`Review` from a week's
session logs; the trainer accepts it or overrides it; the re-plan reads its ceiling, the
exercises resting and the tolerances eased (:mod:`workbench.followup.replan`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workbench.domain import Dimension


class Decision(StrEnum):
    """What the next week does with the load (domain.md §5)."""

    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    #: new red-flag words or leg symptoms: nothing is planned until the questions are answered
    SUSPEND = "suspend"


class Light(StrEnum):
    """The week's traffic light: green when every rule passes."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Rested:
    """An exercise that hurt: rested for now, or its main movement eased for now.

    Attributes
    ----------
    exercise_id : str
    dimension : Dimension or None
        The exercise's main demand dimension, eased to ``tolerance`` for now (None: the
        exercise itself rests, e.g. it has no movement demand to ease).
    tolerance : int or None
        The eased tolerance 0-3 on ``dimension``.
    reason : str
        In plain words, citing the rule, e.g. "pain during the hip hinge reached 7/10 on
        Tuesday, above 5: that movement rests this week".
    """

    exercise_id: str
    dimension: Dimension | None
    tolerance: int | None
    reason: str


@dataclass(frozen=True)
class LoadInfo:
    """The week's load figures, shown as information and never a gate on their own.

    Attributes
    ----------
    planned : float
        Planned load of the week [AU].
    logged : float
        Logged load: effort × minutes summed over the week's logs [AU] (Foster 2001).
    acwr : float or None
        Acute:chronic ratio of the logged loads (Gabbett 2016; critiques Lolli 2019,
        Impellizzeri 2020), None without earlier weeks.
    monotony : float or None
        Mean daily load / its standard deviation over the 7 days (Foster 1998).
    words : tuple of str
        What the figures mean, with their caveats.
    """

    planned: float
    logged: float
    acwr: float | None = None
    monotony: float | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """One week's review.

    Attributes
    ----------
    week : int
        Program week reviewed.
    light : Light
    decision : Decision
    reasons : tuple of str
        Plain words citing each rule that decided (and the pain-monitoring model's tendon
        origin, where it is used).
    ceiling : float
        The week's ceiling [AU].
    next_ceiling : float
        The next week's ceiling after the decision [AU].
    adherence : float
        Share of the week's planned sessions done (partly counts half) [fraction].
    mean_pain : float or None
        Mean of the week's pain-during ratings (0-10).
    mean_stiffness : float or None
        Mean of the week's next-morning stiffness ratings (0-10).
    rested : tuple of Rested
        Exercises that hurt: rested, or their main movement eased, for now.
    questions : tuple of str
        Red-flag question keys to ask again (a suspended plan).
    clinician_review : bool
        Two red weeks in a row: suggest the client sees their clinician.
    load : LoadInfo
    """

    week: int
    light: Light
    decision: Decision
    reasons: tuple[str, ...]
    ceiling: float
    next_ceiling: float
    adherence: float
    mean_pain: float | None = None
    mean_stiffness: float | None = None
    rested: tuple[Rested, ...] = ()
    questions: tuple[str, ...] = ()
    clinician_review: bool = False
    load: LoadInfo = field(default_factory=lambda: LoadInfo(0.0, 0.0))

    @property
    def suspended(self) -> bool:
        """Nothing is planned until the red-flag questions are answered again."""
        return self.decision is Decision.SUSPEND

    def to_json(self) -> dict[str, Any]:
        """The ``workbench review --json`` document (loads in AU)."""
        return {
            "week": self.week,
            "light": self.light.value,
            "decision": self.decision.value,
            "reasons": list(self.reasons),
            "ceiling": round(self.ceiling, 1),
            "next_ceiling": round(self.next_ceiling, 1),
            "adherence": round(self.adherence, 3),
            "mean_pain": self.mean_pain,
            "mean_stiffness": self.mean_stiffness,
            "rested": [
                {
                    "exercise_id": r.exercise_id,
                    "dimension": None if r.dimension is None else r.dimension.value,
                    "tolerance": r.tolerance,
                    "reason": r.reason,
                }
                for r in self.rested
            ],
            "questions": list(self.questions),
            "clinician_review": self.clinician_review,
            "load": {
                "planned": round(self.load.planned, 1),
                "logged": round(self.load.logged, 1),
                "acwr": None if self.load.acwr is None else round(self.load.acwr, 2),
                "monotony": None if self.load.monotony is None else round(self.load.monotony, 2),
                "words": list(self.load.words),
            },
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Review:
        """The inverse of :meth:`to_json` (a stored review read back)."""
        load = doc.get("load", {})
        return cls(
            week=int(doc["week"]),
            light=Light(doc["light"]),
            decision=Decision(doc["decision"]),
            reasons=tuple(doc.get("reasons", ())),
            ceiling=float(doc["ceiling"]),
            next_ceiling=float(doc["next_ceiling"]),
            adherence=float(doc["adherence"]),
            mean_pain=doc.get("mean_pain"),
            mean_stiffness=doc.get("mean_stiffness"),
            rested=tuple(
                Rested(
                    r["exercise_id"],
                    None if r.get("dimension") is None else Dimension(r["dimension"]),
                    r.get("tolerance"),
                    r["reason"],
                )
                for r in doc.get("rested", ())
            ),
            questions=tuple(doc.get("questions", ())),
            clinician_review=bool(doc.get("clinician_review", False)),
            load=LoadInfo(
                float(load.get("planned", 0.0)),
                float(load.get("logged", 0.0)),
                load.get("acwr"),
                load.get("monotony"),
                tuple(load.get("words", ())),
            ),
        )
