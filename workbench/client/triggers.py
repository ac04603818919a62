"""The trigger vocabulary: what a client says brings the pain on, linked to the catalog.

A client's triggers are written in their words ("walking on land", "standing all
shift"). Each known trigger (with its synonyms) links to

* movement demands: the tolerance it suggests per dimension (domain.md §3: sitting and
  bending point to flexion, standing and leaning back to extension); an exercise above
  the client's tolerance there is left out, and the reason quotes the trigger;
* tags or exercises of the catalog (``exercises.csv``): a matching exercise is left out
  (or, with a longest block, limited to blocks no longer than that), quoting the trigger;
* a question for the trainer where the catalog has nothing to change ("lying in bed"
  points to rest pain, which the red-flag screen asks about).

A trigger the vocabulary does not know is not ignored: :func:`unknown_triggers` names it
with the closest known ones, and the form, the CLI and the plan ask about it.
docs/triggers.md lists the vocabulary (generated from :data:`VOCABULARY`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.domain import TAGS, Dimension

D = Dimension


@dataclass(frozen=True)
class Trigger:
    """One known pain trigger.

    Attributes
    ----------
    name : str
        The trigger as the vocabulary writes it.
    what : str
        What it matches, in a trainer's words (used in reasons).
    synonyms : tuple of str
        Other ways a client says it.
    suggests : dict[Dimension, int]
        Tolerance 0-3 it suggests on the dimensions it touches (H: domain.md §3).
    tags : tuple of str
        Catalog tags (:data:`workbench.domain.TAGS`) of the exercises it leaves out.
    exercises : tuple of str
        Catalog ids it leaves out.
    longest : str or None
        Name of the defaults rule giving the longest block [min] of a tagged exercise
        that stays in (then only longer blocks are left out).
    question : str or None
        What to ask or check when a client names it.
    """

    name: str
    what: str
    synonyms: tuple[str, ...] = ()
    suggests: dict[Dimension, int] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    longest: str | None = None
    question: str | None = None


_ENTRIES = (
    Trigger(
        "sitting",
        "sustained sitting",
        (
            "sitting long",
            "sitting at a desk",
            "desk work",
            "long drives",
            "driving",
            "long car journeys",
            "sitting in the car",
        ),
        {D.SUSTAINED_SITTING: 1, D.END_RANGE_FLEXION: 2, D.LOADED_FLEXION: 2},
    ),
    Trigger(
        "bending forward",
        "forward bending",
        (
            "bending",
            "bending over",
            "forward bending",
            "putting on socks",
            "tying shoelaces",
            "picking things up",
            "digging",
            "gardening",
            "hoovering",
            "vacuuming",
        ),
        {D.END_RANGE_FLEXION: 1, D.LOADED_FLEXION: 1},
    ),
    Trigger(
        "lifting",
        "lifting loads",
        ("lifting things", "lifting boxes", "picking up my child", "picking up the kids"),
        {D.LOADED_FLEXION: 1, D.AXIAL_LOAD: 1},
    ),
    Trigger(
        "twisting",
        "rotation",
        ("turning", "rotation", "golf swing", "twisting round", "reaching behind"),
        {D.ROTATION: 1},
    ),
    Trigger(
        "standing",
        "standing for long",
        (
            "standing for long",
            "standing all shift",
            "standing all day",
            "standing at the counter",
            "standing at work",
        ),
        {D.EXTENSION: 2, D.AXIAL_LOAD: 2},
    ),
    Trigger(
        "standing still",
        "standing in one place",
        ("standing in one place", "queueing", "standing at a barbecue", "standing around"),
        {D.EXTENSION: 2, D.AXIAL_LOAD: 2},
        tags=("standing",),
    ),
    Trigger(
        "walking far",
        "long walks",
        ("walking more than 20 minutes", "long walks", "walking a long way", "walking for long"),
        {D.EXTENSION: 2, D.IMPACT: 2},
        tags=("land-walking",),
        longest="trigger_walk_minutes",
    ),
    Trigger(
        "walking on land",
        "walking on land and impact",
        ("land walking", "walking", "walking on pavement", "walking on hard ground"),
        {D.IMPACT: 1},
        tags=("land-walking", "running", "jumping"),
    ),
    Trigger(
        "bending backward",
        "extension (bending backwards)",
        ("leaning back", "arching the back", "backbends", "bending back", "leaning backwards"),
        {D.EXTENSION: 1},
    ),
    Trigger(
        "reaching overhead",
        "reaching overhead",
        ("reaching up", "lifting overhead", "hanging washing", "reaching above my head"),
        {D.EXTENSION: 1, D.AXIAL_LOAD: 2},
    ),
    Trigger(
        "running or jumping",
        "impact",
        ("running", "jumping", "jogging", "hopping"),
        {D.IMPACT: 1, D.AXIAL_LOAD: 2},
        tags=("jumping",),
    ),
    Trigger(
        "running on hard surfaces",
        "running on the road",
        (
            "running on pavement",
            "running on pavements",
            "running on the road",
            "road running",
            "running on concrete",
        ),
        {D.IMPACT: 2},
        tags=("road-running",),
    ),
    Trigger(
        "long runs",
        "long runs",
        ("running far", "long distance running", "long running"),
        {D.IMPACT: 2, D.AXIAL_LOAD: 2},
        tags=("running",),
        longest="trigger_run_minutes",
    ),
    Trigger(
        "carrying",
        "carrying loads",
        ("carrying shopping", "carrying bags", "carrying the kids"),
        {D.AXIAL_LOAD: 1, D.LOADED_FLEXION: 2},
    ),
    Trigger(
        "head-up breaststroke",
        "breaststroke with the head up",
        (
            "breaststroke",
            "head up breaststroke",
            "heads-up breaststroke",
            "breaststroke with my head up",
        ),
        {D.EXTENSION: 1},
        tags=("breaststroke-head-up",),
    ),
    Trigger(
        "getting up from sitting",
        "sit-to-stand and getting in or out of a car",
        (
            "getting out of the car",
            "getting out of a car",
            "getting up from a chair",
            "sit to stand",
            "getting up",
        ),
        {D.LOADED_FLEXION: 2, D.ROTATION: 2},
    ),
    Trigger(
        "lying in bed",
        "pain at rest or at night",
        ("lying down", "lying flat", "in bed at night", "at night"),
        question="pain when lying in bed can be rest or night pain: check the red-flag "
        "question on night or rest pain before planning",
    ),
    Trigger(
        "coughing or sneezing",
        "coughing or sneezing",
        ("coughing", "sneezing"),
        question="pain on coughing or sneezing: ask about leg symptoms and note it for the "
        "doctor's brief",
    ),
)

#: Known trigger name -> :class:`Trigger`, in the order the form lists them.
VOCABULARY: dict[str, Trigger] = {t.name: t for t in _ENTRIES}


def normalize(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: how triggers are compared."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", text.lower())).strip(" -'")


_BY_WORDS: dict[str, Trigger] = {}
for _t in _ENTRIES:
    for _words in (_t.name, *_t.synonyms):
        _BY_WORDS.setdefault(normalize(_words), _t)


def resolve(text: str) -> Trigger | None:
    """The known trigger a client's words name (the name or a synonym), or None."""
    return _BY_WORDS.get(normalize(text))


