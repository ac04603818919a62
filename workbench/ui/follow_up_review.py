"""The Follow up view's review panel: the week's traffic light, the proposed decision with
its reasons, Accept / Override, and the next week once accepted.

Display only: :class:`ReviewPanel` shows a :class:`~workbench.followup.decision.Review`
the loop proposed (:func:`~workbench.followup.loop.propose_review`), or the
:class:`~workbench.records.models.ReviewRecord` already accepted for that week, and passes
the trainer's answer (the decision, the reason of an override, who accepts) to the view,
which calls :func:`~workbench.followup.loop.accept_review`. The re-planned next week is the
store's: its sessions and the accepted record's ceiling.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets

from workbench.followup.decision import Decision, Review
from workbench.records.models import ReviewRecord, ScheduledSession

__all__ = ["ReviewPanel"]

_OVERRIDES = [("progress", "progress"), ("hold", "hold"), ("regress", "regress")]


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _items(lines: Sequence[str]) -> str:
    return "<ul style='margin:2px 0'>" + "".join(f"<li>{_esc(x)}</li>" for x in lines) + "</ul>"


class ReviewPanel(widgets.VBox):
    """The light (``wb-fu-light``), the reasons (``wb-fu-reasons``), Accept
    (``wb-fu-accept``), Override (``wb-fu-override`` with ``wb-fu-override-decision`` and
    ``wb-fu-override-reason``), who accepts (``wb-fu-by``) and the next week (``wb-fu-next``).

    Parameters
    ----------
    on_accept : callable
        Called with (decision or None, reason, by): None accepts the proposal.
    """

    def __init__(self, on_accept: Callable[[Decision | None, str, str], None]):
        self.review: Review | None = None
        self.light = widgets.HTML("")
        self.light.add_class("wb-fu-light")
        self.reasons = widgets.HTML("")
        self.reasons.add_class("wb-fu-reasons")
        self.by = widgets.Text(value="trainer", description="accepted by")
        self.by.add_class("wb-fu-by")
        self.accept = widgets.Button(description="Accept", button_style="success")
        self.accept.add_class("wb-fu-accept")
        self.accept.on_click(lambda _b: on_accept(None, "", self.by.value))
        self.override_decision = widgets.Dropdown(
            options=_OVERRIDES, value="hold", description="override to"
        )
        self.override_decision.add_class("wb-fu-override-decision")
        self.override_reason = widgets.Text(
            value="", description="reason", placeholder="why (needed for an override)"
        )
        self.override_reason.add_class("wb-fu-override-reason")
        self.override_error = widgets.HTML("")
        self.override_error.add_class("wb-error")
        self.override_error.add_class("wb-fu-override-error")
        self.override = widgets.Button(description="Override")
        self.override.add_class("wb-fu-override")
        self.override.on_click(
            lambda _b: on_accept(
                Decision(self.override_decision.value), self.override_reason.value, self.by.value
            )
        )
        self.answer = widgets.VBox(
            [
                widgets.HBox([self.by, self.accept]),
                widgets.HBox([self.override_decision, self.override_reason, self.override]),
                self.override_error,
            ]
        )
        self.next = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.next.add_class("wb-fu-next")
        super().__init__([self.light, self.reasons, self.answer, self.next])
        self.add_class("wb-fu-review")
        self.clear("")

    def _set_light(self, light: str | None, text: str) -> None:
        for name in ("green", "amber", "red"):
            self.light.remove_class(f"wb-light-{name}")
        if light:
            self.light.add_class(f"wb-light-{light}")
        self.light.value = text

    def clear(self, text: str) -> None:
        """No review to show: ``text`` says why (e.g. nothing logged yet)."""
        self.review = None
        self._set_light(None, f"<span class='wb-hint'>{_esc(text)}</span>" if text else "")
        self.reasons.value = ""
        self.answer.layout.display = "none"

    def propose(self, review: Review, names: Mapping[str, str]) -> None:
        """Show the proposed ``review`` and the Accept / Override answer."""
        self.review = review
        light = review.light.value
        self._set_light(
            light,
            f"<b>Week {review.week}: {light}</b> · proposed: <b>{review.decision.value}</b>"
            f" · ceiling {review.ceiling:.0f} AU → next week {review.next_ceiling:.0f} AU",
        )
        self.reasons.value = self._reasons_html(review, names)
        self.override_error.value = ""
        self.accept.description = f"Accept: {review.decision.value}"
        self.answer.layout.display = ""
        self.accept.disabled = False
        self.override.disabled = review.suspended

    def decided(self, record: ReviewRecord, names: Mapping[str, str]) -> None:
        """Show the review accepted for its week (no answer to give)."""
        self.review = None
        review = Review.from_json(record.document) if record.document else None
        overridden = record.decision != record.proposed
        said = (
            f"overridden to <b>{_esc(record.decision)}</b> (proposed {_esc(record.proposed)})"
            f": {_esc(record.override_reason)}"
            if overridden
            else f"<b>{_esc(record.decision)}</b>, as proposed"
        )
        self._set_light(
            record.light,
            f"<b>Week {record.week}: {_esc(record.light)}</b> · {said} · accepted by "
            f"{_esc(record.accepted_by)} · next week's ceiling {record.ceiling:.0f} AU",
        )
        self.reasons.value = (
            self._reasons_html(review, names) if review is not None else _items(record.reasons)
        )
        self.answer.layout.display = "none"

    def refused(self, reason: str) -> None:
        """The loop refused the answer (e.g. an override without a reason): say so in place."""
        self.override_error.value = _esc(reason)
        self.override_reason.add_class("wb-invalid")

    def show_next(
        self,
        record: ReviewRecord,
        sessions: Sequence[ScheduledSession],
        names: Mapping[str, str],
        was: float,
    ) -> None:
        """The next week after an accepted review: its ceiling and its sessions."""
        self.override_reason.remove_class("wb-invalid")
        week = record.week + 1
        head = (
            f"<b>Week {week}</b> after the review of week {record.week} "
            f"({_esc(record.decision)}): ceiling <b class='wb-fu-next-ceiling' "
            f"data-ceiling='{record.ceiling:.1f}'>{record.ceiling:.0f} AU</b>"
            f" (week {record.week}: {was:.0f} AU)."
        )
        if not sessions:
            body = "<p>Nothing is planned for that week.</p>"
        else:
            body = _items(
                [
                    f"{s.day.capitalize()} {s.on:%d %b}: "
                    + ", ".join(names.get(x, x) for x in s.exercises)
                    + f" ({s.minutes} min, {s.load:.0f} AU)"
                    for s in sessions
                ]
            )
        self.next.value = head + body
        self.next.layout.display = ""

    def hide_next(self) -> None:
        self.next.layout.display = "none"

    @staticmethod
    def _reasons_html(review: Review, names: Mapping[str, str]) -> str:
        parts = [_items(review.reasons)] if review.reasons else []
        if review.rested:
            parts.append(
                "<b>Resting or eased for now:</b>"
                + _items(
                    [
                        f"{names.get(r.exercise_id, r.exercise_id)}: {r.reason}"
                        for r in review.rested
                    ]
                )
            )
        if review.questions:
            parts.append("<b>Ask again before planning more:</b>" + _items(review.questions))
        if review.clinician_review:
            parts.append("<p>Two red weeks in a row: suggest they see their clinician.</p>")
        if review.load.words:
            parts.append(f"<div class='wb-hint'>{_esc(' '.join(review.load.words))}</div>")
        return "".join(parts)
