"""The verifier's checks on single blocks: the block is the catalog's row, the exclusion
rules, and the early weeks' limits.

Each check is a pure function of the verifier's derived inputs, the week, the day and
the exercise; it imports neither :mod:`workbench.rules` nor :mod:`workbench.optimize`.
"""

from __future__ import annotations

import re

from workbench.domain import Day, Dimension, Discipline, Exercise
from workbench.planning.rederive import (
    EPS,
    has_osteoporosis,
    hmk_start_week,
    osteoporosis_impact_cap,
    pregnancy_lying_week,
)
from workbench.planning.verify_inputs import _Inputs
from workbench.planning.violation import Violation
from workbench.vocabulary import (
    LYING_WORDS,
    NOT_LYING_WORDS,
    PREGNANCY_AVOID_WORDS,
    SUPINE_PRONE_WORDS,
)


def week_blocks(wp, by_id) -> tuple[list[tuple[Day, Exercise]], list[Violation]]:
    """The week's blocks as catalog rows, and ``unknown_exercise``, ``block_data``."""
    w, blocks, out = wp.week, [], []
    for dp in wp.days:
        for b in dp.blocks:
            ex = by_id.get(b.exercise_id)
            if ex is None:
                out.append(
                    Violation(
                        w, dp.day, "unknown_exercise", f"{b.exercise_id} is not in the catalog"
                    )
                )
                continue
            if (b.minutes, b.discipline) != (ex.minutes, ex.discipline) or abs(
                b.load - ex.rpe * ex.minutes
            ) > EPS:
                out.append(
                    Violation(
                        w, dp.day, "block_data", f"{ex.id}: block differs from the catalog row"
                    )
                )
            blocks.append((dp.day, ex))
    return blocks, out


def check_exclusions(inp: _Inputs, w: int, day: Day, ex: Exercise) -> list[Violation]:
    """The exclusion rules on one block: tolerance, the doctor's, equipment, setting,
    trigger, disliked, supervision, a follow-up's rested exercises and eased movements,
    the trainer's bans and rows not yet reviewed."""
    out = []

    def bad(rule, detail):
        out.append(Violation(w, day, rule, detail))

    tol, cl, client = inp.tolerance[w - 1], inp.client.clearance, inp.client
    for d in Dimension:
        if ex.demands.get(d, 0) > tol[d]:
            bad("tolerance", f"{ex.id}: {d.label} {ex.demands[d]} > tolerance {tol[d]}")
    if ex.discipline in cl.banned_disciplines:
        bad("doctor_discipline", f"{ex.id}: {ex.discipline.value} is banned")
    if ex.id in cl.banned_exercises:
        bad("doctor_exercise", f"{ex.id} is banned by the doctor")
    if cl.max_rpe is not None and ex.rpe > cl.max_rpe:
        bad("doctor_max_effort", f"{ex.id}: RPE {ex.rpe:g} > {cl.max_rpe:g}")
    missing = sorted(set(ex.equipment) - inp.equipment)
    if missing:
        bad("equipment", f"{ex.id} needs {missing}")
    if client.settings and not set(ex.settings) & set(client.settings):
        bad("setting", f"{ex.id} is done {sorted(ex.settings)}, not there")
    for words, t in inp.triggers:
        if ex.id in t.exercises or set(t.tags) & set(ex.tags):
            if t.longest is None or ex.minutes > inp.params[t.longest]:
                bad("trigger", f"{ex.id} matches the trigger {words!r}")
    hates = {ex.discipline.value, *ex.tags} & inp.disliked
    if hates or (ex.settings and set(ex.settings) <= inp.disliked):
        bad("disliked", f"{ex.id}: the client dislikes {sorted(hates) or 'where'}")
    if ex.needs_supervision and day not in client.supervised_days:
        bad("supervision", f"{ex.id} needs supervision; {day.value} is not")
    if ex.id in inp.rested:
        bad("rested", f"{ex.id} is resting after it hurt: {inp.rested[ex.id]}")
    for d, (level, why) in inp.eased.items():
        if ex.demands.get(d, 0) > level:
            bad("eased", f"{ex.id}: {d.label} {ex.demands[d]} > eased tolerance {level} ({why})")
    if ex.id in inp.bans:
        bad("trainer_ban", f"{ex.id} is banned by the trainer")
    if ex.needs_review and not inp.unreviewed_ok:
        bad("needs_review", f"{ex.id} is not reviewed")
    return out


