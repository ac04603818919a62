"""Words matter: find threat words in text and offer gentler phrasing (domain.md §7).

Language shapes how clients move. Text the workbench writes for a client avoids threat
words; text a trainer writes (cues, notes) is checked and each threat word comes with a
suggestion. The check is case-insensitive and whole-word aware: "unstable" is flagged,
"stable" is not.

References
----------
[1] domain.md §7, after the seed article "The Trainers guide..." and Louw's review of
    pain neuroscience education.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: Threat word or phrase (lower case; spaces match any run of spaces or hyphens) ->
#: gentler phrasing. Suggestions are written to drop into the same place in a sentence.
THREAT_WORDS: dict[str, str] = {
    # "instability" frames the spine as about to give way; what we mean is control we build.
    "instability": "a need for more strength and control (we build up gradually)",
    "instabilities": "areas to build strength and control (we build up gradually)",
    "unstable": "still building strength and control",
    # a disc cannot slip; "sensitive" is accurate and not frightening.
    "slipped disc": "sensitive disc",
    "slipped discs": "sensitive discs",
    "slipped disk": "sensitive disc",
    "slipped disks": "sensitive discs",
    # "blow out" predicts catastrophe; a flare-up settles.
    "blow out": "flare up",
    "blows out": "flares up",
    "blew out": "flared up",
    "blown out": "flared up",
    "blowing out": "flaring up",
    "blowout": "flare-up",
    # imaging findings of age are normal, like grey hair.
    "degeneration": "normal age-related change",
    "degenerative": "normal age-related",
    "degenerated": "changed with age, as is normal",
    "degenerating": "changing with age, as is normal",
    "wear and tear": "normal age-related change",
    # pain is not a measure of damage: "sensitive, not damaged".
    "damage": "sensitivity",
    "damages": "irritates",
    "damaged": "sensitive, not damaged",
    "damaging": "demanding",
    "crumbling": "changing with age, and still strong",
    "crumble": "change with age",
    "crumbles": "changes with age",
    "fragile": "sensitive for now, and strong",
    "fragility": "sensitivity for now",
}


#: The workbench's words, in plain language: hover help in the app, docs/glossary.md.
GLOSSARY: dict[str, str] = {
    "AU": "Arbitrary units of training load: effort (RPE) times minutes. A 30-minute walk "
    "at RPE 3 is 90 AU.",
    "RPE": "Rating of perceived exertion on the CR-10 scale: 0 is rest, 3 moderate, 5 hard, "
    "10 the most effort the client can give. The client rates the whole session.",
    "CR-10": "Borg's category-ratio scale from 0 to 10 that RPE is rated on.",
    "session load": "A session's effort times its minutes (session-RPE, Foster 2001), in AU. "
    "A week's load is the sum of its sessions.",
    "ceiling": "The most load a week may hold. It starts from what the client does now and "
    "rises slowly, about 10% a week after a green week.",
    "cap": "What the load can be this week after every load rule: the ceiling, the rise over "
    "last week's load and the acute:chronic guard. It can be below the ceiling.",
    "tolerance": "How much of a movement (bending, extension, rotation, load, impact, "
    "sitting) the client is comfortable with now, from 0 (not yet) to 3 (full).",
    "demand": "How much of a movement an exercise asks for, from 0 (none) to 3 (a lot). "
    "An exercise is planned only when every demand is within the client's tolerance.",
    "graded exposure": "For a client wary of a movement: it comes back one small step at a "
    "time, a few blocks a week, while the client sees that it goes well (George 2010).",
    "flare-up": "A spell of more pain that settles. It is common, it passes, and the plan "
    "eases off for a while and then builds up again.",
    "traffic light": "The pain-monitoring model (Silbernagel 2007): pain during a session "
    "of 0-2 of 10 is green, 3-5 amber and fine, above 5 too much for now; pain should settle "
    "to its usual level by the next morning. A green week lets the load rise.",
}


@dataclass(frozen=True)
class Finding:
    """One threat word found in a text.

    Attributes
    ----------
    word : str
        The word or phrase as written in the text.
    start, end : int
        Its span, ``text[start:end] == word``.
    suggestion : str
        Gentler phrasing to use instead (domain.md §7).
    """

    word: str
    start: int
    end: int
    suggestion: str


def _phrase_pattern(phrase: str) -> str:
    """Regex for one phrase: words separated by any run of spaces or hyphens."""
    return r"[\s\-]+".join(re.escape(part) for part in phrase.split())


@cache
def _compiled(words: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-insensitive pattern for all phrases, longest first so phrases win."""
    phrases = sorted((p for p, _ in words), key=len, reverse=True)
    # (?<![\w-]) / (?![\w-]): whole words only, so "stable" never matches "unstable"
    # and "damage" never matches inside "undamaged".
    body = "|".join(_phrase_pattern(p) for p in phrases)
    pattern = re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", re.IGNORECASE)
    key = {re.sub(r"[\s\-]+", " ", p.lower()): s for p, s in words}
    return pattern, key


#: A threat word right after a negation reassures ("sensitive, not damaged", "no damage"),
#: which is the phrasing domain.md §7 recommends, so it is not flagged.
_NEGATED = re.compile(r"\b(?:not|no|never|without|isn't|aren't|wasn't|won't)\s+$", re.IGNORECASE)

#: Text before a word that starts a sentence (for capitalising a suggestion).
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n])\s*$")


def find_threat_words(text: str, words: dict[str, str] | None = None) -> list[Finding]:
    """Find threat words and phrases in ``text``.

    Parameters
    ----------
    text : str
        Any free text (a cue, a note, a handout paragraph).
    words : dict[str, str], optional
        Phrase -> suggestion; defaults to :data:`THREAT_WORDS`.

    Returns
    -------
    list of Finding
        In order of appearance; empty when the text reads well.
    """
    if not text:
        return []
    pattern, suggestions = _compiled(tuple((words or THREAT_WORDS).items()))
    findings = []
    for match in pattern.finditer(text):
        if _NEGATED.search(text, 0, match.start()):
            continue
        normal = re.sub(r"[\s\-]+", " ", match.group(0).lower())
        # "blow-out" normalises to "blow out"; "blowout" is its own key.
        suggestion = suggestions.get(normal) or suggestions[normal.replace(" ", "")]
        findings.append(Finding(match.group(0), match.start(), match.end(), suggestion))
    return findings


def suggest(text: str, words: dict[str, str] | None = None) -> str:
    """Rewrite ``text`` with every threat word replaced by its gentler phrasing.

    A suggestion that starts a sentence starts with a capital. The result is a proposal
    for the trainer to read, not a silent edit.

    Parameters
    ----------
    text : str
        Any free text.
    words : dict[str, str], optional
        Phrase -> suggestion; defaults to :data:`THREAT_WORDS`.

    Returns
    -------
    str
        The rewritten text (unchanged when nothing is found).
    """
    parts = []
    last = 0
    for finding in find_threat_words(text, words):
        replacement = finding.suggestion
        if _SENTENCE_START.search(text, 0, finding.start):
            replacement = replacement[:1].upper() + replacement[1:]
        parts.append(text[last : finding.start])
        parts.append(replacement)
        last = finding.end
    parts.append(text[last:])
    return "".join(parts)
