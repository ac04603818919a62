"""Reassessment: the instruments now against the baseline (domain.md §2; issue 18).

Every ``reassess_every_weeks`` program weeks (4) the trainer repeats the instruments; each
one both assessments have is judged improved / no change / worse with the important-change
thresholds of :func:`workbench.client.important_change.change` (Ostelo 2008; Stratford 1995).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.client.important_change import change
from workbench.client.instrument_table import Score
from workbench.client.instruments import score_odi, score_pain, score_psfs, score_rmdq
from workbench.defaults import Params, resolve
from workbench.domain import Client

_VERDICT = {"improved": "improved", "worse": "worse", "no important change": "no change"}


@dataclass(frozen=True)
class InstrumentChange:
    """One instrument, baseline against now.

    Attributes
    ----------
    instrument : str
        ``"pain"`` (average over the last week, NRS 0-10), ``"odi"`` [%], ``"rmdq"``
        (0-24) or ``"psfs"`` (mean 0-10).
    baseline, now : float
        The totals, in the instrument's unit.
    verdict : {"improved", "no change", "worse"}
    threshold : str
        The important-change rule in words, e.g. "2 points or 30% of baseline 6 ...".
    """

    instrument: str
    baseline: float
    now: float
    verdict: str
    threshold: str = ""


def reassessment_due(week: int, params: Params | None = None) -> bool:
    """Whether program week ``week`` (1-based) ends with a reassessment.

    True every ``reassess_every_weeks`` weeks (4, 8, 12, ... by default).
    """
    p = params if params is not None else resolve()
    every = max(1, round(p.reassess_every_weeks))
    return week >= 1 and week % every == 0


def _scores(client: Client, params: Params) -> dict[str, Score]:
    ins = client.instruments
    out: dict[str, Score] = {"pain": score_pain(client.pain.average_week, params)}
    for name, items, scorer in (
        ("odi", ins.odi, score_odi),
        ("rmdq", ins.rmdq, score_rmdq),
        ("psfs", ins.psfs, score_psfs),
    ):
        if items is None:
            continue
        try:
            out[name] = scorer(items, params)
        except ValueError:  # too few answers to score: not compared
            continue
    return out


def reassess(baseline: Client, now: Client, params: Params | None = None) -> list[InstrumentChange]:
    """Each instrument both assessments have: improved, no change or worse.

    Parameters
    ----------
    baseline : Client
        The first assessment.
    now : Client
        The reassessment.
    params : Params, optional
        Defaults with the client's overrides when omitted (may override the thresholds).

    Returns
    -------
    list of InstrumentChange
        In the order pain, ODI, RMDQ, PSFS.
    """
    p = params if params is not None else resolve(now.overrides)
    before, after = _scores(baseline, p), _scores(now, p)
    out = []
    for name, score in before.items():
        if name not in after:
            continue
        c = change(name, score, after[name], p)
        out.append(
            InstrumentChange(name, score.total, after[name].total, _VERDICT[c.direction], c.rule)
        )
    return out
