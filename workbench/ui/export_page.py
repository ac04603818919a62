"""One printable page of the Export area (the handout, the doctor's brief, the referral
letter): its preview, Download HTML, and its PDF on request; and :func:`handover`, how the
Export area reaches the hand-over functions.

:class:`PageSection` shows a page made by a hand-over function in a sandboxed frame
(:func:`~workbench.ui.export_html.sandboxed_preview`), offers it as an HTML download, and
prints it to PDF when the trainer asks ("Make the PDF": headless Chromium takes a second or
two, so it never runs on a re-plan), then offers the PDF. When Chromium is missing the
section says how to install it (the :class:`~workbench.handover.pdf.PdfError`'s words).
"""

from __future__ import annotations

import importlib
import traceback

import ipywidgets as widgets

from workbench.ui.export_html import _esc, download_link, sandboxed_preview

__all__ = ["PageSection", "handover", "html_box", "missing_html"]

#: Each hand-over name the Export area calls -> the module that defines it (when the
#: public face lacks it).
MODULES = {
    "handout_html": "workbench.handover.handout",
    "handout_words": "workbench.handover.wording",
    "check_words": "workbench.handover.wording",
    "html_to_pdf": "workbench.handover.pdf",
    "PdfError": "workbench.handover.pdf",
    "HandoverError": "workbench.handover.errors",
    "export_name": "workbench.handover.exports",
    "plan_ics": "workbench.handover.calendar",
    "plan_csv": "workbench.handover.table",
    "brief_html": "workbench.handover.brief",
    "referral_html": "workbench.handover.brief",
}


def handover(name: str):
    """The hand-over function (or error class) ``name`` (a :data:`MODULES` key): from the
    public face :mod:`workbench`, else from its module; None when that part of the
    hand-over is not installed."""
    import workbench

    try:
        return getattr(workbench, name)
    except AttributeError:
        pass
    module = MODULES[name]
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        return None


def missing_html(what: str) -> str:
    """Said where a part of the hand-over is not installed."""
    return f"<p class='wb-hint'>Not available in this installation ({_esc(what)}).</p>"


def html_box(css: str) -> widgets.HTML:
    """An empty HTML widget with the CSS class ``css``."""
    w = widgets.HTML("")
    w.add_class(css)
    return w


class PageSection(widgets.VBox):
    """A page's title, its preview, Download HTML, Make the PDF and Download PDF.

    Parameters
    ----------
    title : str
        The section's heading (changed by :meth:`show`).
    kind : str
        Names the CSS classes (``wb-export-<kind>-preview``, ``wb-download-<kind>``,
        ``wb-make-<kind>-pdf``, ``wb-download-<kind>-pdf``, ``wb-<kind>-frame``).
    above : sequence of widgets
        Shown between the heading and the preview (the handout's word check).

    Attributes
    ----------
    page : str or None
        The HTML shown. ``pdf``: bytes or None, the last PDF made of it.
    error : str or None
        The traceback of a PDF that failed for another reason than a missing Chromium.
    """

    def __init__(self, title: str, kind: str, above: tuple = ()):
        self.kind = kind
        self.page: str | None = None
        self.pdf: bytes | None = None
        self.error: str | None = None
        self._files, self._paper = (f"{kind}.html", f"{kind}.pdf"), "A4"
        self.heading = widgets.HTML(f"<h4>{_esc(title)}</h4>")
        self.preview = html_box(f"wb-export-{kind}-preview")
        self.link = html_box(f"wb-export-{kind}-link")
        self.pdf_button = widgets.Button(description="Make the PDF", icon="file-pdf-o")
        self.pdf_button.add_class(f"wb-make-{kind}-pdf")
        self.pdf_button.on_click(lambda _b: self.make_pdf())
        self.pdf_link = html_box(f"wb-export-{kind}-pdf")
        buttons = widgets.HBox([self.link, self.pdf_button, self.pdf_link])
        buttons.add_class("wb-export-buttons")
        super().__init__([self.heading, *above, self.preview, buttons])
        self.add_class(f"wb-export-{kind}")

    def show(
        self,
        page: str | None,
        *,
        title: str,
        files: tuple[str, str] = ("page.html", "page.pdf"),
        paper: str = "A4",
        frame: str = "",
        problem: str | None = None,
    ) -> None:
        """Show ``page`` under the heading ``title``.

        Parameters
        ----------
        page : str or None
            The page's HTML; None: ``problem`` says why there is none (else that part of
            the hand-over is not installed).
        title : str
            The heading.
        files : (str, str)
            The names the HTML and the PDF download as (``export_name``'s).
        paper : str
            "A4" or "Letter": the PDF's paper, named on its link.
        frame : str
            The preview frame's accessible title.
        problem : str, optional
            Why there is no page (a :class:`~workbench.handover.errors.HandoverError`'s
            words, e.g. a start that is not a Monday), shown instead of the preview.
        """
        self.page, self.pdf, self.error = page, None, None
        self._files, self._paper = files, paper
        self.heading.value = f"<h4>{_esc(title)}</h4>"
        self.pdf_link.value = ""
        if page is None:
            self.preview.value = (
                f"<p class='wb-error wb-export-problem'>{_esc(problem)}</p>"
                if problem
                else missing_html(f"the {title.lower()}")
            )
            self.link.value = ""
            self.pdf_button.disabled = True
            return
        self.preview.value = sandboxed_preview(page, title=frame, css_class=f"wb-{self.kind}-frame")
        self.link.value = download_link(
            page, files[0], "text/html", "Download HTML", f"wb-download-{self.kind}"
        )
        self.pdf_button.disabled = handover("html_to_pdf") is None

    def make_pdf(self) -> bytes | None:
        """Print the page to PDF on the paper shown and offer it for download.

        Returns the PDF, or None when it could not be made: the reason (for a missing
        Chromium, how to install it) is shown beside the button.
        """
        to_pdf, pdf_error = handover("html_to_pdf"), handover("PdfError")
        if self.page is None or to_pdf is None:
            self.pdf_link.value = "<span class='wb-hint'>Nothing to print yet.</span>"
            return None
        self.pdf_link.value = "<span class='wb-busy'>Making the PDF…</span>"
        try:
            self.pdf = to_pdf(self.page, paper=self._paper)
        except Exception as err:  # shown: the trainer sees why there is no PDF
            if pdf_error is None or not isinstance(err, pdf_error):
                self.error = traceback.format_exc()
            self.pdf_link.value = (
                f"<span class='wb-error wb-pdf-error'>{_esc(f'No PDF: {err}')}</span>"
            )
            return None
        self.pdf_link.value = download_link(
            self.pdf,
            self._files[1],
            "application/pdf",
            f"Download PDF ({self._paper})",
            f"wb-download-{self.kind}-pdf",
        )
        return self.pdf
