"""The design app's answer above the plan: the status line, today's pain, the referral,
the diagnosis.

Display only: :class:`AnswerPanel` says what the last plan request came to (its status
line carries a stamp, ``data-n``, the number of plans shown, that browser tests wait
on), what today's pain changes (a flare-up's gentle first week, the session pain
guidance), and shows the screening message of a referral or the diagnosis of a week
where nothing fits; the app shows the plan itself.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.planning.result import PlanResult
from workbench.ui.answer_html import _esc, diagnosis_html, referral_html, today_html


class AnswerPanel:
    """The status line (``wb-status``), today's pain (``wb-today``), the referral
    (``wb-referral``) and the diagnosis (``wb-diagnosis``), placed by the app."""

    def __init__(self):
        self.status = widgets.HTML("")
        self.status.add_class("wb-status")
        self.referral = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.referral.add_class("wb-referral")
        self.diagnosis = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.diagnosis.add_class("wb-diagnosis")
        self.today = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.today.add_class("wb-today")

    def say(self, text: str, cls: str, stamp: int) -> None:
        """The status line: ``text`` in CSS class ``cls``, after ``stamp`` plans shown."""
        self.status.value = (
            f"<span class='{cls}'>{_esc(text)}</span>"
            f"<span class='wb-plan-stamp' data-n='{stamp}'></span>"
        )

    def failed(self, error: str) -> None:
        """Planning raised: say so and show the traceback ``error`` (never swallowed)."""
        self.status.value = (
            "<span class='wb-error'>Planning failed; details below.</span>"
            f"<pre style='white-space:pre-wrap'>{_esc(error)}</pre>"
        )

    def hide(self) -> None:
        """Show neither today's pain, a referral nor a diagnosis."""
        self.referral.layout.display = "none"
        self.diagnosis.layout.display = "none"
        self.today.layout.display = "none"

    def planned(self, result: PlanResult) -> None:
        """A plan is shown: no referral or diagnosis; what today's pain changes in it."""
        self.hide()
        self.show_today(result)

    def show_today(self, result: PlanResult) -> None:
        """Show what today's pain changes in ``result`` (nothing when it changes nothing)."""
        self.today.value = today_html(result)
        self.today.layout.display = "" if self.today.value else "none"

    def refer(self, result: PlanResult) -> None:
        """Show the screening message of a referred or not-cleared ``result``."""
        self.hide()
        self.referral.value = referral_html(result)
        self.referral.layout.display = ""

    def diagnose(self, result: PlanResult) -> None:
        """Show the diagnosis of an infeasible ``result`` (and what today's pain changes)."""
        self.hide()
        self.diagnosis.value = diagnosis_html(result)
        self.diagnosis.layout.display = ""
        self.show_today(result)
