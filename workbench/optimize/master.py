"""The master/packing loop of one week: master plans packed into days until proven.

The week master (how often each exercise is done) proposes; each plan is packed into days
(:mod:`workbench.optimize.placing`, :mod:`workbench.optimize.packing`); one that cannot be
packed is repaired and cut off (:mod:`workbench.optimize.cuts`); the loop stops when the
master's bound proves the best packed plan within the gap, or hands over to the exact day
model when the week's time budget is nearly spent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import pulp

from workbench.optimize.cuts import _apply_cut, _lifted, _no_good_groups, _not_this_plan
from workbench.optimize.heuristic import keeps_rules, repair
from workbench.optimize.model import build_model, objective
from workbench.optimize.packing import (
    UNPACKABLE,
    conflict,
    pack,
)
from workbench.optimize.placing import _place, _remaining
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import (
    EXACT_CUTS,
    LOOP_SHARE,
    MAX_CUTS,
    NO_DAYS,
    SESSION_AFTER,
    Found,
    _counts_of,
    _gap,
    _uses_of,
)
from workbench.optimize.solve import (
    INFEASIBLE,
    OPTIMAL,
    TIME_LIMIT,
    Outcome,
    SolverSettings,
    solve,
)
from workbench.optimize.starts import _day_start, _few_sessions, _session_packing, _start_values

#: What a step of the cut loop answers when the loop should stop and hand over to the
#: day model (a step answers a ``Found`` to return it, None to cut and solve again).
_TO_DAY_MODEL = "to the day model"


@dataclass
class _Loop:
    """What the steps of :func:`_master_and_pack` share: the week, the master as it stands
    (rebuilt with the pattern or session rows as the loop learns), the cuts, and the best
    packed plan so far with the seconds spent."""

    sub: WeekProblem
    settings: SolverSettings
    deadline: float
    force: list[int] | None
    cutoff: float | None
    session_ok: bool  # none pinned to a day: the master may put every block in a session
    patterns: bool
    sessions: bool
    reach: frozenset  # the groups whose reach rows the master has
    cuts: list  # (cut function, payload by exercise id)
    classes: object  # ``sub``'s twin classes
    master: pulp.LpProblem
    mv: object  # the master's variables
    seconds: float = 0.0
    best: tuple | None = None  # (value, day model, its vars)
    bound: float | None = None  # the smallest bound any of the loop's masters proved
    last: dict[int, int] = field(default_factory=dict)  # the master's last plan
    unpacked: int = 0  # plans that did not pack

    def found(self, outcome: Outcome, model, placed) -> Found:
        """The loop's answer: ``outcome`` with the loop's bound when that is smaller
        (:func:`_keep_bound`), so that what proved the plan here is what the week reads."""
        if self.bound is not None and (outcome.bound is None or self.bound < outcome.bound):
            outcome = replace(outcome, bound=self.bound)
        return Found(outcome, model, placed, self.seconds, self.patterns, self.cuts, self.sessions)


def _master_and_pack(
    sub: WeekProblem,
    settings: SolverSettings,
    deadline: float,
    start: dict[int, int] | None = None,
    patterns: bool = False,
    cuts: list | None = None,
    force: list[int] | None = None,
    cutoff: float | None = None,
    sessions: bool = False,
    reach: frozenset[str] = frozenset(),
):
    """Solve the master over ``sub``'s exercises, pack into days, cut until it packs.

    Keeps the best plan that packs (starting from ``start`` when it packs), hands it to
    each master solve as a warm start, and stops when the master's bound proves it within
    the gap, when a better plan packs, or when the week's time budget (shared by every
    solve) runs out — then the best packed plan comes back with its real status.
    The master gets the session-pattern rows from the start when ``patterns``, else
    as soon as a plan fails to pack (they cut off most such plans, but slow the master
    on weeks that pack anyway). With at most :data:`SESSION_DAYS` sessions (none
    pinned to a day), the master puts every block in a session itself from the start
    when ``sessions``, else once :data:`SESSION_AFTER` plans failed to pack
    (:func:`~workbench.optimize.sessions.define_session_constraints`). Returns
    (outcome, day model, its variables, seconds, whether the master had the pattern
    rows, the cuts, whether it put the blocks in sessions).

    With ``force`` (exercise indices of ``sub``) the master sees only plans that use at
    least one of them, and with ``cutoff`` only plans scoring above it. When it then has
    none, ``start`` stands, proven over those plans up to ``cutoff`` (the bound that
    comes back). The start, which uses none of ``force``, is not handed to the solver.
    """
    loop = _first_master(sub, settings, deadline, patterns, cuts, force, cutoff, sessions, reach)
    # the cut loop gets most of the budget; the rest goes to the day model (below)
    loop_deadline = time.perf_counter() + LOOP_SHARE * max(0.0, deadline - time.perf_counter())
    _start_from(loop, start)
    for _cut in range(MAX_CUTS):
        if time.perf_counter() >= loop_deadline:
            break
        step = _cut_step(loop, loop_deadline)
        if step is _TO_DAY_MODEL:
            break
        if step is not None:
            return step
    return _by_day_model(loop)


def _first_master(
    sub: WeekProblem,
    settings: SolverSettings,
    deadline: float,
    patterns: bool,
    cuts: list | None,
    force: list[int] | None,
    cutoff: float | None,
    sessions: bool,
    reach: frozenset[str],
) -> _Loop:
    """The loop's state with its first master built and the cuts handed in applied."""
    session_ok = _few_sessions(sub)
    sessions = sessions and session_ok
    master, mv = _build_master(sub, force, patterns, sessions, reach)
    # packing cuts as (cut function, payload by exercise id): carried over when the master
    # is rebuilt, and from the candidates' master to the widened one (same week), each
    # with its images under swaps of twins
    classes, _keep = sub.twins()
    loop = _Loop(
        sub=sub,
        settings=settings,
        deadline=deadline,
        force=force,
        cutoff=cutoff,
        session_ok=session_ok,
        patterns=patterns,
        sessions=sessions,
        reach=reach,
        cuts=list(cuts or []),
        classes=classes,
        master=master,
        mv=mv,
    )
    _apply_cuts(loop)
    return loop


