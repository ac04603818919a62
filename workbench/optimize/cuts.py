"""Cuts the week master receives when a plan cannot be packed into days.

A plan's exercise counts cut off, widened to blocks of one length (:func:`_lifted`) and
to the twin exercises the packing cannot tell apart (:func:`_twin_images`).
"""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pulp

from workbench.optimize.constraints import (
    WEEK,
)
from workbench.optimize.packing import (
    UNPACKABLE,
    pack,
)
from workbench.optimize.problem import WeekProblem

#: Packings checked to widen one cut from exercises to blocks of one length.
LIFT_CHECKS = 64


#: Most twin images added per packing cut, and swaps tried (:func:`_twin_images`).
TWIN_IMAGES = 8


TWIN_TRIES = 64


def _apply_cut(master, mv, sub: WeekProblem, add_cut, payload, k: int, classes=None) -> None:
    """Add a packing cut stored by exercise id to the master over ``sub``, and (given
    ``classes``, ``sub``'s twin classes) its images with twins swapped in."""
    index = {e.id: i for i, e in enumerate(sub.exercises)}
    if add_cut is _not_this_plan:
        add_cut(master, mv, sub, {index[e]: n for e, n in payload.items()}, k)
        return
    groups = [([index[e] for e in g], n) for g, n in payload]
    add_cut(master, mv, sub, groups, k)
    if classes is not None:
        for m, image in enumerate(_twin_images(groups, classes)):
            add_cut(master, mv, sub, image, f"{k}t{m}")


def _twin_images(groups, classes: np.ndarray) -> list[list[tuple[list[int], int]]]:
    """The cut ``groups`` with twins swapped in (up to ``TWIN_IMAGES`` distinct ones).

    Twins are alike in everything the master, the packing and the day rules read, so a
    plan is cut off by an image exactly when the plan with those twins swapped back is
    cut off by ``groups``: the images are valid cuts too. Without them the master
    offers the same unpackable plan again with a twin in place of one of its exercises
    (measured: a merged-catalog week went round three such plans).
    """
    members: dict[int, list[int]] = {}
    for i, c in enumerate(classes.tolist()):
        members.setdefault(c, []).append(i)
    by_class: dict[int, list[int]] = {}  # class → the cut's members of it (with twins)
    for i in sorted({i for g, _n in groups for i in g}):
        if len(members[int(classes[i])]) > 1:
            by_class.setdefault(int(classes[i]), []).append(i)
    if not by_class:
        return []
    key = lambda gs: frozenset((frozenset(g), n) for g, n in gs)  # noqa: E731
    seen = {key(groups)}
    images: list[list[tuple[list[int], int]]] = []
    classes_used = list(by_class.items())

    def swaps(k: int, swap: dict[int, int]):
        # lazily: every way to put twins in place of the cut's members, class by class
        if k == len(classes_used):
            yield swap
            return
        c, mine = classes_used[k]
        for pick in permutations(members[c], len(mine)):
            yield from swaps(k + 1, {**swap, **dict(zip(mine, pick, strict=True))})

    for tried, swap in enumerate(swaps(0, {})):
        if len(images) >= TWIN_IMAGES or tried >= TWIN_TRIES:
            break
        image = [([swap.get(i, i) for i in g], n) for g, n in groups]
        if key(image) not in seen:
            seen.add(key(image))
            images.append(image)
    return images


def _lifted(sub: WeekProblem, counts: dict[int, int]) -> list[tuple[list[int], int]]:
    """Groups (exercise indices, blocks) such that every plan with at least that many
    blocks from each group cannot be packed: exercises of one length in ``counts`` form a
    group when every way of splitting its blocks among them (within each one's uses)
    fails to pack too, checked by :func:`pack` (so the cut also removes the same plan with
    the blocks traded between those exercises). The rest stay one exercise each."""
    by_length: dict[float, list[int]] = {}
    for i in sorted(counts):
        by_length.setdefault(float(sub.minutes[i]), []).append(i)
    groups: list[tuple[list[int], int]] = []
    lifted: list[list[dict[int, int]]] = []  # the splits of each lifted group
    checks = 0
    for members in by_length.values():
        need = sum(counts[i] for i in members)
        splits = _splits(sub, members, need) if len(members) > 1 else []
        # the blocks checked as they are: the exercises not yet grouped, other than this
        # length's (a split leaves a member out when it takes none of its blocks: that
        # member must not keep its old blocks in the check)
        grouped = set(members).union(*(g for g, _n in groups))
        fixed = {i: n for i, n in counts.items() if i not in grouped}
        combos = [{}]
        for options in lifted + [splits]:
            combos = [{**c, **o} for c in combos for o in options]
        ok = bool(splits) and checks + len(combos) <= LIFT_CHECKS
        if ok:
            for combo in combos:
                checks += 1
                if pack(sub, {**fixed, **combo})[0] != UNPACKABLE:
                    ok = False
                    break
        if ok:
            groups.append((members, need))
            lifted.append(splits)
        else:
            groups += [([i], counts[i]) for i in members]
    return groups


