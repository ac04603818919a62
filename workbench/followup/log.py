"""One session log checked field by field before anything is written (domain.md §5).

:func:`parse_log` turns the form's or the command line's entries into a
:class:`~workbench.records.models.SessionLog`. Each field is validated by pydantic with a
reason in plain words; a bad entry raises :class:`LogError` listing *every* problem (the
field and why), so a form can show each in place and the store writes nothing.

Ranges: minutes a whole number 0-300 [min]; effort the session's CR-10 rating 0-10
(Foster 2001; required when the session was done or partly done); pains and stiffness
whole numbers 0-10 [NRS]; status done / partly / not_done; ``hurt`` ids among the session's
exercises; an unplanned log (no session) needs its ``discipline`` and the day ``on``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from workbench.client.field_types import cr10_effort, free_text, iso_date
from workbench.domain import Discipline
from workbench.records.models import LogStatus, ScheduledSession, SessionLog

#: Longest session a log may report [min].
MAX_MINUTES = 300
#: The NRS pain and stiffness scales' top [points].
SCALE_MAX = 10

_PAIN_FIELDS = (
    "pain_before",
    "pain_during",
    "pain_after",
    "next_morning_pain",
    "next_morning_stiffness",
)
FIELDS = ("status", "minutes", "effort", *_PAIN_FIELDS, "hurt", "notes", "on", "discipline")


class FieldProblem(NamedTuple):
    """One refused field: its name and the reason in plain words."""

    field: str
    reason: str


class LogError(ValueError):
    """A session log refused; ``problems`` lists every field and why.

    ``str()`` reads e.g. ``"pain_during: must be a whole number 0-10, got 12; ..."``.
    """

    def __init__(self, problems: list[FieldProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.reason}" for p in self.problems))


def _refuse(reason: str) -> PydanticCustomError:
    return PydanticCustomError("log", "{reason}", {"reason": reason})


def _whole(value: Any, low: int, high: int, unit: str) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _refuse(f"must be a whole number {low}-{high}{unit}, got {value!r}")
    return value


class _LogEntry(BaseModel):
    """The log's fields, each refused with its reason (cross-field rules in parse_log)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: LogStatus
    minutes: int = 0
    effort: float | None = None
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    next_morning_pain: int | None = None
    next_morning_stiffness: int | None = None
    hurt: tuple[str, ...] = ()
    notes: str = ""
    on: date | None = None
    discipline: str | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: Any) -> LogStatus:
        if isinstance(v, LogStatus):
            return v
        if isinstance(v, str) and v.strip().lower().replace("-", "_").replace(" ", "_") in {
            s.value for s in LogStatus
        }:
            return LogStatus(v.strip().lower().replace("-", "_").replace(" ", "_"))
        allowed = ", ".join(s.value for s in LogStatus)
        raise _refuse(f"must be one of {allowed}, got {v!r}")

    @field_validator("minutes", mode="before")
    @classmethod
    def _minutes(cls, v: Any) -> int:
        return _whole(v, 0, MAX_MINUTES, " [min]")

    @field_validator("effort", mode="before")
    @classmethod
    def _effort(cls, v: Any) -> float | None:
        try:
            return cr10_effort(v)
        except ValueError as e:
            raise _refuse(str(e)) from None

    @field_validator(*_PAIN_FIELDS, mode="before")
    @classmethod
    def _rating(cls, v: Any) -> int | None:
        if v is None or v == "":
            return None
        return _whole(v, 0, SCALE_MAX, "")

    @field_validator("hurt", mode="before")
    @classmethod
    def _hurt(cls, v: Any) -> tuple[str, ...]:
        if v is None or v == "":
            return ()
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
            raise _refuse(f"must be a list of exercise ids, got {v!r}")
        return tuple(dict.fromkeys(x.strip() for x in v if x.strip()))

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, v: Any) -> str:
        try:
            return free_text(v)
        except ValueError as e:
            raise _refuse(str(e)) from None

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, v: Any) -> date | None:
        if v is None or v == "":
            return None
        try:
            return iso_date(v)
        except ValueError:
            raise _refuse(f"must be a date YYYY-MM-DD, got {v!r}") from None

    @field_validator("discipline", mode="before")
    @classmethod
    def _discipline(cls, v: Any) -> str | None:
        if v is None or v == "":
            return None
        allowed = [d.value for d in Discipline]
        if isinstance(v, Discipline):
            return v.value
        if isinstance(v, str) and v.strip() in allowed:
            return v.strip()
        raise _refuse(f"must be one of {', '.join(allowed)}, got {v!r}")


