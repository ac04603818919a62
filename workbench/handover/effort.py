"""Effort on the 0-10 scale in the client's words: the talk test beside Borg's CR-10.

A client rates effort by how it feels; "can I still talk?" is the check they can make in
the middle of a session (the talk test, Foster 2008). The bands' upper ends are the
``effort_*_max_rpe`` entries of :data:`workbench.defaults.DEFAULTS`, with their sources.
"""

from __future__ import annotations

import math

from workbench.defaults import DEFAULTS

__all__ = ["EFFORT_BANDS", "effort_words"]

#: (the ``DEFAULTS`` entry that closes the band, or None for the top band, the words).
#: Words after the CR-10 verbal anchors (Borg 1982) and the talk test (Foster 2008).
EFFORT_BANDS: tuple[tuple[str | None, str], ...] = (
    ("effort_easy_max_rpe", "easy: you can talk in full sentences"),
    ("effort_moderate_max_rpe", "moderate: you can still talk, in shorter sentences"),
    ("effort_hard_max_rpe", "hard: you can say a few words at a time"),
    (None, "very hard: you would rather not talk"),
)


def effort_words(rpe: float) -> str:
    """Effort in words, for the client.

    Parameters
    ----------
    rpe : float
        Typical effort on the CR-10 scale [0-10].

    Returns
    -------
    str
        e.g. ``"easy: you can talk in full sentences"``; a higher ``rpe`` never reads
        easier than a lower one.

    Raises
    ------
    ValueError
        When ``rpe`` is not a number from 0 to 10.
    """
    if isinstance(rpe, bool) or not isinstance(rpe, int | float) or not math.isfinite(rpe):
        raise ValueError(f"effort: {rpe!r} is not a number from 0 to 10")
    if not 0 <= rpe <= 10:
        raise ValueError(f"effort: {rpe:g} is outside the 0-10 scale")
    for entry, words in EFFORT_BANDS:
        if entry is None or rpe <= DEFAULTS[entry].value:
            return words
    raise AssertionError("unreachable: the last band is open")  # pragma: no cover
