"""Why a week leaves out something the client already does: the rule that keeps it out.

Graded activity starts from what the client does now, set below their baseline, and
builds on it (domain.md §4, §6): the objective scores each current activity the week keeps
(``current_activity_points``: a block of its discipline no longer than one of its current
sessions). When a week keeps one out all the same, :func:`activities_kept_out` says so and
names the rule: the exclusions that leave out every such exercise, the session length,
the longest session in the discipline, the load limit, or the limits that bind the week.
Read only: nothing here solves.
"""

from __future__ import annotations

from collections import Counter

from workbench.defaults import Params
from workbench.domain import Client, Discipline
from workbench.optimize.constraints import FAMILIES
from workbench.optimize.problem import WeekProblem
from workbench.optimize.whatif import LOAD_FAMILIES
from workbench.optimize.whatif import binding_families as week_binding
from workbench.rules.contraindications import FAMILIES as EXCLUSION_FAMILIES
from workbench.rules.contraindications import Eligibility


def activities_kept_out(sol, client: Client, elig: Eligibility, by_id, params: Params):
    """One sentence per current activity the week does not keep, naming the rule.

    Parameters
    ----------
    sol : WeekSolution
        The week as planned (its problem, its blocks, what binds).
    client : Client
        Its current activities (discipline, sessions a week, minutes) and likes.
    elig : Eligibility
        Which exercises the rules allow this week, and why the others are out.
    by_id : Mapping[str, Exercise]
        The catalog.
    params : Params

    Returns
    -------
    list of str
        E.g. "walking (done now 4 x 20 min a week; liked) is not in week 1: its lightest
        block of at most 20 min (30 AU) is above the week's load limit of 25 AU (the
        weekly load ceiling)". Empty when the week keeps every current activity.
    """
    p: WeekProblem = sol.problem
    planned = {(ex.discipline, ex.minutes) for ex, _d in sol.uses}
    out = []
    for k, longest in sorted(p.current.items()):
        if any(d == k and m <= longest for d, m in planned):
            continue
        why = _why_not_kept(k, longest, sol, elig, by_id, params)
        out.append(f"{_what(k, client)} is not in week {p.week}: {why}")
    return out


def _what(k: Discipline, client: Client) -> str:
    """ "walking (done now 4 x 20 min a week; liked)": the activity in the trainer's words."""
    done = [a for a in client.activities if a.discipline == k and a.sessions_per_week > 0]
    now = ", ".join(f"{a.sessions_per_week} x {a.minutes} min" for a in done)
    liked = "; liked" if k in client.liked else ""
    return f"{k.label} (done now {now} a week{liked})"


def _why_not_kept(k: Discipline, longest: int, sol, elig: Eligibility, by_id, params) -> str:
    """The rule that keeps discipline ``k`` out of the week, for blocks of at most
    ``longest`` minutes (one current session)."""
    p: WeekProblem = sol.problem
    short = f"of at most {longest} min"
    matching = [ex for ex in by_id.values() if ex.discipline == k and ex.minutes <= longest]
    if not matching:
        return (
            f"no {k.label} exercise in the catalog is as short as one current session "
            f"({longest} min; the plan starts below the client's baseline)"
        )
    rows = [i for i, ex in enumerate(p.exercises) if ex.discipline == k and ex.minutes <= longest]
    if not rows:
        return _why_none_allowed(k, short, matching, elig, p.week)
    fits = [i for i in rows if p.fits(i)]
    if not fits:
        if all(p.exercises[i].minutes > p.session_minutes for i in rows):
            return f"every {k.label} block {short} is longer than {FAMILIES['session_minutes']}"
        return (
            f"every {k.label} block {short} is longer than {FAMILIES['session_spike']} "
            f"allows this week ({p.session_caps[k]:.0f} min)"
        )
    if all(p.max_uses(i) == 0 for i in fits):
        return f"{FAMILIES['training_days']} leaves no day for a {k.label} block"
    binding = week_binding(sol)
    lightest = min(p.load[i] for i in fits)
    if lightest > p.load_cap + 1e-9:
        which = [f for f in LOAD_FAMILIES if f in binding] or ["weekly_load_ceiling"]
        return (
            f"its lightest block {short} ({lightest:g} AU) is above the week's load limit "
            f"of {p.load_cap:.0f} AU ({_words(which)})"
        )
    limits = _words(binding) if binding else FAMILIES["packing"]
    return (
        f"a block {short} fits, but the week's limits ({limits}) leave more goal minutes "
        f"without it (keeping it scores {params.current_activity_points:g} points; a "
        "higher current_activity_points weighs it more)"
    )


def _why_none_allowed(k: Discipline, short: str, matching, elig: Eligibility, week: int) -> str:
    """Why none of the catalog's ``k`` exercises of that length is allowed this week: the
    exclusion rules that leave most of them out."""
    counts: Counter = Counter()
    for ex in matching:
        for fam in {e.family for e in elig.reasons(ex.id, week)}:
            counts[fam] += 1
    parts = [f"{n} {EXCLUSION_FAMILIES[f]}" for f, n in counts.most_common(3)]
    left = f" (left out: {'; '.join(parts)})" if parts else ""
    return f"none of the {len(matching)} {k.label} exercises {short} is allowed this week{left}"


def _words(families) -> str:
    """The trainer's words for constraint families, joined with "; "."""
    return "; ".join(FAMILIES.get(f, f.replace("_", " ")) for f in families)