def _field_problems(err: ValidationError) -> list[FieldProblem]:
    out = []
    for e in err.errors():
        name = str(e["loc"][0]) if e["loc"] else "log"
        reason = e["msg"]
        if e["type"] == "extra_forbidden":
            reason = f"is not a log field (fields: {', '.join(FIELDS)})"
        elif e["type"] == "missing":
            reason = "is required"
        out.append(FieldProblem(name, reason))
    return out


def _cross_problems(entry: _LogEntry, session: ScheduledSession | None) -> list[FieldProblem]:
    out: list[FieldProblem] = []
    did = entry.status is not LogStatus.NOT_DONE
    if did and entry.effort is None:
        out.append(FieldProblem("effort", "is required for a done or partly done session (0-10)"))
    if did and entry.minutes == 0:
        out.append(FieldProblem("minutes", "must be above 0 for a done or partly done session"))
    if session is not None:
        unknown = [h for h in entry.hurt if h not in session.exercises]
        if unknown:
            allowed = ", ".join(session.exercises) or "none"
            out.append(
                FieldProblem(
                    "hurt",
                    f"{', '.join(unknown)} not in this session (its exercises: {allowed})",
                )
            )
    else:
        if entry.hurt:
            out.append(FieldProblem("hurt", "an unplanned session has no planned exercises"))
        if entry.discipline is None:
            allowed = ", ".join(d.value for d in Discipline)
            out.append(
                FieldProblem("discipline", f"is required for an unplanned session ({allowed})")
            )
        if entry.on is None:
            out.append(FieldProblem("on", "is required for an unplanned session (YYYY-MM-DD)"))
    return out


def parse_log(
    data: Mapping[str, Any], *, client_id: str, session: ScheduledSession | None = None
) -> SessionLog:
    """Validate one session log's entries.

    Parameters
    ----------
    data : Mapping[str, Any]
        Keys among the :class:`SessionLog` field names (see :data:`FIELDS`); values as a
        form or the command line gives them (numbers, or their text).
    client_id : str
    session : ScheduledSession, optional
        The planned session logged; None for a session the client did on their own.

    Returns
    -------
    SessionLog
        ``on`` defaults to the session's date; a not-done session's effort is dropped.

    Raises
    ------
    LogError
        Listing every refused field and why; nothing is written.
    """
    if not isinstance(data, Mapping):
        raise LogError([FieldProblem("log", f"must be a mapping of fields, got {data!r}")])
    try:
        entry = _LogEntry.model_validate(dict(data))
    except ValidationError as err:
        problems = _field_problems(err)
        known = {p.field for p in problems}
        # the fields that passed may still break the cross-field rules: show those too
        try:
            ok = {k: v for k, v in data.items() if k in FIELDS and k not in known}
            ok.setdefault("status", LogStatus.NOT_DONE)
            partial = _LogEntry.model_validate(ok)
            problems += [
                p
                for p in _cross_problems(partial, session)
                if p.field not in known
                # effort and minutes are required by status: unknown when status is refused
                and not ("status" in known and p.field in ("effort", "minutes"))
            ]
        except ValidationError:
            pass
        raise LogError(problems) from None
    problems = _cross_problems(entry, session)
    if problems:
        raise LogError(problems)
    on = entry.on or (session.on if session is not None else None)
    done = entry.status is not LogStatus.NOT_DONE
    return SessionLog(
        client_id=client_id,
        on=on,
        status=entry.status,
        minutes=entry.minutes,
        effort=entry.effort if done else None,
        pain_before=entry.pain_before,
        pain_during=entry.pain_during,
        pain_after=entry.pain_after,
        next_morning_pain=entry.next_morning_pain,
        next_morning_stiffness=entry.next_morning_stiffness,
        hurt=entry.hurt,
        notes=entry.notes,
        session_id=None if session is None else session.id,
        discipline=entry.discipline,
    )
