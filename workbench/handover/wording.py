"""Every word the client reads, checked for threat words before it is printed (domain.md §7).

:func:`handout_words` gathers each text the handout shows, named by where it comes from
(a template string, an exercise's name or cue, the client's name, the trainer's name and
contact, the plan's notes for today and for the client's precautions);
:func:`check_words` runs each through :func:`workbench.language.find_threat_words` and
names the place, the word and the gentler phrasing. The app lists the problems before
the trainer prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.handover.effort import EFFORT_BANDS
from workbench.handover.handout import handout_context
from workbench.language import find_threat_words

__all__ = ["WordProblem", "check_words", "handout_words"]


@dataclass(frozen=True)
class WordProblem:
    """One threat word in a text the client reads.

    Attributes
    ----------
    where : str
        The field or template string, e.g. ``"client.notes"``,
        ``"exercise yoga-cat-cow cue"``, ``"template handout: flare_move"``.
    word : str
        The word or phrase as written.
    suggestion : str
        Gentler phrasing to use instead.
    """

    where: str
    word: str
    suggestion: str

    def __str__(self) -> str:
        return f"{self.where}: {self.word!r}; try {self.suggestion!r}"


def check_words(texts: Mapping[str, str]) -> list[WordProblem]:
    """The threat words in ``texts``, each named with its place and a suggestion.

    Parameters
    ----------
    texts : Mapping[str, str]
        Where -> text (e.g. :func:`handout_words`).

    Returns
    -------
    list of WordProblem
        In the mapping's order, then by position in each text; empty when all read well.
    """
    return [
        WordProblem(where, finding.word, finding.suggestion)
        for where, text in texts.items()
        for finding in find_threat_words(text or "")
    ]


def handout_words(result, client, catalog, *, start=None) -> dict[str, str]:
    """Every text the client's handout shows, by where it comes from.

    Parameters
    ----------
    result, client, catalog, start
        As for :func:`workbench.handover.handout.handout_html`.

    Returns
    -------
    dict[str, str]
        ``"template handout: KEY"`` for each sentence of the page, ``"effort: ..."`` for
        the effort words, ``"exercise ID name"`` / ``"exercise ID cue"`` for each exercise
        the plan uses, ``"client.name"``, ``"client.trainer.name"``,
        ``"client.trainer.contact"``, ``"result.today"`` and ``"result.watch_for N"``.

    Raises
    ------
    HandoverError
        For a result that is not a plan (there is no handout to check).
    """
    ctx = handout_context(result, client, catalog, start=start)
    texts: dict[str, str] = {f"template handout: {k}": v for k, v in ctx["t"].items()}
    texts.update({f"template handout: red flag {k + 1}": v for k, v in enumerate(ctx["emergency"])})
    texts.update(
        {
            f"template handout: red flag {k + 1 + len(ctx['emergency'])}": v
            for k, v in enumerate(ctx["refer"])
        }
    )
    texts.update({f"effort: {words.split(':')[0]}": words for _, words in EFFORT_BANDS})
    for week in ctx["weeks"]:
        for day in week["days"]:
            for block in day["blocks"]:
                texts[f"exercise {block['id']} name"] = block["name"]
                texts[f"exercise {block['id']} cue"] = block["cue"]
    texts["client.name"] = ctx["client_name"]
    if ctx["trainer"]:
        texts["client.trainer.name"] = ctx["trainer"]["name"]
        texts["client.trainer.contact"] = ctx["trainer"]["contact"]
    if ctx["today"]:
        texts["result.today"] = ctx["today"]
    texts.update({f"result.watch_for {k + 1}": line for k, line in enumerate(ctx["watch_for"])})
    return texts
