"""Can a week's uses be packed into its sessions? A small exact search, no solver.

Capacity rules only: session minutes, training days, an exercise at most once a day,
the longest session per discipline, and supervised-only blocks on supervised days. These
are monotone (if a set of uses cannot be packed, no larger set can), which makes the
master's no-good cuts valid and lets :func:`conflict` shrink a failure to a small
conflicting subset, so each cut removes many week plans at once.
"""

from __future__ import annotations

from workbench.optimize.problem import WeekProblem

NODE_LIMIT = 2_000  # search nodes before giving up with "unknown" (then the MIP decides)
ACCEPT_LIMIT = 40  # complete packings offered to ``accept`` before giving up ("unknown")

PACKED, UNPACKABLE, UNKNOWN = "packed", "unpackable", "unknown"


def pack(
    p: WeekProblem,
    counts: dict[int, int],
    accept=None,
) -> tuple[str, dict[int, list[int]] | None]:
    """Assign each use to a training day under the capacity rules.

    Parameters
    ----------
    p : WeekProblem
    counts : dict
        Exercise index → uses this week.
    accept : callable, optional
        Called with each complete packing (exercise index → sessions); the search goes
        on to the next packing while it returns False (e.g. the days cannot be chosen).

    Returns
    -------
    status : str
        packed | unpackable | unknown (node limit reached).
    days : dict or None
        Exercise index → indices (into the chosen training days) it goes on.
    """
    t = p.training_days
    supervised = [d in p.supervised for d in p.days]
    # Training days: supervised ones first (they take every kind of block).
    order = sorted(range(len(p.days)), key=lambda j: not supervised[j])[:t]
    bins_sup = [supervised[j] for j in order]
    cap = float(p.session_minutes)
    items = []  # one entry per exercise: (minutes, discipline, count, sup_only, index)
    for i, n in counts.items():
        if n <= 0:
            continue
        ex = p.exercises[i]
        if n > t:
            return UNPACKABLE, None
        items.append((float(ex.minutes), ex.discipline, n, ex.id in p.supervised_only, i))
    items.sort(key=lambda it: (-it[3], -it[0] * it[2], it[4]))
    # Minutes still to place from item k on, and (whole minutes) every total that blocks
    # from item k on can make, as bits: a session's room can take at most the largest
    # such total that fits, so when the rest exceeds what all rooms can take, no
    # completion exists (this prunes tight weeks at once).
    left = [0.0] * (len(items) + 1)
    whole = all(float(m).is_integer() for m, *_ in items) and float(cap).is_integer()
    sums = [1] * (len(items) + 1)
    for k in range(len(items) - 1, -1, -1):
        minutes, _d, n, _s, _i = items[k]
        left[k] = left[k + 1] + minutes * n
        if whole:
            bits = sums[k + 1]
            for _ in range(n):
                bits |= bits << int(minutes)
            sums[k] = bits
    used = [0.0] * t
    disc: list[dict] = [dict() for _ in range(t)]
    placed: dict[int, list[int]] = {}
    current: dict[int, list[int]] = {}
    nodes, offered = [0], [0]

    def place(k: int) -> bool | None:
        if k == len(items):
            if accept is None:
                return True
            offered[0] += 1
            if offered[0] > ACCEPT_LIMIT:
                return None
            return bool(accept({i: list(b) for i, b in current.items()}))
        nodes[0] += 1
        if nodes[0] > NODE_LIMIT:
            return None
        if whole:
            room = sum((sums[k] & ((2 << int(round(cap - u))) - 1)).bit_length() - 1 for u in used)
            if left[k] > room + 1e-9:
                return False
        minutes, d, n, sup_only, i = items[k]
        choices = [
            b
            for b in range(t)
            if used[b] + minutes <= cap + 1e-9
            and disc[b].get(d, 0.0) + minutes <= p.session_caps[d] + 1e-9
            and (bins_sup[b] or not sup_only)
        ]
        return choose(k, choices, n, 0, [])

    def choose(k, choices, n, start, picked) -> bool | None:
        if n == 0:
            current[items[k][4]] = picked
            return place(k + 1)
        minutes, d, _n, _s, i = items[k]
        seen_empty = False
        for pos in range(start, len(choices)):
            b = choices[pos]
            empty = used[b] == 0.0 and bins_sup[b] is False
            if empty and seen_empty:
                continue  # identical empty days: trying one is enough
            seen_empty = seen_empty or empty
            used[b] += minutes
            disc[b][d] = disc[b].get(d, 0.0) + minutes
            picked.append(b)
            res = choose(k, choices, n - 1, pos + 1, picked)
            if res is None or res:
                if res:
                    placed[i] = list(picked)
                return res
            picked.pop()
            used[b] -= minutes
            disc[b][d] -= minutes
        return False

    res = place(0)
    if res is None:
        return UNKNOWN, None
    if not res:
        return UNPACKABLE, None
    return PACKED, placed


