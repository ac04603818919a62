"""What the workbench asks the trainer about a client, so nothing the client said is dropped.

A trigger the vocabulary does not know, a trigger that points to a lower tolerance than
the file records, a trigger the catalog cannot act on, a missing setting: each becomes a
:class:`Question` with the field it is about. The form shows them in place, ``workbench
check`` lists them, and a plan carries them (``questions`` in ``--json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import Client
from workbench.triggers import known_triggers, unknown_triggers


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
    for words, t in known_triggers(client.triggers):
        if t.question:
            out.append(Question("triggers", f'"{words}": {t.question}.', words))
        higher = [
            f"{d.label} {client.tolerance(d)} (the trigger suggests {level})"
            for d, level in t.suggests.items()
            if d in client.tolerances and client.tolerance(d) > level
        ]
        if higher:
            out.append(
                Question(
                    "tolerances",
                    f'"{words}" brings the pain on, yet the recorded tolerance is higher: '
                    f"{'; '.join(higher)}. Confirm the tolerance (it stands as recorded).",
                    words,
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
