"""The client's symptom diary as dated entries: adding one, keeping them in date order.

Owns :func:`add_diary_entry`, the one way the form, the command line and the API add a
dated entry (:class:`~workbench.domain.DiaryEntry`) to a client's diary: pure (a new
:class:`~workbench.domain.Client`, the old one untouched), entries sorted by date, several
entries of one date kept in the order they were added. What the entries hold is checked
where every client is checked (:func:`workbench.client.assessment.client_problems`).
"""

from __future__ import annotations

from dataclasses import replace

from workbench.domain import Client, DiaryEntry

__all__ = ["add_diary_entry"]


def add_diary_entry(client: Client, entry: DiaryEntry) -> Client:
    """``client`` with ``entry`` added to the symptom diary, the entries sorted by date.

    Parameters
    ----------
    client : Client
    entry : DiaryEntry
        The new entry; its ``date`` is an ISO date (``YYYY-MM-DD``), its ``intensity``
        on the 0-10 numeric rating scale or None.

    Returns
    -------
    Client
        A new client; the entries ordered by date (ISO dates sort as text), an entry of a
        date already in the diary placed after the others of that date.

    Raises
    ------
    TypeError
        When ``entry`` is not a :class:`~workbench.domain.DiaryEntry`.
    """
    if not isinstance(entry, DiaryEntry):
        raise TypeError(f"a diary entry must be a DiaryEntry, got {type(entry).__name__}")
    # sorted() is stable: entries of one date keep the order they were added in
    diary = tuple(sorted((*client.diary, entry), key=lambda e: e.date))
    return replace(client, diary=diary)
