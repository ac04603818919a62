"""Every reason one exercise is left out, family by family, against rules read once.

The exclusion families (:data:`FAMILIES`, in the order a trainer reads them) and one
:class:`Exclusion` per reason. :func:`_rules` reads what every exercise is checked
against once per client and horizon (the tolerance per week, the doctor's restrictions,
the equipment, the triggers, the early-phase and gating weeks); :func:`_exclusions` checks
one exercise against it: movement demand above the tolerance (or graded exposure), the
doctor, the precautions' limits (:mod:`workbench.rules.precautions`), equipment and
setting, the client's own words (triggers, dislikes) and sessions, and the early phase, a
flare-up's first week, vigorous gating, the trainer's bans and rows not yet reviewed
(domain.md §3-5, §8). :func:`workbench.rules.contraindications.eligibility` runs it over the
catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbench.client.triggers import Trigger, known_triggers
from workbench.domain import SETTINGS, Client, Dimension, Discipline, Exercise
from workbench.rules.flare import flare_weeks, pain_today
from workbench.rules.precautions import (
    PRECAUTION_FAMILIES,
    PrecautionLimits,
    precaution_exclusions,
    precaution_limits,
)

#: Exclusion families, in the order a trainer reads them.
FAMILIES = {
    "tolerance": "movement demand above the client's tolerance",
    "graded_exposure": "a feared movement that has not come back yet",
    "doctor_discipline": "the doctor's restriction on a discipline",
    "doctor_exercise": "the doctor's restriction on an exercise",
    "doctor_max_effort": "above the doctor's maximum effort",
    **PRECAUTION_FAMILIES,
    "equipment": "equipment the client does not have",
    "setting": "not done where the client trains",
    "trigger": "matches what the client says brings the pain on",
    "disliked": "something the client dislikes",
    "supervision": "needs a supervised session, and none is scheduled",
    "session_length": "longer than the client's session",
    "early_phase_effort": "more than moderate effort in the first weeks",
    "early_phase_demands": "several high demands in the first weeks",
    "flare_effort": "more than low effort in a flare-up's first week",
    "flare_demands": "a high movement demand in a flare-up's first week",
    "vigorous_gating": "vigorous work before enough green weeks",
    "rested": "resting after it hurt",
    "trainer_ban": "left out by the trainer",
    "needs_review": "imported and not yet reviewed by a trainer",
}


@dataclass(frozen=True)
class Exclusion:
    """One reason an exercise is left out.

    Attributes
    ----------
    exercise_id : str
    weeks : tuple of int
        1-based weeks of the horizon this reason applies to.
    family : str
        A key of :data:`FAMILIES`.
    reason : str
        Plain words, e.g. ``"loaded flexion 3 > tolerance 1"``.
    """

    exercise_id: str
    weeks: tuple[int, ...]
    family: str
    reason: str


#: The dimensions in order, with their labels (read once: enum iteration is slow).
_DIMENSIONS = tuple((i, d, d.label) for i, d in enumerate(Dimension))


@dataclass(frozen=True)
class _Rules:
    """What every exercise is checked against, read once per client and horizon."""

    weeks: int
    every: tuple[int, ...]
    tolerances: tuple[tuple[float, ...], ...]  # per dimension: tolerance per week
    week1: tuple[float, ...]
    client: Client
    equipment: frozenset[str]
    bans: frozenset[str]
    include_unreviewed: bool
    vigorous_met: float
    vigorous_rpe: float
    early_max_rpe: float
    early_weeks: float
    early: tuple[int, ...]
    multi_weeks: float
    multi: tuple[int, ...]
    multi_count: float
    high_level: float
    green_weeks: float
    gated: tuple[int, ...]
    triggers: tuple[tuple[str, Trigger], ...] = ()  # (client's words, known trigger)
    by_dimension: dict = field(default_factory=dict)  # Dimension -> [(words, suggested)]
    longest: dict = field(default_factory=dict)  # defaults rule name -> minutes
    disliked: frozenset[str] = frozenset()  # disliked values not allowed by the trainer
    precautions: PrecautionLimits = PrecautionLimits()  # domain.md §8
    flare: tuple[int, ...] = ()  # a flare-up today: the flare weeks (week 1)
    flare_max_rpe: float = 10.0
    flare_count: float = 7.0
    rested: dict = field(default_factory=dict)  # a follow-up's resting exercises: id -> reason


def _rules(
    client,
    params,
    tolerances,
    equipment,
    bans,
    include_unreviewed,
    allow_disliked=(),
    follow_up=None,
) -> _Rules:
    weeks = tolerances.shape[0]
    every = tuple(range(1, weeks + 1))
    done = client.consecutive_green_weeks  # program weeks already behind the client
    green = done
    if follow_up is not None:  # a re-plan: the program weeks done are behind too
        done, green = done + follow_up.done_weeks, follow_up.green_weeks
    return _Rules(
        weeks=weeks,
        every=every,
        tolerances=tuple(tuple(float(x) for x in tolerances[:, i]) for i, _d, _l in _DIMENSIONS),
        week1=tuple(tolerances[0].tolist()),
        client=client,
        equipment=equipment,
        bans=frozenset(bans),
        include_unreviewed=include_unreviewed,
        vigorous_met=params.vigorous_met,
        vigorous_rpe=params.vigorous_rpe,
        early_max_rpe=params.early_max_rpe,
        early_weeks=params.early_phase_weeks,
        early=tuple(w for w in every if done + w <= params.early_phase_weeks),
        multi_weeks=params.multi_high_demand_weeks,
        multi=tuple(w for w in every if done + w <= params.multi_high_demand_weeks),
        multi_count=params.multi_high_demand_count,
        high_level=params.high_demand_level,
        green_weeks=params.vigorous_after_green_weeks,
        gated=tuple(w for w in every if green + (w - 1) < params.vigorous_after_green_weeks),
        triggers=(known := tuple(known_triggers(client.triggers))),
        by_dimension={
            d: [(words, t.suggests[d]) for words, t in known if d in t.suggests] for d in Dimension
        },
        longest={t.longest: params[t.longest] for _w, t in known if t.longest},
        disliked=frozenset(str(x) for x in client.disliked) - frozenset(allow_disliked),
        precautions=precaution_limits(client, params, weeks),
        flare=flare_weeks(pain_today(client, params), weeks),
        flare_max_rpe=params.flare_max_rpe,
        flare_count=params.flare_high_demand_count,
        rested={} if follow_up is None else dict(follow_up.rested),
    )


#: How a check records one exclusion: ``add(family, reason[, weeks])`` (every week by
#: default).
_Add = Callable[..., None]


def _exclusions(ex: Exercise, r: _Rules) -> list[Exclusion]:
    """:func:`~workbench.rules.contraindications.exercise_exclusions` against rules read
    once (see :func:`_rules`), family by family in the order of :data:`FAMILIES`."""
    out: list[Exclusion] = []

    def add(family: str, reason: str, in_weeks: Iterable[int] = r.every) -> None:
        in_weeks = tuple(in_weeks)
        if in_weeks:
            out.append(Exclusion(ex.id, in_weeks, family, reason))

    _demand_exclusions(ex, r, add)
    _doctor_and_place_exclusions(ex, r, add)
    if r.precautions.any:
        precaution_exclusions(ex, r.precautions, add)
    _client_word_exclusions(ex, r, add)
    _phase_exclusions(ex, r, add)
    _flare_exclusions(ex, r, add)
    return out


def _demand_exclusions(ex: Exercise, r: _Rules, add: _Add) -> None:
    """Movement demand above the tolerance: in every week, or until graded exposure has
    brought the tolerance up; quoting the triggers that point to it."""
    demands = ex.demands
    for i, dim, label in _DIMENSIONS:
        demand = demands[dim]
        per_week = r.tolerances[i]
        if demand <= min(per_week):
            continue
        blocked = [w for w in r.every if demand > per_week[w - 1]]
        # quote the triggers that point to this demand being too much
        said = [words for words, level in r.by_dimension.get(dim, ()) if demand > level]
        quote = (
            f"; the client says {_quoted(said)} {'brings' if len(said) == 1 else 'bring'} "
            "the pain on"
            if said
            else ""
        )
        if demand > r.week1[i] and len(blocked) < r.weeks:
            add(
                "graded_exposure",
                f"{label} {demand} > tolerance {r.week1[i]} until week {blocked[-1] + 1} "
                f"(graded exposure){quote}",
                blocked,
            )
        else:
            add("tolerance", f"{label} {demand} > tolerance {r.week1[i]}{quote}", blocked)


def _doctor_and_place_exclusions(ex: Exercise, r: _Rules, add: _Add) -> None:
    """The doctor's restrictions, the equipment, and where the client trains."""
    cl = r.client.clearance
    if ex.discipline in cl.banned_disciplines:
        add("doctor_discipline", f"the doctor's restrictions leave out {ex.discipline.label}")
    if ex.id in cl.banned_exercises:
        add("doctor_exercise", "the doctor's restrictions leave out this exercise")
    if cl.max_rpe is not None and ex.rpe > cl.max_rpe:
        add("doctor_max_effort", f"effort RPE {ex.rpe:g} > the doctor's maximum {cl.max_rpe:g}")
    if not ex.equipment <= r.equipment:
        missing = sorted(ex.equipment - r.equipment)
        add("equipment", "needs " + ", ".join(m.replace("_", " ") for m in missing))
    where = r.client.settings
    if where and not ex.settings & where:
        add(
            "setting",
            f"done {_places(ex.settings)}; the client trains only {_places(where)}",
        )


