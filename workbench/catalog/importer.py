"""Import free-exercise-db (873 exercises, public domain) as catalog rows for review.

Each entry becomes one row of our columns (``exercises.columns.csv``), as strings, ready
for :func:`workbench.catalog.table.catalog_from_rows`. Every imported row is marked
``needs_review=yes``: the planner leaves it out until a trainer has confirmed it.

Movement demands are inferred **conservatively**: free-exercise-db says nothing about
spinal loading, so every dimension starts at 3 (high) and is lowered only on positive
evidence in the entry (category, mechanic, muscles, equipment, a position named in the
name or first instructions). Keyword rules then raise dimensions back to a floor
whatever the evidence said (a deadlift is loaded flexion 3, a jump is impact 3).
Unknown means high, never low. Both tables are below with the reasoning beside each rule.

Run ``python -m workbench.catalog.importer OUT.csv`` to write the rows to a CSV a trainer can
review and then load with :func:`workbench.catalog.table.load_catalog`.

References
----------
[1] yuhonas/free-exercise-db, Unlicense (public domain); bundled copy in
    ``workbench/data/free-exercise-db``.
[2] Ainsworth B.E. et al. (2011) 2011 Compendium of Physical Activities. MSSE 43:1575.
    Codes used: 02054 resistance training 8-15 reps 3.5 MET; 02050 resistance training,
    power lifting or body building, vigorous 6.0; 02020 calisthenics vigorous 8.0;
    02101 stretching, mild 2.3; 02011 stationary bicycling 30-50 W 3.5; 01010
    bicycling <10 mph leisure 4.0; 02048 elliptical 5.0; 02071 rowing, stationary,
    moderate 4.8; 02065 stair-treadmill ergometer 9.0; 15552 rope jumping, slow 8.8;
    15590 skating, roller 7.0; 12010 jog/walk 6.0; 12020 jogging 7.0; 12150 running
    8.0; 17190 walking 2.8-3.2 mph 3.5; 02060 health club exercise, general 5.5.
[3] domain.md §3: high-demand examples per dimension; §7: words matter.
[4] Foster C. et al. (2001) session RPE (CR-10) for the effort column.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from workbench.catalog.columns import CatalogError, column_names
from workbench.catalog.inference import infer_settings, infer_tags
from workbench.catalog.table import catalog_from_rows
from workbench.domain import SETTINGS, TAGS, Dimension, Discipline, Goal
from workbench.paths import FREE_EXERCISE_DB

LF = Dimension.LOADED_FLEXION
ERF = Dimension.END_RANGE_FLEXION
EXT = Dimension.EXTENSION
ROT = Dimension.ROTATION
AX = Dimension.AXIAL_LOAD
IMP = Dimension.IMPACT
SIT = Dimension.SUSTAINED_SITTING

#: Categories of heavy barbell sport: vigorous MET, supervision, high effort.
HEAVY_SPORT = frozenset({"powerlifting", "olympic weightlifting", "strongman"})
#: Categories whose main goal is strength.
STRENGTH_CATEGORIES = frozenset({"strength", *HEAVY_SPORT})

ARM_SHOULDER = frozenset({"biceps", "triceps", "forearms", "shoulders", "chest", "neck", "traps"})
UPPER_BODY = ARM_SHOULDER | {"lats", "middle back"}
LOWER_LIMB = frozenset({"quadriceps", "hamstrings", "calves", "glutes", "adductors", "abductors"})
TRUNK = frozenset({"abdominals", "lower back"})


# ------------------------------------------------------------------ reading an entry


class Words:
    """Whole words or phrases (regex alternatives), matched in lower-case text.

    A plain substring test on each alternative's literal start runs first: most texts
    contain none of the words, and the substring test is far cheaper than the regex.
    """

    def __init__(self, *alternatives: str):
        self.alternatives = alternatives
        self.pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
        self._literals = tuple(_literal_start(a) for a in alternatives)

    def search(self, text: str) -> re.Match[str] | None:
        """First match in ``text`` (which must be lower case), or None."""
        if not any(literal in text for literal in self._literals):
            return None
        return self.pattern.search(text)


def _literal_start(alternative: str) -> str:
    """The plain text every match of ``alternative`` starts with ("" if none)."""
    match = re.search(r"[\\()\[\]?*+|{.^$]", alternative)
    if match is None:
        return alternative
    cut = match.start()
    if alternative[cut] in "?*+{":  # a quantifier makes the character before it optional
        cut -= 1
    return alternative[: max(cut, 0)]


SEATED = Words(r"seated", r"sitting", r"sit (?:down )?(?:on|in|at|upright|up straight|tall)")
#: "lying" in a name; in instructions only a lying start ("lie back on a flat bench"),
#: not "keep the bar lying on your chest".
LYING_NAME = Words(r"lying", r"supine", r"prone", r"on[- ]your[- ](?:back|side|stomach)")
LYING = Words(
    r"supine",
    r"prone",
    r"face (?:down|up)",
    r"on your (?:back|stomach|side)",
    r"(?:lie|lay|lying)(?: down| back| flat| face down| face up)? (?:on|across) "
    r"(?:a|an|the|your)(?: \w+)? (?:back|stomach|side|floor|ground|bench|mat|ball|"
    r"pad|machine)",
)
#: Hanging from a bar (not "let the bar hang").
HANGING = Words(r"hanging", r"hang(?:ing)? (?:from|on to|onto)")
PRONE = Words(r"prone", r"face down", r"on your stomach", r"lie face down")
STANDING = Words(r"stand", r"standing")
KNEELING = Words(r"kneel", r"kneeling", r"all fours", r"hands and knees", r"quadruped")
JUMP_WORDS = Words(
    r"jump\w*",
    r"bound(?:s|ing)?",
    r"hop(?:s|ping)?",
    r"sprint\w*",
    r"plyo\w*",
    r"leap\w*",
    r"burpees?",
    r"skip(?:s|ping)?",
)
#: Jumps, and the other words of a flight phase or a landing.
IMPACT_WORDS = Words(
    *JUMP_WORDS.alternatives,
    r"run\w*",
    r"jog\w*",
    r"land(?:s|ing)?",
    r"explosive\w*",
)
ROTATION_WORDS = Words(
    r"twist\w*",
    r"rotat\w*",
    r"turn\w*",
    r"wood ?chop\w*",
    r"russian",
    r"windmills?",
    r"across (?:your|the) body",
    r"side to side",
    r"swing\w*",
)
UNILATERAL_WORDS = Words(
    r"one[- ](?:arm|leg|hand)ed?",
    r"single[- ](?:arm|leg)",
    r"unilateral",
    r"alternat\w*",
    r"each side",
    r"other side",
)
FOLD_WORDS = Words(
    r"toe touch\w*",
    r"touch (?:your|the) toes",
    r"forward fold",
    r"fold forward",
    r"bend (?:forward|over|at the waist)",
    r"bent[- ]over",
    r"head to (?:knee|toe)s?",
    r"pike",
    r"reach (?:down )?(?:towards?|to) "
    r"(?:your|the) (?:toes|feet|floor)",
    r"round (?:your|the) back",
)
FLOOR_WORDS = Words(r"floor", r"ground", r"mat", r"lie", r"lying", r"kneel\w*", r"all fours")
BENT_OVER_WORDS = Words(
    r"bent[- ]over",
    r"bend over",
    r"bend (?:forward )?at the (?:waist|hips)",
    r"hinge\w*",
    r"romanian",
    r"stiff[- ]legg?ed",
    r"straight[- ]leg(?:ged)? dead",
)
TWIST_NAMES = Words(
    r"twist\w*", r"rotat\w*", r"wood ?chop\w*", r"russian", r"windmills?", r"turkish"
)
TRUNK_TURN = Words(
    r"(?:twist|rotat|turn)\w*\s+(?:your\s+|the\s+)?"
    r"(?:torso|trunk|upper body|body|hips|waist|shoulders)"
)
OVERHEAD_PRESS = Words(
    r"overhead press\w*",
    r"military press\w*",
    r"shoulder press\w*",
    r"push press\w*",
    r"press overhead",
    r"behind the neck",
    r"arnold press\w*",
    r"overhead squats?",
)
BOX = Words(r"box")
STAPLES = Words(
    r"plank",
    r"side bridge",
    r"bird[- ]?dog",
    r"dead bug",
    r"glute bridge",
    r"hip bridge",
    r"butt lift",
    r"curl[- ]ups?",
)


@dataclass(frozen=True)
class Entry:
    """The evidence one free-exercise-db entry offers, normalised for the rules.

    ``position`` is the name plus the first two instructions, where the starting
    position is described; ``text`` is the name plus every instruction; both lower case.
    """

    id: str
    name: str
    category: str
    level: str
    force: str
    mechanic: str
    equipment: str
    primary: frozenset[str]
    secondary: frozenset[str]
    text: str
    position: str
    has_instructions: bool

    @classmethod
    def from_json(cls, raw: Mapping) -> Entry:
        instructions = [str(s) for s in raw.get("instructions") or []]
        name = str(raw.get("name") or "")
        return cls(
            id=str(raw.get("id") or name),
            name=name,
            category=str(raw.get("category") or "").lower(),
            level=str(raw.get("level") or "").lower(),
            force=str(raw.get("force") or "").lower(),
            mechanic=str(raw.get("mechanic") or "").lower(),
            equipment=str(raw.get("equipment") or "").lower(),
            primary=frozenset(m.lower() for m in raw.get("primaryMuscles") or []),
            secondary=frozenset(m.lower() for m in raw.get("secondaryMuscles") or []),
            text=" ".join([name, *instructions]).lower(),
            position=" ".join([name, *instructions[:2]]).lower(),
            has_instructions=bool(instructions),
        )

    # the derived facts the rules read; each is evidence, not a guess (cached_property
    # writes to the instance dict directly, which a frozen dataclass allows)
    @cached_property
    def seated(self) -> bool:
        return bool(SEATED.search(self.position))

    @cached_property
    def lying(self) -> bool:
        named = LYING_NAME.search(self.name.lower())
        return bool(named or LYING.search(self.position)) and not self.seated

    @cached_property
    def hanging(self) -> bool:
        return bool(HANGING.search(self.position))

    @cached_property
    def prone(self) -> bool:
        return bool(PRONE.search(self.position))

    @cached_property
    def standing(self) -> bool:
        return bool(STANDING.search(self.position)) and not (self.seated or self.lying)

    @cached_property
    def upright(self) -> bool:
        """Standing or hanging somewhere in the instructions, never sitting in them."""
        return bool(STANDING.search(self.text) or self.hanging) and not SEATED.search(self.text)

    @cached_property
    def kneeling(self) -> bool:
        return bool(KNEELING.search(self.position))

    @property
    def supported(self) -> bool:
        """Seated or lying: the trunk rests on a seat, bench or floor."""
        return self.seated or self.lying

    @property
    def isolation(self) -> bool:
        return self.mechanic == "isolation"

    @property
    def arm_isolation(self) -> bool:
        """Single-joint work for arms or shoulders (curls, raises, pushdowns, flyes)."""
        return self.isolation and bool(self.primary) and self.primary <= ARM_SHOULDER

    @property
    def leg_isolation(self) -> bool:
        return self.isolation and bool(self.primary) and self.primary <= LOWER_LIMB

    @property
    def upper_body(self) -> bool:
        return bool(self.primary) and self.primary <= UPPER_BODY

    @property
    def machine_or_cable(self) -> bool:
        return self.equipment in ("machine", "cable")

    @property
    def cardio_kind(self) -> str:
        """For cardio entries: cycling, running, walking or other, from name keywords."""
        return _cardio_kind(self.name) if self.category == "cardio" else ""

    def says(self, pattern: Words) -> bool:
        """The name or any instruction contains the pattern."""
        return bool(pattern.search(self.text))

    def never_says(self, pattern: Words) -> bool:
        """Absence of a word is evidence only when there are instructions to read."""
        return self.has_instructions and not pattern.search(self.text)


def _cardio_kind(name: str) -> str:
    lowered = name.lower()
    if re.search(r"bike|cycl", lowered):
        return "cycling"
    if re.search(r"run|jog|sprint", lowered):
        return "running"
    if re.search(r"walk|step|stair", lowered):
        return "walking"
    return "other"


# ------------------------------------------------------------------ the demand rules


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


# ------------------------------------------------------------------ the other columns

#: Typical effort (CR-10 RPE) of one block by category and level (H): stretching is easy,
#: heavy barbell sport hard; each level up adds about one point.
RPE: dict[str, tuple[int, int, int]] = {
    "stretching": (2, 3, 3),
    "strength": (4, 5, 6),
    "cardio": (4, 5, 6),
    "plyometrics": (5, 6, 7),
    "powerlifting": (6, 7, 8),
    "olympic weightlifting": (6, 7, 8),
    "strongman": (6, 7, 8),
}
LEVELS = {"beginner": 1, "intermediate": 2, "expert": 3}

#: Category -> (Compendium 2011 code, MET, description) [2].
MET_BY_CATEGORY: dict[str, tuple[str, float, str]] = {
    "strength": ("02054", 3.5, "resistance training, 8-15 repetitions"),
    "powerlifting": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "olympic weightlifting": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "strongman": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "plyometrics": ("02020", 8.0, "calisthenics, vigorous"),
    "stretching": ("02101", 2.3, "stretching, mild"),
    "cardio": ("02060", 5.5, "health club exercise, general"),
}
#: Cardio by name keyword, first match wins [2].
MET_BY_CARDIO_NAME: tuple[tuple[str, str, float, str], ...] = (
    (r"rowing", "02071", 4.8, "rowing, stationary, moderate"),
    (
        r"recumbent|bicycling, stationary|stationary bike",
        "02011",
        3.5,
        "bicycling, stationary, 30-50 W",
    ),
    (r"bicycl|bike|cycl", "01010", 4.0, "bicycling, <10 mph, leisure"),
    (r"elliptical", "02048", 5.0, "elliptical trainer, moderate"),
    (r"stair|step", "02065", 9.0, "stair-treadmill ergometer"),
    (r"rope", "15552", 8.8, "rope jumping, slow"),
    (r"skating", "15590", 7.0, "skating, roller"),
    (r"run.*walk|walk.*run", "12010", 6.0, "jog/walk combination"),
    (r"jog", "12020", 7.0, "jogging, general"),
    (r"run|sprint", "12150", 8.0, "running"),
    (r"walk", "17190", 3.5, "walking, 2.8-3.2 mph"),
)

EQUIPMENT_MAP: dict[str, tuple[str, ...]] = {
    "barbell": ("barbell",),
    "e-z curl bar": ("barbell",),
    "dumbbell": ("dumbbells",),
    "kettlebells": ("kettlebell",),
    "cable": ("machines",),
    "machine": ("machines",),
    "bands": ("bands",),
    "exercise ball": ("ball",),
    "medicine ball": ("ball",),
    "foam roll": ("foam_roller",),
    # "other" is sleds, tyres, bars, boxes, chains: gym kit, so it needs gym access.
    "other": ("gym",),
}
#: Cardio kit by name keyword, first match wins.
CARDIO_EQUIPMENT: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"rowing", ("machines",)),
    (r"recumbent", ("recumbent_bike",)),
    (r"bicycling, stationary|stationary bike", ("stationary_bike",)),
    (r"bicycl|bike", ("bike", "outdoors")),
    (r"treadmill", ("treadmill",)),
    (r"trail|skating", ("outdoors",)),
)
CHAIR = Words(r"chair")
WALL = Words(r"wall")
GYM_WORDS = Words(
    r"bench",
    r"rack",
    r"box",
    r"sled",
    r"parallel bars",
    r"dip station",
    r"pull-?up bar",
    r"chin-?up bar",
    r"platform",
)

#: Short generic cues in encouraging words (domain.md §7), by category.
CUES: dict[str, str] = {
    "stretching": "Ease into the stretch, breathe slowly and stay where it feels comfortable.",
    "strength": "Move smoothly and with control, and keep breathing.",
    "cardio": "Start easy and build up gradually; you should still be able to talk.",
    "plyometrics": "Land softly and quietly, and rest fully between efforts.",
    "powerlifting": "Work with your coach, move with control and build up gradually.",
    "olympic weightlifting": "Work with your coach, move with control and build up gradually.",
    "strongman": "Work with your coach, move with control and build up gradually.",
}
DEFAULT_CUE = "Move with control and build up gradually."

#: Names that need a trainer present whatever the category (domain.md §3: deadlift and
#: overhead press "not without professional supervision").
SUPERVISED_NAMES = Words(
    r"dead ?lifts?",
    r"good ?mornings?",
    r"clean\w*",
    r"snatch\w*",
    r"jerks?",
    r"overhead press\w*",
    r"military press\w*",
    r"push press\w*",
)


def slugify(text: str) -> str:
    """Lower case, runs of anything but letters and digits replaced by one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "exercise"


