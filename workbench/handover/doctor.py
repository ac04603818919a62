"""The doctor's answer goes back into the client's clearance in one step.

The seed guide: after the consultation, ask for a written recommendation and keep it. The
brief (:mod:`workbench.handover.brief`) leaves room for that answer: clearance yes / no,
the disciplines or exercises to avoid, the highest effort, anything else, who and when.
:class:`DoctorAnswer` holds it, :func:`answer_errors` names every refused field with the
values allowed, and :func:`apply_doctor_answer` writes it into the client's
:class:`~workbench.domain.Clearance`: the restrictions become the plan's bans and effort
limit, dated and attributed. Re-planning the client then honours it (the planner reads the
clearance); a "no" leaves the client waiting for clearance, with no program.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from workbench.client.field_types import cr10_effort, free_text, iso_date
from workbench.domain import PRECAUTIONS, Clearance, Client, Discipline

__all__ = [
    "FIELDS",
    "AnswerError",
    "AnswerProblem",
    "DoctorAnswer",
    "answer_errors",
    "apply_doctor_answer",
    "parse_answer",
]

#: The answer's fields, in the order the brief asks them.
FIELDS = (
    "cleared",
    "avoid_disciplines",
    "avoid_exercises",
    "max_rpe",
    "notes",
    "by",
    "date",
    "covers",
)


class AnswerProblem(NamedTuple):
    """One refused field of a doctor's answer.

    Attributes
    ----------
    field : str
        The field (:data:`FIELDS`), e.g. ``"avoid_exercises"``.
    reason : str
        Why, in plain words, naming what was given.
    allowed : tuple of str
        The values allowed (closest first for an exercise id); empty when free.
    """

    field: str
    reason: str
    allowed: tuple[str, ...] = ()


class AnswerError(ValueError):
    """A doctor's answer refused; ``problems`` lists every field and why."""

    def __init__(self, problems: list[AnswerProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.reason}" for p in self.problems))


def _refuse(reason: str) -> PydanticCustomError:
    return PydanticCustomError("answer", "{reason}", {"reason": reason})


def _words(v: Any, what: str) -> tuple[str, ...]:
    """A list of words from a list or a comma-separated string."""
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        v = v.split(",")
    if not isinstance(v, list | tuple | set | frozenset) or not all(isinstance(x, str) for x in v):
        raise _refuse(f"must be a list of {what}, got {v!r}")
    return tuple(dict.fromkeys(x.strip() for x in v if x.strip()))


class DoctorAnswer(BaseModel):
    """The doctor's written answer to the brief.

    Attributes
    ----------
    cleared : bool
        Clear to start the exercise program (``"yes"`` / ``"no"`` are read too).
    avoid_disciplines : tuple of str
        :class:`~workbench.domain.Discipline` values to leave out.
    avoid_exercises : tuple of str
        Catalog exercise ids to leave out (checked against the catalog by
        :func:`answer_errors`).
    max_rpe : float or None
        Highest effort, CR-10 0-10; None for no limit.
    notes : str
        Anything else the doctor wrote.
    by : str
        Who answered (name and role), required.
    date : datetime.date
        The answer's date (``YYYY-MM-DD``), required.
    covers : tuple of str or None
        The precautions (:data:`~workbench.domain.PRECAUTIONS` ids) the answer considered;
        None keeps those of the clearance before.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    cleared: bool
    avoid_disciplines: tuple[str, ...] = ()
    avoid_exercises: tuple[str, ...] = ()
    max_rpe: float | None = None
    notes: str = ""
    by: str
    date: date
    covers: tuple[str, ...] | None = None

    @field_validator("cleared", mode="before")
    @classmethod
    def _cleared(cls, v: Any) -> bool:
        if isinstance(v, bool):
            return v
        said = str(v).strip().lower() if isinstance(v, str) else None
        if said in ("yes", "y", "true"):
            return True
        if said in ("no", "n", "false"):
            return False
        raise _refuse(f"must be yes or no, got {v!r}")

    @field_validator("avoid_disciplines", mode="before")
    @classmethod
    def _disciplines(cls, v: Any) -> tuple[str, ...]:
        if isinstance(v, list | tuple | set | frozenset):
            v = [getattr(x, "value", x) for x in v]  # a Discipline is its value
        said = _words(v, "disciplines")
        allowed = [d.value for d in Discipline]
        wrong = [x for x in said if x not in allowed]
        if wrong:
            raise _refuse(f"{', '.join(map(repr, wrong))} is not a discipline")
        return said

    @field_validator("avoid_exercises", mode="before")
    @classmethod
    def _exercises(cls, v: Any) -> tuple[str, ...]:
        return _words(v, "exercise ids")

    @field_validator("max_rpe", mode="before")
    @classmethod
    def _max_rpe(cls, v: Any) -> float | None:
        try:
            return cr10_effort(v)
        except ValueError as e:
            raise _refuse(str(e)) from None

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, v: Any) -> str:
        try:
            return free_text(v).strip()
        except ValueError as e:
            raise _refuse(str(e)) from None

    @field_validator("by", mode="before")
    @classmethod
    def _by(cls, v: Any) -> str:
        if not isinstance(v, str) or not v.strip():
            raise _refuse(f"must name who answered (name and role), got {v!r}")
        try:
            return free_text(v).strip()
        except ValueError as e:
            raise _refuse(str(e)) from None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> date:
        try:
            return iso_date(v)
        except ValueError:
            raise _refuse(f"must be the answer's date YYYY-MM-DD, got {v!r}") from None

    @field_validator("covers", mode="before")
    @classmethod
    def _covers(cls, v: Any) -> tuple[str, ...] | None:
        if v is None:
            return None
        said = _words(list(v) if isinstance(v, set | frozenset) else v, "precautions")
        wrong = [x for x in said if x not in PRECAUTIONS]
        if wrong:
            raise _refuse(f"{', '.join(map(repr, wrong))} is not a precaution")
        return said


#: Field -> the values allowed, named in its problems.
_ALLOWED = {
    "cleared": ("yes", "no"),
    "avoid_disciplines": tuple(d.value for d in Discipline),
    "covers": tuple(PRECAUTIONS),
}


def _problems(err: ValidationError) -> list[AnswerProblem]:
    out = []
    for e in err.errors():
        name = str(e["loc"][0]) if e["loc"] else "answer"
        reason = e["msg"]
        if e["type"] == "extra_forbidden":
            reason = "is not a field of the doctor's answer"
            out.append(AnswerProblem(name, reason, FIELDS))
            continue
        if e["type"] == "missing":
            reason = {
                "by": "is required: who answered (name and role)",
                "date": "is required: the answer's date YYYY-MM-DD",
                "cleared": "is required: yes or no",
            }.get(name, "is required")
        allowed = _ALLOWED.get(name, ())
        if allowed and e["type"] != "missing" and "allowed" not in reason:
            reason += f" (allowed: {', '.join(allowed)})"
        out.append(AnswerProblem(name, reason, allowed))
    return out


def _exercise_problems(ids: tuple[str, ...], catalog) -> list[AnswerProblem]:
    known = [ex.id for ex in catalog]
    out = []
    for x in ids:
        if x in known:
            continue
        near = tuple(difflib.get_close_matches(x, known, n=5, cutoff=0.5))
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        out.append(
            AnswerProblem(
                "avoid_exercises",
                f"{x!r} is not an exercise id of the catalog{hint}; "
                "'workbench catalog search WORD' lists the ids",
                near or tuple(known),
            )
        )
    return out


def answer_errors(answer: Mapping[str, Any] | DoctorAnswer, catalog) -> list[AnswerProblem]:
    """Every problem of a doctor's answer, each naming the field and the values allowed.

    Parameters
    ----------
    answer : mapping or DoctorAnswer
        The fields of :class:`DoctorAnswer` (``"yes"`` / ``"no"``, comma-separated
        lists and ISO dates are read).
    catalog : Catalog or iterable of Exercise
        The exercises an ``avoid_exercises`` id must name.

    Returns
    -------
    list of AnswerProblem
        Empty when the answer can be applied.
    """
    if isinstance(answer, DoctorAnswer):
        return _exercise_problems(answer.avoid_exercises, catalog)
    try:
        parsed = DoctorAnswer.model_validate(dict(answer))
    except ValidationError as err:
        out = _problems(err)
        raw = dict(answer).get("avoid_exercises")
        if not any(p.field == "avoid_exercises" for p in out):
            try:
                out += _exercise_problems(_words(raw, "exercise ids"), catalog)
            except PydanticCustomError:
                pass
        return sorted(out, key=lambda p: FIELDS.index(p.field) if p.field in FIELDS else 99)
    return _exercise_problems(parsed.avoid_exercises, catalog)


def parse_answer(answer: Mapping[str, Any] | DoctorAnswer, catalog) -> DoctorAnswer:
    """The answer checked against the catalog; :class:`AnswerError` lists every problem."""
    problems = answer_errors(answer, catalog)
    if problems:
        raise AnswerError(problems)
    return answer if isinstance(answer, DoctorAnswer) else DoctorAnswer.model_validate(dict(answer))


def apply_doctor_answer(client: Client, answer: DoctorAnswer | Mapping[str, Any]) -> Client:
    """The client with the doctor's answer as their clearance (pure; the client is unchanged).

    Parameters
    ----------
    client : Client
    answer : DoctorAnswer or mapping
        A mapping is validated (without the catalog check: call :func:`answer_errors`
        or :func:`parse_answer` first for that).

    Returns
    -------
    Client
        ``clearance`` is the answer's: cleared or not, its date and who gave it, the
        disciplines and exercises to avoid as bans, the highest effort as ``max_rpe``, the
        notes as "Doctor's answer of <date>: ...", and the precautions it ``covers`` (those
        of the clearance before when the answer does not say).
    """
    if not isinstance(answer, DoctorAnswer):
        try:
            answer = DoctorAnswer.model_validate(dict(answer))
        except ValidationError as err:
            raise AnswerError(_problems(err)) from None
    on = answer.date.isoformat()
    said = answer.notes or ("cleared to train" if answer.cleared else "not cleared to train yet")
    covers = client.clearance.covers if answer.covers is None else frozenset(answer.covers)
    clearance = Clearance(
        cleared=answer.cleared,
        date=on,
        by=answer.by,
        banned_disciplines=frozenset(Discipline(d) for d in answer.avoid_disciplines),
        banned_exercises=frozenset(answer.avoid_exercises),
        max_rpe=answer.max_rpe,
        notes=f"Doctor's answer of {on}: {said}",
        covers=covers,
    )
    return replace(client, clearance=clearance)
