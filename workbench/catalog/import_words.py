"""The words and groups the importer reads a free-exercise-db entry by.

:class:`Words` (whole words or phrases, matched in lower-case text, with a cheap
substring test first), the word lists for positions, impact, rotation, folding and the
other movement cues, the muscle groups and the short names of the movement dimensions.
"""

from __future__ import annotations

import re

from workbench.domain import Dimension

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
