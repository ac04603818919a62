"""The follow-up loop: session logs → the weekly progress / hold / regress decision → re-plan.

Owns a session log's validation (``log``), the weekly review's rules (``review``, domain.md
§5 and §4), reassessment against the baseline (``reassess``), the re-plan of the weeks
ahead from a decision (``replan``) and the loop over a client in the store (``loop``:
start, log, review, accept; ``course``: the program as stored; ``schedule``: a plan's days
on calendar dates; ``status``: where a program stands, and the figures its charts draw;
``issued``: the program as issued, for the hand-over's exports). The rules are pure
functions of the logs; only ``loop`` writes to the store, and ``course``, ``status`` and
``issued`` read it.

May import: everything below it (the ground, catalog, client, rules, planning, records,
lab, handover); never :mod:`workbench.ui` or :mod:`workbench.cli`, nor :mod:`workbench.optimize`
(re-plans go through the planner).
"""
