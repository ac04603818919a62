"""The client's handout: one self-contained HTML page per plan, ready to print.

The page names the client and the trainer, lists every week's days and blocks (the
exercise, its cue, minutes and effort in words), charts how the weeks build (inline SVG),
and gives the client's traffic light for pain, what to do on a flare-up, when to stop and
call someone, and advice for between sessions. Its sentences are
:func:`workbench.handover.handout_text.handout_text`; the template
(``templates/handout.html.j2``) only lays them out. A Content-Security-Policy meta tag lets
nothing load or run: no script, no request, only inline styles and ``data:`` images.

Rendering is deterministic: the same plan, client, catalog, start date and paper give the
same bytes (no clock, no random ids).
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.handover.effort import effort_words
from workbench.handover.errors import HandoverError
from workbench.handover.handout_text import (
    EMERGENCY_FLAGS,
    REFER_FLAGS,
    flag_words,
    handout_text,
    traffic_light,
)
from workbench.handover.render import render
from workbench.vocabulary import DAY_INDEX, DAY_LABELS

__all__ = ["PAPERS", "handout_context", "handout_html"]

#: The paper sizes the print CSS knows (the CSS ``@page size`` keyword of each).
PAPERS: dict[str, str] = {"A4": "A4", "Letter": "letter"}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The chart's drawing box [SVG user units] and its margins.
_CHART_W, _CHART_H = 640.0, 220.0
_TOP, _BOTTOM, _SIDE = 34.0, 36.0, 12.0
#: Up to this many weeks the bars are labelled in words ("Week 3", "90 min"); above it in
#: numbers only, so labels never overlap at 12 weeks.
_WORDY_WEEKS = 6


def _check(result, paper: str, start: date | None) -> None:
    """Refuse what the handout cannot show, with what to do instead."""
    if not result.planned:
        raise HandoverError(
            f"handout: the result is {str(result.status)!r}, not a plan; a handout shows a "
            "program, so give the doctor's brief (or, for a referral, the referral letter) "
            "instead"
        )
    if paper not in PAPERS:
        raise HandoverError(f"handout: paper {paper!r} is not one of {', '.join(PAPERS)}")
    if start is not None and start.weekday() != 0:
        monday = start + timedelta(days=7 - start.weekday())
        weekday = list(DAY_LABELS.values())[start.weekday()]
        raise HandoverError(
            f"handout: start {start.isoformat()} is a {weekday}; "
            f"a plan's week starts on a Monday (the next one is {monday.isoformat()})"
        )


def long_date(day: date) -> str:
    """``11 January 2027``: the same words whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _day_date(start: date | None, week: int, day) -> date | None:
    """The calendar date of ``day`` of plan week ``week`` (1-based); None without a start."""
    if start is None:
        return None
    return start + timedelta(days=7 * (week - 1) + DAY_INDEX[day])


def _blocks(day_plan, catalog) -> list[dict]:
    """One day's blocks as the template shows them."""
    out = []
    for block in day_plan.blocks:
        exercise = catalog.by_id.get(block.exercise_id)
        out.append(
            {
                "id": block.exercise_id,
                "name": block.name,
                "cue": exercise.cue if exercise is not None else "",
                "minutes": block.minutes,
                "rpe": f"{block.rpe:g}",
                "effort": effort_words(block.rpe),
            }
        )
    return out


def _weeks(result, catalog, start: date | None, to: str) -> list[dict]:
    """Every week with its days (and their dates when ``start`` is given); ``to`` joins
    the week's first and last date."""
    weeks = []
    for week in result.weeks:
        days = []
        for day_plan in week.days:
            on = _day_date(start, week.week, day_plan.day)
            days.append(
                {
                    "label": DAY_LABELS[day_plan.day],
                    "date": "" if on is None else long_date(on),
                    "minutes": day_plan.minutes,
                    "blocks": _blocks(day_plan, catalog),
                }
            )
        first = _day_date(start, week.week, list(DAY_INDEX)[0])
        weeks.append(
            {
                "number": week.week,
                "dates": ""
                if first is None
                else f"{long_date(first)} {to} {long_date(first + timedelta(days=6))}",
                "minutes": week.minutes,
                "days": days,
            }
        )
    return weeks