def conflict(p: WeekProblem, counts: dict[int, int]) -> dict[int, int]:
    """A small subset of ``counts`` that still cannot be packed (deletion filter).

    Assumes ``counts`` cannot be packed. Tries dropping each exercise in turn (shortest
    blocks first) and keeps the drop when the rest still cannot be packed.
    """
    keep = dict(counts)
    for i in sorted(counts, key=lambda i: (p.minutes[i], i)):
        trial = {j: n for j, n in keep.items() if j != i}
        if trial and pack(p, trial)[0] == UNPACKABLE:  # "unknown" keeps i: still valid
            keep = trial
    return keep


def assign_days(p: WeekProblem, placed: dict[int, list[int]]) -> list[tuple[int, object]] | None:
    """Give each packed session a real day, keeping every day rule, or None.

    Sessions (from :func:`pack`) become distinct available days so that sessions with
    supervised-only blocks fall on supervised days, pinned days hold their exercise, and
    at least ``strength_days`` sessions with enough strength minutes fall on pairwise
    non-consecutive days. An exact search over the few ways to choose the days.

    Returns
    -------
    list of (exercise index, Day) or None
        None when no choice of days keeps every rule (the day model then decides).
    """
    sessions: dict[int, list[int]] = {}
    for i, bins in placed.items():
        for b in bins:
            sessions.setdefault(b, []).append(i)
    bins = sorted(sessions)
    needs_sup = {b: any(p.exercises[i].id in p.supervised_only for i in sessions[b]) for b in bins}
    minimum = p.params.strength_day_min_minutes
    strong = {
        b: sum(p.minutes[i] for i in sessions[b] if p.is_strength(i)) >= minimum - 1e-9
        for b in bins
    }
    index = {e.id: i for i, e in enumerate(p.exercises)}
    need = p.strength_days
    days = list(p.days)
    chosen: dict[int, object] = {}
    # Sessions alike for every day rule (supervision, strength, pinned exercises) can swap
    # days: of those, only assignments with days in increasing order are searched. The
    # strength rule is checked as soon as the last strength session has its day.
    # (Measured: a 1,000-exercise synthetic client, seed 38, whose strength days cannot
    # all hold, searched 149,000 assignments in 58 calls: 0.6 s of its 1.0 s plan after a
    # ban.)
    pinned = {index.get(pin.exercise_id) for pin in p.pins if pin.day is not None}
    alike = {
        b: (needs_sup[b], strong[b], frozenset(i for i in sessions[b] if i in pinned)) for b in bins
    }
    before = [
        max((j for j in range(k) if alike[bins[j]] == alike[bins[k]]), default=None)
        for k in range(len(bins))
    ]
    last_strong = max((k for k, b in enumerate(bins) if strong[b]), default=-1)

    def ok_strength() -> bool:
        if need <= 0:
            return True
        picked = sorted(chosen[b].index for b in bins if strong[b])
        # greedy: the most non-consecutive days from a sorted list
        count, last = 0, -10
        for d in picked:
            if d - last > 1:
                count, last = count + 1, d
        return count >= need

    def pins_hold() -> bool:
        for pin in p.pins:
            if pin.day is None:
                continue
            i = index.get(pin.exercise_id)
            if not any(i in sessions[b] and chosen[b] == pin.day for b in bins):
                return False
        return True

    def search(k: int, used: set) -> bool:
        if k == len(bins):
            # (with strength sessions the strength rule was checked at the last of them)
            return (last_strong >= 0 or ok_strength()) and pins_hold()
        b = bins[k]
        after = -1 if before[k] is None else chosen[bins[before[k]]].index
        for d in days:
            if d in used or (needs_sup[b] and d not in p.supervised) or d.index <= after:
                continue
            chosen[b] = d
            if k == last_strong and not ok_strength():
                continue
            used.add(d)
            if search(k + 1, used):
                return True
            used.discard(d)
        return False

    if not search(0, set()):
        return None
    return [(i, chosen[b]) for b in bins for i in sessions[b]]
