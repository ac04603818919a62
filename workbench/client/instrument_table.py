"""The instruments' definitions: their structure, every threshold, and the score they return.

Item counts and item ranges of each instrument (pain NRS, STarT Back, ODI, RMDQ, PSFS,
FABQ-PA, TSK-17), their readable names and the ODI's gentler band names for the client;
every threshold in one table, :data:`THRESHOLDS`, with its unit and source, read through
:func:`threshold` (a :class:`~workbench.defaults.Params` of the same name overrides a
decision threshold; the published cut-points, ``low == high``, are not configurable);
and :class:`Score`, what every scorer of :mod:`workbench.client.instruments` returns.

References
----------
[1] Hill J.C. et al. (2008) STarT Back. Arthritis Rheum 59:632-641.
[2] Fairbank J.C.T., Pynsent P.B. (2000) The Oswestry Disability Index. Spine 25:2940-2953.
[3] Roland M., Fairbank J. (2000) The Roland-Morris Disability Questionnaire and the
    Oswestry Disability Questionnaire. Spine 25:3115-3124.
[4] Stratford P. et al. (1995) A patient specific measure. Physiother Can 47:258-263.
[5] Waddell G. et al. (1993) A Fear-Avoidance Beliefs Questionnaire (FABQ). Pain 52:157-168.
[6] Kori S.H., Miller R.P., Todd D.D. (1990) Kinesiophobia. Pain Manag 3:35-43 (TSK-17).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.defaults import DEFAULTS, Rule

# ------------------------------------------------------------------ the threshold table

#: TODO-move-to-defaults: decision thresholds that belong in ``workbench.defaults.DEFAULTS``
#: (same names, values, units, sources and override ranges). Until they move, they live
#: here; :func:`threshold` already prefers a value from ``params`` of the same name, so
#: moving them needs no change in this module.
PROPOSED_DEFAULTS: dict[str, Rule] = {
    k: DEFAULTS[k]
    for k in (
        "pain_important_change_points",
        "pain_important_change_fraction",
        "odi_important_change_points",
        "odi_important_change_fraction",
        "rmdq_important_change_points",
        "rmdq_important_change_fraction",
        "psfs_important_change_points",
        "odi_min_answered_sections",
        "rmdq_reliable_low",
        "rmdq_reliable_high",
    )
}

#: Published cut-points that define an instrument's bands (``low == high``: not
#: configurable, since changing them would no longer be the published instrument).
INSTRUMENT_CUT_POINTS: dict[str, Rule] = {
    k: DEFAULTS[k]
    for k in (
        "start_back_low_total_max",
        "start_back_high_subscale_min",
        "start_back_item9_scored_min",
        "odi_minimal_max",
        "odi_moderate_max",
        "odi_severe_max",
        "odi_crippled_max",
    )
}

#: Every threshold the instruments use, in one table: name -> Rule (value, unit, source).
#: ``fabq_pa_elevated`` and ``tsk_high`` are the very objects of ``defaults.DEFAULTS``.
THRESHOLDS: dict[str, Rule] = {
    "fabq_pa_elevated": DEFAULTS["fabq_pa_elevated"],
    "tsk_high": DEFAULTS["tsk_high"],
    **INSTRUMENT_CUT_POINTS,
    **PROPOSED_DEFAULTS,
}

# ------------------------------------------------------- instrument definitions (structure)

#: Instrument id (the :class:`~workbench.domain.Instruments` field) -> readable name.
INSTRUMENT_NAMES: dict[str, str] = {
    "pain": "pain (0-10 numeric rating)",
    "start_back": "STarT Back",
    "odi": "Oswestry Disability Index",
    "rmdq": "Roland-Morris Disability Questionnaire",
    "psfs": "Patient-Specific Functional Scale",
    "fabq_pa": "FABQ physical-activity subscale",
    "tsk17": "Tampa Scale of Kinesiophobia (TSK-17)",
}

START_BACK_ITEMS = 9  # items 1-8 agree (1) / disagree (0); item 9 answered 0-4 [1]
START_BACK_SUBSCALE = (5, 6, 7, 8, 9)  # psychosocial subscale, item numbers [1]
ODI_SECTIONS = 10  # each 0-5 [2]
ODI_SECTION_MAX = 5
RMDQ_ITEMS = 24  # each ticked (1) or not (0) [3]
PSFS_ACTIVITIES = (3, 5)  # the client names 3-5 activities, each rated 0-10 [4]
FABQ_PA_ITEMS = (2, 3, 4, 5)  # FABQ item numbers of the physical-activity subscale [5]
FABQ_ITEM_MAX = 6
TSK_ITEMS = 17  # each 1-4 [6]
TSK_REVERSED = (4, 8, 12, 16)  # scored 5 - answer [6]

#: Gentler names of the ODI bands for anything a client reads (domain.md §7); the
#: clinical band name stays in :attr:`Score.band` for the trainer.
ODI_CLIENT_BANDS: dict[str, str] = {
    "minimal": "little limitation in daily life",
    "moderate": "some limitation in daily life",
    "severe": "marked limitation in daily life",
    "crippled": "very high limitation in daily life",
    "bed-bound": "most daily activities are limited for now",
}


def threshold(name: str, params: Mapping[str, float] | None = None) -> float:
    """Value of threshold ``name``: from ``params`` when it carries the name, else the table.

    Parameters
    ----------
    name : str
        A key of :data:`THRESHOLDS`.
    params : Mapping[str, float], optional
        Resolved parameters (:func:`workbench.defaults.resolve`).

    Returns
    -------
    float
        The threshold, in the unit given in :data:`THRESHOLDS`.
    """
    if name not in THRESHOLDS:
        raise KeyError(f"unknown threshold {name!r}; known: {', '.join(sorted(THRESHOLDS))}")
    if params is not None and name in params:
        return float(params[name])
    return THRESHOLDS[name].value


# ------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Score:
    """One scored instrument.

    Attributes
    ----------
    instrument : str
        Instrument id, a key of :data:`INSTRUMENT_NAMES`.
    total : float
        The score in the instrument's own unit: NRS 0-10, STarT 0-9, ODI [%] 0-100,
        RMDQ 0-24, PSFS mean 0-10, FABQ-PA 0-24, TSK-17 17-68.
    band : str or None
        Clinical band name for the trainer; None where the instrument has no bands.
    detail : dict
        Instrument-specific values (subscales, answered sections, reliability).
    notes : tuple of str
        Plain sentences for the trainer (e.g. reliability warnings).
    client_band : str or None
        Gentler wording of ``band`` for anything a client reads (domain.md §7), where the
        clinical name would alarm; None when there is nothing to show the client.
    """

    instrument: str
    total: float
    band: str | None
    detail: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    client_band: str | None = None

    @property
    def name(self) -> str:
        """Readable instrument name."""
        return INSTRUMENT_NAMES.get(self.instrument, self.instrument)
