"""Repair a week plan that does not pack, fast: drop the cheapest uses, then greedy by
marginal value and swaps.

Why: when the week master's plan cannot be packed into days, the loop in
:mod:`workbench.optimize.week` needs a good plan that packs at once (the best so far,
and a warm start for the next master solve). The objective is the model's
(:func:`workbench.optimize.model.objective`) evaluated directly on counts: coverage
points per goal, the current activities kept, preference and load terms, variety.

(A greedy start plan for week 1 was dropped: with the session-pattern and strength rows
the master rejected it more often than not, and the benchmark plans ran as fast or
faster without it: 1.15 s against 1.26 s for the twelve 1-week plans.)
"""

from __future__ import annotations

import numpy as np

from workbench.domain import Goal
from workbench.optimize.constraints import pinned_days
from workbench.optimize.model import discipline_points
from workbench.optimize.packing import PACKED, pack
from workbench.optimize.problem import WeekProblem
from workbench.optimize.sessions import strength_pairs_value

MAX_SWAP_ROUNDS = 30


class _Week:
    """Arrays of one week's master, for fast evaluation of count vectors."""

    def __init__(self, p: WeekProblem):
        self.p = p
        n = len(p.exercises)
        goals = list(Goal)
        self.goal_idx = [goals.index(g) for g in p.targets]
        self.targets = np.array([p.targets[g] for g in p.targets], dtype=float)
        self.credit = p.credit[:, self.goal_idx] if n else np.zeros((0, len(self.targets)))
        self.minutes = p.minutes
        self.load = p.load
        session_total = max(1.0, float(p.session_minutes * p.training_days))
        liked = np.array([e.is_among(p.liked) for e in p.exercises], dtype=float)
        disliked = np.array([e.is_among(p.disliked) for e in p.exercises], dtype=float)
        w = p.params
        self.coverage = float(w.coverage_points)
        self.bonus = (
            -w.load_points * self.load / max(p.load_cap, 1.0)
            + w.liked_points * self.minutes / session_total * liked
            - w.disliked_points * self.minutes / session_total * disliked
        )
        self.disc = [e.discipline for e in p.exercises]
        self.kinds = sorted(set(self.disc))
        self.disc_idx = np.array([self.kinds.index(k) for k in self.disc], dtype=int)
        self.disc_points = np.array([discipline_points(p, k) for k in self.kinds], dtype=float)
        keeps = [p.keeps(i) for i in range(n)]
        self.kept = [np.array([k == a for k in keeps], dtype=bool) for a in sorted(p.current)]
        self.kept_points = float(w.current_activity_points)
        self.ub = np.array([p.max_uses(i) if p.fits(i) else 0 for i in range(n)], dtype=int)
        self.strong = np.array([p.is_strength(i) for i in range(n)], dtype=bool)
        self.exposure = np.array([e.id in p.exposure_ids for e in p.exercises], dtype=bool)
        self.sup = np.array([e.id in p.supervised_only for e in p.exercises], dtype=bool)
        t, cap = p.training_days, p.session_minutes
        self.big = [(self.minutes * j > cap, (j - 1) * t) for j in (2, 3, 4)]
        caps = np.array([p.session_caps[k] for k in self.disc], dtype=float)
        self.disc_cap = np.array([p.session_caps[k] * t for k in self.kinds], dtype=float)
        self.half_cap = self.minutes * 2 > caps
        sup_days = len([d for d in p.days if d in p.supervised])
        self.sup_minutes = min(sup_days, t) * cap
        self.pin_min = np.zeros(n, dtype=int)
        index = {e.id: i for i, e in enumerate(p.exercises)}
        for exercise_id, days in pinned_days(p.pins).items():
            if exercise_id in index:
                self.pin_min[index[exercise_id]] = max(1, len(days))

    def value(self, x: np.ndarray) -> float:
        """The objective of count vector ``x`` [points]."""
        covered = np.minimum(self.credit.T @ x, self.targets) if len(self.targets) else []
        cov = (
            float(np.sum(self.coverage * np.asarray(covered) / self.targets))
            if len(self.targets)
            else 0.0
        )
        used = sorted(set(self.disc_idx[x > 0].tolist()))
        kept = sum(1 for mask in self.kept if x[mask].sum() > 0)
        return (
            cov
            + float(self.bonus @ x)
            + float(self.disc_points[used].sum())
            + self.kept_points * kept
        )

    def within_limits(self, x: np.ndarray) -> bool:
        """Upper-limit rules of the master (those adding a use can break)."""
        p = self.p
        if np.any(x > self.ub):
            return False
        if self.minutes @ x > p.session_minutes * p.training_days + 1e-9:
            return False
        if self.load @ x > p.load_cap + 1e-9:
            return False
        for mask, limit in self.big:
            if x[mask].sum() > limit:
                return False
        per_disc = np.bincount(self.disc_idx, weights=self.minutes * x, minlength=len(self.kinds))
        if np.any(per_disc > self.disc_cap + 1e-9):
            return False
        half = np.bincount(self.disc_idx, weights=(x * self.half_cap), minlength=len(self.kinds))
        if np.any(half > p.training_days):
            return False
        if self.minutes[self.sup] @ x[self.sup] > self.sup_minutes + 1e-9:
            return False
        if self.exposure.any() and x[self.exposure].sum() > p.exposure_max_blocks:
            return False
        return True

    def complete(self, x: np.ndarray) -> bool:
        """Lower-limit rules: pins, hard goals, variety, discipline share, strength."""
        p = self.p
        if np.any(x < self.pin_min):
            return False
        if p.hard_goals and len(self.targets) and np.any(self.credit.T @ x < self.targets - 1e-6):
            return False
        used = len(set(self.disc_idx[x > 0].tolist()))
        if used < int(p.params.min_disciplines_per_week):
            return False
        total = self.load @ x
        per_disc = np.bincount(self.disc_idx, weights=self.load * x, minlength=len(self.kinds))
        if np.any(per_disc > p.params.max_discipline_share * total + 1e-9):
            return False
        if p.strength_days > 0:
            if x[self.strong].sum() < p.strength_days:
                return False
            minimum = p.params.strength_day_min_minutes
            if self.minutes[self.strong] @ x[self.strong] < p.strength_days * minimum - 1e-9:
                return False
            # a strength day needs one long strength block or two different short ones
            long_ = int(x[self.strong & (self.minutes >= minimum - 1e-9)].sum())
            counts = {int(i): int(x[i]) for i in np.flatnonzero(x)}
            if long_ + strength_pairs_value(p, counts) < p.strength_days:
                return False
        return True

    def packs(self, x: np.ndarray) -> bool:
        counts = {int(i): int(x[i]) for i in np.flatnonzero(x)}
        return pack(self.p, counts)[0] == PACKED

    def add_gains(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For every exercise at once: value gained by one more use, and whether that
        use stays within every upper limit."""
        p = self.p
        t = p.training_days
        credit_now = self.credit.T @ x
        if len(self.targets):
            now = np.minimum(credit_now, self.targets)
            after = np.minimum(credit_now[None, :] + self.credit, self.targets[None, :])
            cov = (after - now[None, :]) @ (self.coverage / self.targets)
        else:
            cov = np.zeros(len(x))
        used = np.bincount(self.disc_idx, weights=(x > 0), minlength=len(self.kinds)) > 0
        gain = cov + self.bonus + self.disc_points[self.disc_idx] * (~used[self.disc_idx])
        for mask in self.kept:
            if not x[mask].any():
                gain = gain + self.kept_points * mask
        ok = x < self.ub
        ok &= self.minutes @ x + self.minutes <= p.session_minutes * t + 1e-9
        ok &= self.load @ x + self.load <= p.load_cap + 1e-9
        for mask, limit in self.big:
            ok &= ~mask | (x[mask].sum() + 1 <= limit)
        per_disc = np.bincount(self.disc_idx, weights=self.minutes * x, minlength=len(self.kinds))
        ok &= per_disc[self.disc_idx] + self.minutes <= self.disc_cap[self.disc_idx] + 1e-9
        half = np.bincount(self.disc_idx, weights=x * self.half_cap, minlength=len(self.kinds))
        ok &= ~self.half_cap | (half[self.disc_idx] + 1 <= t)
        sup_now = self.minutes[self.sup] @ x[self.sup]
        ok &= ~self.sup | (sup_now + self.minutes <= self.sup_minutes + 1e-9)
        if self.exposure.any():
            ok &= ~self.exposure | (x[self.exposure].sum() + 1 <= p.exposure_max_blocks)
        return gain, ok


def _greedy(w: _Week, x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Add the use with the best gain per ``weight`` while it adds value and fits."""
    blocked = np.zeros(len(x), dtype=bool)
    while True:
        gain, ok = w.add_gains(x)
        ok &= ~blocked & (gain > 1e-9)
        if not ok.any():
            return x
        i = int(np.argmax(np.where(ok, gain / weight, -np.inf)))
        x[i] += 1
        if not w.packs(x):
            x[i] -= 1
            blocked[i] = True


def _swaps(w: _Week, x: np.ndarray) -> np.ndarray:
    """Replace one use by another (or add one) while the value rises."""
    for _ in range(MAX_SWAP_ROUNDS):
        base = w.value(x)
        moves = []
        for i in [int(i) for i in np.flatnonzero(x > w.pin_min)] + [-1]:
            y = x.copy()
            if i >= 0:
                y[i] -= 1
            gain, ok = w.add_gains(y)
            delta = w.value(y) - base + gain
            if i >= 0:
                ok[i] = False
            for j in np.flatnonzero(ok & (delta > 1e-9)):
                moves.append((float(delta[j]), i, int(j)))
        moved = False
        for _delta, i, j in sorted(moves, reverse=True)[:20]:
            trial = x.copy()
            if i >= 0:
                trial[i] -= 1
            trial[j] += 1
            if w.complete(trial) and w.packs(trial):
                x, moved = trial, True
                break
        if not moved:
            return x
    return x


def _vector(p: WeekProblem, counts: dict[int, int]) -> np.ndarray:
    """Uses per exercise index as a count vector."""
    x = np.zeros(len(p.exercises), dtype=int)
    for i, k in counts.items():
        x[i] = k
    return x


def score(p: WeekProblem, counts: dict[int, int]) -> float:
    """The week model's objective for ``counts`` (uses per exercise index) [points]."""
    x = _vector(p, counts)
    return _Week(p).value(x)


def keeps_rules(p: WeekProblem, counts: dict[int, int]) -> bool:
    """``counts`` keeps every week rule of the master (packing aside): limits, pins,
    hard goals, variety, discipline share and strength days."""
    w, x = _Week(p), _vector(p, counts)
    return w.within_limits(x) and w.complete(x)


def improve(p: WeekProblem, counts: dict[int, int]) -> tuple[float, dict[int, int]] | None:
    """(score, uses) after trading uses of ``counts`` for better ones (:func:`_swaps`,
    over every exercise of ``p``), keeping every week rule and the packing; None when
    ``counts`` itself breaks one."""
    if not counts:
        return None
    w = _Week(p)
    x = _vector(p, counts)
    if not (w.within_limits(x) and w.complete(x)):
        return None
    x = _swaps(w, x)
    return w.value(x), {int(i): int(x[i]) for i in np.flatnonzero(x)}


def repair(p: WeekProblem, counts: dict[int, int]) -> dict[int, int] | None:
    """A plan near ``counts`` that packs: drop the uses that cost least until the rest
    packs, then refill greedily. None when no such plan keeps every rule.

    When that plan breaks a rule that dropping can break (a strength day, variety, a
    discipline's share of the load), the drops are made again keeping those rules while
    they can (random client 26, 7 days of 30 minutes with 2 strength days: the cheapest
    drops were its two strength blocks, so no plan that did not pack was ever repaired).
    """
    if not p.exercises:
        return None
    w = _Week(p)
    for keep in (False, True):
        fixed = _repaired(w, _vector(p, counts), keep)
        if fixed is not None:
            return fixed
    return None


def _repaired(w: _Week, x: np.ndarray, keep: bool) -> dict[int, int] | None:
    """:func:`repair` on ``w``: with ``keep``, among the drops that cost least, those that
    keep the week's lower rules (:meth:`_Week.complete`) first."""
    for _ in range(int(x.sum())):
        if w.packs(x):
            break
        base = w.value(x)
        droppable = [int(i) for i in np.flatnonzero(x > w.pin_min)]
        if not droppable:
            return None
        losses = []
        for i in droppable:
            x[i] -= 1
            losses.append((keep and not w.complete(x), base - w.value(x), i))
            x[i] += 1
        x[min(losses)[2]] -= 1
    if not w.packs(x):
        return None
    x = _greedy(w, x, np.ones(len(x)))
    if not w.complete(x):
        return None
    x = _swaps(w, x)
    if w.within_limits(x) and w.complete(x) and w.packs(x):
        return {int(i): int(x[i]) for i in np.flatnonzero(x)}
    return None
