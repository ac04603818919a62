"""``workbench plan CLIENT.json [--weeks N] [--catalog PATH] [--json]``.

Also the trainer's pins and bans (``--pin ID:WEEK[:DAY]``, ``--ban ID``, repeatable)
and ``--include-unreviewed`` for imported catalog rows not yet reviewed.

Exit codes: 0 planned, 3 referred or needs clearance, 4 infeasible, 2 bad input
(with the error: file, field, reason).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys

from workbench.report import format_plan

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
    p.add_argument(
        "--pin",
        action="append",
        default=[],
        metavar="ID:WEEK[:DAY]",
        help="put this exercise in that week, on that day (mon-sun) when given; repeatable",
    )
    p.add_argument(
        "--ban",
        action="append",
        default=[],
        metavar="ID",
        help="leave this exercise out of every week; repeatable",
    )
    p.add_argument(
        "--include-unreviewed",
        action="store_true",
        help="also use imported catalog rows not yet reviewed",
    )
    return ap


def _known(option: str, value: str, exercise_id: str, ids: set[str]) -> str:
    """``exercise_id`` when the catalog has it, else a ValueError naming the option."""
    if exercise_id in ids:
        return exercise_id
    close = difflib.get_close_matches(exercise_id, sorted(ids), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ValueError(f"{option} {value!r}: no exercise {exercise_id!r} in the catalog{hint}")


def parse_pins(values: list[str], weeks: int, ids: set[str]):
    """``ID:WEEK[:DAY]`` strings as pins, checked against the catalog and the horizon.

    What a pin asks of the client (an exercise their rules leave out, a day they do not
    train) is the planner's to diagnose, as for a pin set in the design app.

    Raises
    ------
    ValueError
        Naming the value and why: an unknown exercise (with close ids), a week outside
        1-``weeks``, or a day that is not mon-sun.
    """
    from workbench.domain import Day
    from workbench.optimize.problem import Pin

    pins = []
    days = [d.value for d in Day]
    for value in values:
        parts = value.split(":")
        if len(parts) not in (2, 3) or not all(parts):
            raise ValueError(f"--pin {value!r}: write EXERCISE_ID:WEEK or EXERCISE_ID:WEEK:DAY")
        exercise_id = _known("--pin", value, parts[0], ids)
        try:
            week = int(parts[1])
        except ValueError:
            week = 0
        if not 1 <= week <= weeks:
            raise ValueError(f"--pin {value!r}: the week must be 1-{weeks} (--weeks)")
        day = None
        if len(parts) == 3:
            if parts[2].lower() not in days:
                raise ValueError(f"--pin {value!r}: the day must be one of {', '.join(days)}")
            day = Day(parts[2].lower())
        pins.append(Pin(exercise_id, week, day))
    return tuple(pins)


def parse_bans(values: list[str], ids: set[str]) -> frozenset[str]:
    """Exercise ids to leave out, each checked against the catalog (ValueError)."""
    return frozenset(_known("--ban", value, value, ids) for value in values)


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
        ids = {e.id for e in catalog}
        pins = parse_pins(args.pin, args.weeks, ids)
        bans = parse_bans(args.ban, ids)
        both = sorted({pin.exercise_id for pin in pins} & bans)
        if both:
            raise ValueError(f"--pin and --ban: {', '.join(both)} is both pinned and banned")
    except (AssessmentError, CatalogError, ValueError, OSError) as err:
        print(f"workbench: bad input: {err}", file=sys.stderr)
        return 2
    options = PlanOptions(
        weeks=args.weeks,
        hard_goals=args.hard_goals,
        solver=args.solver,
        pins=pins,
        bans=bans,
        include_unreviewed=args.include_unreviewed,
    )
    result = plan(client, catalog, options)
    text = json.dumps(result.to_json(), indent=2) if args.json else format_plan(result)
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # the reader stopped early (e.g. ``| head``): not an error of ours. What is left
        # to flush goes to /dev/null, so the interpreter does not fail again at exit
        # (the Python docs' recipe, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT[result.status]


if __name__ == "__main__":
    sys.exit(main())
