"""The client file's hand-over parts: trainer, usual time, time zone, history, medicines, diary.

Owns what the doctor's consultation brief, the handout and the calendar need beyond the
assessment (schema version 4): the trainer (:class:`TrainerFile`), the medical history
(:class:`MedicalHistoryFile`: diagnoses, imaging, treatments, one entry each), one
medication with its dose and frequency (:class:`MedicationFile`), one dated entry of the
symptom diary (:class:`DiaryEntryFile`), and the single values the calendar needs: the
usual training time (:data:`UsualTime`, ``HH:MM``) and the IANA time zone
(:data:`TimeZone`, checked against :func:`zoneinfo.available_timezones`). Built like the
other parts (:mod:`workbench.client.field_groups`) from the types of
:mod:`workbench.client.field_types` and :mod:`workbench.client.field_containers`; the
whole file that holds them is in :mod:`workbench.client.fields`.

References
----------
[1] Hawker G.A. et al. (2011) Measures of adult pain: NRS. Arthritis Care Res 63:S240.
[2] IANA time zone database (tzdata), https://www.iana.org/time-zones.
"""

from __future__ import annotations

import difflib
import zoneinfo
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any

from pydantic import Strict, WrapValidator

from workbench.client.field_containers import list_of
from workbench.client.field_types import (
    AS_JSON,
    Rule,
    SchemaKeys,
    nullable,
    refusal,
    text,
    whole,
)
from workbench.client.field_types import calendar_date as calendar_date
from workbench.client.file_model import FileModel
from workbench.domain import DiaryEntry, MedicalHistory, Medication, Trainer

__all__ = [
    "USUAL_TIME_PATTERN",
    "DiaryEntryFile",
    "MedicalHistoryFile",
    "MedicationFile",
    "TIME_ZONE_PATTERN",
    "TimeZone",
    "TrainerFile",
    "UsualTime",
    "known_time_zones",
]

Text = text()

# --------------------------------------------------------- time and time zone

#: A time of day on the 24-hour clock, ``00:00`` to ``23:59``.
USUAL_TIME_PATTERN = r"([01][0-9]|2[0-3]):[0-5][0-9]"

UsualTime = nullable(
    text(
        pattern=USUAL_TIME_PATTERN,
        rule="a time of day written HH:MM on the 24-hour clock, 00:00 to 23:59, e.g. 07:30 "
        "or 18:00",
    ),
    means="not recorded",
)


@cache
def known_time_zones() -> frozenset[str]:
    """The IANA time zone names this machine knows (the tzdata package) [2]."""
    return frozenset(zoneinfo.available_timezones())


#: The shape of an IANA zone name in the JSON Schema; the checker also looks the name up.
TIME_ZONE_PATTERN = r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*"

_ZONE_RULE = "an IANA time zone name such as 'Europe/London' or 'America/New_York'"


def _time_zone() -> Any:
    """An IANA time zone name, e.g. ``Europe/London``, refused with the closest known names."""

    def check(value: Any, handler: Callable) -> Any:
        if not isinstance(value, str):
            raise refusal(f"must be {_ZONE_RULE}")
        if value not in known_time_zones():
            near = difflib.get_close_matches(value, sorted(known_time_zones()), n=3, cutoff=0.6)
            hint = f" (closest known: {', '.join(near)})" if near else ""
            raise refusal(f"unknown time zone {value!r}{hint}; must be {_ZONE_RULE}")
        return handler(value)

    return Annotated[
        str,
        Strict(),
        WrapValidator(check),
        SchemaKeys((("pattern", f"^{TIME_ZONE_PATTERN}$"),)),
        AS_JSON,
        Rule(_ZONE_RULE),
    ]


TimeZone = nullable(_time_zone(), means="not recorded")

# -------------------------------------------------------------------- trainer


class TrainerFile(FileModel):
    """The client's trainer, named at the top of the handout and the doctor's brief."""

    domain = Trainer

    name: Text = ""
    """The trainer's name."""
    contact: Text = ""
    """How to reach the trainer (phone, e-mail), as the trainer writes it."""


# ------------------------------------------------------------ medical history


def _entries(what: str) -> Any:
    return list_of(text(nonblank=True), rule=f"a list of texts, one {what} each, none blank")


class MedicalHistoryFile(FileModel):
    """What the client reports of their medical history (the doctor's brief's first part)."""

    domain = MedicalHistory

    diagnoses: _entries("diagnosis") = ()
    """Diagnoses given, one entry each, in the words given."""
    imaging: _entries("imaging result") = ()
    """Imaging done (X-ray, MRI, ...) and what it showed, one entry each."""
    treatments: _entries("treatment") = ()
    """Treatments had (physiotherapy, injections, surgery, ...), one entry each."""


class MedicationFile(FileModel):
    """One medication the client takes, with its dose and frequency as written."""

    domain = Medication

    name: text(nonblank=True)
    """The medicine, as the client or the prescription names it."""
    dose: Text = ""
    """Dose as written, e.g. '400 mg'."""
    frequency: Text = ""
    """How often, as written, e.g. 'twice a day when needed'."""


# ---------------------------------------------------------------------- diary

Intensity = nullable(whole(0, 10, unit="NRS 0-10"), means="not rated")


class DiaryEntryFile(FileModel):
    """One dated entry of the client's symptom diary (intensity on the 0-10 NRS [1])."""

    domain = DiaryEntry

    date: calendar_date()
    """Date of the entry."""
    intensity: Intensity = None
    """Pain that day [NRS 0-10]; null when not rated."""
    frequency: Text = ""
    """How often the pain came, in the client's words."""
    triggers: Text = ""
    """What brought it on, in the client's words."""
    helps: Text = ""
    """What helped, in the client's words."""
    notes: Text = ""
    """Anything else the client wrote."""


Medications = list_of(MedicationFile, rule="a list of medication objects (name, dose, frequency)")
Diary = list_of(
    DiaryEntryFile,
    rule="a list of diary entry objects (date, intensity, frequency, triggers, helps, notes)",
)