def _client_word_exclusions(ex: Exercise, r: _Rules, add: _Add) -> None:
    """What the client says brings the pain on, what they dislike, and their sessions
    (supervised or not, how long)."""
    for words, t in r.triggers:
        hit = sorted(set(t.tags) & ex.tags)
        if ex.id in t.exercises or hit:
            what = ", ".join(h.replace("-", " ") for h in hit) or "this exercise"
            if t.longest is None:
                add("trigger", f'the client says "{words}" brings the pain on ({what})')
            elif ex.minutes > r.longest[t.longest]:
                add(
                    "trigger",
                    f'the client says "{words}" brings the pain on: {what} is kept to '
                    f"{r.longest[t.longest]:g} min blocks, this one is {ex.minutes} min",
                )
    disliked = _disliked(ex, r.disliked)
    if disliked:
        add("disliked", f"the client dislikes {', '.join(disliked)}")
    if ex.needs_supervision and not r.client.supervised_days:
        add("supervision", "needs supervision, and no supervised session is scheduled")
    if ex.minutes > r.client.minutes_per_session:
        add(
            "session_length",
            f"{ex.minutes} min block > the {r.client.minutes_per_session} min session",
        )


def _phase_exclusions(ex: Exercise, r: _Rules, add: _Add) -> None:
    """The early phase (moderate effort, few high demands), vigorous gating, the
    trainer's bans and imported rows not yet reviewed."""
    if r.early and (ex.met >= r.vigorous_met or ex.rpe > r.early_max_rpe):
        add(
            "early_phase_effort",
            f"weeks 1-{int(r.early_weeks)} stay moderate (MET < "
            f"{r.vigorous_met:g}, RPE ≤ {r.early_max_rpe:g}); this is MET "
            f"{ex.met:g}, RPE {ex.rpe:g}",
            r.early,
        )
    if r.multi:
        highs = [label for _i, d, label in _DIMENSIONS if ex.demands[d] >= r.high_level]
        if len(highs) >= r.multi_count:
            add(
                "early_phase_demands",
                f"{len(highs)} high demands ({', '.join(highs)}) are left out of weeks "
                f"1-{int(r.multi_weeks)}",
                r.multi,
            )
    if r.gated and (ex.met >= r.vigorous_met or ex.rpe >= r.vigorous_rpe):
        add(
            "vigorous_gating",
            f"vigorous (MET {ex.met:g}, RPE {ex.rpe:g}) only after "
            f"{int(r.green_weeks)} green weeks in a row",
            r.gated,
        )
    if ex.id in r.rested:
        add("rested", f"resting after it hurt: {r.rested[ex.id]}")
    if ex.id in r.bans:
        add("trainer_ban", "left out by the trainer")
    if ex.needs_review and not r.include_unreviewed:
        add("needs_review", "imported; a trainer has not reviewed its movement demands yet")


