"""HTML to PDF with headless Chromium: the page the preview shows, printed.

The project already installs Debian's Chromium for its browser tests
(``scripts/ensure_chromium.sh``; ``./dev.sh open``, ``app`` and ``test`` run it), so the
PDF costs no new system library (WeasyPrint would add Pango and cairo) and prints the very
HTML the app previews. Chromium runs as a subprocess (``subprocess.run``), so the call works
inside a Jupyter kernel's running event loop, from a temporary directory with a fresh
profile, with background networking off and every host name unresolvable: nothing leaves
the machine.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from workbench.handover.errors import HandoverError

__all__ = ["CHROMIUM", "PDF_TIMEOUT_S", "PdfError", "chromium_path", "html_to_pdf"]

#: Where Debian's Chromium lives; the env variable ``WORKBENCH_CHROMIUM`` overrides it.
CHROMIUM = "/usr/bin/chromium"

#: Longest a print may take before it is given up [s] (a cold start on a slow machine
#: takes a few seconds).
PDF_TIMEOUT_S = 120.0

#: ``@page`` size per paper, added after the page's own CSS (the later rule wins), so the
#: PDF's paper is the one asked for whatever the HTML was rendered with.
_PAGE_RULE = {
    "A4": "<style>@page { size: A4; }</style>",
    "Letter": "<style>@page { size: letter; }</style>",
}

_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
)


class PdfError(HandoverError):
    """The PDF could not be printed (Chromium missing, failed or too slow)."""


def chromium_path() -> str:
    """The Chromium executable: ``$WORKBENCH_CHROMIUM`` or :data:`CHROMIUM`.

    Raises
    ------
    PdfError
        When it is not there, saying how to install it.
    """
    path = os.environ.get("WORKBENCH_CHROMIUM") or CHROMIUM
    if not os.access(path, os.X_OK):
        raise PdfError(
            f"PDF: Chromium is not at {path}; install it with `bash scripts/ensure_chromium.sh` "
            "(as root), or point WORKBENCH_CHROMIUM at a Chromium or Chrome executable. The "
            "HTML handout works without it."
        )
    return path


def _with_paper(html: str, paper: str) -> str:
    """The page with the paper's ``@page`` rule last in its head (a fixed string)."""
    rule = _PAGE_RULE[paper]
    head_end = html.find("</head>")
    if head_end < 0:
        return rule + html
    return html[:head_end] + rule + html[head_end:]


def html_to_pdf(html: str, *, paper: str = "A4") -> bytes:
    """Print an HTML page to PDF with headless Chromium.

    Parameters
    ----------
    html : str
        A self-contained page (the handout, the doctor's brief).
    paper : {"A4", "Letter"}
        Page size: A4 is 595 x 842 pt, Letter 612 x 792 pt.

    Returns
    -------
    bytes
        The PDF; apart from its creation date, the same HTML gives the same document.

    Raises
    ------
    HandoverError
        For an unknown paper.
    PdfError
        When Chromium is missing, fails, or takes longer than :data:`PDF_TIMEOUT_S`.
    """
    if paper not in _PAGE_RULE:
        raise HandoverError(f"PDF: paper {paper!r} is not one of {', '.join(_PAGE_RULE)}")
    browser = chromium_path()
    with tempfile.TemporaryDirectory(prefix="workbench-pdf-") as tmp:
        folder = Path(tmp)
        page, out = folder / "page.html", folder / "page.pdf"
        page.write_text(_with_paper(html, paper), encoding="utf-8")
        argv = [
            browser,
            *_FLAGS,
            *(["--no-sandbox"] if os.geteuid() == 0 else []),
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, timeout=PDF_TIMEOUT_S, cwd=folder
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"PDF: Chromium took longer than {PDF_TIMEOUT_S:g} s") from None
        except OSError as exc:
            raise PdfError(f"PDF: Chromium could not start ({exc})") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise PdfError(
                f"PDF: Chromium exited with {done.returncode} and wrote no PDF"
                + (f": {' / '.join(tail)}" if tail else "")
            )
        return out.read_bytes()
