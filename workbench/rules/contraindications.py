"""Which exercises may be used in which week, with a reason for every one left out.

domain.md §3-4. An exercise is contraindicated when any movement demand exceeds the
client's tolerance that week. Other hard filters: the doctor's written restrictions,
equipment, supervision, the early-phase rules, vigorous gating, the trainer's bans and
imported rows not yet reviewed. Exclusions are data with their reasons: the optimizer
creates no variable for an excluded (exercise, week) pair.

The families, :class:`Exclusion` and the checks of one exercise live in
:mod:`workbench.rules.exclusions` (``FAMILIES`` and ``Exclusion`` are re-exported here);
this module runs them over the catalog into an :class:`Eligibility`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from workbench.defaults import Params
from workbench.domain import Client, Exercise, available_equipment
from workbench.rules.exclusions import FAMILIES as FAMILIES
from workbench.rules.exclusions import Exclusion as Exclusion
from workbench.rules.exclusions import _disliked, _exclusions, _rules


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
    follow_up=None,
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
        client,
        params,
        tolerances,
        equipment,
        bans,
        include_unreviewed,
        frozenset(allow_disliked),
        follow_up,
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