def _flare_exclusions(ex: Exercise, r: _Rules, add: _Add) -> None:
    """A flare-up today: week 1 keeps to low effort and leaves out high demands."""
    if not r.flare:
        return
    if ex.rpe > r.flare_max_rpe:
        add(
            "flare_effort",
            f"a flare-up today: week 1 stays at RPE ≤ {r.flare_max_rpe:g}; this is RPE {ex.rpe:g}",
            r.flare,
        )
    highs = [label for _i, d, label in _DIMENSIONS if ex.demands[d] >= r.high_level]
    if len(highs) >= r.flare_count:
        add(
            "flare_demands",
            f"a flare-up today: week 1 leaves out high demands ({', '.join(highs)})",
            r.flare,
        )


_PLACE_WORDS = {
    "home": "at home",
    "outdoors": "outdoors",
    "pool": "in the pool",
    "gym": "in a gym",
    "studio": "in a studio",
    "clinic": "in a clinic",
}


def _places(settings: Iterable[str]) -> str:
    """``{"gym", "home"}`` -> "at home or in a gym" (settings in vocabulary order)."""
    words = [_PLACE_WORDS[x] for x in SETTINGS if x in settings]
    return " or ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " or " + words[-1]


def _quoted(said: list[str]) -> str:
    return " and ".join(f'"{w}"' for w in said)


def _disliked(ex: Exercise, disliked: frozenset[str]) -> list[str]:
    """What of ``disliked`` the exercise is: its discipline, a tag, or only settings in it."""
    if not disliked:
        return []
    found = []
    if ex.discipline.value in disliked:
        found.append(Discipline(ex.discipline).label)
    found += [t.replace("-", " ") for t in sorted(ex.tags & disliked)]
    places = ex.settings & disliked
    if ex.settings and places == ex.settings and ex.discipline.value not in places:
        found.append(f"training {_places(places)}")
    return found
