"""The rules: pure functions from a client and a catalog to what is allowed and how much.

Owns the contraindications, one named family each (tolerance, doctor, setting, trigger,
disliked, ...: ``contraindications`` over the catalog, ``exclusions`` for one exercise), the
tolerances a client's triggers and fears set (``tolerance``), when a block may take
several feared movements at once (``exposure``), the precautions' limits (``precautions``),
the load units, the weekly load ceiling and its graded rise (``load``), and what today's
pain means: a flare-up's gentle first week, resting pain (``flare``). Every number comes
from :mod:`workbench.defaults`.

May import: the ground, :mod:`workbench.catalog` and :mod:`workbench.client`.
"""
