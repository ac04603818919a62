"""The planner's entry points, what they return, what explains it and what checks it.

Owns planning and re-planning a client's weeks (``planner``; what one call computes once in
``context``, graded exposure across the weeks in ``exposure``, the answer put together
in ``assemble``), the result and its JSON form (``result``), explanations in a trainer's
words (``explain``, ``report``), today's pain in the client's and the trainer's words
(``today``) and the
independent verifier that re-checks a plan against every rule without the optimizer
(``verify``).

May import: the ground, :mod:`workbench.catalog`, :mod:`workbench.client`,
:mod:`workbench.rules` and :mod:`workbench.optimize`. The verifier alone imports neither
``rules`` nor ``optimize``: it re-derives every rule from the client, catalog and defaults.
"""
