"""The importer's demand rules: each movement demand of an imported entry, inferred
conservatively (domain.md section 3), each rule named so a row says which rules set it.

Raising rules set a floor on a demand from the entry's words; lowering rules bring a
demand down where the words show it is absent; :func:`infer_demands` applies both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workbench.catalog.entry import Entry
from workbench.catalog.import_words import (
    ARM_SHOULDER,
    AX,
    BENT_OVER_WORDS,
    BOX,
    ERF,
    EXT,
    FOLD_WORDS,
    IMP,
    IMPACT_WORDS,
    JUMP_WORDS,
    LF,
    LOWER_LIMB,
    OVERHEAD_PRESS,
    ROT,
    ROTATION_WORDS,
    SEATED,
    SIT,
    STAPLES,
    TRUNK,
    TRUNK_TURN,
    TWIST_NAMES,
    UNILATERAL_WORDS,
    Words,
)
from workbench.domain import Dimension


@dataclass(frozen=True)
class DemandRule:
    """A rule on movement demands: when ``applies``, set each listed dimension.

    In :data:`LOWERING_RULES` a level is a ceiling (the demand drops to it); in
    :data:`RAISING_RULES` it is a floor (the demand rises to it). Lowering runs first,
    raising last, so a keyword always wins over evidence for a lower demand.
    """

    name: str
    applies: Callable[[Entry], bool]
    levels: Mapping[Dimension, int]


#: Positive evidence that a demand is lower than 3. Every entry starts at 3 everywhere;
#: a rule lowers a dimension only to the stated level, and only when it applies.
LOWERING_RULES: tuple[DemandRule, ...] = (
    # Stretches are unloaded (body weight only, Compendium "stretching, mild"): no load on
    # a flexed spine, nothing on the shoulders. End-range flexion and extension stay high
    # unless a rule below finds the stretch works a limb only.
    DemandRule("stretch is unloaded", lambda e: e.category == "stretching", {LF: 1, AX: 0}),
    # Foam rolling a limb: lying or sitting on the roller, spine neutral, no load.
    DemandRule(
        "foam rolling a limb",
        lambda e: e.equipment == "foam roll" and not (e.primary & TRUNK),
        {LF: 0, ERF: 0, EXT: 1, ROT: 1, AX: 0},
    ),
    # Stretching arms, shoulders, chest or neck, or the calves: the lumbar spine is not
    # taken to end range in flexion and only mildly in extension.
    DemandRule(
        "stretch of arms, shoulders or calves",
        lambda e: (
            e.category == "stretching"
            and bool(e.primary)
            and e.primary <= (ARM_SHOULDER | {"calves"})
        ),
        {ERF: 0, EXT: 1},
    ),
    # Lying (supine) leg stretches keep the back flat on the floor: end-range flexion low.
    DemandRule(
        "lying leg stretch",
        lambda e: (
            e.category == "stretching"
            and e.lying
            and not e.prone
            and bool(e.primary)
            and e.primary <= LOWER_LIMB
        ),
        {ERF: 1},
    ),
    # Single-joint arm and shoulder work does not flex the spine under load and has no
    # end-range trunk movement; standing arm work can invite leaning back (extension 2)
    # and holding weights keeps some axial load (2).
    # The trunk does not rotate in a curl, even when the wrist does ("rotate your palms").
    DemandRule(
        "arm or shoulder isolation",
        lambda e: e.arm_isolation,
        {LF: 0, ERF: 0, EXT: 2, ROT: 1, AX: 2},
    ),
    # ... and on a machine, a cable, or seated or lying, the load hardly reaches the
    # spine (domain.md: seated row and machines are gym staples for back pain).
    DemandRule(
        "arm isolation on machine, cable or supported",
        lambda e: e.arm_isolation and (e.machine_or_cable or e.supported),
        {EXT: 1, AX: 1},
    ),
    # Single-joint leg work (leg extension, leg curl, calf raise) does not flex the spine.
    # Axial load is left alone: a standing calf-raise machine loads the shoulders.
    DemandRule("leg isolation", lambda e: e.leg_isolation, {LF: 1, ERF: 1, ROT: 1}),
    # The neutral-spine staples of domain.md §3, named: plank, side bridge, bird-dog, dead
    # bug, glute bridge, curl-up. Floor holds in a neutral spine, no impact, no sitting.
    DemandRule(
        "neutral-spine staple",
        lambda e: bool(STAPLES.search(e.name.lower())),
        {LF: 1, ERF: 1, EXT: 1, ROT: 1, AX: 1, IMP: 0, SIT: 0},
    ),
    # Upper-body pushing and pulling with the trunk on a bench or seat (bench press,
    # seated row, lat pulldown, chest press): little spinal load; a bench press arch is
    # an extension of 2 at most.
    DemandRule(
        "supported upper-body work",
        lambda e: e.upper_body and e.supported,
        {LF: 1, ERF: 1, EXT: 2, AX: 1},
    ),
    # Leg machines with the back against a pad or lying (leg press, leg curl).
    DemandRule(
        "leg machine with the back supported",
        lambda e: (
            bool(e.primary) and e.primary <= LOWER_LIMB and e.machine_or_cable and e.supported
        ),
        {LF: 1, ERF: 1, EXT: 2, AX: 1},
    ),
    # Lying down the spine carries no body weight; a load on the hips (hip thrust) still
    # compresses a little, so 1 rather than 0.
    DemandRule("lying", lambda e: e.lying, {AX: 1}),
    # Sitting compresses the lumbar spine somewhat, but less than a bar on the shoulders.
    DemandRule("seated", lambda e: e.seated, {AX: 2}),
    # Hanging from a bar pulls the spine apart rather than compressing it.
    DemandRule("hanging", lambda e: e.hanging and not e.standing, {AX: 1}),
    # On hands and knees (bird-dog, cat) the trunk is horizontal: little axial load.
    DemandRule("kneeling or on all fours", lambda e: e.kneeling and not e.standing, {AX: 1}),
    # Impact: a non-plyometric, non-cardio exercise whose instructions never mention
    # jumping, hopping, running or landing has no impact.
    DemandRule(
        "no impact words",
        lambda e: e.category not in ("plyometrics", "cardio") and e.never_says(IMPACT_WORDS),
        {IMP: 0},
    ),
    # Cardio machines without flight phase: cycling and rowing (0), walking, stepping,
    # elliptical and skating (1).
    DemandRule(
        "cardio without impact",
        lambda e: e.cardio_kind == "cycling" or bool(re.search(r"rowing", e.name, re.I)),
        {IMP: 0},
    ),
    DemandRule(
        "low-impact cardio",
        lambda e: (
            e.cardio_kind == "walking" or bool(re.search(r"elliptical|skating", e.name, re.I))
        ),
        {IMP: 1},
    ),
    # Sustained sitting: standing, hanging, lying or kneeling, and no sitting words anywhere.
    DemandRule(
        "not sitting",
        lambda e: (e.upright or e.lying or e.kneeling) and not SEATED.search(e.text),
        {SIT: 0},
    ),
    # Walking, running, stepping, elliptical and skating carry no load in flexion and no
    # end-range trunk movement; standing and walking can provoke extension-sensitive
    # backs (domain.md §3), so extension stays at 2.
    DemandRule(
        "upright cardio without load",
        lambda e: (
            e.cardio_kind in ("running", "walking")
            or bool(re.search(r"elliptical|skating", e.name, re.I))
        ),
        {LF: 0, ERF: 1, EXT: 2},
    ),
    # Walking, stepping and the elliptical carry body weight only, without a flight
    # phase: axial load 1 (running stays 3, domain.md §3).
    DemandRule(
        "walking-type cardio",
        lambda e: e.cardio_kind == "walking" or bool(re.search(r"elliptical", e.name, re.I)),
        {AX: 1},
    ),
    # Cycling: a seated, unloaded, mildly flexed posture (domain.md: tolerated by
    # extension-sensitive clients); sustained sitting stays high (raising rules).
    DemandRule(
        "cycling posture",
        lambda e: e.cardio_kind == "cycling",
        {LF: 1, ERF: 1, EXT: 1, ROT: 1, AX: 1},
    ),
    # Running, walking, stepping, elliptical, skating and rope jumping cannot be done
    # seated.
    DemandRule(
        "upright cardio",
        lambda e: (
            e.cardio_kind in ("running", "walking")
            or bool(re.search(r"elliptical|skating|rope", e.name, re.I))
        ),
        {SIT: 0},
    ),
    # Seated strength or stretching comes in short sets with pauses, not sustained
    # sitting; still 2 because the client stays on the seat between sets.
    DemandRule("seated sets", lambda e: e.seated and e.category != "cardio", {SIT: 2}),
    # Rotation: instructions that never mention twisting, turning, swinging or working one
    # side at a time describe a sagittal movement; the trunk only resists rotation (1).
    DemandRule(
        "no rotation words",
        lambda e: e.never_says(ROTATION_WORDS) and e.never_says(UNILATERAL_WORDS),
        {ROT: 1},
    ),
    # One side at a time without twist words: the trunk resists rotation under load (2).
    DemandRule(
        "one side at a time, no twist",
        lambda e: e.never_says(ROTATION_WORDS) and e.says(UNILATERAL_WORDS),
        {ROT: 2},
    ),
    # End-range flexion: a non-stretch whose instructions never mention folding, bending
    # over or reaching to the toes does not take the spine to end range.
    DemandRule(
        "no folding words",
        lambda e: e.category != "stretching" and e.never_says(FOLD_WORDS),
        {ERF: 1},
    ),
)


def _name(*alternatives: str) -> Callable[[Entry], bool]:
    """Rule condition: the exercise name contains one of the words."""
    pattern = Words(*alternatives)
    return lambda e: bool(pattern.search(e.name.lower()))


def _text(*alternatives: str) -> Callable[[Entry], bool]:
    """Rule condition: the name or an instruction contains one of the words."""
    pattern = Words(*alternatives)
    return lambda e: bool(pattern.search(e.text))


#: Keywords that force a demand up to a floor, whatever the evidence said. ``_name`` rules
#: read the exercise name; ``_text`` rules the name and every instruction.
RAISING_RULES: tuple[DemandRule, ...] = (
    # Lifting a load from the floor or hinging with it: loaded flexion and axial load
    # (domain.md §3 lists deadlift and good morning under both).
    DemandRule(
        "deadlift or good morning", _text(r"dead ?lifts?", r"good ?mornings?"), {LF: 3, AX: 3}
    ),
    # Trunk flexion against load or body weight: sit-up, crunch, jackknife, V-up, roll-up.
    DemandRule(
        "sit-up, crunch or jackknife",
        _text(
            r"sit[- ]?ups?",
            r"crunch\w*",
            r"jack ?knife\w*",
            r"v[- ]ups?",
            r"roll[- ]?ups?",
            r"toes[- ]to[- ]bar",
            r"hanging (?:leg|knee)",
        ),
        {LF: 3},
    ),
    # Leg and knee raises pull the pelvis and lumbar spine into flexion at the top.
    DemandRule(
        "leg or knee raise",
        _name(
            r"leg raises?",
            r"knee raises?",
            r"leg lifts?",
            r"knee/hip raise",
            r"hip raises?",
            r"leg pull-ins?",
            r"knee tucks?",
        ),
        {LF: 2},
    ),
    # Bending over with a load (bent-over row, Romanian or stiff-legged lifts, hinges):
    # the spine holds a flexed posture under load. Stretches are handled by the fold rule.
    DemandRule(
        "bent over with a load",
        lambda e: e.category != "stretching" and e.says(BENT_OVER_WORDS),
        {LF: 3},
    ),
    # Folding forward to end range: toe touches, forward folds, head to knee.
    DemandRule("forward fold", lambda e: e.says(FOLD_WORDS), {ERF: 3}),
    # Spinal rotation by name (Russian twist, wood chop, windmill), or the instructions
    # turning the torso, trunk, hips or shoulders.
    DemandRule(
        "twist or rotation",
        lambda e: bool(TWIST_NAMES.search(e.name.lower())) or e.says(TRUNK_TURN),
        {ROT: 3},
    ),
    # Olympic lifts: the bar leaves the floor (loaded flexion), is caught overhead or on
    # the shoulders (extension, axial load) with a re-plant of the feet (impact 2).
    DemandRule(
        "clean, snatch or jerk",
        _text(r"clean(?:s|ing)?", r"snatch\w*", r"jerks?"),
        {LF: 3, EXT: 3, AX: 3, IMP: 2},
    ),
    # Pressing overhead: axial load and lumbar extension as compensation (domain.md §3).
    DemandRule(
        "overhead press",
        lambda e: (
            e.says(OVERHEAD_PRESS)
            or (
                e.force == "push"
                and "shoulders" in e.primary
                and not e.isolation
                and "press" in e.name.lower()
            )
        ),
        {EXT: 3, AX: 3},
    ),
    # Anything held overhead invites lumbar extension.
    DemandRule("overhead", _name(r"overhead"), {EXT: 3}),
    # A barbell squat puts the load on the spine.
    DemandRule(
        "squat with a barbell",
        lambda e: e.equipment in ("barbell", "e-z curl bar") and "squat" in e.name.lower(),
        {AX: 3},
    ),
    # Flight and landing: jumps, bounds, hops, sprints, box work, plyometrics.
    DemandRule(
        "jump, bound, hop, sprint, box or plyometric",
        lambda e: (
            e.category == "plyometrics" or e.says(JUMP_WORDS) or bool(BOX.search(e.name.lower()))
        ),
        {IMP: 3},
    ),
    # Running and jogging: impact and axial load (domain.md §3).
    # By name: instructions say "select a program to run" or compare with running.
    DemandRule("run or jog", _name(r"run(?:s|ning)?", r"jog\w*"), {IMP: 3, AX: 3}),
    # Back extension and backbends: hyperextensions, supermans, cobra, camel, bow, wheel
    # (the ab wheel rollout loads extension too), arching.
    DemandRule(
        "back extension or backbend",
        _name(
            r"hyperextensions?",
            r"back extensions?",
            r"superman",
            r"reverse hyper",
            r"cobra",
            r"camel",
            r"bow",
            r"wheel",
            r"ab roller",
            r"rollouts?",
            r"arch\w*",
            r"locust",
            r"back bridge",
        ),
        {EXT: 3},
    ),
    # Upside down: the body's weight on the neck and spine, in extension.
    DemandRule("handstand", _text(r"handstand\w*"), {AX: 3, EXT: 3}),
    # Sustained sitting on a bike or rowing machine (domain.md §3).
    DemandRule(
        "bike or rower",
        lambda e: e.category == "cardio" and bool(re.search(r"bike|cycl|rowing", e.name, re.I)),
        {SIT: 3},
    ),
)


def infer_demands(entry: Entry) -> dict[Dimension, int]:
    """Movement demand 0-3 per dimension, conservatively: 3 unless evidence says lower.

    Parameters
    ----------
    entry : Entry

    Returns
    -------
    dict[Dimension, int]
        Every dimension, in :class:`~workbench.domain.Dimension` order.
    """
    demands = dict.fromkeys(Dimension, 3)
    for rule in LOWERING_RULES:
        if rule.applies(entry):
            for dim, level in rule.levels.items():
                demands[dim] = min(demands[dim], level)
    for rule in RAISING_RULES:
        if rule.applies(entry):
            for dim, level in rule.levels.items():
                demands[dim] = max(demands[dim], level)
    return demands


def raised_floor(entry: Entry) -> dict[Dimension, int]:
    """The lowest demand per dimension that :data:`RAISING_RULES` force (0 if none)."""
    floor = dict.fromkeys(Dimension, 0)
    for rule in RAISING_RULES:
        if rule.applies(entry):
            for dim, level in rule.levels.items():
                floor[dim] = max(floor[dim], level)
    return floor
