"""``workbench plan CLIENT.json [--weeks N] [--catalog PATH] [--json]``.

Exit codes: 0 planned, 3 referred or needs clearance, 4 infeasible, 2 bad input
(with the error: file, field, reason).
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT = {"planned": 0, "referred": 3, "needs_clearance": 3, "infeasible": 4}


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="workbench", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan", help="plan a client's program")
    p.add_argument("client", help="client JSON file (see workbench/schema/client.schema.json)")
    p.add_argument("--weeks", type=int, default=1, help="horizon, 1-12 weeks (default 1)")
    p.add_argument("--catalog", help="exercise CSV with the built-in columns (default: built-in)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--hard-goals", action="store_true", help="goal minutes must be met in full")
    p.add_argument("--solver", choices=["highs", "cbc"], default="highs")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    from workbench.assessment import AssessmentError, load_client
    from workbench.catalog import CatalogError, builtin_catalog, load_catalog
    from workbench.planner import MAX_WEEKS, PlanOptions, plan

    try:
        if not 1 <= args.weeks <= MAX_WEEKS:
            raise ValueError(f"--weeks: must be 1-{MAX_WEEKS}, got {args.weeks}")
        client = load_client(args.client)
        catalog = load_catalog(args.catalog) if args.catalog else builtin_catalog()
    except (AssessmentError, CatalogError, ValueError, OSError) as err:
        print(f"workbench: bad input: {err}", file=sys.stderr)
        return 2
    result = plan(
        client,
        catalog,
        PlanOptions(weeks=args.weeks, hard_goals=args.hard_goals, solver=args.solver),
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(format_plan(result))
    return EXIT[result.status]


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
    for d in result.diagnosis:
        lines.append(d)
    if result.solver:
        s = result.solver
        gap = "n/a" if s.gap is None else f"{s.gap:.2%}"
        lines.append(f"\nsolver {s.name}: {s.status}, gap {gap}, {s.seconds:.2f} s")
    lines.append(
        f"{len({e['exercise_id'] for e in result.excluded})} exercises left out "
        "(see --json for every reason)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
