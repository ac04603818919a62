"""When nothing fits: which constraint families conflict, and the smallest relaxations.

Found by elastic re-solves, not by guessing: each family that can be relaxed gets a
non-negative slack variable on its constraints, the model minimises the slack (scaled to
each rule's own size), and every suggested relaxation is then applied and checked by a
normal solve before it is offered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from workbench.defaults import Params
from workbench.domain import Goal
from workbench.optimize.constraints import FAMILIES
from workbench.optimize.model import build_model
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solve import INFEASIBLE, SolverSettings, solve
from workbench.optimize.week import solve_week


@dataclass(frozen=True)
class Relaxation:
    """One change that would make a plan possible, checked by a re-solve.

    Attributes
    ----------
    family : str
        The constraint family relaxed (see :data:`~workbench.optimize.constraints.FAMILIES`).
    week : int or None
        The week it applies to, or None for every week.
    amount : float
        How much, in ``unit``.
    unit : str
        The amount's unit (AU, min, days, ...).
    text : str
        The change in a trainer's words.
    """

    family: str
    week: int | None
    amount: float
    unit: str
    text: str


#: Seconds per elastic solve: a diagnosis is not on the re-plan path, and a relaxation
#: offered must be the smallest, so the solve runs to its end.
DIAGNOSIS_TIME_LIMIT = 10.0

#: Families whose relaxation is found on the week model (the rest need the day model).
WEEK_LEVEL = frozenset(
    {
        "weekly_load_ceiling",
        "load_progression",
        "acute_chronic",
        "goal_minutes",
        "discipline_share",
        "variety_disciplines",
        "graded_exposure",
    }
)
#: Rounding step of each family's offer; a failed check tries more steps, up to MAX_STEPS.
STEP = {
    "weekly_load_ceiling": 5.0,
    "load_progression": 5.0,
    "acute_chronic": 5.0,
    "goal_minutes": 5.0,
    "session_minutes": 5.0,
    "session_spike": 5.0,
}
MAX_STEPS = 8
#: How the diagnosis's last sentence, listing the relaxations offered, begins.
OFFERS = "Any one of these would make a plan possible: "

#: Families a trainer can change, in the order relaxations are offered.
RELAXABLE = (
    "pin",
    "weekly_load_ceiling",
    "load_progression",
    "acute_chronic",
    "goal_minutes",
    "strength_days",
    "variety_disciplines",
    "discipline_share",
    "session_minutes",
    "training_days",
    "session_spike",
    "exercise_uses",
    "graded_exposure",
)


def pin_problems(pins, elig, client) -> list[str]:
    """Pins that cannot hold, one sentence each with the reason: the id is not in the
    catalog, the client's rules leave the exercise out that week, the day is not one of
    the client's training days, or the exercise needs a supervised session and the day
    is not a supervised one.

    Parameters
    ----------
    pins : iterable of Pin
    elig : Eligibility
    client : Client
    """
    out = []
    for pin in pins:
        what = f"The pin of {pin.exercise_id}"
        if pin.exercise_id not in elig.ids:
            out.append(f"{what}: no exercise of the catalog has that id.")
            continue
        reasons = elig.reasons(pin.exercise_id, pin.week)
        if reasons:
            why = "; ".join(r.reason for r in reasons)
            out.append(f"{what} in week {pin.week}: the client's rules leave it out ({why}).")
        if pin.day is None:
            continue
        on = f"{what} on {pin.day.label}"
        if pin.day not in client.available_days:
            out.append(
                f"{on}: {pin.day.label} is not one of the client's training days "
                f"({_days(client.available_days)})."
            )
        elif (
            pin.exercise_id in elig.supervised_only
            and client.supervised_days  # (with none, the rules leave it out: said above)
            and pin.day not in client.supervised_days
        ):
            out.append(
                f"{on}: it needs a supervised session, and {pin.day.label} is not a "
                f"supervised day ({_days(client.supervised_days)})."
            )
    return out


def _days(days) -> str:
    """``"Monday, Thursday"``: full names, Monday first."""
    return ", ".join(d.label for d in sorted(days, key=lambda d: d.index))


def diagnose_week(
    p: WeekProblem, settings: SolverSettings, notes: list[str] | None = None
) -> tuple[list[str], list[Relaxation]]:
    """Name the conflicting families of week ``p.week`` and the relaxations that fit.

    Returns
    -------
    diagnosis : list of str
        Plain sentences; the first names the conflict.
    relaxations : list of Relaxation
        Each checked by a normal re-solve with the change applied.
    """
    diagnosis = list(notes or [])
    present = _families_present(p)
    offers: list[Relaxation] = []
    conflict: list[str] = []
    for family in RELAXABLE:
        if family not in present or (family == "goal_minutes" and not p.hard_goals):
            continue
        # Numeric families relax on the week model (packing relaxed: its relaxation is a
        # lower bound on what is needed, and it solves fast); day-level ones on the day
        # model. Either way the offer is applied and checked by a normal re-solve
        # (:func:`_smallest_offer`): the smallest rounding step up that works.
        week_level = family in WEEK_LEVEL
        m, v = build_model(
            p, aggregated=week_level, integer=week_level, elastic=frozenset({family})
        )
        # the smallest relaxation, not one within the planning gap of it
        out = solve(m, replace(settings, relative_gap=1e-6, time_limit=DIAGNOSIS_TIME_LIMIT))
        if out.status == INFEASIBLE or out.objective is None:
            continue
        amounts = {name: e.varValue or 0.0 for name, e in v.elastic.items()}
        if sum(amounts.values()) <= 1e-6:
            continue
        conflict.append(family)
        offer = _smallest_offer(p, family, amounts, v, settings)
        if offer is not None:
            offers.append(offer)
    # The rules to name: those whose change alone really makes a plan (each offer was
    # checked by a re-solve); when no single change does, every rule the elastic solves
    # found involved. (An elastic solve can take up slack in a rule that no change of it
    # can cure: a pin on a day the client does not train also drew the load ceiling in.)
    cured = [f for f in conflict if any(o.family == f for o in offers)]
    named = cured or conflict
    w = p.week
    if not p.exercises:
        diagnosis.insert(0, f"No exercise is allowed in week {w}: see the excluded list.")
    elif len(named) == 1:
        diagnosis.insert(0, f"In week {w} {FAMILIES[named[0]]} cannot hold with the other rules.")
    elif named:
        words = "; ".join(FAMILIES[f] for f in named)
        diagnosis.insert(0, f"In week {w} these rules cannot all hold: {words}.")
    else:
        diagnosis.insert(
            0,
            f"In week {w} the allowed exercises cannot fill a week under the "
            "rules; see the excluded list.",
        )
    if offers:
        diagnosis.append(OFFERS + "; or ".join(o.text for o in offers) + ".")
    return diagnosis, offers


def _smallest_offer(
    p: WeekProblem, family: str, amounts: dict[str, float], v, settings: SolverSettings
) -> Relaxation | None:
    """The smallest of ``MAX_STEPS`` rounding steps up from the elastic ``amounts`` whose
    change makes a plan, checked by a normal re-solve; None when even the largest does not.

    A larger step only relaxes the rule more, so a step that works makes every larger
    one work: step 0 first (the elastic amount itself, which usually works), then the
    largest (when it makes no plan, none does), then a binary search between them. Steps
    that come to the same change (the same words, e.g. a pin removed, strength days down
    to none) are solved once. (Measured on a 1,000-exercise synthetic client, seed 126:
    its diagnosis 4.9 -> 2.1 s; trying every step in turn took 8 failed re-solves for the
    session minutes alone.)
    """

    check = replace(settings, time_limit=DIAGNOSIS_TIME_LIMIT)
    known: dict[str, bool] = {}

    def works(step: int) -> Relaxation | None:
        more = {k: a + step * STEP.get(family, 1.0) for k, a in amounts.items() if a > 1e-6}
        relaxed, offer = _apply(p, family, more, v)
        if offer is None:
            return None
        if offer.text not in known:
            known[offer.text] = solve_week(relaxed, check).feasible
        return offer if known[offer.text] else None

    lo, hi = 0, MAX_STEPS - 1
    if (offer := works(lo)) is not None:
        return offer
    if (best := works(hi)) is None:
        return None
    while hi - lo > 1:  # step lo makes no plan, step hi does
        mid = (lo + hi) // 2
        if (offer := works(mid)) is not None:
            hi, best = mid, offer
        else:
            lo = mid
    return best


def _families_present(p: WeekProblem) -> set[str]:
    m, _v = build_model(p)
    return {name.split("__", 1)[0] for name in m.constraints}


def _ceil(x: float, step: float) -> float:
    return math.ceil(x / step - 1e-9) * step


def _with_params(p: WeekProblem, **changes: float) -> Params:
    return Params({**dict(p.params), **changes})


def _apply(
    p: WeekProblem, family: str, amounts: dict[str, float], v
) -> tuple[WeekProblem, Relaxation | None]:
    """The problem with the family relaxed by the elastic amounts, and the offer's words."""
    w = p.week
    total = sum(amounts.values())
    if family == "weekly_load_ceiling":
        a = _ceil(total, 5)
        return replace(p, ceiling=p.ceiling + a), Relaxation(
            family,
            w,
            a,
            "AU",
            f"raise the week-{w} ceiling by {a:.0f} AU (to {p.ceiling + a:.0f} AU)",
        )
    if family == "load_progression":
        a = _ceil(total, 5)
        return replace(p, progression_cap=p.progression_cap + a), Relaxation(
            family, w, a, "AU", f"let week {w} rise {a:.0f} AU more over the week before"
        )
    if family == "acute_chronic":
        a = _ceil(total, 5)
        return replace(p, acwr_cap=p.acwr_cap + a), Relaxation(
            family, w, a, "AU", f"accept {a:.0f} AU more than the acute:chronic guard"
        )
    if family == "goal_minutes":
        targets = dict(p.targets)
        parts = []
        for name, amount in amounts.items():
            if amount > 1e-6:
                g = Goal(name.rsplit("__", 1)[1])
                new = max(0.0, math.floor((targets[g] - amount) / 5) * 5)
                parts.append(f"lower the {g.label} goal to {new:.0f} min/week")
                targets[g] = new
                if new <= 0:
                    del targets[g]  # a goal of 0 min is no goal (and no 1/target weight)
        return replace(p, targets=targets), Relaxation(
            family, w, round(total, 1), "min", " and ".join(parts)
        )
    if family == "strength_days":
        a = math.ceil(total - 1e-9)
        n = max(0, p.strength_days - a)
        return replace(p, strength_days=n), Relaxation(
            family,
            w,
            a,
            "days",
            f"plan strength on {n} day(s) in week {w} instead of {p.strength_days}",
        )
    if family == "variety_disciplines":
        a = math.ceil(total - 1e-9)
        n = max(1, int(p.params.min_disciplines_per_week) - a)
        if n == 1:  # one discipline carries the whole week's load, so its share must give
            params = _with_params(p, min_disciplines_per_week=1, max_discipline_share=1.0)
            text = f"accept 1 discipline in week {w}, carrying all of its load"
        else:
            params = _with_params(p, min_disciplines_per_week=n)
            text = f"accept {n} disciplines in week {w}"
        return replace(p, params=params), Relaxation(family, w, a, "disciplines", text)
    if family == "discipline_share":
        share = min(1.0, _ceil(p.params.max_discipline_share + total / max(p.load_cap, 1.0), 0.05))
        return replace(p, params=_with_params(p, max_discipline_share=share)), Relaxation(
            family,
            w,
            share,
            "fraction",
            f"let one discipline carry up to {share:.0%} of week {w}'s load",
        )
    if family == "session_minutes":
        a = _ceil(max(amounts.values()), 5)
        return replace(p, session_minutes=p.session_minutes + int(a)), Relaxation(
            family, w, a, "min", f"allow sessions of {p.session_minutes + a:.0f} min"
        )
    if family == "training_days":
        a = math.ceil(total - 1e-9)
        return replace(p, max_days=p.max_days + a), Relaxation(
            family, w, a, "days", f"allow {p.max_days + a} training days in week {w}"
        )
    if family == "session_spike":
        caps = dict(p.session_caps)
        parts = []
        for name, amount in amounts.items():
            if amount > 1e-6:
                k = next(k for k in caps if name.endswith("__" + k.value))
                caps[k] = caps[k] + _ceil(amount, 5)
                parts.append(f"allow {k.label} sessions of {caps[k]:.0f} min")
        return replace(p, session_caps=caps), Relaxation(
            family, w, round(total, 1), "min", " and ".join(parts)
        )
    if family == "exercise_uses":
        a = math.ceil(max(amounts.values()) - 1e-9)
        n = int(p.params.max_uses_per_exercise) + a
        return replace(p, params=_with_params(p, max_uses_per_exercise=n)), Relaxation(
            family, w, a, "uses", f"allow an exercise {n} times a week"
        )
    if family == "graded_exposure":
        a = math.ceil(total - 1e-9)
        return replace(p, exposure_max_blocks=p.exposure_max_blocks + a), Relaxation(
            family,
            w,
            a,
            "blocks",
            f"allow {p.exposure_max_blocks + a} blocks with the movement just brought back",
        )
    if family == "pin":
        dropped = [name for name, amount in amounts.items() if amount > 1e-6]
        ids = {name.split("__")[2] for name in dropped}
        pins = [pin for pin in p.pins if pin.exercise_id not in ids]
        return replace(p, pins=pins), Relaxation(
            family, w, len(ids), "pins", "remove the pin of " + ", ".join(sorted(ids))
        )
    return p, None
