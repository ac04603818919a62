"""What the doctor's brief says, as plain values: the program in summary and the questions.

Pure functions of a :class:`~workbench.planning.result.PlanResult`, a
:class:`~workbench.domain.Client`, the catalog and the session logs; the templates
(``brief.html.j2``, ``referral.html.j2``) only lay these values out. The questions follow
the seed guide's consultation advice (which exercises, what to avoid, how to progress
safely) and are filled from the plan: the disciplines, the movement demands it uses, the
highest planned effort and how fast the weekly load rises.

References
----------
[1] Borg G. (1998) Borg's Perceived Exertion and Pain Scales. Human Kinetics (the CR-10
    verbal anchors).
[2] Foster C. et al. (2001) A new approach to monitoring exercise training. J Strength
    Cond Res 15:109-115 (session-RPE load, AU).
[3] domain.md §1 (red flags), §3 (movement demands), §8 (precautions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean

from workbench.domain import (
    DISCIPLINE_LABELS,
    PRECAUTIONS,
    RED_FLAGS,
    Client,
    Dimension,
    Discipline,
)

__all__ = [
    "DEMAND_WORDS",
    "LEVEL_WORDS",
    "PRECAUTION_WORDS",
    "FlagLine",
    "LogSummary",
    "ProgramSummary",
    "cr10_words",
    "flag_lines",
    "log_summary",
    "program_summary",
    "questions",
]

#: Each movement demand in a doctor's words (domain.md §3).
DEMAND_WORDS: dict[Dimension, str] = {
    Dimension.LOADED_FLEXION: "bending forward while lifting or holding a load",
    Dimension.END_RANGE_FLEXION: "bending forward to the end of range",
    Dimension.EXTENSION: "bending backward (extension)",
    Dimension.ROTATION: "twisting (rotation)",
    Dimension.AXIAL_LOAD: "load carried through the spine (weights, carries)",
    Dimension.IMPACT: "impact (jogging, stepping down, jumping)",
    Dimension.SUSTAINED_SITTING: "sitting for long spells",
}

#: Each precaution (domain.md §8) in a doctor's words.
PRECAUTION_WORDS: dict[str, str] = {
    "pregnancy": "the pregnancy",
    "osteoporosis": "osteoporosis or low bone density",
    "recent_surgery": "surgery in the last 12 weeks",
    "heart_metabolic_kidney": "known heart, metabolic or kidney disease",
}

#: A demand level 1-3 in words (0: not used).
LEVEL_WORDS = {1: "light", 2: "moderate", 3: "high"}

#: CR-10 verbal anchors (Borg 1998): the highest value at or below the effort names it.
_CR10_ANCHORS: tuple[tuple[float, str], ...] = (
    (0.0, "rest"),
    (0.5, "very, very light"),
    (1.0, "very light"),
    (2.0, "light"),
    (3.0, "moderate"),
    (4.0, "somewhat hard"),
    (5.0, "hard"),
    (7.0, "very hard"),
    (10.0, "extremely hard"),
)

#: The plain words a trainer reads for each red-flag group (domain.md §1).
_GROUP_WORDS = {
    "emergency": "urgent: possible cauda equina syndrome, same-day assessment",
    "refer": "assessment before any exercise program",
}


def cr10_words(rpe: float) -> str:
    """The CR-10 verbal anchor for an effort (Borg 1998), e.g. ``"moderate"`` for 3.

    Parameters
    ----------
    rpe : float
        Effort, CR-10 scale 0-10.
    """
    words = _CR10_ANCHORS[0][1]
    for at, said in _CR10_ANCHORS:
        if rpe >= at:
            words = said
    return words


@dataclass(frozen=True)
class ProgramSummary:
    """The planned program in a few numbers.

    Attributes
    ----------
    weeks : int
        Planned weeks.
    disciplines : tuple of Discipline
        The disciplines planned, most minutes first.
    minutes_by_discipline : dict[Discipline, int]
        Minutes over the whole program per discipline [min].
    days_per_week : int
        Most training days in any week.
    week_minutes, week_loads : tuple
        Per week: minutes [min] and session-RPE load [AU].
    highest_rpe : float
        Highest planned block effort, CR-10.
    load_rise_pct : float or None
        Mean week-on-week rise of the planned load [%]; None with fewer than two weeks.
    baseline_load : float
        The client's current weekly load from their activities [AU].
    demands : tuple of (Dimension, int)
        Each movement demand the planned exercises use, with its highest level 1-3.
    """

    weeks: int
    disciplines: tuple[Discipline, ...]
    minutes_by_discipline: dict[Discipline, int]
    days_per_week: int
    week_minutes: tuple[int, ...]
    week_loads: tuple[float, ...]
    highest_rpe: float
    load_rise_pct: float | None
    baseline_load: float
    demands: tuple[tuple[Dimension, int], ...]


def program_summary(result, client: Client, catalog) -> ProgramSummary | None:
    """The program in summary; None when the result has no weeks (no plan).

    Parameters
    ----------
    result : PlanResult
    client : Client
    catalog : Catalog
        Gives each planned exercise's movement demands.
    """
    if not result.weeks:
        return None
    by_id = catalog.by_id
    minutes: dict[Discipline, int] = {}
    demands: dict[Dimension, int] = {}
    highest = 0.0
    for w in result.weeks:
        for d in w.days:
            for b in d.blocks:
                minutes[b.discipline] = minutes.get(b.discipline, 0) + b.minutes
                highest = max(highest, float(b.rpe))
                ex = by_id.get(b.exercise_id)
                for dim, level in (ex.demands if ex is not None else {}).items():
                    if level > 0:
                        demands[dim] = max(demands.get(dim, 0), int(level))
    loads = tuple(float(w.load) for w in result.weeks)
    rises = [(b - a) / a * 100.0 for a, b in zip(loads, loads[1:], strict=False) if a > 0]
    return ProgramSummary(
        weeks=len(result.weeks),
        disciplines=tuple(sorted(minutes, key=lambda k: (-minutes[k], k.value))),
        minutes_by_discipline=minutes,
        days_per_week=max(len(w.days) for w in result.weeks),
        week_minutes=tuple(w.minutes for w in result.weeks),
        week_loads=loads,
        highest_rpe=highest,
        load_rise_pct=round(mean(rises), 1) if rises else None,
        baseline_load=client.baseline_load,
        demands=tuple((dim, demands[dim]) for dim in Dimension if dim in demands),
    )


def _discipline_candidates(client: Client) -> tuple[Discipline, ...]:
    """Without a plan: the disciplines the client does now or likes (the doctor is asked
    about these)."""
    found = [a.discipline for a in client.activities]
    found += sorted((x for x in client.liked if isinstance(x, Discipline)), key=str)
    return tuple(dict.fromkeys(found))


def questions(
    summary: ProgramSummary | None, client: Client, precautions: Iterable[str] = ()
) -> tuple[str, ...]:
    """The questions for the doctor, pre-filled from the plan (or, with no plan, from what
    the client does now and likes).

    Parameters
    ----------
    summary : ProgramSummary or None
    client : Client
    precautions : iterable of str
        :data:`~workbench.domain.PRECAUTIONS` ids that apply (the screening's).

    Returns
    -------
    tuple of str
        One question a line, in calm clinical words.
    """
    out: list[str] = []
    if summary is None:
        out.append(
            f"Is {client.name} clear to start a gradual, supervised exercise program for "
            "low back pain?"
        )
    disciplines = summary.disciplines if summary else _discipline_candidates(client)
    out += [f"Is {DISCIPLINE_LABELS[d]} suitable?" for d in disciplines]
    if summary and summary.demands:
        used = "; ".join(f"{DEMAND_WORDS[d]} ({LEVEL_WORDS[n]})" for d, n in summary.demands)
        out.append(f"The plan uses these movements: {used}. Should any be avoided or limited?")
    if summary:
        top = summary.highest_rpe
        out.append(
            f"The highest planned effort is {top:g} of 10 ({cr10_words(top)}): is that right?"
        )
    else:
        out.append("What is the highest effort (0-10) that suits for now?")
    if summary and summary.load_rise_pct is not None:
        out.append(
            f"The weekly load rises by about {summary.load_rise_pct:g}% a week: is that pace "
            "right, or should it build more slowly?"
        )
    out += [
        f"With {PRECAUTION_WORDS.get(p, p)}: is training suitable, and is there anything to avoid?"
        for p in precautions
        if p in PRECAUTIONS
    ]
    out.append("Are there specific exercises or activities to avoid?")
    return tuple(out)


@dataclass(frozen=True)
class FlagLine:
    """One red flag found, for the referral letter.

    Attributes
    ----------
    id : str
        :data:`~workbench.domain.RED_FLAGS` id.
    wording : str
        The screening question's wording (:data:`~workbench.domain.RED_FLAGS`).
    group : str
        ``emergency`` or ``refer``.
    urgency : str
        What the group asks for, in plain words.
    words : tuple of str
        Words in the client's own notes that raised the question, when any.
    """

    id: str
    wording: str
    group: str
    urgency: str
    words: tuple[str, ...] = ()


def flag_lines(result, client: Client) -> tuple[FlagLine, ...]:
    """The red flags answered yes (the screening's, else the client's answers), in
    :data:`~workbench.domain.RED_FLAGS` order."""
    scr = result.screening
    found = set(getattr(scr, "positive_flags", ()) or ())
    found |= {q for q, said in client.red_flags.items() if said is True}
    forced = getattr(scr, "forced_by_text", {}) or {}
    return tuple(
        FlagLine(
            id=q,
            wording=RED_FLAGS[q][1],
            group=RED_FLAGS[q][0],
            urgency=_GROUP_WORDS.get(RED_FLAGS[q][0], _GROUP_WORDS["refer"]),
            words=tuple(forced.get(q, ())),
        )
        for q in RED_FLAGS
        if q in found
    )


@dataclass(frozen=True)
class LogSummary:
    """What the session logs say: sessions done and how pain responded.

    Attributes
    ----------
    done, partly, skipped : int
        Sessions logged as done, partly done and not done.
    pain_during, next_morning : float or None
        Mean worst pain during sessions and the next morning, 0-10; None when not rated.
    rows : tuple of dict
        The latest logs, oldest first: date, status, minutes, effort, pain_during,
        next_morning (``"–"`` where not rated).
    hurt : tuple of str
        Exercise ids the client said hurt, most often first.
    """

    done: int
    partly: int
    skipped: int
    pain_during: float | None
    next_morning: float | None
    rows: tuple[dict, ...]
    hurt: tuple[str, ...]


#: How many of the latest logs the brief's table shows (the brief stays within two pages).
LOG_ROWS = 8


def log_summary(logs: Iterable) -> LogSummary | None:
    """Summarise session logs (:class:`~workbench.records.models.SessionLog`); None when
    there are none."""
    logs = sorted(logs, key=lambda g: (g.on, g.id or 0))
    if not logs:
        return None

    def status(g) -> str:
        return str(getattr(g.status, "value", g.status))

    def avg(values) -> float | None:
        got = [v for v in values if v is not None]
        return round(mean(got), 1) if got else None

    def shown(v) -> str:
        return "–" if v is None else f"{v:g}"

    hurt: dict[str, int] = {}
    for g in logs:
        for ex in g.hurt:
            hurt[ex] = hurt.get(ex, 0) + 1
    words = {"done": "done", "partly": "partly done", "not_done": "not done"}
    return LogSummary(
        done=sum(status(g) == "done" for g in logs),
        partly=sum(status(g) == "partly" for g in logs),
        skipped=sum(status(g) == "not_done" for g in logs),
        pain_during=avg(g.pain_during for g in logs),
        next_morning=avg(g.next_morning_pain for g in logs),
        rows=tuple(
            {
                "date": g.on.isoformat(),
                "status": words.get(status(g), status(g)),
                "minutes": g.minutes,
                "effort": shown(g.effort),
                "pain_during": shown(g.pain_during),
                "next_morning": shown(g.next_morning_pain),
            }
            for g in logs[-LOG_ROWS:]
        ),
        hurt=tuple(sorted(hurt, key=lambda k: (-hurt[k], k))),
    )