def check_phase(inp: _Inputs, w: int, day: Day, ex: Exercise) -> list[Violation]:
    """The early weeks and the day on one block: ``early_phase_effort``,
    ``early_phase_demands``, ``flare_effort``, ``flare_demands``, ``vigorous_gating``,
    ``available_days``."""
    out = []
    params, client = inp.params, inp.client
    program_week = inp.done + w
    green_before = inp.green + w - 1
    if program_week <= params.early_phase_weeks and (
        ex.met >= params.vigorous_met or ex.rpe > params.early_max_rpe
    ):
        detail = f"{ex.id}: MET {ex.met:g}, RPE {ex.rpe:g} in program week {program_week}"
        out.append(Violation(w, day, "early_phase_effort", detail))
    n_high = sum(1 for d in Dimension if ex.demands.get(d, 0) >= params.high_demand_level)
    if program_week <= params.multi_high_demand_weeks and (
        n_high >= params.multi_high_demand_count
    ):
        detail = f"{ex.id}: {n_high} high demands in program week {program_week}"
        out.append(Violation(w, day, "early_phase_demands", detail))
    if inp.flare_up and w == 1:
        if ex.rpe > params.flare_max_rpe:
            detail = f"{ex.id}: RPE {ex.rpe:g} > {params.flare_max_rpe:g} in a flare-up's week 1"
            out.append(Violation(w, day, "flare_effort", detail))
        if n_high >= params.flare_high_demand_count:
            detail = f"{ex.id}: {n_high} high demands in a flare-up's week 1"
            out.append(Violation(w, day, "flare_demands", detail))
    vigorous = ex.met >= params.vigorous_met or ex.rpe >= params.vigorous_rpe
    if vigorous and green_before < params.vigorous_after_green_weeks:
        detail = f"{ex.id}: vigorous after {green_before} green weeks"
        out.append(Violation(w, day, "vigorous_gating", detail))
    if day not in client.available_days:
        out.append(Violation(w, day, "available_days", f"{day.value} is not an available day"))
    return out


def _named(ex: Exercise, words) -> bool:
    """Whether a word of ``words`` is a run of whole words of the id or the name."""
    text = " ".join(re.split(r"[^a-z0-9]+", f"{ex.id} {ex.name}".lower()))
    return any(re.search(rf"\b{re.escape(w.replace('-', ' '))}\b", text) for w in words)


def check_precautions(inp: _Inputs, w: int, day: Day, ex: Exercise) -> list[Violation]:
    """The precautions' movement limits on one block (domain.md §8): ``osteoporosis``
    (spinal bending and twisting, impact built gradually), ``pregnancy`` (effort, fall
    risk, lying on the back or front from the cut week), ``heart_metabolic_kidney``
    (light to moderate first weeks)."""
    out = []
    params, client = inp.params, inp.client
    follow_up = getattr(inp.options, "follow_up", None)  # a re-plan: program weeks done
    level = ex.demands.get
    if has_osteoporosis(client, params):
        spine = (Dimension.LOADED_FLEXION, Dimension.END_RANGE_FLEXION, Dimension.ROTATION)
        over = [d.label for d in spine if level(d, 0) > params.osteoporosis_spine_max]
        cap = osteoporosis_impact_cap(client, params, w, follow_up)
        if level(Dimension.IMPACT, 0) > cap:
            over.append(f"impact above {cap:g}")
        if over:
            out.append(Violation(w, day, "osteoporosis", f"{ex.id}: {', '.join(over)}"))
    if client.precautions.get("pregnancy") is True:
        found = []
        if ex.rpe > params.pregnancy_max_rpe:
            found.append(f"RPE {ex.rpe:g}")
        outdoors_bike = ex.discipline == Discipline.CYCLING and set(ex.settings) == {"outdoors"}
        if (
            {"running", "jumping"} & set(ex.tags)
            or outdoors_bike
            or level(Dimension.IMPACT, 0) >= params.pregnancy_fall_impact
            or _named(ex, PREGNANCY_AVOID_WORDS)
        ):
            found.append("fall risk")
        lying = _named(ex, SUPINE_PRONE_WORDS) or (
            ("lying" in ex.tags or _named(ex, LYING_WORDS)) and not _named(ex, NOT_LYING_WORDS)
        )
        if lying and pregnancy_lying_week(client, params, w, follow_up):
            found.append("lying on the back or front")
        if found:
            out.append(Violation(w, day, "pregnancy", f"{ex.id}: {', '.join(found)}"))
    if hmk_start_week(client, params, w, follow_up) and (
        ex.met >= params.heart_metabolic_kidney_max_met
        or ex.rpe > params.heart_metabolic_kidney_max_rpe
    ):
        detail = f"{ex.id}: MET {ex.met:g}, RPE {ex.rpe:g} in a light-to-moderate week"
        out.append(Violation(w, day, "heart_metabolic_kidney", detail))
    return out
