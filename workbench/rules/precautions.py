"""The precautions' movement limits, once a client with a precaution is cleared.

domain.md §8. Pregnancy, osteoporosis or a fragility fracture, recent surgery and known
heart, metabolic or kidney disease are not red flags; once the clearance the screen asks
for is recorded they change what is safe, week by week:

- osteoporosis or a fragility fracture (Royal Osteoporosis Society 2019): loaded
  flexion, end-range flexion and rotation at most ``osteoporosis_spine_max`` in every
  week (no sit-ups, toe touches, loaded twists); impact at most
  ``osteoporosis_impact_start`` at first, one level more per
  ``osteoporosis_impact_step_weeks`` program weeks. It applies when the precaution is
  ticked or the T-score is at or below ``osteoporosis_t_score`` (WHO 1994). Strength and
  balance are favoured by the objective's goals as they stand (not weighted here).
- pregnancy (ACOG Committee Opinion 804, 2020): effort at most ``pregnancy_max_rpe``
  (can talk) and no fall-risk, contact or heated activity in any week (running,
  jumping, outdoor cycling, impact at or above ``pregnancy_fall_impact``, the
  :data:`~workbench.vocabulary.PREGNANCY_AVOID_WORDS`); from week
  ``pregnancy_lying_from_week`` of pregnancy (the client's weeks at the assessment plus
  the plan's week) no work lying on the back or front (:func:`lies_back_or_front`).
  Weeks of pregnancy not recorded: lying work is left out of every week.
- known heart, metabolic or kidney disease (ACSM, Riebe 2015): program weeks
  1..``heart_metabolic_kidney_weeks`` only below ``heart_metabolic_kidney_max_met`` and at
  most ``heart_metabolic_kidney_max_rpe``; the weekly load rises by at most
  ``heart_metabolic_kidney_weekly_rise`` (:func:`precaution_overrides`).
- recent surgery: per the clearance only (the doctor's banned disciplines, exercises and
  maximum effort, already hard filters): the catalog does not say which body region an
  exercise loads, so "no loading of the operated region" is the doctor's to write.

:func:`precaution_limits` reads these once per client and horizon;
:func:`precaution_exclusions` checks one exercise against them, each reason naming the
precaution and the limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.defaults import Params
from workbench.domain import Client, Dimension, Discipline, Exercise
from workbench.vocabulary import (
    LYING_WORDS,
    NOT_LYING_WORDS,
    PREGNANCY_AVOID_WORDS,
    SUPINE_PRONE_WORDS,
)

#: Exclusion families of the precautions (merged into the exclusions' ``FAMILIES``).
PRECAUTION_FAMILIES = {
    "osteoporosis": "limited for osteoporosis or a fragility fracture",
    "pregnancy": "limited in pregnancy",
    "heart_metabolic_kidney": "light to moderate first weeks with heart, metabolic or "
    "kidney disease",
}

#: The spinal demands osteoporosis limits (ROS 2019: bending and twisting).
SPINE = (Dimension.LOADED_FLEXION, Dimension.END_RANGE_FLEXION, Dimension.ROTATION)


@dataclass(frozen=True)
class PrecautionLimits:
    """What one client's precautions limit, per week of the horizon.

    Attributes
    ----------
    osteoporosis : str
        Why the osteoporosis limits apply ("" when they do not).
    spine_max : float
        Most loaded flexion, end-range flexion and rotation [level 0-3].
    impact_caps : tuple of float
        Most impact per plan week [level 0-3] (empty without osteoporosis).
    pregnancy : bool
    pregnancy_weeks : tuple of int or None
        Week of pregnancy in each plan week [weeks], None when not recorded.
    lying_weeks : tuple of int
        Plan weeks (1-based) with no lying on the back or front.
    lying_from : float
        Week of pregnancy the lying limit starts [weeks].
    fall_impact : float
        Impact at or above which pregnancy leaves the work out [level 0-3].
    pregnancy_max_rpe : float
    hmk_weeks : tuple of int
        Plan weeks of the light-to-moderate start with heart, metabolic or kidney disease.
    hmk_last : int
        The last program week of that start.
    hmk_max_met, hmk_max_rpe : float
    """

    osteoporosis: str = ""
    spine_max: float = 3.0
    impact_caps: tuple[float, ...] = ()
    pregnancy: bool = False
    pregnancy_weeks: tuple[int, ...] | None = None
    lying_weeks: tuple[int, ...] = ()
    lying_from: float = 0.0
    fall_impact: float = 3.0
    pregnancy_max_rpe: float = 10.0
    hmk_weeks: tuple[int, ...] = ()
    hmk_last: int = 0
    hmk_max_met: float = 0.0
    hmk_max_rpe: float = 10.0

    @property
    def any(self) -> bool:
        """Whether any limit applies."""
        return bool(self.osteoporosis or self.pregnancy or self.hmk_weeks)


def _osteoporosis_reason(client: Client, params: Params) -> str:
    if client.precautions.get("osteoporosis") is True:
        return "osteoporosis or a fragility fracture"
    t = client.osteoporosis_t_score
    if t is not None and t <= params.osteoporosis_t_score:
        return f"osteoporosis (T-score {t:g})"
    return ""


def precaution_limits(
    client: Client, params: Params, weeks: int, follow_up=None
) -> PrecautionLimits:
    """The limits of ``client``'s precautions over a ``weeks``-week horizon.

    Program week ``w`` of the plan is ``consecutive_green_weeks + w`` (as the early
    phase counts it); week of pregnancy is ``pregnancy_weeks + w - 1``. A re-plan after a
    weekly review (``follow_up``) counts both on by the program weeks done.
    """
    every = range(1, weeks + 1)
    behind = 0 if follow_up is None else int(follow_up.done_weeks)
    done = client.consecutive_green_weeks + behind
    kw: dict = {}
    why = _osteoporosis_reason(client, params)
    if why:
        step = params.osteoporosis_impact_step_weeks
        start = params.osteoporosis_impact_start
        kw.update(
            osteoporosis=why,
            spine_max=params.osteoporosis_spine_max,
            impact_caps=tuple(min(3.0, start + (done + w - 1) // step) for w in every),
        )
    if client.precautions.get("pregnancy") is True:
        at = client.pregnancy_weeks
        by_week = None if at is None else tuple(at + behind + w - 1 for w in every)
        lying_from = params.pregnancy_lying_from_week
        kw.update(
            pregnancy=True,
            pregnancy_weeks=by_week,
            lying_weeks=tuple(w for w in every if by_week is None or by_week[w - 1] >= lying_from),
            lying_from=lying_from,
            fall_impact=params.pregnancy_fall_impact,
            pregnancy_max_rpe=params.pregnancy_max_rpe,
        )
    if client.precautions.get("heart_metabolic_kidney") is True:
        last = int(params.heart_metabolic_kidney_weeks)
        kw.update(
            hmk_weeks=tuple(w for w in every if done + w <= last),
            hmk_last=last,
            hmk_max_met=params.heart_metabolic_kidney_max_met,
            hmk_max_rpe=params.heart_metabolic_kidney_max_rpe,
        )
    return PrecautionLimits(**kw)


def precaution_overrides(client: Client, params: Params) -> dict[str, float]:
    """Rule overrides a precaution brings: with known heart, metabolic or kidney disease
    the weekly rise is at most ``heart_metabolic_kidney_weekly_rise`` (empty otherwise)."""
    if client.precautions.get("heart_metabolic_kidney") is not True:
        return {}
    slow = params.heart_metabolic_kidney_weekly_rise
    return {"weekly_rise": slow} if slow < params.weekly_rise else {}


def _words(ex: Exercise) -> str:
    """The words of the id and name joined by ``-``, with ``-`` at both ends."""
    return "-".join(["", *re.findall(r"[a-z0-9]+", f"{ex.id} {ex.name}".lower()), ""])


def _has(words: str, listed) -> list[str]:
    return [w for w in listed if f"-{w}-" in words]


def lies_back_or_front(ex: Exercise) -> bool:
    """Whether ``ex`` is done lying on the back or front: tagged ``lying`` or named so
    (:data:`~workbench.vocabulary.LYING_WORDS`), and not side-lying, on all fours or in
    a plank (:data:`~workbench.vocabulary.NOT_LYING_WORDS`); "supine" or "prone" in the
    name always counts."""
    words = _words(ex)
    if _has(words, SUPINE_PRONE_WORDS):
        return True
    if _has(words, NOT_LYING_WORDS):
        return False
    return "lying" in ex.tags or bool(_has(words, LYING_WORDS))


def fall_risk(ex: Exercise, fall_impact: float) -> str:
    """What makes ``ex`` a fall-risk, contact or heated activity in pregnancy ("" if
    nothing): running or jumping, cycling only outdoors, impact at or above
    ``fall_impact``, or a word of :data:`~workbench.vocabulary.PREGNANCY_AVOID_WORDS`."""
    said = _has(_words(ex), PREGNANCY_AVOID_WORDS)
    if said:
        return said[0].replace("-", " ")
    for tag in ("running", "jumping"):
        if tag in ex.tags:
            return tag
    if ex.discipline is Discipline.CYCLING and ex.settings and ex.settings <= {"outdoors"}:
        return "cycling outdoors"
    if ex.demands[Dimension.IMPACT] >= fall_impact:
        return f"impact {ex.demands[Dimension.IMPACT]}"
    return ""


#: How a check records one exclusion: ``add(family, reason[, weeks])``.
_Add = Callable[..., None]


def precaution_exclusions(ex: Exercise, lim: PrecautionLimits, add: _Add) -> None:
    """Every precaution limit ``ex`` breaks, with the weeks and a reason naming both."""
    if lim.osteoporosis:
        _osteoporosis(ex, lim, add)
    if lim.pregnancy:
        _pregnancy(ex, lim, add)
    if lim.hmk_weeks and (ex.met >= lim.hmk_max_met or ex.rpe > lim.hmk_max_rpe):
        add(
            "heart_metabolic_kidney",
            f"heart, metabolic or kidney disease: program weeks 1-{lim.hmk_last} stay light "
            f"to moderate (MET < {lim.hmk_max_met:g}, RPE ≤ {lim.hmk_max_rpe:g}); this is "
            f"MET {ex.met:g}, RPE {ex.rpe:g}",
            lim.hmk_weeks,
        )


def _osteoporosis(ex: Exercise, lim: PrecautionLimits, add: _Add) -> None:
    for d in SPINE:
        if ex.demands[d] > lim.spine_max:
            add(
                "osteoporosis",
                f"{lim.osteoporosis}: {d.label} {ex.demands[d]} > {lim.spine_max:g}, the most "
                "for bone health (no loaded or end-range bending and twisting)",
            )
    impact = ex.demands[Dimension.IMPACT]
    out = [w for w, cap in enumerate(lim.impact_caps, 1) if impact > cap]
    if out:
        until = (
            f" until week {out[-1] + 1} (impact is built up gradually)"
            if len(out) < len(lim.impact_caps)
            else " in these weeks (impact is built up gradually)"
        )
        add(
            "osteoporosis",
            f"{lim.osteoporosis}: impact {impact} > {lim.impact_caps[0]:g}{until}",
            out,
        )


def _pregnancy(ex: Exercise, lim: PrecautionLimits, add: _Add) -> None:
    if ex.rpe > lim.pregnancy_max_rpe:
        add(
            "pregnancy",
            f"pregnancy: effort RPE {ex.rpe:g} > {lim.pregnancy_max_rpe:g} "
            "(moderate effort, can still talk)",
        )
    risk = fall_risk(ex, lim.fall_impact)
    if risk:
        add("pregnancy", f"pregnancy: {risk} is a fall-risk, contact or heated activity")
    if lim.lying_weeks and lies_back_or_front(ex):
        when = (
            f"from week {lim.lying_from:g} of pregnancy"
            if lim.pregnancy_weeks is not None
            else "(weeks of pregnancy not recorded)"
        )
        add("pregnancy", f"pregnancy: no lying on the back or front {when}", lim.lying_weeks)
