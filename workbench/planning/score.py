"""The optimizer's objective for one week of a plan, recomputed from the plan alone.

So an exhaustive search over tiny instances can check that the optimizer's plan is the
best the rules allow, without trusting the model's own objective.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.domain import Client
from workbench.planning.rederive import _among, _by_id, credited_minutes, params_for, rise


def score_week(
    result,
    week: int,
    client: Client,
    catalog,
    options=None,
    weights: Mapping[str, float] | None = None,
) -> float:
    """The optimizer's objective for ``week`` of ``result``, recomputed from the plan.

    ``coverage`` x (1 - shortfall / target) per goal, with shortfall = max(0, target -
    credited minutes); + ``liked`` x liked minutes / (session minutes x training days);
    - ``disliked`` x disliked minutes / the same; - ``load`` x week load / max(load cap,
    1); + ``variety`` x disciplines used; + ``liked_discipline`` x liked disciplines used;
    + ``current_activity`` x current activities kept (a block of the activity's
    discipline no longer than its longest current session). Training days = min(max_training_days, available
    days). The load cap is the tightest of the week's stated ceiling (stated to 0.1 AU;
    :func:`verify_plan` checks it against the rule), (1 + rise) x the previous week's
    planned load and the acute:chronic block (acwr_block - 0.01) x chronic load. The
    weights are the client's rules ``coverage_points``, ``liked_points``,
    ``disliked_points``, ``load_points``, ``variety_points``, ``liked_discipline_points``
    and ``current_activity_points`` (defaults table).

    Parameters
    ----------
    result : PlanResult
    week : int
        1-based.
    weights : mapping, optional
        Weights by name (``coverage``, ``liked``, ``disliked``, ``variety``, ``load``,
        ``liked_discipline``, ``current_activity``)
        instead of the client's rules (``coverage_points`` etc. in the defaults table).
    """
    params = params_for(client, options)
    wts = _weights(params, weights)
    by_id = _by_id(catalog)
    loads = [
        sum(by_id[b.exercise_id].load for d in wp.days for b in d.blocks) for wp in result.weeks
    ]
    wp = result.weeks[week - 1]
    exs = [by_id[b.exercise_id] for d in wp.days for b in d.blocks]
    cap = _load_cap(wp.ceiling, week, loads, client, params)
    session_total = _session_total(client)
    score = _coverage(wts["coverage"], credited_minutes(exs, params), client)
    liked = sum(ex.minutes for ex in exs if _among(ex, client.liked))
    disliked = sum(ex.minutes for ex in exs if _among(ex, client.disliked))
    score += wts["liked"] * liked / session_total - wts["disliked"] * disliked / session_total
    score -= wts["load"] * sum(ex.load for ex in exs) / max(cap, 1.0)
    used = {ex.discipline for ex in exs}
    score += wts["variety"] * len(used)
    score += wts["liked_discipline"] * len(used & set(client.liked))
    score += wts["current_activity"] * _kept(exs, client)
    return score


def _kept(exs, client: Client) -> int:
    """How many of the client's current activities (by discipline) the blocks ``exs``
    keep: a block of the discipline no longer than the longest of its current sessions."""
    longest: dict = {}
    for a in client.activities:
        if a.sessions_per_week > 0 and a.minutes > 0:
            longest[a.discipline] = max(longest.get(a.discipline, 0), a.minutes)
    return sum(
        1 for k, m in longest.items() if any(e.discipline == k and e.minutes <= m for e in exs)
    )


def _weights(params, weights: Mapping[str, float] | None) -> dict[str, float]:
    """The objective's weights by name: the client's ``*_points`` rules, with ``weights``
    (by the same names) in their place where given."""
    # the weights are rules of the defaults table (``*_points``), as for every other rule
    names = ("coverage", "liked", "disliked", "variety", "load")
    wts = {k: params[f"{k}_points"] for k in (*names, "liked_discipline", "current_activity")}
    wts.update(weights or {})
    return wts


def _session_total(client: Client) -> float:
    """The client's planned training time a week [min]: session minutes x training days
    (max_training_days, at most the available days); at least 1."""
    return max(
        1.0,
        float(
            client.minutes_per_session * min(client.max_training_days, len(client.available_days))
        ),
    )


def _coverage(weight: float, got: Mapping, client: Client) -> float:
    """``weight`` x (1 - shortfall / target) summed over the client's goals with a target,
    shortfall = max(0, target - credited minutes ``got``) [min]."""
    score = 0.0
    for g, target in client.goals.items():
        if target > 0:
            short = max(0.0, target - got[g])
            score += weight * (1.0 - short / target)
    return score


def _load_cap(ceiling: float, week: int, loads: list[float], client: Client, params) -> float:
    """The week's load cap [AU]: the tightest of its stated ``ceiling``, (1 + rise) x the
    previous week's planned load and (acwr_block - 0.01) x the chronic load (the mean of
    the last 4 weeks' loads, the client's baseline before week 1, at least
    min_start_ceiling_au). ``loads`` are the planned weeks' loads [AU], week 1 first."""
    cap = ceiling  # the stated ceiling; verify_plan checks it against the rule
    history = [client.baseline_load] * 4 + loads[: week - 1]
    if week > 1:
        cap = min(cap, (1.0 + rise(params)) * loads[week - 2])
    if week > 1 or client.baseline_load > 0:
        chronic = max(sum(history[-4:]) / 4.0, params.min_start_ceiling_au)
        cap = min(cap, (params.acwr_block - 0.01) * chronic)
    return cap
