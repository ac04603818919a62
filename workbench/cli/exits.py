"""The command line's exit codes, one table for every command."""

from __future__ import annotations

from workbench import PlanStatus

#: Plan status -> exit code.
EXIT = {
    PlanStatus.PLANNED: 0,
    PlanStatus.REFERRED: 3,
    PlanStatus.NEEDS_CLEARANCE: 3,
    PlanStatus.NO_PLAN: 4,
}
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
#: A busy store (another workbench held the write lock past the timeout).
EXIT_BUSY = 5

EXIT_CODES = """\
exit codes:
  0  done (planned; the file checks out and is clear to plan; the catalog answered)
  1  problems found (check), or nothing matched (catalog search)
  2  bad input: a missing or unreadable file, an unknown option or exercise
  3  no plan: refer the client, or medical clearance is needed first (plan, check)
  4  no plan fits every rule (the output says which rules and what would help)
  5  the store is busy: another workbench is writing to it (client, log, review)
"""