def _discipline(entry: Entry) -> str:
    if entry.category == "stretching":
        return "mobility"
    if entry.category == "cardio":
        kind = entry.cardio_kind
        return kind if kind in ("cycling", "running", "walking") else "gym"
    return "gym"


def _met(entry: Entry) -> tuple[str, float, str]:
    if entry.category == "cardio":
        for pattern, code, met, label in MET_BY_CARDIO_NAME:
            if re.search(pattern, entry.name, re.I):
                return code, met, label
    return MET_BY_CATEGORY.get(entry.category, MET_BY_CATEGORY["strength"])


def _equipment(entry: Entry) -> frozenset[str]:
    if entry.category == "cardio":
        for pattern, kit in CARDIO_EQUIPMENT:
            if re.search(pattern, entry.name, re.I):
                return frozenset(kit)
    items = set(EQUIPMENT_MAP.get(entry.equipment, ()))
    if entry.equipment in ("", "body only") and entry.says(FLOOR_WORDS):
        items.add("mat")
    if entry.says(GYM_WORDS):
        items.add("gym")
    if entry.says(CHAIR):
        items.add("chair")
    if entry.says(WALL):
        items.add("wall")
    return frozenset(items)


def _goals(entry: Entry) -> dict[Goal, int]:
    core = 3 if entry.primary & TRUNK else (1 if entry.secondary & TRUNK else 0)
    return {
        Goal.FLEXIBILITY: 3 if entry.category == "stretching" else 0,
        Goal.CORE_ENDURANCE: core,
        Goal.STRENGTH: 3
        if entry.category in STRENGTH_CATEGORIES
        else (1 if entry.category == "plyometrics" else 0),
        Goal.CARDIO: 3
        if entry.category == "cardio"
        else (2 if entry.category == "plyometrics" else 0),
        Goal.RELAXATION: 1 if entry.category == "stretching" else 0,
    }


