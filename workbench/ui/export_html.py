"""The Export area's HTML pieces: a sandboxed preview, a download link, the word check.

Pure functions from strings and bytes the hand-over functions made to escaped HTML for
an ipywidgets ``HTML`` widget (whose value the page sets as ``innerHTML``), so they are
tested without a browser.

- :func:`sandboxed_preview`: a page shown in an ``<iframe sandbox srcdoc=...>``. The
  page is escaped into the attribute, and the empty ``sandbox`` attribute runs no script,
  submits no form, opens no window and gives the page its own origin, so nothing in a
  handout (a client called ``<script>alert(1)</script>``, say) can reach the app.
- :func:`download_link`: a ``data:`` link with a ``download`` name; it works offline,
  in Voila and in JupyterLab, and sends nothing anywhere.
- :func:`word_problems_html`: the words a client would read that the threat-word check
  found, each with where it is and the gentler phrasing, shown before any download.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

__all__ = [
    "download_link",
    "file_size",
    "sandboxed_preview",
    "word_problems_html",
]

#: Preview frame heights [CSS px]: tall enough for a week of the handout.
PREVIEW_HEIGHT = 560


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def sandboxed_preview(
    page: str, *, title: str, css_class: str, height: int = PREVIEW_HEIGHT
) -> str:
    """``page`` in a sandboxed frame of the app.

    Parameters
    ----------
    page : str
        A whole HTML page (the handout, the brief).
    title : str
        The frame's accessible title.
    css_class : str
        CSS class of the ``<iframe>`` (tests find it by this).
    height : int
        The frame's height [CSS px].

    Returns
    -------
    str
        One ``<iframe>`` element: ``sandbox`` empty (nothing in the page runs), the page
        escaped into ``srcdoc`` (so ``<`` , ``>``, ``&`` and ``"`` of the page cannot end
        the attribute).
    """
    return (
        f"<iframe sandbox='' class='{_esc(css_class)}' title='{_esc(title)}' "
        f"referrerpolicy='no-referrer' "
        f"style='width:100%;height:{int(height)}px;border:1px solid #cbd5e1;"
        f'border-radius:4px;background:#fff\' srcdoc="{_esc(page)}"></iframe>'
    )


def file_size(size: int) -> str:
    """A file's size for a download link: ``"840 bytes"``, ``"12 KB"``, ``"1.4 MB"``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def download_link(data: str | bytes, filename: str, mime: str, label: str, css_class: str) -> str:
    """A link that saves ``data`` as ``filename`` (no server, nothing leaves the machine).

    Parameters
    ----------
    data : str or bytes
        The file's content (a str is written as UTF-8).
    filename : str
        The name the browser saves it under.
    mime : str
        Its media type, e.g. ``"text/html"``.
    label : str
        The link's words.
    css_class : str
        CSS class of the ``<a>`` (tests find it by this).

    Returns
    -------
    str
        One ``<a download=... href="data:...;base64,...">`` element, its size beside it.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    encoded = base64.b64encode(raw).decode("ascii")
    charset = ";charset=utf-8" if isinstance(data, str) else ""
    return (
        f"<a class='wb-download {_esc(css_class)}' download='{_esc(filename)}' "
        f"href='data:{_esc(mime)}{charset};base64,{encoded}'>{_esc(label)}</a>"
        f" <span class='wb-hint'>{_esc(filename)}, {file_size(len(raw))}</span>"
    )


def word_problems_html(problems: Iterable) -> str:
    """The threat-word check of the words a client will read, before they are printed.

    Parameters
    ----------
    problems : iterable of WordProblem
        :func:`~workbench.handover.wording.check_words`'s answer (``where``, ``word``,
        ``suggestion``).

    Returns
    -------
    str
        A calm note when there is none; else a list naming each word, where it is and
        the gentler phrasing to use instead.
    """
    problems = list(problems)
    if not problems:
        return (
            "<p class='wb-ok wb-words-clear'>Every word the client will read passed the "
            "threat-word check.</p>"
        )
    items = "".join(
        f"<li><b>{_esc(p.where)}</b>: “{_esc(p.word)}”: say “{_esc(p.suggestion)}” instead</li>"
        for p in problems
    )
    return (
        "<div class='wb-problems wb-words-found'>"
        f"<p style='margin:2px 0'><b>Before printing:</b> {len(problems)} "
        f"{'phrase' if len(problems) == 1 else 'phrases'} the client may read as a threat. "
        "Text typed in the form is changed there, and the handout follows.</p>"
        f"<ul style='margin:2px 0 4px'>{items}</ul></div>"
    )
