"""What every check of the verifier reads, derived once from the client, the catalog and
the options: the rule numbers, tolerances and ceilings week by week, what the client
dislikes, the triggers, the bans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.client.triggers import resolve as resolve_trigger
from workbench.defaults import Params, resolve
from workbench.domain import Client, Dimension, Discipline, Exercise
from workbench.planning.rederive import (
    _by_id,
    _equipment,
    _variety_fitted,
    ceilings,
    feared_start,
    flare_up_today,
    graded_exposure_mode,
    green_before,
    params_for,
    slower_rise,
    tolerances,
    weeks_done,
)


@dataclass
class _Inputs:
    """What every check reads, derived once from the client, the catalog and the options."""

    client: Client
    options: object
    params: Params
    by_id: dict[str, Exercise]
    weeks: int
    tolerance: list[dict[Dimension, int]]
    ceiling: list[float]
    graded_exposure: bool
    feared: dict[Dimension, int]
    equipment: frozenset[str]
    disliked: set[str]
    triggers: list
    bans: frozenset[str]
    unreviewed_ok: bool
    flare_up: bool = False
    done: int = 0  # program weeks behind the client before week 1
    green: int = 0  # consecutive green weeks behind the client before week 1
    rested: dict[str, str] = field(default_factory=dict)  # a follow-up's: id -> reason
    eased: dict[Dimension, tuple[int, str]] = field(default_factory=dict)  # level, reason
    memo: dict = field(default_factory=dict)  # what one check keeps between weeks


@dataclass
class _Carried:
    """What one week hands on to the next: session caps, last week's load, load history,
    and per week what it did of each feared movement on its own (its highest level)."""

    caps: dict[Discipline, float]
    previous_load: float | None
    history: list[float] = field(default_factory=list)
    alone: list[dict[Dimension, int]] = field(default_factory=list)


def _inputs(result, client: Client, catalog, options) -> _Inputs:
    params = params_for(client, options)
    by_id = _by_id(catalog)
    allow_disliked = frozenset(getattr(options, "allow_disliked", ()) or ())
    unreviewed_ok = bool(getattr(options, "include_unreviewed", False))
    usable = [ex for ex in by_id.values() if unreviewed_ok or not ex.needs_review]
    fitted = _variety_fitted(client, usable, params, allow_disliked)
    slower = slower_rise(client, params)
    if fitted or slower:
        params = resolve(
            {
                **client.overrides,
                **(getattr(options, "overrides", None) or {}),
                **fitted,
                **slower,
            }
        )
    triggers = [(words, resolve_trigger(words)) for words in sorted(client.triggers)]
    n = len(result.weeks)
    follow_up = getattr(options, "follow_up", None)
    return _Inputs(
        client=client,
        options=options,
        params=params,
        by_id=by_id,
        weeks=n,
        tolerance=tolerances(client, params, n),
        ceiling=ceilings(client, params, n, follow_up),
        graded_exposure=graded_exposure_mode(client, params),
        feared=feared_start(client, params),
        equipment=_equipment(client),
        disliked={str(x) for x in client.disliked} - allow_disliked,
        triggers=[(words, t) for words, t in triggers if t is not None],
        bans=frozenset(getattr(options, "bans", ()) or ()),
        unreviewed_ok=unreviewed_ok,
        flare_up=flare_up_today(client, params),
        done=weeks_done(client, follow_up),
        green=green_before(client, follow_up),
        rested={} if follow_up is None else dict(follow_up.rested),
        eased={} if follow_up is None else _eased(follow_up),
    )


def _eased(follow_up) -> dict[Dimension, tuple[int, str]]:
    """A follow-up's eased movements: dimension -> (the lowest level for now, reason)."""
    out: dict[Dimension, tuple[int, str]] = {}
    for d, level, why in follow_up.eased:
        if d not in out or int(level) < out[d][0]:
            out[d] = (int(level), why)
    return out