def _build_master(sub: WeekProblem, force, patterns: bool, sessions: bool, reach: frozenset):
    """The week master over ``sub`` (with the pattern rows, with every block in a session
    when asked, with the reach rows of ``reach``), and with ``force`` the row that it uses
    at least one of them."""
    master, mv = build_model(
        sub,
        aggregated=True,
        integer=True,
        patterns=patterns,
        sessions=sessions,
        disc=sessions,
        reach=reach,
    )
    if force:
        forced = set(force)
        terms = [(var, 1) for (i, _d), var in mv.uses.items() if i in forced]
        master += (pulp.LpAffineExpression(terms) >= 1, f"packing__w{sub.week}__force")
    return master, mv


def _apply_cuts(loop: _Loop) -> None:
    """Every cut learnt so far on the master as it stands, with its images under twins."""
    for k, (add_cut, payload) in enumerate(loop.cuts):
        _apply_cut(loop.master, loop.mv, loop.sub, add_cut, payload, k, loop.classes)


def _start_from(loop: _Loop, start: dict[int, int] | None) -> None:
    """The start as the best packed plan, when it keeps this week's rules and packs.

    A start (last week's plan, or a plan to widen) must keep this week's rules: a pin, a
    lower cap or an exercise no longer allowed can break it, and a start that scores more
    than the master can would otherwise come back as the plan.
    """
    sub = loop.sub
    start = start if start and keeps_rules(sub, start) else None
    packing = pack(sub, start) if start else (UNPACKABLE, None)
    if packing[0] != UNPACKABLE:
        placed = _place(sub, start, packing, loop.settings, loop.deadline)
        if placed not in (None, NO_DAYS):
            loop.seconds += placed[2]
            loop.best = (_value(sub, loop.mv, start), placed[0], placed[1])


