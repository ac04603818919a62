"""Instrument scoring: pain NRS, STarT Back, ODI, RMDQ, PSFS, FABQ-PA and TSK-17.

Only item numbers and item scores are handled; no licensed item text is shipped
(domain.md §2). Every scorer is a pure function that checks its input, returns a
frozen :class:`Score` and raises :class:`ValueError` naming the item and its allowed
range on bad input; :func:`score_all` scores whatever instruments were done.
:func:`change` (in :mod:`workbench.client.important_change`) says whether a reassessment
moved by an important amount, either way.

Every threshold lives in :data:`THRESHOLDS` (in :mod:`workbench.client.instrument_table`,
with the instruments' structure and :class:`Score`), with its unit and source. Entries
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
from collections.abc import Callable, Mapping, Sequence
from numbers import Integral

from workbench.client.important_change import Change as Change
from workbench.client.important_change import change as change
from workbench.client.instrument_table import FABQ_ITEM_MAX as FABQ_ITEM_MAX
from workbench.client.instrument_table import FABQ_PA_ITEMS as FABQ_PA_ITEMS
from workbench.client.instrument_table import INSTRUMENT_CUT_POINTS as INSTRUMENT_CUT_POINTS
from workbench.client.instrument_table import INSTRUMENT_NAMES as INSTRUMENT_NAMES
from workbench.client.instrument_table import ODI_CLIENT_BANDS as ODI_CLIENT_BANDS
from workbench.client.instrument_table import ODI_SECTION_MAX as ODI_SECTION_MAX
from workbench.client.instrument_table import ODI_SECTIONS as ODI_SECTIONS
from workbench.client.instrument_table import PROPOSED_DEFAULTS as PROPOSED_DEFAULTS
from workbench.client.instrument_table import PSFS_ACTIVITIES as PSFS_ACTIVITIES
from workbench.client.instrument_table import RMDQ_ITEMS as RMDQ_ITEMS
from workbench.client.instrument_table import START_BACK_ITEMS as START_BACK_ITEMS
from workbench.client.instrument_table import START_BACK_SUBSCALE as START_BACK_SUBSCALE
from workbench.client.instrument_table import THRESHOLDS as THRESHOLDS
from workbench.client.instrument_table import TSK_ITEMS as TSK_ITEMS
from workbench.client.instrument_table import TSK_REVERSED as TSK_REVERSED
from workbench.client.instrument_table import Score as Score
from workbench.client.instrument_table import threshold as threshold
from workbench.domain import Instruments

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