#: Words of an entry that moves about while standing (not "standing in one place").
_MOVING_WORDS = Words("walk", "run", "jump", "lunge", "step", "carry", "squat", "deadlift")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def entry_to_row(entry: Entry, row_id: str) -> dict[str, str]:
    """Map one free-exercise-db entry to a catalog row of strings (our columns).

    Parameters
    ----------
    entry : Entry
    row_id : str
        The catalog id to use (``"fedb-" + slug``, made unique by the caller).

    Returns
    -------
    dict[str, str]
        Every catalog column, in dictionary order.
    """
    level = LEVELS.get(entry.level, 3)  # unknown level: treat as expert (conservative)
    code, met, met_label = _met(entry)
    rpe = RPE.get(entry.category, RPE["strength"])[level - 1]
    minutes = 20 if entry.category == "cardio" else 10
    demands = infer_demands(entry)
    goals = _goals(entry)
    supervised = (
        entry.category in HEAVY_SPORT
        or level == 3
        or bool(SUPERVISED_NAMES.search(entry.name.lower()))
    )
    discipline = _discipline(entry)
    equipment = _equipment(entry)
    # where it can be done and what it involves: inferred, checked at review like the rest
    settings = infer_settings(Discipline(discipline), equipment, entry.name)
    tags = infer_tags(Discipline(discipline), entry.name, demands[Dimension.IMPACT], equipment)
    if entry.standing and not entry.says(_MOVING_WORDS):
        tags = tags | {"standing"}
    if entry.lying:
        tags = tags | {"lying"}
    if entry.seated:
        tags = tags | {"seated"}
    values = {
        "id": row_id,
        "name": entry.name,
        "discipline": discipline,
        "minutes": str(minutes),
        "rpe": str(rpe),
        "met": f"{met:.1f}",
        "compendium_code": code,
        **{d.value: str(demands[d]) for d in Dimension},
        **{g.value: str(goals[g]) for g in Goal},
        "equipment": ";".join(sorted(equipment)),
        "settings": ";".join(x for x in SETTINGS if x in settings),
        "tags": ";".join(x for x in TAGS if x in tags),
        "needs_supervision": _yes(supervised),
        "level": str(level),
        "easier_id": "",
        "harder_id": "",
        "cue": CUES.get(entry.category, DEFAULT_CUE),
        "source": (
            f"free-exercise-db (public domain, Unlicense): {entry.id}; MET: 2011 Compendium "
            f"{code} {met_label}; demands inferred conservatively by workbench.catalog.importer "
            "(3 unless evidence); review before use"
        ),
        "needs_review": "yes",
    }
    return {name: values.get(name, "") for name in column_names()}