def _cut_step(loop: _Loop, loop_deadline: float):
    """One master solve and what follows from it: a ``Found`` to return, None to solve
    again (a cut was added), or :data:`_TO_DAY_MODEL`."""
    sub, best = loop.sub, loop.best
    warm = _start_values(sub, loop.mv, _counts_of(best[2])) if best and not loop.force else None
    out = solve(
        loop.master, _remaining(loop.settings, loop_deadline), start=warm, cutoff=loop.cutoff
    )
    loop.seconds += out.seconds
    _keep_bound(loop, out)
    if out.status == INFEASIBLE and loop.cutoff is not None and best is not None:
        # no plan the master sees scores above the cutoff: the start stands
        proven = Outcome(OPTIMAL, best[0], loop.cutoff, None, loop.seconds, out.solver)
        return loop.found(proven, best[1], best[2])
    if out.objective is None:
        return _TO_DAY_MODEL
    if best is not None and out.objective <= best[0] + 1e-7:
        # the master cannot beat the packed plan: it is proven within the gap
        return loop.found(replace(out, objective=best[0]), best[1], best[2])
    counts = {
        i: int(round(var.varValue or 0.0))
        for (i, _d), var in loop.mv.uses.items()
        if (var.varValue or 0.0) > 0.5
    }
    loop.last = counts
    packing = _session_packing(loop.mv) if loop.mv.sessions else pack(sub, counts)
    if packing[0] == UNPACKABLE:
        return _not_packed(loop, counts, out)
    return _packed(loop, counts, packing, out)


def _keep_bound(loop: _Loop, out: Outcome) -> None:
    """The loop's bound after a master solve: the smallest any of its masters proved.

    Valid: every master of the loop holds every plan that packs (a cut removes only plans
    that do not pack, and the pattern and session rows hold for every packed plan), so
    each master's bound holds for all of them. A master stopped by its time limit often
    proves less than the one before it (random client 26, week 1: the fifth master
    proved 421.88, the sixth, stopped at 0.05 s, only 423.65; the best packed plan,
    418.12, is within 1% of the first and not of the second).
    """
    if out.bound is not None and (loop.bound is None or out.bound < loop.bound):
        loop.bound = out.bound


def _not_packed(loop: _Loop, counts: dict[int, int], out: Outcome) -> Found | None:
    """A master plan that does not pack: keep its repair when better, return it when the
    master's bound proves it, else widen the master when due and cut the plan off."""
    sub, settings = loop.sub, loop.settings
    loop.unpacked += 1
    _keep_repaired(loop, counts)
    best = loop.best
    if (
        best is not None
        and loop.bound is not None
        and (loop.bound - best[0] <= settings.relative_gap * abs(best[0]))
    ):
        # the master's bound already proves the repaired plan within the gap
        return loop.found(replace(out, objective=best[0]), best[1], best[2])
    to_sessions = not loop.sessions and loop.session_ok and loop.unpacked >= SESSION_AFTER
    if not loop.patterns or to_sessions:
        # The first plan that does not pack: from now on the master also sees
        # whole sessions (the pattern rows), which cut off most such plans. On a
        # week where they keep failing, the master puts every
        # block in a session itself: its plans then pack.
        loop.patterns, loop.sessions = True, loop.sessions or to_sessions
        loop.master, loop.mv = _build_master(sub, loop.force, True, loop.sessions, loop.reach)
        _apply_cuts(loop)
    small = conflict(sub, counts)
    # (A cut by block type, every exercise of a type interchangeable, was measured
    # worse: it cuts more plans, but the master then settles on weaker ones and
    # the widened master grows; 60.9 s against 58.8 s on the whole benchmark.)
    ids = [e.id for e in sub.exercises]
    groups = _lifted(sub, small)
    add_cut, payload = _no_good_groups, [([ids[i] for i in g], n) for g, n in groups]
    loop.cuts.append((add_cut, payload))
    _apply_cut(loop.master, loop.mv, sub, add_cut, payload, len(loop.cuts) - 1, loop.classes)
    return None


def _keep_repaired(loop: _Loop, counts: dict[int, int]) -> None:
    """The repair of a plan that does not pack, as the best packed plan when it beats it."""
    sub = loop.sub
    fixed = repair(sub, counts)
    if fixed is None:
        return
    value = _value(sub, loop.mv, fixed)
    if loop.best is None or value > loop.best[0] + 1e-9:
        placed = _place(sub, fixed, pack(sub, fixed), loop.settings, loop.deadline)
        if placed not in (None, NO_DAYS):
            loop.seconds += placed[2]
            loop.best = (value, placed[0], placed[1])


