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

    Parameters
    ----------
    client : Client

    Returns
    -------
    list of Question
        Empty when everything the client said is understood and acted on.
    """
    out: list[Question] = []
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
    grouped: dict[str, list[str]] = {}
    for words, t in known_triggers(client.triggers):
        grouped.setdefault(t.name, []).append(words)
    for name, said_as in grouped.items():
        t = VOCABULARY[name]
        quoted = " and ".join(f'"{w}"' for w in said_as)
        if t.question:
            out.append(Question("triggers", f"{quoted}: {t.question}.", said_as[0]))
        higher = [
            f"{d.label} {client.tolerance(d)} (the trigger suggests {level})"
            for d, level in t.suggests.items()
            if d in client.tolerances and client.tolerance(d) > level
        ]
        if higher:
            out.append(
                Question(
                    "tolerances",
                    f"{quoted} {'brings' if len(said_as) == 1 else 'bring'} the pain on, yet "
                    f"the recorded tolerance is higher: {'; '.join(higher)}. Confirm the "
                    "tolerance (it stands as recorded).",
                    said_as[0],
                )
            )
    text = normalize(f"{client.notes} {client.symptom_diary}")
    said = {resolve(t).name for t in client.triggers if resolve(t)}
    for t in VOCABULARY.values():
        if t.name in said:
            continue
        # phrases only ("standing still", "leaning back"): a lone word ("walking") in the
        # notes is as often what eases the pain as what brings it on
        words = [w for w in (t.name, *t.synonyms) if " " in w and _mentions(text, w)]
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
    if client.settings:
        disliked = {str(x) for x in client.disliked}
        places = sorted(
            {
                (w, x)
                for w, x in PLACE_WORDS.items()
                if x not in client.settings and x not in disliked and _mentions(text, w)
            },
            key=lambda p: p[1],
        )
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
    if not client.settings:
        out.append(
            Question(
                "settings",
                "where does the client train (home, outdoors, pool, gym, studio, clinic)? "
                "Not recorded: the plan uses anywhere their equipment allows.",
            )
        )
    return out


def _mentions(text: str, words: str) -> bool:
    """Whether normalized ``text`` holds ``words`` as whole words."""
    return re.search(rf"\b{re.escape(normalize(words))}\b", text) is not None
