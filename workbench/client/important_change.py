"""Important change: whether a reassessment moved by an important amount, and which way.

:func:`change` compares two totals (or :class:`~workbench.client.instrument_table.Score`
values) of pain, ODI, RMDQ or PSFS against the smallest important change: an absolute
threshold or a share of the baseline, whichever is smaller (thresholds in
:data:`~workbench.client.instrument_table.THRESHOLDS`, overridable by ``params``).

References
----------
[4] Stratford P. et al. (1995) Assessing disability and change on individual patients: a
    report of a patient specific measure. Physiother Can 47:258-263.
[7] Ostelo R.W.J.G. et al. (2008) Interpreting change scores for pain and functional status
    in low back pain. Spine 33:90-94.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real
from typing import Literal

from workbench.client.instrument_table import Score, threshold

_EPS = 1e-9  # float slack when comparing a change with its threshold (0.3 * 20 > 6.0)


@dataclass(frozen=True)
class Change:
    """Whether a reassessment moved by an important amount.

    Attributes
    ----------
    direction : {"improved", "worse", "no important change"}
    amount : float
        ``after - before``, in the instrument's unit (signed; for pain, ODI and RMDQ a
        negative amount is better, for PSFS a positive one).
    threshold : float
        Smallest important change for this baseline, in the instrument's unit (the
        smaller of the absolute and the relative rule where both apply).
    instrument : str
        Instrument id.
    rule : str
        The rule in words, e.g. ``"2 points or 30% of baseline 6 (1.8): 1.8 points"``.
    """

    direction: Literal["improved", "worse", "no important change"]
    amount: float
    threshold: float
    instrument: str = ""
    rule: str = ""


@dataclass(frozen=True)
class _ChangeRule:
    points: str
    fraction: str | None
    lower_is_better: bool
    low: float
    high: float
    unit: str


_CHANGE_RULES: dict[str, _ChangeRule] = {
    "pain": _ChangeRule(
        "pain_important_change_points", "pain_important_change_fraction", True, 0, 10, "points"
    ),
    "odi": _ChangeRule(
        "odi_important_change_points", "odi_important_change_fraction", True, 0, 100, "% points"
    ),
    "rmdq": _ChangeRule(
        "rmdq_important_change_points", "rmdq_important_change_fraction", True, 0, 24, "points"
    ),
    "psfs": _ChangeRule("psfs_important_change_points", None, False, 0, 10, "points"),
}


def _value_of(instrument: str, label: str, value: float | Score, rule: _ChangeRule) -> float:
    if isinstance(value, Score):
        if value.instrument != instrument:
            raise ValueError(f"{label} is a score of {value.instrument}, not of {instrument}")
        value = value.total
    if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(value):
        raise ValueError(f"{label} must be a number {rule.low:g}-{rule.high:g}, got {value!r}")
    if not rule.low <= value <= rule.high:
        raise ValueError(
            f"{label} {instrument} score must be {rule.low:g}-{rule.high:g}, got {value!r}"
        )
    return float(value)


def change(
    instrument: str,
    before: float | Score,
    after: float | Score,
    params: Mapping[str, float] | None = None,
) -> Change:
    """Whether ``after`` differs from ``before`` by an important amount, and which way.

    The change is important when it reaches the absolute threshold *or* the relative one
    (a share of the baseline ``before``), whichever is smaller; the relative rule is not
    used for a baseline of 0. Pain 2 points or 30%; ODI 10 points or 30%; RMDQ 5 points
    or 30% [7]; PSFS 2 points of the mean [4]. Higher pain, ODI and RMDQ are worse; a
    higher PSFS is better.

    Parameters
    ----------
    instrument : {"pain", "odi", "rmdq", "psfs"}
    before, after : float or Score
        Totals in the instrument's unit (NRS 0-10, ODI [%], RMDQ 0-24, PSFS mean 0-10).
    params : Mapping[str, float], optional
        May override the ``*_important_change_*`` thresholds.

    Returns
    -------
    Change
    """
    rule = _CHANGE_RULES.get(instrument)
    if rule is None:
        raise ValueError(
            f"no important-change threshold for {instrument!r}; known: {', '.join(_CHANGE_RULES)}"
        )
    b = _value_of(instrument, "before", before, rule)
    a = _value_of(instrument, "after", after, rule)
    points = threshold(rule.points, params)
    limit, words = points, f"{points:g} {rule.unit}"
    if rule.fraction is not None:
        fraction = threshold(rule.fraction, params)
        words += f" or {fraction:.0%} of baseline {b:g}"
        if b > 0:
            relative = fraction * b
            words += f" ({relative:.3g})"
            limit = min(points, relative)
        words += f", whichever is smaller: {limit:.3g} {rule.unit}"
    amount = a - b
    if amount != 0 and abs(amount) >= limit - _EPS:
        better = amount < 0 if rule.lower_is_better else amount > 0
        direction = "improved" if better else "worse"
    else:
        direction = "no important change"
    return Change(direction, amount, limit, instrument, words)