def _packed(loop: _Loop, counts: dict[int, int], packing, out: Outcome):
    """A master plan whose blocks pack: placed on days it is the answer; when no choice
    of days keeps the day rules, it is cut off (None), unless the day model should
    decide (:data:`_TO_DAY_MODEL`)."""
    sub, cuts = loop.sub, loop.cuts
    placed = _place(sub, counts, packing, loop.settings, loop.deadline)
    if placed not in (None, NO_DAYS):
        loop.seconds += placed[2]
        return loop.found(out, placed[0], placed[1])
    if placed is None or sum(1 for c in cuts if c[0] is _not_this_plan) >= EXACT_CUTS:
        # the day model ran out of time, or exact cuts keep meeting equivalent plans
        # (another exercise of the same kind): the day model decides, below
        return _TO_DAY_MODEL
    # The blocks pack but no choice of days keeps the day rules (strength days):
    # those rules are not monotone, so only this very plan is cut off.
    ids = [e.id for e in sub.exercises]
    cuts.append((_not_this_plan, {ids[i]: n for i, n in counts.items()}))
    _apply_cut(loop.master, loop.mv, sub, *cuts[-1], len(cuts) - 1)
    return None


def _by_day_model(loop: _Loop) -> Found:
    """The day model (exact packing) over the exercises of the best packed plan and of the
    master's last plan, started from the best packed plan, stopping as soon as a plan is
    within the gap of the master's bound; over every exercise when that is not proven.

    With no packed plan yet, over every candidate: a small set could miss the only plans
    there are and wrongly report none.
    """
    sub, settings, best, bound = loop.sub, loop.settings, loop.best, loop.bound
    rows = (
        sorted(set(_counts_of(best[2])) | set(loop.last))
        if best
        else list(range(len(sub.exercises)))
    )
    small = sub.subset(rows)
    day, dv = build_model(small)
    warm = _day_start(small, dv, best, rows) if best else None
    target = None if bound is None else bound * (1 - settings.relative_gap)
    found = solve(day, _remaining(settings, loop.deadline), start=warm, target=target)
    loop.seconds += found.seconds
    if found.objective is not None and (best is None or found.objective > best[0] + 1e-9):
        uses = [(rows[i], d) for i, d in _uses_of(dv)]
        loop.best = best = (found.objective, day, uses)
    if best is None:
        return loop.found(found, day, dv)
    gap = None if bound is None else _gap(bound, best[0])
    if (
        gap is not None
        and gap > settings.relative_gap
        and len(rows) < len(sub.exercises)
        and time.perf_counter() < loop.deadline
    ):
        bound, gap = _over_every_exercise(loop, bound, target)
    best = loop.best
    status = OPTIMAL if gap is not None and gap <= settings.relative_gap else TIME_LIMIT
    outcome = Outcome(status, best[0], bound, gap, loop.seconds, "HiGHS")
    return loop.found(outcome, best[1], best[2])


def _over_every_exercise(loop: _Loop, bound: float, target: float) -> tuple[float, float]:
    """(bound, gap) after the day model over every exercise of ``sub``, from the best plan.

    Not proven, and time is left: the day model over every exercise of ``sub`` (exact, so
    its bound holds over all of ``sub``'s plans). Before, such a week came back unproven
    with most of its budget unspent (a random client, seed 47, week 6: after 0.28 s of
    1 s; now proven in 0.47 s).
    """
    sub, best = loop.sub, loop.best
    everything = list(range(len(sub.exercises)))
    day, dv = build_model(sub)
    warm = _day_start(sub, dv, best, everything)
    found = solve(day, _remaining(loop.settings, loop.deadline), start=warm, target=target)
    loop.seconds += found.seconds
    if found.objective is not None and found.objective > best[0] + 1e-9:
        loop.best = best = (found.objective, day, _uses_of(dv))
    if found.bound is not None:
        bound = min(bound, max(found.bound, best[0]))
    return bound, _gap(bound, best[0])


def _value(sub: WeekProblem, mv, counts: dict[int, int]) -> float:
    """The master's objective for ``counts`` (evaluated on its own expression)."""
    start = _start_values(sub, mv, counts)
    expr = objective(sub, mv, aggregated=True)
    return expr.constant + sum(c * start.get(v, 0.0) for v, c in expr.items())
