"""The optimizer: the week's integer program, its named constraint families, solving, packing.

Owns the week problem handed down by the planner (``problem``), the constraint families
(``constraints``), the day and week models (``model``), solving with HiGHS or CBC and
reading the real status (``solve``), the week's solve loop (``week``), the greedy start
(``heuristic``), packing blocks into days (``packing``) and, when a week cannot be
planned, which families to relax (``diagnose``) and how (``relaxations``).

May import: the ground, :mod:`workbench.catalog`, :mod:`workbench.client` and
:mod:`workbench.rules`; never :mod:`workbench.planning`.
"""
