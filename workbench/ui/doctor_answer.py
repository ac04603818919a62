"""The form's "Doctor's answer" panel: the doctor's written answer into the clearance in one step.

:class:`DoctorAnswerPanel` has a field for each part of the answer the brief leaves room
for (cleared yes / no, disciplines and exercises to avoid, the highest effort, who, when,
notes) and an Apply button. Apply checks the answer (:func:`workbench.answer_errors`),
marks each refused field in place with its reason, or writes the answer into the client's
clearance (:func:`workbench.apply_doctor_answer`), re-makes the plan (:func:`workbench.plan`)
and calls ``on_applied(client)``. The widgets never compute: they call the face.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

import workbench as wb

__all__ = ["DoctorAnswerPanel"]

#: The answer's fields the panel shows, each with its label.
LABELS = {
    "cleared": "Clear to start",
    "avoid_disciplines": "Disciplines to avoid",
    "avoid_exercises": "Exercises to avoid",
    "max_rpe": "Highest effort (0-10)",
    "by": "Answered by",
    "date": "Date of the answer",
    "notes": "Anything else",
}


class DoctorAnswerPanel:
    """The "Doctor's answer" panel (``widget``, a VBox with class ``wb-doctor-answer``).

    Parameters
    ----------
    client : Client or None
        The client the answer is for (:meth:`set_client` changes it).
    catalog : Catalog
        The exercises an id to avoid must name.
    on_applied : callable, optional
        Called with the client carrying the new clearance after a successful Apply.
    weeks : int
        Weeks of the re-made plan [weeks].
    replan : bool
        Re-make the plan on Apply (``result``); False leaves that to ``on_applied``.

    Attributes
    ----------
    client : Client or None
        The client, with the new clearance once applied.
    result : PlanResult or None
        The plan re-made after the last Apply.
    fields : dict[str, ipywidgets.Widget]
        The input widget of each answer field.
    errors : dict[str, ipywidgets.HTML]
        Each field's in-place error (class ``wb-error``), empty when fine.
    """

    def __init__(
        self,
        client=None,
        catalog=None,
        *,
        on_applied: Callable | None = None,
        weeks: int = 4,
        replan: bool = True,
    ):
        self.client = client
        self.catalog = catalog if catalog is not None else wb.builtin_catalog()
        self.on_applied = on_applied
        self.weeks = weeks
        self.replan = replan
        self.result = None
        disciplines = [(d.label, d.value) for d in wb.Discipline]
        self.fields: dict[str, widgets.Widget] = {
            "cleared": widgets.ToggleButtons(
                options=[("Yes", "yes"), ("No", "no")], value=None, style={"button_width": "5em"}
            ),
            "avoid_disciplines": widgets.SelectMultiple(options=disciplines, rows=5),
            "avoid_exercises": widgets.TagsInput(value=[], allow_duplicates=False),
            "max_rpe": widgets.Text(placeholder="no limit"),
            "by": widgets.Text(placeholder="e.g. Dr A. Okafor (GP)"),
            "date": widgets.DatePicker(),
            "notes": widgets.Textarea(placeholder="how to progress, when to review"),
        }
        self.errors = {name: widgets.HTML("") for name in self.fields}
        for e in self.errors.values():
            e.add_class("wb-error")
        self.apply_button = widgets.Button(description="Apply", button_style="primary")
        self.apply_button.on_click(lambda _: self.apply())
        self.status = widgets.HTML("")
        self.status.add_class("wb-doctor-status")
        rows = [
            widgets.VBox(
                [widgets.HTML(f"<b>{html.escape(LABELS[name])}</b>"), w, self.errors[name]]
            )
            for name, w in self.fields.items()
        ]
        self.widget = widgets.VBox(
            [widgets.HTML("<h4>Doctor's answer</h4>"), *rows, self.apply_button, self.status]
        )
        self.widget.add_class("wb-doctor-answer")

    def set_client(self, client) -> None:
        """Answer for ``client``; the fields are cleared."""
        self.client = client
        self.result = None
        self.clear()

    def clear(self) -> None:
        """Empty every field and error."""
        f = self.fields
        f["cleared"].value = None
        f["avoid_disciplines"].value = ()
        f["avoid_exercises"].value = []
        for name in ("max_rpe", "by", "notes"):
            f[name].value = ""
        f["date"].value = None
        self._mark([])
        self.status.value = ""

    def answer(self) -> dict:
        """The fields as the answer's mapping (not yet checked)."""
        f = self.fields
        return {
            "cleared": f["cleared"].value,
            "avoid_disciplines": list(f["avoid_disciplines"].value),
            "avoid_exercises": list(f["avoid_exercises"].value),
            "max_rpe": f["max_rpe"].value.strip() or None,
            "notes": f["notes"].value,
            "by": f["by"].value,
            "date": f["date"].value,
        }

    def _mark(self, problems) -> None:
        said: dict[str, list[str]] = {}
        for p in problems:
            said.setdefault(p.field, []).append(p.reason)
        for name, w in self.fields.items():
            reasons = said.get(name, [])
            self.errors[name].value = "<br>".join(html.escape(r) for r in reasons)
            (w.add_class if reasons else w.remove_class)("wb-invalid")

    def apply(self) -> bool:
        """Check the answer; mark refused fields in place, or apply it and re-make the plan.

        Returns
        -------
        bool
            True when the answer was applied.
        """
        if self.client is None:
            self.status.value = "<span class='wb-error'>Choose a client first.</span>"
            return False
        answer = self.answer()
        if answer["cleared"] is None:
            answer.pop("cleared")
        problems = wb.answer_errors(answer, self.catalog)
        self._mark(problems)
        if problems:
            n = len(problems)
            self.status.value = (
                f"<span class='wb-error'>Not applied: {n} field{'s' if n != 1 else ''} to "
                "fix (marked above).</span>"
            )
            return False
        self.client = wb.apply_doctor_answer(self.client, wb.parse_answer(answer, self.catalog))
        c = self.client.clearance
        said = f"{html.escape(c.notes)} ({html.escape(c.by)})."
        if self.replan:
            self.result = wb.plan(self.client, self.catalog, wb.PlanOptions(weeks=self.weeks))
            said += (
                f" The plan is re-made: {len(self.result.weeks)} weeks."
                if self.result.planned
                else f" No program: {html.escape(self.result.message)}"
            )
        self.status.value = f"<span class='wb-ok'>Applied: {said}</span>"
        if self.on_applied is not None:
            self.on_applied(self.client)
        return True
