"""The constraint lab's logic for coaches and teachers: scenarios and sweeps, no widgets.

Owns what-if scenarios over one client (a setting changed, a rule loosened) and sweeps of
a number across a range, each a table ready to chart.

May import: everything below it (ground, catalog, client, rules, optimize, plan); never
:mod:`workbench.ui` or :mod:`workbench.cli`.
"""
