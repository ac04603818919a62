"""Movement tolerances: from pain triggers, and week by week under graded exposure.

domain.md §3: a client's tolerance 0-3 per movement dimension comes from the
pain-provocation part of the assessment (sitting/bending/lifting hurts → flexion
sensitive; standing/walking/backbends hurt → extension sensitive). Graded exposure
(George 2010) brings a feared movement back one step at a time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np

from workbench.client.triggers import VOCABULARY, closest, resolve
from workbench.defaults import Params
from workbench.domain import Client, Dimension

D = Dimension

#: Known pain trigger → the tolerance it suggests on each dimension it touches (H: the
#: patterns of domain.md §3; the trainer confirms or edits the suggestion). The
#: vocabulary with its synonyms and catalog links is :mod:`workbench.client.triggers`.
TRIGGERS: dict[str, dict[Dimension, int]] = {name: t.suggests for name, t in VOCABULARY.items()}

#: Tolerance suggested on a dimension no reported trigger touches (H): moderate, not
#: full, because chronic back pain is rarely free of every pattern until tested.
UNTRIGGERED_TOLERANCE = 2


def tolerances_from_triggers(triggers: Iterable[str]) -> dict[Dimension, int]:
    """Suggested tolerance 0-3 per dimension from the client's pain triggers.

    Parameters
    ----------
    triggers : iterable of str
        Known triggers (:data:`TRIGGERS`) or their synonyms, in the client's words.

    Returns
    -------
    dict
        The lowest level any trigger suggests, per dimension; untouched dimensions get
        :data:`UNTRIGGERED_TOLERANCE`.

    Raises
    ------
    ValueError
        Naming an unknown trigger and the known ones.
    """
    tol = {d: UNTRIGGERED_TOLERANCE for d in Dimension}
    for t in triggers:
        known = resolve(t)
        if known is None:
            near = closest(t) or list(TRIGGERS)
            raise ValueError(f"trigger not understood: {t!r}; closest known: {', '.join(near)}")
        for dim, level in known.suggests.items():
            tol[dim] = min(tol[dim], level)
    return tol


def tolerance_schedule(
    client: Client, weeks: int, params: Params, graded_exposure: bool
) -> np.ndarray:
    """Tolerance per week and dimension over the horizon.

    Week 1 uses the assessed tolerances. Dimensions with an exposure target above the
    current tolerance come back one step per ``exposure_interval_weeks``. In
    graded-exposure mode only one dimension steps per interval, in the order the targets
    are listed (least feared first); otherwise every such dimension steps together.

    Parameters
    ----------
    client : Client
    weeks : int
        Horizon [weeks].
    params : Params
    graded_exposure : bool
        High-fear mode (see :func:`workbench.client.screening.modes`).

    Returns
    -------
    numpy.ndarray
        Shape ``(weeks, 7)``, integer levels in :class:`Dimension` order.
    """
    dims = list(Dimension)
    current = np.array([client.tolerance(d) for d in dims], dtype=int)
    targets = _targets(client.exposure_targets, current, dims)
    # a step only once a whole interval has passed (rounding 2.5 to 2 would step early)
    interval = max(1.0, float(params.exposure_interval_weeks))
    out = np.empty((weeks, len(dims)), dtype=int)
    level = current.copy()
    for w in range(weeks):
        if w > 0 and math.floor(w / interval) > math.floor((w - 1) / interval):
            level = _step(level, targets, client.exposure_targets, dims, graded_exposure)
        out[w] = level
    return out


def _targets(exposure: Mapping[Dimension, int], current: np.ndarray, dims) -> np.ndarray:
    t = current.copy()
    for d, level in exposure.items():
        i = dims.index(d)
        t[i] = max(t[i], int(level))
    return t


def _step(level, targets, exposure, dims, one_at_a_time: bool) -> np.ndarray:
    level = level.copy()
    order = [dims.index(d) for d in exposure] if one_at_a_time else range(len(dims))
    for i in order:
        if level[i] < targets[i]:
            level[i] += 1
            if one_at_a_time:
                break
    return level
