"""Which exercises may be used in which week, with a reason for every one left out.

domain.md §3-4. An exercise is contraindicated when any movement demand exceeds the
client's tolerance that week. Other hard filters: the doctor's written restrictions,
equipment, supervision, the early-phase rules, vigorous gating, the trainer's bans and
imported rows not yet reviewed. Exclusions are data with their reasons: the optimizer
creates no variable for an excluded (exercise, week) pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from workbench.client.triggers import Trigger, known_triggers
from workbench.defaults import Params
from workbench.domain import SETTINGS, Client, Dimension, Discipline, Exercise, available_equipment

#: Exclusion families, in the order a trainer reads them.
FAMILIES = {
    "tolerance": "movement demand above the client's tolerance",
    "graded_exposure": "a feared movement that has not come back yet",
    "doctor_discipline": "the doctor's restriction on a discipline",
    "doctor_exercise": "the doctor's restriction on an exercise",
    "doctor_max_effort": "above the doctor's maximum effort",
    "equipment": "equipment the client does not have",
    "setting": "not done where the client trains",
    "trigger": "matches what the client says brings the pain on",
    "disliked": "something the client dislikes",
    "supervision": "needs a supervised session, and none is scheduled",
    "session_length": "longer than the client's session",
    "early_phase_effort": "more than moderate effort in the first weeks",
    "early_phase_demands": "several high demands in the first weeks",
    "vigorous_gating": "vigorous work before enough green weeks",
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


@dataclass(frozen=True)
class Eligibility:
    """The allowed (exercise, week) set and the exclusions.

    Attributes
    ----------
    ids : tuple of str
        Catalog ids, in catalog order (rows of ``mask``).
    mask : numpy.ndarray
        Bool, shape ``(n_exercises, weeks)``: True where the pair is allowed.
    exclusions : tuple of Exclusion
        Every reason, for every excluded pair.
    supervised_only : frozenset of str
        Allowed ids that may go only on supervised days.
    tolerances : numpy.ndarray
        Shape ``(weeks, 7)``: tolerance per week and dimension.
    """

    ids: tuple[str, ...]
    mask: np.ndarray
    exclusions: tuple[Exclusion, ...]
    supervised_only: frozenset[str]
    tolerances: np.ndarray
    _by_id: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def weeks(self) -> int:
        """Horizon [weeks]."""
        return self.mask.shape[1]

    def allowed(self, week: int) -> list[str]:
        """Ids allowed in 1-based ``week``, in catalog order."""
        col = self.mask[:, week - 1]
        return [i for i, ok in zip(self.ids, col, strict=True) if ok]

    def reasons(self, exercise_id: str, week: int | None = None) -> list[Exclusion]:
        """Every exclusion of ``exercise_id`` (in ``week`` only, when given)."""
        if not self._by_id:
            for e in self.exclusions:
                self._by_id.setdefault(e.exercise_id, []).append(e)
        found = self._by_id.get(exercise_id, [])
        return [e for e in found if week is None or week in e.weeks]


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


def _rules(
    client, params, tolerances, equipment, bans, include_unreviewed, allow_disliked=()
) -> _Rules:
    weeks = tolerances.shape[0]
    every = tuple(range(1, weeks + 1))
    done = client.consecutive_green_weeks  # program weeks already behind the client
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
        gated=tuple(w for w in every if done + (w - 1) < params.vigorous_after_green_weeks),
        triggers=(known := tuple(known_triggers(client.triggers))),
        by_dimension={
            d: [(words, t.suggests[d]) for words, t in known if d in t.suggests] for d in Dimension
        },
        longest={t.longest: params[t.longest] for _w, t in known if t.longest},
        disliked=frozenset(str(x) for x in client.disliked) - frozenset(allow_disliked),
    )


def exercise_exclusions(
    ex: Exercise,
    client: Client,
    params: Params,
    tolerances: np.ndarray,
    *,
    equipment: frozenset[str],
    bans: frozenset[str] = frozenset(),
    include_unreviewed: bool = False,
    allow_disliked: frozenset[str] = frozenset(),
) -> list[Exclusion]:
    """Every reason ``ex`` is left out in some week of the horizon.

    Parameters
    ----------
    ex : Exercise
    client : Client
    params : Params
    tolerances : numpy.ndarray
        ``(weeks, 7)`` tolerance schedule (see
        :func:`workbench.rules.tolerance.tolerance_schedule`).
    equipment : frozenset of str
        Everything the client can use.
    bans : frozenset of str
        Exercise ids the trainer left out.
    include_unreviewed : bool
        Allow imported rows still marked "needs review".
    allow_disliked : frozenset of str
        Disliked disciplines, settings or tags the trainer allows all the same.

    Returns
    -------
    list of Exclusion
        Empty when the exercise is allowed in every week.
    """
    rules = _rules(client, params, tolerances, equipment, bans, include_unreviewed, allow_disliked)
    return _exclusions(ex, rules)


def _exclusions(ex: Exercise, r: _Rules) -> list[Exclusion]:
    """:func:`exercise_exclusions` against rules read once (see :func:`_rules`)."""
    out: list[Exclusion] = []

    def add(family: str, reason: str, in_weeks: Iterable[int] = r.every) -> None:
        in_weeks = tuple(in_weeks)
        if in_weeks:
            out.append(Exclusion(ex.id, in_weeks, family, reason))

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

    if r.early and (ex.met >= r.vigorous_met or ex.rpe > r.early_max_rpe):
        add(
            "early_phase_effort",
            f"weeks 1-{int(r.early_weeks)} stay moderate (MET < "
            f"{r.vigorous_met:g}, RPE ≤ {r.early_max_rpe:g}); this is MET "
            f"{ex.met:g}, RPE {ex.rpe:g}",
            r.early,
        )
    if r.multi:
        highs = [label for _i, d, label in _DIMENSIONS if demands[d] >= r.high_level]
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
    if ex.id in r.bans:
        add("trainer_ban", "left out by the trainer")
    if ex.needs_review and not r.include_unreviewed:
        add("needs_review", "imported; a trainer has not reviewed its movement demands yet")
    return out


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


def variety_overrides(
    client: Client, exercises: Iterable[Exercise], params: Params, allow_disliked=()
) -> dict[str, float]:
    """The variety rules, fitted to the disciplines a client can do where they train.

    ``min_disciplines_per_week`` asks for cross-training across what the client can do;
    a client who trains only in the pool has one discipline there. When the client's
    settings and dislikes leave fewer disciplines than the rule asks for, the rule asks
    for those, and with one left no discipline share cap applies.

    Returns
    -------
    dict
        Rule overrides (empty when the rules fit as they are).
    """
    where = client.settings
    disliked = frozenset(str(x) for x in client.disliked) - frozenset(allow_disliked)
    possible = {
        ex.discipline
        for ex in exercises
        if (not where or ex.settings & where) and not _disliked(ex, disliked)
    }
    k = len(possible)
    if k == 0 or k >= params.min_disciplines_per_week:
        return {}
    out = {"min_disciplines_per_week": float(k)}
    if k == 1:
        out["max_discipline_share"] = 1.0
    return out


def eligibility(
    exercises: Iterable[Exercise],
    client: Client,
    params: Params,
    tolerances: np.ndarray,
    *,
    bans: Iterable[str] = (),
    include_unreviewed: bool = False,
    allow_disliked: Iterable[str] = (),
) -> Eligibility:
    """The allowed (exercise, week) pairs and the reason for every excluded one.

    Parameters
    ----------
    exercises : iterable of Exercise
        The catalog.
    client : Client
    params : Params
    tolerances : numpy.ndarray
        ``(weeks, 7)`` tolerance schedule.
    bans : iterable of str
        Exercise ids the trainer left out.
    include_unreviewed : bool
        Allow imported rows still marked "needs review".
    allow_disliked : iterable of str
        Disliked disciplines, settings or tags the trainer allows all the same.
    """
    exercises = list(exercises)
    weeks = tolerances.shape[0]
    equipment = available_equipment(client.equipment)
    bans = frozenset(bans)
    mask = np.ones((len(exercises), weeks), dtype=bool)
    exclusions: list[Exclusion] = []
    rules = _rules(
        client, params, tolerances, equipment, bans, include_unreviewed, frozenset(allow_disliked)
    )
    for row, ex in enumerate(exercises):
        found = _exclusions(ex, rules)
        if any(len(exc.weeks) == weeks for exc in found):
            mask[row] = False  # out in every week (most exclusions)
        else:
            for exc in found:
                mask[row, [w - 1 for w in exc.weeks]] = False
        exclusions.extend(found)
    supervised = frozenset(ex.id for ex in exercises if ex.needs_supervision)
    return Eligibility(
        ids=tuple(ex.id for ex in exercises),
        mask=mask,
        exclusions=tuple(exclusions),
        supervised_only=supervised,
        tolerances=tolerances,
    )
