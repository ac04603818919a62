"""Instrument scoring: pain NRS, STarT Back, ODI, RMDQ, PSFS, FABQ-PA and TSK-17.

Only item numbers and item scores are handled; no licensed item text is shipped
(domain.md §2). Every scorer is a pure function that checks its input, returns a
frozen :class:`Score` and raises :class:`ValueError` naming the item and its allowed
range on bad input. :func:`change` says whether a reassessment moved by an important
amount, either way; :func:`score_all` scores whatever instruments were done.

Every threshold lives in :data:`THRESHOLDS` below, with its unit and source. Entries
whose allowed range is a single value (``low == high``) are published cut-points that
define the instrument; changing them would make the score something other than the
published instrument. The others are decision thresholds: a :class:`~workbench.defaults.Params`
that carries the same name overrides them.

References
----------
[1] Hill J.C. et al. (2008) A primary care back pain screening tool: identifying patient
    subgroups for initial treatment (STarT Back). Arthritis Rheum 59:632-641.
[2] Fairbank J.C.T., Pynsent P.B. (2000) The Oswestry Disability Index. Spine 25:2940-2953.
[3] Roland M., Fairbank J. (2000) The Roland-Morris Disability Questionnaire and the
    Oswestry Disability Questionnaire. Spine 25:3115-3124.
[4] Stratford P. et al. (1995) Assessing disability and change on individual patients: a
    report of a patient specific measure. Physiother Can 47:258-263.
[5] Waddell G. et al. (1993) A Fear-Avoidance Beliefs Questionnaire (FABQ). Pain 52:157-168.
[6] Kori S.H., Miller R.P., Todd D.D. (1990) Kinesiophobia: a new view of chronic pain
    behavior. Pain Manag 3:35-43 (TSK-17).
[7] Ostelo R.W.J.G. et al. (2008) Interpreting change scores for pain and functional status
    in low back pain. Spine 33:90-94.
[8] domain.md §2 (instruments table) and §4 (fear and STarT rows).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Literal

from workbench.defaults import DEFAULTS, Rule
from workbench.domain import Instruments

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

#: Every threshold this module uses, in one table: name -> Rule (value, unit, source).
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

_EPS = 1e-9  # float slack when comparing a change with its threshold (0.3 * 20 > 6.0)


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


# ----------------------------------------------------------------------- validation


def _whole(label: str, value: object, low: int, high: int) -> int:
    """``value`` as an int in ``low..high`` or a ValueError naming ``label`` and the range."""
    if not isinstance(value, Integral) or not low <= value <= high:
        raise ValueError(f"{label} must be a whole number {low}-{high}, got {value!r}")
    return int(value)


def _sequence(label: str, items: object, n: int, what: str) -> Sequence:
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise ValueError(f"{label} needs a sequence of {n} {what}, got {items!r}")
    if len(items) != n:
        raise ValueError(f"{label} needs {n} {what}, got {len(items)}")
    return items


# -------------------------------------------------------------------------- scorers


def score_pain(rating: int, params: Mapping[str, float] | None = None) -> Score:
    """Score a pain rating on the 0-10 numeric rating scale.

    Parameters
    ----------
    rating : int
        Pain now, or the week's average or worst [NRS 0-10].
    params : Mapping[str, float], optional
        Unused; accepted so that every scorer has the same signature.

    Returns
    -------
    Score
        ``total`` is the rating; no band (the domain reference defines none) [8].
    """
    value = _whole("pain rating", rating, 0, 10)
    return Score("pain", value, None, {"rating": value})


def score_start_back(items: Sequence[int], params: Mapping[str, float] | None = None) -> Score:
    """Score the STarT Back Screening Tool [1].

    Parameters
    ----------
    items : sequence of 9 int
        Items 1-8: 0 disagree / 1 agree. Item 9 answered 0-4 (0 not at all .. 4 extremely);
        it scores 1 only for 3 or 4.
    params : Mapping[str, float], optional
        Unused (the cut-points define the instrument).

    Returns
    -------
    Score
        ``total`` 0-9; ``band`` ``"low"`` (total <= 3), ``"medium"`` (total >= 4 and
        subscale <= 3) or ``"high"`` (subscale >= 4); ``detail["subscale"]`` is the
        psychosocial subscale (items 5-9) 0-5.
    """
    items = _sequence("STarT Back", items, START_BACK_ITEMS, "item answers (items 1-9)")
    answers = [_whole(f"STarT Back item {i}", v, 0, 1) for i, v in enumerate(items[:8], 1)]
    item9 = _whole("STarT Back item 9", items[8], 0, 4)
    item9_scored = int(item9 >= threshold("start_back_item9_scored_min"))
    scored = [*answers, item9_scored]
    total = sum(scored)
    subscale = sum(scored[i - 1] for i in START_BACK_SUBSCALE)
    if total <= threshold("start_back_low_total_max"):
        band = "low"
    elif subscale >= threshold("start_back_high_subscale_min"):
        band = "high"
    else:
        band = "medium"
    return Score(
        "start_back",
        total,
        band,
        {"subscale": subscale, "item9_answer": item9, "item9_scored": item9_scored},
    )


def score_odi(sections: Sequence[int | None], params: Mapping[str, float] | None = None) -> Score:
    """Score the Oswestry Disability Index [2].

    Parameters
    ----------
    sections : sequence of 10 (int or None)
        Section scores 0-5; None for a section the client left unanswered.
    params : Mapping[str, float], optional
        May override ``odi_min_answered_sections``.

    Returns
    -------
    Score
        ``total`` [%] = sum / (5 x answered sections) x 100, 0-100; ``band`` one of
        minimal (<= 20), moderate (<= 40), severe (<= 60), crippled (<= 80), bed-bound;
        ``client_band`` a gentler name; ``detail["answered"]`` and ``detail["reliable"]``
        (False with fewer than ``odi_min_answered_sections`` answered).

    Raises
    ------
    ValueError
        On a section outside 0-5, a wrong number of sections, or no section answered.
    """
    sections = _sequence("ODI", sections, ODI_SECTIONS, "sections (None for unanswered)")
    scores = [
        None if v is None else _whole(f"ODI section {i}", v, 0, ODI_SECTION_MAX)
        for i, v in enumerate(sections, 1)
    ]
    answered = [s for s in scores if s is not None]
    if not answered:
        raise ValueError("ODI has no answered section; at least one section (0-5) is needed")
    total = sum(answered) / (ODI_SECTION_MAX * len(answered)) * 100.0
    band = _odi_band(total)
    minimum = threshold("odi_min_answered_sections", params)
    reliable = len(answered) >= minimum
    notes = ()
    if not reliable:
        notes = (
            f"ODI from {len(answered)} of {ODI_SECTIONS} sections (fewer than {minimum:g}): "
            "less reliable; ask the missing sections at the next visit.",
        )
    unanswered = tuple(i for i, s in enumerate(scores, 1) if s is None)
    return Score(
        "odi",
        total,
        band,
        {"answered": len(answered), "unanswered_sections": unanswered, "reliable": reliable},
        notes,
        ODI_CLIENT_BANDS[band],
    )


def _odi_band(percent: float) -> str:
    for band, edge in (
        ("minimal", "odi_minimal_max"),
        ("moderate", "odi_moderate_max"),
        ("severe", "odi_severe_max"),
        ("crippled", "odi_crippled_max"),
    ):
        if percent <= threshold(edge):
            return band
    return "bed-bound"


def score_rmdq(items: Sequence[int], params: Mapping[str, float] | None = None) -> Score:
    """Score the Roland-Morris Disability Questionnaire [3].

    Parameters
    ----------
    items : sequence of 24 int
        1 ticked / 0 not ticked.
    params : Mapping[str, float], optional
        May override ``rmdq_reliable_low`` and ``rmdq_reliable_high``.

    Returns
    -------
    Score
        ``total`` 0-24 (items ticked); no band; ``detail["reliable"]`` False and a note
        when the total is below 4 or above 20, where the scale follows change poorly.
    """
    items = _sequence("RMDQ", items, RMDQ_ITEMS, "items (1 ticked / 0 not)")
    total = sum(_whole(f"RMDQ item {i}", v, 0, 1) for i, v in enumerate(items, 1))
    low = threshold("rmdq_reliable_low", params)
    high = threshold("rmdq_reliable_high", params)
    notes = ()
    if total < low:
        notes = (
            f"RMDQ {total} is below {low:g}: the scale follows change poorly this low "
            "(floor effect); PSFS or ODI may show progress better.",
        )
    elif total > high:
        notes = (
            f"RMDQ {total} is above {high:g}: the scale follows change poorly this high "
            "(ceiling effect); ODI may show change better.",
        )
    return Score("rmdq", total, None, {"reliable": not notes}, notes)


def score_psfs(
    activities: Sequence[tuple[str, int]], params: Mapping[str, float] | None = None
) -> Score:
    """Score the Patient-Specific Functional Scale [4].

    Parameters
    ----------
    activities : sequence of (str, int)
        3-5 client-named activities, each rated 0 (unable) .. 10 (as before the problem).
    params : Mapping[str, float], optional
        Unused.

    Returns
    -------
    Score
        ``total`` = mean rating 0-10 (higher is better); no band;
        ``detail["activities"]`` the (activity, rating) pairs.
    """
    lo, hi = PSFS_ACTIVITIES
    if isinstance(activities, str | bytes) or not isinstance(activities, Sequence):
        raise ValueError(f"PSFS needs {lo}-{hi} (activity, rating) pairs, got {activities!r}")
    if not lo <= len(activities) <= hi:
        raise ValueError(f"PSFS needs {lo}-{hi} activities, got {len(activities)}")
    pairs = []
    for i, pair in enumerate(activities, 1):
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise ValueError(f"PSFS activity {i} must be an (activity, rating) pair, got {pair!r}")
        name, rating = pair
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"PSFS activity {i} needs a name (the client's words), got {name!r}")
        pairs.append((name.strip(), _whole(f"PSFS activity {i} ({name.strip()})", rating, 0, 10)))
    total = sum(r for _, r in pairs) / len(pairs)
    return Score("psfs", total, None, {"activities": tuple(pairs)})


def score_fabq_pa(items: Sequence[int], params: Mapping[str, float] | None = None) -> Score:
    """Score the FABQ physical-activity subscale (FABQ items 2-5) [5].

    Parameters
    ----------
    items : sequence of 4 int
        FABQ items 2, 3, 4 and 5 in that order, each 0-6.
    params : Mapping[str, float], optional
        May override ``fabq_pa_elevated`` (default 14).

    Returns
    -------
    Score
        ``total`` 0-24; ``band`` ``"elevated"`` when above ``fabq_pa_elevated`` [8], else
        ``"not elevated"``.
    """
    items = _sequence("FABQ-PA", items, len(FABQ_PA_ITEMS), "answers (FABQ items 2-5)")
    total = sum(
        _whole(f"FABQ-PA item {n} (FABQ item {n})", v, 0, FABQ_ITEM_MAX)
        for n, v in zip(FABQ_PA_ITEMS, items, strict=True)
    )
    cut = threshold("fabq_pa_elevated", params)
    band = "elevated" if total > cut else "not elevated"
    return Score("fabq_pa", total, band, {"elevated_above": cut})


def score_tsk17(items: Sequence[int], params: Mapping[str, float] | None = None) -> Score:
    """Score the Tampa Scale of Kinesiophobia, 17 items [6].

    Parameters
    ----------
    items : sequence of 17 int
        Answers 1-4 as given; items 4, 8, 12 and 16 are reversed here (5 - answer).
    params : Mapping[str, float], optional
        May override ``tsk_high`` (default 37).

    Returns
    -------
    Score
        ``total`` 17-68; ``band`` ``"high"`` when above ``tsk_high`` [8], else
        ``"not high"``.
    """
    items = _sequence("TSK-17", items, TSK_ITEMS, "answers (items 1-17)")
    answers = [_whole(f"TSK-17 item {i}", v, 1, 4) for i, v in enumerate(items, 1)]
    scored = [5 - a if i in TSK_REVERSED else a for i, a in enumerate(answers, 1)]
    total = sum(scored)
    cut = threshold("tsk_high", params)
    band = "high" if total > cut else "not high"
    return Score("tsk17", total, band, {"high_above": cut, "reversed_items": TSK_REVERSED})


#: Instrument id -> scorer, for each field of :class:`~workbench.domain.Instruments`.
SCORERS: dict[str, Callable[..., Score]] = {
    "start_back": score_start_back,
    "odi": score_odi,
    "rmdq": score_rmdq,
    "psfs": score_psfs,
    "fabq_pa": score_fabq_pa,
    "tsk17": score_tsk17,
}


def score_all(
    instruments: Instruments, params: Mapping[str, float] | None = None
) -> dict[str, Score]:
    """Score every instrument that was done (its field is not None).

    Parameters
    ----------
    instruments : Instruments
        Item scores as entered.
    params : Mapping[str, float], optional
        Resolved parameters, for the configurable thresholds.

    Returns
    -------
    dict[str, Score]
        Instrument id (the :class:`~workbench.domain.Instruments` field name) -> score,
        in field order; instruments not done are absent.
    """
    out = {}
    for f in dataclasses.fields(instruments):
        value = getattr(instruments, f.name)
        if value is not None:
            out[f.name] = SCORERS[f.name](value, params)
    return out


# --------------------------------------------------------------------------- change


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
