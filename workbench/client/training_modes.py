"""The training modes that instrument scores set: STarT Back risk group and graded exposure.

:func:`modes` reads the client's instruments for STarT Back high risk and graded-exposure
mode (domain.md §4): STarT high, FABQ-PA above ``fabq_pa_elevated`` or TSK-17 above
``tsk_high`` switches graded exposure on, and STarT high also lowers the starting ceiling.

References
----------
[5] Hill J.C. et al. (2008) STarT Back Screening Tool. Arthritis Rheum 59:632-641.
[6] George S.Z. et al. (2010) Graded exposure vs graded activity. JOSPT.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.client.instruments import score_fabq_pa, score_start_back, score_tsk17, threshold
from workbench.defaults import resolve
from workbench.domain import Client


@dataclass(frozen=True)
class Modes:
    """Training modes the instruments set (domain.md §4).

    Attributes
    ----------
    start_back_group : {"low", "medium", "high"} or None
        STarT Back risk group [5]; None when STarT Back was not done.
    start_high : bool
        STarT Back high risk: starting ceiling x ``start_high_ceiling_factor``.
    graded_exposure : bool
        Graded-exposure mode [6]: STarT high, FABQ-PA above ``fabq_pa_elevated`` or
        TSK-17 above ``tsk_high``.
    reasons : list of str
        One plain sentence per instrument, e.g. ``"FABQ-PA 18 > 14: graded-exposure mode"``.
    """

    start_back_group: str | None
    start_high: bool
    graded_exposure: bool
    reasons: list[str] = field(default_factory=list)


def modes(client: Client, params: Mapping[str, float] | None = None) -> Modes:
    """STarT Back group and graded-exposure mode from the client's instruments.

    Parameters
    ----------
    client : Client
    params : Mapping[str, float], optional
        Resolved parameters; default ``defaults.resolve(client.overrides)``. Uses
        ``fabq_pa_elevated`` [points], ``tsk_high`` [points] and
        ``start_high_ceiling_factor`` [fraction].

    Returns
    -------
    Modes
    """
    params = resolve(client.overrides) if params is None else params
    ins = client.instruments
    reasons: list[str] = []
    group = None
    exposure = False

    if ins.start_back is not None:
        sb = score_start_back(ins.start_back)
        group = sb.band
        sub = sb.detail["subscale"]
        high_sub = threshold("start_back_high_subscale_min")
        if group == "high":
            exposure = True
            reasons.append(
                f"STarT Back high risk (total {sb.total}, psychosocial subscale {sub} "
                f">= {high_sub:g}): graded-exposure mode, starting ceiling x {params.start_high_ceiling_factor:g}."
            )
        else:
            reasons.append(
                f"STarT Back {group} risk (total {sb.total}, psychosocial subscale {sub})."
            )
    else:
        reasons.append("STarT Back not done: risk group unknown.")

    for label, items, scorer, cut_name, what in (
        ("FABQ-PA", ins.fabq_pa, score_fabq_pa, "fabq_pa_elevated", "fear-avoidance"),
        ("TSK-17", ins.tsk17, score_tsk17, "tsk_high", "fear of movement"),
    ):
        cut = params[cut_name]
        if items is None:
            reasons.append(f"{label} not done: {what} not assessed.")
            continue
        s = scorer(items, params)
        if s.total > cut:
            exposure = True
            reasons.append(f"{label} {s.total:g} > {cut:g}: graded-exposure mode.")
        else:
            reasons.append(f"{label} {s.total:g} <= {cut:g}: no graded exposure for {what}.")

    return Modes(group, group == "high", exposure, reasons)
