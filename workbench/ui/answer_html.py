"""The plan's answer as HTML for the app: referral, diagnosis, what was left out, week limits.

Pure functions from a :class:`~workbench.planning.result.PlanResult` to escaped HTML (the
client's and the catalog's words are escaped), so they are tested without a browser and
notebooks can show the same panels.
"""

from __future__ import annotations

import html

from workbench.domain import Day
from workbench.language import GLOSSARY, find_threat_words, suggest
from workbench.planning.explain import limits_in_words
from workbench.planning.report import made_line
from workbench.planning.result import (
    OFFERS,
    REFERRED,
    Block,
    PlanResult,
)


def _esc(text) -> str:
    return html.escape(str(text))


def client_cue(cue: str) -> str:
    """A block's cue as the client reads it: free of threat words (domain.md §7)."""
    return suggest(cue) if find_threat_words(cue) else cue


def referral_html(result: PlanResult) -> str:
    """The referral panel: the message for the client, then the trainer's reasons."""
    trainer = getattr(result.screening, "trainer_message", "") or "\n".join(result.notes)
    head = "For the client" if result.status == REFERRED else "For the client (before planning)"
    return (
        f"<h4 style='margin:4px 0'>No plan: {'referral' if result.status == REFERRED else 'clearance first'}</h4>"
        f"<p class='wb-client-message'><b>{head}:</b> {_esc(result.message)}</p>"
        "<details><summary>For the trainer</summary>"
        f"<pre style='white-space:pre-wrap'>{_esc(trainer)}</pre></details>"
    )


def today_html(result: PlanResult) -> str:
    """What today's pain changes (a flare-up, resting pain): the client's words, then the
    trainer's rule and numbers; "" when pain now changes nothing."""
    today = result.today
    if today is None:
        return ""
    head = "Today starts gently" if today.flare_up else "Pain during a session"
    trainer = " ".join(
        t for t in (today.flare_words(), (today.guidance_json() or {}).get("trainer", "")) if t
    )
    return (
        f"<h4 style='margin:4px 0'>{head}</h4>"
        f"<p class='wb-client-message'><b>For the client:</b> {_esc(today.client_text)}</p>"
        "<details><summary>For the trainer</summary>"
        f"<p>{_esc(trainer)}</p></details>"
    )


def diagnosis_html(result: PlanResult) -> str:
    """The diagnosis panel: what conflicts, and the smallest changes that would fit."""
    parts = ["<h4 style='margin:4px 0'>No plan fits every rule</h4>"]
    # the relaxations get their own list below: not again as the diagnosis's last sentence
    lines = [d for d in result.diagnosis if not (result.relaxations and d.startswith(OFFERS))]
    if not lines:
        parts.append(f"<p>{_esc(result.message)}</p>")
    else:
        parts.append("<ul>" + "".join(f"<li>{_esc(d)}</li>" for d in lines) + "</ul>")
    if result.relaxations:
        parts.append(
            "<p><b>Smallest changes that would make a plan possible</b> (each checked by a "
            "re-solve):</p><ul class='wb-relaxations'>"
            + "".join(
                f"<li>{_esc(r.text)}"
                + (f" <small>(week {r.week})</small>" if r.week else "")
                + "</li>"
                for r in result.relaxations
            )
            + "</ul>"
        )
    return "".join(parts)