def closest(text: str, n: int = 3) -> list[str]:
    """Up to ``n`` known trigger names closest to ``text`` (by name or synonym)."""
    words = difflib.get_close_matches(normalize(text), list(_BY_WORDS), n=n * 3, cutoff=0.5)
    names = list(dict.fromkeys(_BY_WORDS[w].name for w in words))
    if not names:  # share a word at least ("standing at the sink" ~ "standing")
        tokens = set(normalize(text).split()) - {"the", "a", "on", "in", "of", "my", "at"}
        names = [t.name for t in _ENTRIES if tokens & set(" ".join((t.name, *t.synonyms)).split())]
    return names[:n]


def unknown_triggers(triggers: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The triggers the vocabulary does not know, each with the closest known names."""
    return [(t, closest(t)) for t in sorted(triggers) if resolve(t) is None]


def known_triggers(triggers: Iterable[str]) -> list[tuple[str, Trigger]]:
    """(client's words, known trigger) for every trigger the vocabulary knows."""
    out = []
    for words in sorted(triggers):
        found = resolve(words)
        if found is not None:
            out.append((words, found))
    return out


def _check_vocabulary() -> None:
    for t in _ENTRIES:
        unknown = set(t.tags) - set(TAGS)
        if unknown:
            raise ValueError(f"trigger {t.name!r} names unknown tags {sorted(unknown)}")


_check_vocabulary()
