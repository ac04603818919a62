"""What the workbench asks the trainer about a client, so nothing the client said is dropped.

A trigger the vocabulary does not know, a trigger that points to a lower tolerance than
the file records, a trigger the catalog cannot act on, a missing setting: each becomes a
:class:`Question` with the field it is about. The form shows them in place, ``workbench
check`` lists them, and a plan carries them (``questions`` in ``--json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.client.triggers import (
    VOCABULARY,
    Trigger,
    known_triggers,
    normalize,
    resolve,
    unknown_triggers,
)
from workbench.domain import Client

#: Words in the notes that name where a client trains -> the setting they point to.
PLACE_WORDS = {
    "pool": "pool",
    "swimming pool": "pool",
    "leisure centre": "pool",
    "gym": "gym",
    "gyms": "gym",
    "at home": "home",
    "living room": "home",
    "park": "outdoors",
    "outdoors": "outdoors",
    "outside": "outdoors",
    "trail": "outdoors",
    "studio": "studio",
    "class": "studio",
    "clinic": "clinic",
    "physio": "clinic",
}


@dataclass(frozen=True)
class Question:
    """One thing to ask or confirm.

    Attributes
    ----------
    field : str
        The client-file field it is about (``"triggers"``, ``"settings"``, ...).
    text : str
        The question in a trainer's words.
    value : str or None
        The client's words it is about, when there are some.
    suggestions : tuple of str
        Known values that may be meant (closest first).
    """

    field: str
    text: str
    value: str | None = None
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """JSON-ready dict."""
        return {
            "field": self.field,
            "text": self.text,
            "value": self.value,
            "suggestions": list(self.suggestions),
        }


def client_questions(client: Client) -> list[Question]:
    """Every question the client's file raises, in field order.

    The triggers not understood come first, then what each known trigger asks and where
    it points to a lower tolerance than recorded, then the triggers and the places the
    notes name but the file does not list, and last where the client trains when that is
    not recorded.

    Parameters
    ----------
    client : Client

    Returns
    -------
    list of Question
        Empty when everything the client said is understood and acted on.
    """
    notes = normalize(f"{client.notes} {client.symptom_diary}")
    return [
        *_unknown_trigger_questions(client),
        *_known_trigger_questions(client),
        *_triggers_in_the_notes(client, notes),
        *_triggers_in_the_diary(client),
        *_places_in_the_notes(client, notes),
        *_where_they_train(client),
    ]


def _unknown_trigger_questions(client: Client) -> list[Question]:
    """A question per trigger the vocabulary does not know, with the closest known ones."""
    out = []
    for words, near in unknown_triggers(client.triggers):
        hint = f"; closest known: {', '.join(near)}" if near else "; no close known trigger"
        out.append(
            Question(
                "triggers",
                f'trigger not understood: "{words}"{hint}. Pick the closest or describe the '
                "movement, so the plan can leave out what brings it on.",
                words,
                tuple(near),
            )
        )
    return out


def _known_trigger_questions(client: Client) -> list[Question]:
    """Per known trigger (however many ways the client said it): the vocabulary's own
    question, and a question when a recorded tolerance is above what it suggests."""
    grouped: dict[str, list[str]] = {}
    for words, t in known_triggers(client.triggers):
        grouped.setdefault(t.name, []).append(words)
    out = []
    for name, said_as in grouped.items():
        t = VOCABULARY[name]
        quoted = " and ".join(f'"{w}"' for w in said_as)
        if t.question:
            out.append(Question("triggers", f"{quoted}: {t.question}.", said_as[0]))
        out.extend(_tolerance_above_the_trigger(client, t, said_as, quoted))
    return out


def _tolerance_above_the_trigger(
    client: Client, t: Trigger, said_as: list[str], quoted: str
) -> list[Question]:
    """The question when trigger ``t`` suggests a lower tolerance (0-3) than the client's
    file records on a dimension it touches; none when every recorded one is at or below."""
    higher = [
        f"{d.label} {client.tolerance(d)} (the trigger suggests {level})"
        for d, level in t.suggests.items()
        if d in client.tolerances and client.tolerance(d) > level
    ]
    if not higher:
        return []
    return [
        Question(
            "tolerances",
            f"{quoted} {'brings' if len(said_as) == 1 else 'bring'} the pain on, yet "
            f"the recorded tolerance is higher: {'; '.join(higher)}. Confirm the "
            "tolerance (it stands as recorded).",
            said_as[0],
        )
    ]


def _triggers_in_the_notes(client: Client, notes: str) -> list[Question]:
    """A question per known trigger the normalized ``notes`` name but the triggers do not."""
    said = {resolve(t).name for t in client.triggers if resolve(t)}
    out = []
    for t in VOCABULARY.values():
        if t.name in said:
            continue
        # phrases only ("standing still", "leaning back"): a lone word ("walking") in the
        # notes is as often what eases the pain as what brings it on
        words = [w for w in (t.name, *t.synonyms) if " " in w and _mentions(notes, w)]
        if words:
            out.append(
                Question(
                    "triggers",
                    f'the notes mention "{words[0]}": is it a trigger? Add it to the '
                    "triggers so the plan can leave out what brings it on.",
                    words[0],
                    (t.name,),
                )
            )
    return out


def _triggers_in_the_diary(client: Client) -> list[Question]:
    """A question per known trigger a dated diary entry's "triggers" names but the file's
    triggers do not (a lone word counts here: the client wrote it as what brought the pain
    on), naming the entry ("diary 2026-11-30 triggers"); each trigger asked once."""
    said = {resolve(t).name for t in client.triggers if resolve(t)}
    out = []
    for entry in client.diary:
        text = normalize(entry.triggers)
        for t in VOCABULARY.values():
            words = [w for w in (t.name, *t.synonyms) if _mentions(text, w)]
            if t.name in said or not words:
                continue
            said.add(t.name)
            out.append(
                Question(
                    "triggers",
                    f'diary {entry.date} triggers mention "{words[0]}": is it a trigger? Add '
                    "it to the triggers so the plan can leave out what brings it on.",
                    words[0],
                    (t.name,),
                )
            )
    return out


def _places_in_the_notes(client: Client, notes: str) -> list[Question]:
    """A question per setting the normalized ``notes`` name that the client is not recorded
    as training in (nor dislikes), in setting order; none when no setting is recorded."""
    if not client.settings:
        return []
    disliked = {str(x) for x in client.disliked}
    # sorted by setting, then by word: a set's own order changes from run to run
    places = sorted(
        {
            (w, x)
            for w, x in PLACE_WORDS.items()
            if x not in client.settings and x not in disliked and _mentions(notes, w)
        },
        key=lambda p: (p[1], p[0]),
    )
    out = []
    for setting in dict.fromkeys(x for _w, x in places):
        w = next(w for w, x in places if x == setting)
        out.append(
            Question(
                "settings",
                f'the notes mention "{w}", but the client is not recorded as training '
                f"there ({setting}): add it to where they train, or leave it out on purpose.",
                w,
                (setting,),
            )
        )
    return out


def _where_they_train(client: Client) -> list[Question]:
    """The question where the client trains, when the file records no setting."""
    if client.settings:
        return []
    return [
        Question(
            "settings",
            "where does the client train (home, outdoors, pool, gym, studio, clinic)? "
            "Not recorded: the plan uses anywhere their equipment allows.",
        )
    ]


def _mentions(text: str, words: str) -> bool:
    """Whether normalized ``text`` holds ``words`` as whole words."""
    return re.search(rf"\b{re.escape(normalize(words))}\b", text) is not None
