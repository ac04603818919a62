"""Batch: a studio's clients planned in one run, on a process pool or a Dask cluster.

Owns the batch's tasks (plain client data in, a plain outcome out: workers never receive
solver models), the executors behind one small interface (in-process, a process pool, Dask
distributed), the run (progress, failures reported and never fatal, ``--resume``) and where
results go (an output folder of one JSON per client plus a summary CSV, or back to the
store as issued plans).

May import the ground, the rooms below ``followup`` and :mod:`workbench.followup` (a plan
going back to the store is issued the way the follow-up loop issues it); never the face,
``ui`` or ``cli``.
"""
