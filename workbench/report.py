"""The plan as text for the terminal: what a trainer reads after ``workbench plan``."""

from __future__ import annotations


def format_plan(result) -> str:
    """A readable week table for the terminal."""
    lines = [f"status: {result.status}", result.message]
    for w in result.weeks:
        lines.append("")
        lines.append(f"week {w.week}: load {w.load:.0f} AU (ceiling {w.ceiling:.0f} AU)")
        for d in w.days:
            lines.append(f"  {d.day.value}  {d.minutes:3d} min {d.load:5.0f} AU")
            for b in d.blocks:
                lines.append(
                    f"       {b.minutes:3d} min  RPE {b.rpe:g}  {b.name} ({b.discipline.label})"
                )
        goals = ", ".join(
            f"{g.label} {w.minutes_by_goal.get(g, 0):.0f}/{t:.0f}"
            for g, t in w.goal_targets.items()
        )
        lines.append(f"  minutes by goal: {goals}")
        if w.binding:
            lines.append("  binds: " + ", ".join(w.binding))
        for warning in w.warnings:
            lines.append(f"  note: {warning}")
    for d in result.diagnosis[1:]:  # the message already leads with the first finding
        lines.append(d)
    if result.solver:
        s = result.solver
        gap = "n/a" if s.gap is None else f"{s.gap:.2%}"
        lines.append(f"\nsolver {s.name}: {s.status}, gap {gap}, {s.seconds:.2f} s")
        if s.summary():
            lines.append(s.summary())
    lines.append(
        f"{len({e['exercise_id'] for e in result.excluded})} exercises left out "
        "(see --json for every reason)"
    )
    return "\n".join(lines)
