"""When nothing fits: which constraint families conflict, and the smallest relaxations.

Found by elastic re-solves, not by guessing: each family that can be relaxed gets a
non-negative slack variable on its constraints, the model minimises the slack (scaled to
each rule's own size), and every suggested relaxation is then applied and checked by a
normal solve before it is offered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from workbench.optimize.constraints import FAMILIES
from workbench.optimize.model import build_model
from workbench.optimize.problem import WeekProblem
from workbench.optimize.relaxations import RELAXATIONS, Relaxation
from workbench.optimize.solve import INFEASIBLE, SolverSettings, solve
from workbench.optimize.week import solve_week

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
    p: WeekProblem,
    settings: SolverSettings,
    notes: list[str] | None = None,
    confirm: Callable[[Relaxation], bool] | None = None,
) -> tuple[list[str], list[Relaxation]]:
    """Name the conflicting families of week ``p.week`` and the relaxations that fit.

    Parameters
    ----------
    p : WeekProblem
    settings : SolverSettings
    notes : list of str, optional
        Sentences to say first (pins that cannot hold).
    confirm : callable, optional
        Offer → it makes a plan when made through its fields (the planner plans the
        client again with it); an offer it refuses is not made.

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
        elastic = _elastic_amounts(p, family, settings)
        if elastic is None:
            continue
        conflict.append(family)
        offer = _smallest_offer(p, family, *elastic, settings)
        if offer is not None and (confirm is None or confirm(offer)):
            offers.append(offer)
    # The rules to name: those whose change alone really makes a plan (each offer was
    # checked by a re-solve); when no single change does, every rule the elastic solves
    # found involved. (An elastic solve can take up slack in a rule that no change of it
    # can cure: a pin on a day the client does not train also drew the load ceiling in.)
    cured = [f for f in conflict if any(o.family == f for o in offers)]
    diagnosis.insert(0, _conflict_sentence(p, cured or conflict))
    if offers:
        diagnosis.append(OFFERS + "; or ".join(o.text for o in offers) + ".")
    return diagnosis, offers


def _elastic_amounts(
    p: WeekProblem, family: str, settings: SolverSettings
) -> tuple[dict[str, float], object] | None:
    """How much the family's rows must give for week ``p.week`` to have a plan, or None.

    Numeric families relax on the week model (packing relaxed: its relaxation is a
    lower bound on what is needed, and it solves fast); day-level ones on the day
    model. Either way the offer is applied and checked by a normal re-solve
    (:func:`_smallest_offer`): the smallest rounding step up that works.

    Returns
    -------
    amounts : dict
        Elastic row name → its slack, in the rule's unit.
    v : the elastic model's variables
        None instead of both when the elastic model has no solution or needs no slack
        (the family is not in the conflict).
    """
    week_level = family in WEEK_LEVEL
    m, v = build_model(p, aggregated=week_level, integer=week_level, elastic=frozenset({family}))
    # the smallest relaxation, not one within the planning gap of it
    out = solve(m, replace(settings, relative_gap=1e-6, time_limit=DIAGNOSIS_TIME_LIMIT))
    if out.status == INFEASIBLE or out.objective is None:
        return None
    amounts = {name: e.varValue or 0.0 for name, e in v.elastic.items()}
    if sum(amounts.values()) <= 1e-6:
        return None
    return amounts, v


def _conflict_sentence(p: WeekProblem, named: list[str]) -> str:
    """The diagnosis's first sentence: the families ``named`` that cannot all hold."""
    w = p.week
    if not p.exercises:
        return f"No exercise is allowed in week {w}: see the excluded list."
    if len(named) == 1:
        return f"In week {w} {FAMILIES[named[0]]} cannot hold with the other rules."
    if named:
        words = "; ".join(FAMILIES[f] for f in named)
        return f"In week {w} these rules cannot all hold: {words}."
    return (
        f"In week {w} the allowed exercises cannot fill a week under the "
        "rules; see the excluded list."
    )


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


def _apply(
    p: WeekProblem, family: str, amounts: dict[str, float], v
) -> tuple[WeekProblem, Relaxation | None]:
    """The problem with the family relaxed by the elastic amounts, and the offer's words.

    Parameters
    ----------
    p : WeekProblem
    family : str
        One of :data:`RELAXABLE` (any other: ``p`` unchanged and no offer).
    amounts : dict
        Elastic row name → its slack, in the rule's unit.
    v : the elastic model's variables (not read)
    """
    change = RELAXATIONS.get(family)
    if change is None:
        return p, None
    return change(p, amounts)