def read_free_exercise_db(path: Path | str | None = None) -> list[Entry]:
    """Read the free-exercise-db JSON (default: the bundled copy) into entries."""
    path = Path(path) if path is not None else FREE_EXERCISE_DB
    with path.open(encoding="utf-8") as handle:
        return [Entry.from_json(raw) for raw in json.load(handle)]


def import_free_exercise_db(path: Path | str | None = None) -> list[dict[str, str]]:
    """Every free-exercise-db entry as a catalog row of strings, ids unique.

    Parameters
    ----------
    path : Path or str, optional
        ``exercises.json`` of free-exercise-db; default: the copy bundled in
        ``workbench/data/free-exercise-db`` (the run time never reads anything else).

    Returns
    -------
    list of dict[str, str]
        Ready for :func:`workbench.catalog.table.catalog_from_rows`; all ``needs_review=yes``.
    """
    rows = []
    used: set[str] = set()
    for entry in read_free_exercise_db(path):
        base = "fedb-" + slugify(entry.name)
        row_id, n = base, 2
        while row_id in used:
            row_id, n = f"{base}-{n}", n + 1
        used.add(row_id)
        rows.append(entry_to_row(entry, row_id))
    return rows


def write_rows_csv(rows: Iterable[Mapping[str, str]], path: Path | str) -> Path:
    """Write catalog rows to a UTF-8 CSV, columns in dictionary order.

    Parameters
    ----------
    rows : iterable of {column: cell}
    path : Path or str

    Returns
    -------
    Path
        The file written.
    """
    rows = list(rows)
    extra = [k for k in dict.fromkeys(k for r in rows for k in r) if k not in column_names()]
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*column_names(), *extra], restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.catalog.importer OUT.csv``: write the imported rows for review."""
    parser = argparse.ArgumentParser(
        prog="python -m workbench.catalog.importer",
        description="Write free-exercise-db as catalog rows (all needs_review=yes) to a CSV.",
    )
    parser.add_argument("out", type=Path, help="CSV file to write")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="free-exercise-db exercises.json (default: the bundled copy)",
    )
    args = parser.parse_args(argv)
    rows = import_free_exercise_db(args.source)
    try:
        catalog_from_rows(rows, "free-exercise-db")  # never write a file that won't load
    except CatalogError as err:
        print(err, file=sys.stderr)
        return 1
    write_rows_csv(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out} (all needs_review=yes; review before use)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
