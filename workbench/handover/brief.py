"""The doctor's consultation brief, and the referral letter for a referred client.

:func:`brief_html` gives the one-to-two page brief a client takes to their doctor: what
the seed guide says to gather before the consultation (medical history, medications with
dose and frequency, the symptom diary, the current activity and how it affects the pain,
the goals), what the session logs show when there are some, the planned program in
summary, the questions pre-filled from the plan (:mod:`workbench.handover.brief_facts`),
and room for the doctor's written answer (clearance yes / no, what to avoid, the highest
effort, anything else, signature and date). A client who needs clearance first gets the
brief with its questions and no program; a referred client gets :func:`referral_html`, a
letter naming the red flags found and asking for assessment before any exercise, with no
program. Pages are rendered with :func:`workbench.handover.render.render` (autoescaping
on); nothing is built by string concatenation.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.domain import DISCIPLINE_LABELS, PRECAUTIONS, Client
from workbench.handover.brief_facts import (
    DEMAND_WORDS,
    LEVEL_WORDS,
    PRECAUTION_WORDS,
    cr10_words,
    flag_lines,
    log_summary,
    program_summary,
    questions,
)
from workbench.handover.errors import HandoverError
from workbench.handover.handout import PAPERS as HANDOUT_PAPERS
from workbench.handover.handout_text import traffic_light
from workbench.handover.render import render

__all__ = ["PAPERS", "brief_html", "brief_texts", "referral_html"]

#: Paper name -> CSS ``@page size`` (the handout's sizes).
PAPERS = HANDOUT_PAPERS

#: The latest diary entries the brief lists (it stays within two pages).
DIARY_ROWS = 8


def _paper(paper: str) -> str:
    if paper not in PAPERS:
        raise HandoverError(f"brief: paper {paper!r} is not one of {', '.join(PAPERS)}")
    return PAPERS[paper]


def _status(result) -> str:
    return str(getattr(result.status, "value", result.status))


def _precautions(result, client: Client) -> tuple[str, ...]:
    scr = result.screening
    found = tuple(getattr(scr, "precautions", ()) or ())
    return found or tuple(p for p in PRECAUTIONS if client.precautions.get(p) is True)


def _client_part(client: Client, names=None) -> dict:
    """The assessment's part of the brief: who, history, medications, diary, activity, goals.
    ``names``: exercise id -> name (the catalog's), for the clearance's banned exercises."""
    names = names or {}
    diary = sorted(client.diary, key=lambda e: e.date)[-DIARY_ROWS:]
    return {
        "client": client,
        "trainer": client.trainer,
        "history": client.medical_history,
        "medications": client.medications,
        "diary": diary,
        "diary_more": max(0, len(client.diary) - DIARY_ROWS),
        "old_diary": client.symptom_diary.strip(),
        "activities": [
            {
                "discipline": DISCIPLINE_LABELS[a.discipline],
                "sessions": a.sessions_per_week,
                "minutes": a.minutes,
                "rpe": a.rpe,
                "rpe_words": cr10_words(a.rpe),
            }
            for a in client.activities
        ],
        "pain": client.pain,
        "triggers": sorted(client.triggers),
        "goals": [(g.label, m) for g, m in client.goals.items() if m],
        "clearance": client.clearance,
        "banned_disciplines": sorted(
            DISCIPLINE_LABELS[d] for d in client.clearance.banned_disciplines
        ),
        "banned_exercises": sorted(names.get(x, x) for x in client.clearance.banned_exercises),
    }


def _program_part(summary) -> dict | None:
    if summary is None:
        return None
    return {
        "weeks": summary.weeks,
        "days_per_week": summary.days_per_week,
        "disciplines": [
            (DISCIPLINE_LABELS[d], summary.minutes_by_discipline[d]) for d in summary.disciplines
        ],
        "week_rows": list(
            zip(range(1, summary.weeks + 1), summary.week_minutes, summary.week_loads, strict=True)
        ),
        "highest_rpe": summary.highest_rpe,
        "highest_words": cr10_words(summary.highest_rpe),
        "load_rise_pct": summary.load_rise_pct,
        "baseline_load": summary.baseline_load,
        "demands": [(DEMAND_WORDS[d], LEVEL_WORDS[n]) for d, n in summary.demands],
    }


def brief_html(result, client: Client, catalog, *, logs: Iterable = (), paper: str = "A4") -> str:
    """The doctor's consultation brief as one self-contained HTML page.

    Parameters
    ----------
    result : PlanResult
        The planner's answer for ``client``. A referred result gives the referral letter
        (:func:`referral_html`); a needs-clearance (or no-plan) result gives the brief
        with its questions and no program.
    client : Client
    catalog : Catalog
        Gives the planned exercises' movement demands.
    logs : iterable of SessionLog, optional
        The client's session logs: sessions done and skipped, pain during and next morning.
    paper : {"A4", "Letter"}
        The print page size.

    Returns
    -------
    str
        The HTML page (inline CSS; nothing loads from elsewhere).
    """
    if _status(result) == "referred":
        return referral_html(result, client, paper=paper)
    size = _paper(paper)
    planned = _status(result) == "planned"
    summary = program_summary(result, client, catalog) if planned else None
    precautions = _precautions(result, client)
    scr = result.screening
    names = {ex.id: ex.name for ex in catalog}
    logged = log_summary(logs)
    return render(
        "brief.html.j2",
        paper=size,
        light=traffic_light()["rows"],
        status=_status(result),
        **_client_part(client, names),
        logs=logged,
        hurt=[names.get(x, x) for x in (logged.hurt if logged else ())],
        program=_program_part(summary),
        precautions=[PRECAUTION_WORDS.get(p, p) for p in precautions],
        reasons=() if planned else tuple(getattr(scr, "reasons", ()) or ()),
        questions=questions(summary, client, precautions),
    )


def referral_html(result, client: Client, *, paper: str = "A4") -> str:
    """The referral letter for a referred client: the red flags found, no program.

    Parameters
    ----------
    result : PlanResult
        A referred result (its screening names the flags); the client's own yes answers
        are listed too.
    client : Client
    paper : {"A4", "Letter"}

    Returns
    -------
    str
        The HTML page, asking for assessment before any exercise program.
    """
    flags = flag_lines(result, client)
    return render(
        "referral.html.j2",
        paper=_paper(paper),
        flags=flags,
        urgent=any(f.group == "emergency" for f in flags),
        precautions=[PRECAUTION_WORDS.get(p, p) for p in _precautions(result, client)],
        **_client_part(client),
    )


def brief_texts(client: Client) -> dict[str, str]:
    """Every text of the brief someone typed, by where it comes from (for the threat-word
    check before printing, :func:`workbench.language.find_threat_words`)."""
    out = {"client.name": client.name, "client.symptom_diary": client.symptom_diary}
    h = client.medical_history
    for part in ("diagnoses", "imaging", "treatments"):
        for i, text in enumerate(getattr(h, part)):
            out[f"medical_history.{part}[{i}]"] = text
    for i, m in enumerate(client.medications):
        out[f"medications[{i}]"] = " ".join((m.name, m.dose, m.frequency))
    for i, e in enumerate(client.diary):
        out[f"diary[{i}]"] = " ".join((e.frequency, e.triggers, e.helps, e.notes))
    out["clearance.notes"] = client.clearance.notes
    return {k: v for k, v in out.items() if v.strip()}