def load_chart(result) -> dict:
    """The "how the weeks build" bar chart in SVG coordinates (no drawing library).

    Returns
    -------
    dict
        ``width``, ``height``, ``baseline`` [SVG units] and ``bars``: per week ``x``, ``y``,
        ``w``, ``h`` of the bar, ``cx`` its centre, ``week`` its label and ``minutes`` the
        week's planned minutes [min]; ``wordy``: label in words. Bar height is the week's planned load [AU], scaled
        to the tallest week.
    """
    weeks = result.weeks
    tallest = max((w.load for w in weeks), default=0.0) or 1.0
    plot_h = _CHART_H - _TOP - _BOTTOM
    slot = (_CHART_W - 2 * _SIDE) / max(len(weeks), 1)
    width = min(slot * 0.62, 90.0)
    bars = []
    for k, week in enumerate(weeks):
        h = round(plot_h * week.load / tallest, 1)
        cx = round(_SIDE + slot * (k + 0.5), 1)
        bars.append(
            {
                "x": round(cx - width / 2, 1),
                "y": round(_TOP + plot_h - h, 1),
                "w": round(width, 1),
                "h": h,
                "cx": cx,
                "week": week.week,
                "minutes": week.minutes,
            }
        )
    return {
        "width": _CHART_W,
        "height": _CHART_H,
        "baseline": _TOP + plot_h,
        "left": _SIDE,
        "right": _CHART_W - _SIDE,
        "bars": bars,
        "wordy": len(weeks) <= _WORDY_WEEKS,
    }


def _trainer(client) -> dict | None:
    """The trainer's name and contact; None when neither is recorded (no blank label)."""
    trainer = client.trainer
    name, contact = trainer.name.strip(), trainer.contact.strip()
    if not (name or contact):
        return None
    return {"name": name, "contact": contact}


def handout_context(result, client, catalog, *, start: date | None = None, paper="A4") -> dict:
    """Everything the handout template shows, as plain values.

    Parameters are those of :func:`handout_html`. :func:`workbench.handover.wording.handout_words`
    reads the same values, so the words checked are the words printed.

    Raises
    ------
    HandoverError
        For a result that is not a plan, an unknown paper, or a start that is not a Monday.
    """
    _check(result, paper, start)
    text = handout_text()
    return {
        "t": text,
        "paper": PAPERS[paper],
        "client_name": client.name,
        "trainer": _trainer(client),
        "weeks": _weeks(result, catalog, start, text["date_to"]),
        "chart": load_chart(result),
        "light": traffic_light(),
        "today": "" if result.today is None else result.today.client_text,
        "emergency": [flag_words(f) for f in EMERGENCY_FLAGS],
        "refer": [flag_words(f) for f in REFER_FLAGS],
        "watch_for": list(result.watch_for),
    }


def handout_html(result, client, catalog, *, start: date | None = None, paper: str = "A4") -> str:
    """The client's handout as one self-contained HTML page.

    Parameters
    ----------
    result : workbench.planning.result.PlanResult
        A planned result (status ``planned``).
    client : workbench.domain.Client
        The client the plan is for (name, trainer).
    catalog : workbench.catalog.Catalog
        The catalog the plan was made from (each block's cue).
    start : date, optional
        Monday of week 1; each day then shows its calendar date.
    paper : {"A4", "Letter"}
        The printed page size (CSS ``@page size``).

    Returns
    -------
    str
        The page: inline CSS, the chart as inline SVG, no script, nothing fetched.
        Every value is escaped (a client called ``<script>`` is shown as text).

    Raises
    ------
    HandoverError
        For any status but ``planned`` (give the doctor's brief or the referral letter
        instead), an unknown paper, or a start that is not a Monday.
    """
    return render(
        "handout.html.j2", **handout_context(result, client, catalog, start=start, paper=paper)
    )
