"""The plan as text for the terminal: what a trainer reads after ``workbench plan``.

Trainer's words throughout: what limits a week is said in words ("Limited this week by:
the weekly load ceiling; the weekly goal minutes"), each goal that falls short says why
and what would change it, and a referral reads as a referral. Solver status and gap
appear only with ``verbose`` (``--verbose``).
"""

from __future__ import annotations

from workbench.planning.explain import limits_in_words
from workbench.planning.result import PlanStatus

#: The result statuses in a trainer's words (the first line of the text).
HEADLINES = {
    PlanStatus.PLANNED: "Plan ready",
    PlanStatus.REFERRED: "Refer before training: no plan",
    PlanStatus.NEEDS_CLEARANCE: "Medical clearance needed first: no plan yet",
    PlanStatus.NO_PLAN: "No plan fits every rule",
}

#: The screening outcomes that withhold a plan until questions are asked, in words (they
#: share the ``needs_clearance`` status, but what comes first is asking).
ASK_FIRST = {
    "recheck": "Answers to confirm with the client first: no plan yet",
    "incomplete": "Questions to ask first: no plan yet",
}


def format_plan(result, verbose: bool = False) -> str:
    """A readable plan for the terminal.

    Parameters
    ----------
    result : PlanResult
    verbose : bool
        Also the solver's status, gap and time, and the left-out count.

    Returns
    -------
    str
        The headline, what today's pain changes (for the trainer and for the client),
        each week (load and ceiling [AU], each day's minutes [min] and load, its blocks,
        what limits it, what falls short), the rest of the diagnosis, the notes, the
        questions and the solver's lines.
    """
    if result.status in ("referred", "needs_clearance"):
        return _referral(result)
    lines = [_headline(result), *_today_lines(result)]
    for w in result.weeks:
        lines.extend(_week_lines(w))
    for d in result.diagnosis[1:]:  # the message already leads with the first finding
        lines.append(d)
    if result.notes:
        lines.append("")
        lines.extend(result.notes)
    lines.extend(_watch_for_lines(result))
    questions = getattr(result, "questions", ())
    if questions:
        lines.append("")
        lines.append("To ask or confirm:")
        lines.extend(f"  - {q.text}" for q in questions)
    lines.extend(_solver_lines(result, verbose))
    if verbose and getattr(result, "made", None) is not None:
        lines.append(made_line(result.made))
    return "\n".join(lines)


def made_line(made) -> str:
    """Whose plan it is and how it was made, in one line (:mod:`.provenance`)."""
    return (
        f"Made for {made.client_name} ({made.client_id}) at {made.made_at} by workbench "
        f"{made.workbench_version} on {made.catalog_source or 'a catalog'} "
        f"({made.catalog_exercises} exercises, {made.catalog_hash[:19]})."
    )


def _watch_for_lines(result) -> list[str]:
    """What the client watches for (domain.md §8), one line each, after a blank line."""
    watch = getattr(result, "watch_for", ()) or ()
    return ["", "For the client to watch for:", *(f"  - {w}" for w in watch)] if watch else []


def _headline(result) -> str:
    """The result's message, led by its status in words when it does not say it already."""
    head = result.message
    if not head.startswith(HEADLINES.get(result.status, "")):
        head = f"{HEADLINES.get(result.status, result.status)}. {head}"
    return head


def _today_lines(result) -> list[str]:
    """What today's pain changes: the rule for the trainer (resting pain; a flare-up is
    in the headline already) and the words for the client."""
    today = getattr(result, "today", None)
    if today is None:
        return []
    lines = [""]
    if today.resting:
        lines.append(today.guidance_json()["trainer"])
    lines.append(f"For the client: {today.client_text}")
    return lines


def _week_lines(w) -> list[str]:
    """One week: its load of the ceiling [AU], each day (minutes [min], load [AU]) with
    its blocks, minutes by goal, what limits the week, what falls short, the current
    activities it leaves out, the notes."""
    lines = ["", f"Week {w.week}: load {w.load:.0f} AU of a {w.ceiling:.0f} AU ceiling"]
    for d in w.days:
        lines.append(f"  {d.day.value}  {d.minutes:3d} min {d.load:5.0f} AU")
        for b in d.blocks:
            lines.append(
                f"       {b.minutes:3d} min  RPE {b.rpe:g}  {b.name} ({b.discipline.label})"
            )
    goals = ", ".join(
        f"{g.label} {w.minutes_by_goal.get(g, 0):.0f}/{t:.0f}" for g, t in w.goal_targets.items()
    )
    if goals:
        lines.append(f"  Minutes by goal: {goals}")
    if w.binding:
        lines.append(f"  Limited this week by: {limits_in_words(w.binding)}")
    for short in w.shortfalls:
        lines.append(f"  Short: {short}")
    for out in w.kept_out:
        lines.append(f"  Left out: {out}")
    for warning in w.warnings:
        lines.append(f"  Note: {warning}")
    return lines


def _solver_lines(result, verbose: bool) -> list[str]:
    """With ``verbose``: the solver's status, gap and time [s], the weeks it did not prove
    and the left-out count; without: only the weeks a time budget stopped, in words."""
    lines = []
    if verbose:
        left_out = len({e["exercise_id"] for e in result.excluded})
        if result.solver:
            s = result.solver
            gap = "n/a" if s.gap is None else f"{s.gap:.2%}"
            lines.append(f"\nSolver {s.name}: {s.status}, gap {gap}, {s.seconds:.2f} s")
            if s.summary():
                lines.append(s.summary())
        if left_out:
            lines.append(f"{left_out} exercises left out (see --json for every reason)")
    elif result.solver and result.solver.summary():
        lines.append("")
        lines.append(result.solver.summary())  # weeks a time budget stopped: said in words
    return lines


def _referral(result) -> str:
    """A referral or a clearance request: what to do, nothing more."""
    scr = result.screening
    outcome = str(getattr(scr, "outcome", ""))
    head = ASK_FIRST.get(outcome, HEADLINES[result.status])
    lines = [f"{head}.", result.message]
    if scr is not None:
        for reason in getattr(scr, "reasons", ()) or ():
            lines.append(f"  - {reason}")
    lines.extend(_watch_for_lines(result))
    return "\n".join(lines)