def _splits(sub: WeekProblem, members: list[int], need: int) -> list[dict[int, int]]:
    """Every way to do ``need`` blocks with ``members`` (each within its uses)."""
    out: list[dict[int, int]] = []

    def grow(k: int, left: int, chosen: dict[int, int]) -> None:
        if len(out) > LIFT_CHECKS:
            return
        if k == len(members):
            if left == 0:
                out.append(dict(chosen))
            return
        i = members[k]
        for n in range(min(left, sub.max_uses(i)), -1, -1):
            chosen[i] = n
            grow(k + 1, left - n, chosen)
        del chosen[i]

    grow(0, need, {})
    return [{i: n for i, n in split.items() if n} for split in out]


def _no_good_groups(master, mv, sub: WeekProblem, groups, k: int) -> None:
    """Cut off every week plan with at least ``n`` blocks from each group's exercises
    (groups from :func:`_lifted`; a one-exercise group is an ordinary no-good)."""

    flags = []
    for j, (members, n) in enumerate(groups):
        xs = [mv.uses[(i, WEEK)] for i in members]
        big = sum(x.upBound for x in xs)
        flag = pulp.LpVariable(f"gcut{k}__{j}", 0, 1, pulp.LpBinary)
        mv.cut_flags.append(
            (flag, lambda c, g=tuple(members), n=n: float(sum(c.get(i, 0) for i in g) < n))
        )
        # flag = 1 forces fewer than n blocks from the group
        master.addConstraint(
            pulp.LpConstraint(
                pulp.lpSum(xs) + big * flag,
                pulp.LpConstraintLE,
                f"packing__gcut{k}__{j}",
                n - 1 + big,
            )
        )
        flags.append(flag)
    master.addConstraint(
        pulp.LpConstraint(pulp.lpSum(flags), pulp.LpConstraintGE, f"packing__gcut{k}", 1)
    )


def _not_this_plan(master, mv, sub: WeekProblem, counts: dict[int, int], k: int) -> None:
    """Cut off exactly the week plan ``counts`` (every other plan stays): some exercise
    done more or less often, or one it does not have."""

    moves = []
    for (i, _d), x in mv.uses.items():
        n = counts.get(i, 0)
        if n == 0:
            moves.append(x)  # any use of another exercise differs
            continue
        up = pulp.LpVariable(f"ncut{k}__{i}__up", 0, 1, pulp.LpBinary)
        down = pulp.LpVariable(f"ncut{k}__{i}__down", 0, 1, pulp.LpBinary)
        mv.cut_flags.append((up, lambda c, i=i, n=n: float(c.get(i, 0) >= n + 1)))
        mv.cut_flags.append((down, lambda c, i=i, n=n: float(c.get(i, 0) <= n - 1)))
        # up = 1 forces x ≥ n + 1; down = 1 forces x ≤ n − 1
        master.addConstraint(
            pulp.LpConstraint(x - (n + 1) * up, pulp.LpConstraintGE, f"packing__ncut{k}__{i}_up", 0)
        )
        master.addConstraint(
            pulp.LpConstraint(
                x + (x.upBound - n + 1) * down,
                pulp.LpConstraintLE,
                f"packing__ncut{k}__{i}_down",
                x.upBound,
            )
        )
        moves += [up, down]
    master.addConstraint(
        pulp.LpConstraint(pulp.lpSum(moves), pulp.LpConstraintGE, f"packing__ncut{k}", 1)
    )