def excluded_html(result: PlanResult) -> str:
    """Every excluded exercise with each reason, as an HTML table (one row per exercise)."""
    by_ex: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for row in result.excluded:
        by_ex.setdefault(row["exercise_id"], []).append(row)
        names[row["exercise_id"]] = row["name"]
    if not by_ex:
        return "<p>No exercise is left out.</p>"
    rows = []
    for ex_id, items in sorted(by_ex.items(), key=lambda kv: names[kv[0]].lower()):
        reasons = "<br>".join(
            f"{_esc(r['reason'])} <small>({_esc(r['rule'])}"
            + ("" if r["weeks"] == "all" else f"; weeks {_esc(', '.join(map(str, r['weeks'])))}")
            + ")</small>"
            for r in items
        )
        rows.append(
            f"<tr><td>{_esc(names[ex_id])}<br><small>{_esc(ex_id)}</small></td><td>{reasons}</td></tr>"
        )
    return (
        f"<p>{len(by_ex)} exercises left out, each with its reasons.</p>"
        "<div class='wb-scroll'><table class='wb-table'><tr><th>exercise</th><th>why</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )


def _term(word: str, label: str | None = None) -> str:
    """``word`` with its glossary definition as hover help (docs/glossary.md)."""
    return f"<abbr title='{_esc(GLOSSARY[word])}'>{_esc(label or word)}</abbr>"


def notes_html(result: PlanResult, details: bool = False) -> str:
    """Per week: load, ceiling, what limits the week, shortfalls with their reasons and
    notes; then what a 10% higher ceiling buys. ``details``: the solver's status and gap."""
    rows = []
    for w in result.weeks:
        limits = limits_in_words(w.binding) or "nothing"
        said = "<br>".join(_esc(x) for x in (*w.shortfalls, *w.kept_out, *w.warnings))
        rows.append(
            f"<tr><td>{w.week}</td><td>{w.load:g}</td><td>{w.ceiling:g}</td><td>{w.cap:.0f}</td>"
            f"<td>{_esc(limits)}</td><td>{said}</td></tr>"
        )
    parts = [
        f"<table class='wb-table'><tr><th>week</th><th>load [{_term('AU')}]</th>"
        f"<th>{_term('ceiling')} [AU]</th><th>{_term('cap')} [AU]</th>"
        "<th>limited this week by</th><th>short of a goal, and notes</th></tr>"
        + "".join(rows)
        + "</table>"
    ]
    if result.ceiling_plus_10:
        parts.append(
            "<p><b>What a 10% higher ceiling would buy</b></p><ul>"
            + "".join(f"<li>{_esc(t)}</li>" for t in result.ceiling_plus_10)
            + "</ul>"
        )
    if result.notes:
        parts.append(
            "<p><b>How this client is planned</b></p><ul>"
            + "".join(f"<li>{_esc(n)}</li>" for n in result.notes)
            + "</ul>"
        )
    if result.questions:
        parts.append(
            "<p><b>To ask or confirm</b></p><ul class='wb-questions'>"
            + "".join(f"<li>{_esc(q.text)}</li>" for q in result.questions)
            + "</ul>"
        )
    if result.solver is not None:
        s = result.solver
        if s.summary():
            parts.append(f"<p class='wb-unproven'>{_esc(s.summary())}</p>")
        if details:
            gap = "" if s.gap is None else f", gap {s.gap:.1%}"
            parts.append(
                f"<p class='wb-hint wb-solver'>Solver {_esc(s.name)}: {_esc(s.status)}{gap}, "
                f"{s.seconds:.2f} s.</p>"
            )
    if details and result.made is not None:
        parts.append(f"<p class='wb-hint wb-made'>{_esc(made_line(result.made))}</p>")
    return "".join(parts)


def _block_html(block: Block, week: int, day: Day, cue: str) -> str:
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in block.reasons)
    cue_html = f"<p><b>Cue for the client:</b> {_esc(client_cue(cue))}</p>" if cue else ""
    return (
        f"<h4 style='margin:4px 0'>{_esc(block.name)}</h4>"
        f"<p>Week {week}, {day.value.capitalize()}: {_esc(block.discipline.label)}, "
        f"{block.minutes} min at {_term('RPE')} {block.rpe:g} = {block.load:g} "
        f"{_term('AU')} ({_term('session load', 'load')})</p>"
        f"<p><b>Why it is here</b></p><ul class='wb-reasons'>{reasons}</ul>{cue_html}"
    )
