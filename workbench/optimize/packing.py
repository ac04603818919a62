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
    if accept is not None:
        return _search(p, counts, accept)
    # the same week's plan is packed again and again (repair, swaps, conflicts, lifted
    # cuts: 196 of 770 packings of four random clients' plans): the answer is kept on
    # the week's problem, which does not change once made
    cache = p.__dict__.setdefault("_packed", {})
    key = tuple(sorted((i, n) for i, n in counts.items() if n > 0))
    if key not in cache:
        cache[key] = _search(p, counts, None)
    status, placed = cache[key]
    return status, None if placed is None else {i: list(b) for i, b in placed.items()}


def _search(p: WeekProblem, counts: dict[int, int], accept):
    """:func:`pack`'s search itself."""
    sessions_supervised = _sessions_supervised(p)
    items = _blocks_to_place(p, counts)
    if items is None:
        return UNPACKABLE, None
    search = _PackingSearch(p, items, sessions_supervised, accept)
    res = search.place(0)
    if res is None:
        return UNKNOWN, None
    if not res:
        return UNPACKABLE, None
    return PACKED, search.placed


def _sessions_supervised(p: WeekProblem) -> list[bool]:
    """Whether each training day (one session each) is supervised.

    The training days are the first ``p.training_days`` available days, supervised ones
    first (they take every kind of block).
    """
    supervised = [d in p.supervised for d in p.days]
    order = sorted(range(len(p.days)), key=lambda j: not supervised[j])[: p.training_days]
    return [supervised[j] for j in order]


def _blocks_to_place(p: WeekProblem, counts: dict[int, int]) -> list[tuple] | None:
    """One entry per used exercise, in the order the search places them, or None.

    Returns
    -------
    list of (minutes, discipline, count, supervised_only, index) or None
        ``minutes`` is one block's length [min], ``count`` its uses this week. Sorted
        supervised-only first, then by the week's minutes of the exercise (longest
        first). None when an exercise is used more often than there are training days
        (an exercise goes at most once a day).
    """
    items = []
    for i, n in counts.items():
        if n <= 0:
            continue
        ex = p.exercises[i]
        if n > p.training_days:
            return None
        items.append((float(ex.minutes), ex.discipline, n, ex.id in p.supervised_only, i))
    items.sort(key=lambda it: (-it[3], -it[0] * it[2], it[4]))
    return items


def _minutes_still_to_place(items: list[tuple], cap: float) -> tuple[list[float], bool, list[int]]:
    """What the blocks from each item on add up to, for pruning.

    Parameters
    ----------
    items : list
        From :func:`_blocks_to_place`.
    cap : float
        Session length at most [min].

    Returns
    -------
    left : list of float
        Minutes still to place from item k on [min] (one entry more than ``items``).
    whole : bool
        Every block length and the session length are whole minutes (then ``sums``
        is meaningful).
    sums : list of int
        Every total [min] the blocks from item k on can make, as bits (bit m set: m
        minutes can be made). A session's room can take at most the largest such total
        that fits, so when the rest exceeds what all rooms can take, no completion
        exists (this prunes tight weeks at once).
    """
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
    return left, whole, sums


class _PackingSearch:
    """One depth-first search of :func:`pack`: the sessions as they fill.

    Attributes
    ----------
    used : list of float
        Minutes placed in each session so far [min].
    disc : list of dict
        Minutes placed in each session so far per discipline [min].
    placed : dict
        Exercise index → sessions it went on, as the search found them.
    current : dict
        The packing being completed (what ``accept`` is offered).
    nodes, offered : int
        Search nodes visited, complete packings offered to ``accept``.
    """

    def __init__(self, p: WeekProblem, items: list[tuple], sessions_supervised, accept):
        self.p = p
        self.items = items
        self.bins_sup = sessions_supervised
        self.accept = accept
        self.t = p.training_days
        self.cap = float(p.session_minutes)
        self.left, self.whole, self.sums = _minutes_still_to_place(items, self.cap)
        self.used = [0.0] * self.t
        self.disc: list[dict] = [dict() for _ in range(self.t)]
        self.placed: dict[int, list[int]] = {}
        self.current: dict[int, list[int]] = {}
        self.nodes, self.offered = 0, 0
        self.failed: set = set()  # (item, sessions' fill) known to have no completion

    def place(self, k: int) -> bool | None:
        """Place item k and every item after it: True, False (cannot), None (gave up)."""
        if k == len(self.items):
            return self._offer()
        self.nodes += 1
        if self.nodes > NODE_LIMIT:
            return None
        if self.whole and self.left[k] > self._room(k) + 1e-9:
            return False
        if self.accept is None:
            # what is left to place depends only on the sessions' fill, not on which
            # session is which: a fill that failed before fails again
            state = (k, self._fill())
            if state in self.failed:
                return False
            res = self._place(k)
            if res is False:
                self.failed.add(state)
            return res
        return self._place(k)

    def _fill(self) -> tuple:
        """The sessions' fill as a multiset: minutes, per discipline, supervised."""
        return tuple(
            sorted(
                (u, tuple(sorted((k, m) for k, m in d.items() if m)), s)
                for u, d, s in zip(self.used, self.disc, self.bins_sup, strict=True)
            )
        )

    def _place(self, k: int) -> bool | None:
        """:meth:`place` past the node count and the pruning."""
        minutes, d, n, sup_only, i = self.items[k]
        choices = [
            b
            for b in range(self.t)
            if self.used[b] + minutes <= self.cap + 1e-9
            and self.disc[b].get(d, 0.0) + minutes <= self.p.session_caps[d] + 1e-9
            and (self.bins_sup[b] or not sup_only)
        ]
        return self.choose(k, choices, n, 0, [])

    def _offer(self) -> bool | None:
        """A complete packing: accepted (True), refused (False), or too many offered."""
        if self.accept is None:
            return True
        self.offered += 1
        if self.offered > ACCEPT_LIMIT:
            return None
        return bool(self.accept({i: list(b) for i, b in self.current.items()}))

    def _room(self, k: int) -> int:
        """Minutes the sessions' rooms can take of the blocks from item k on [min]."""
        sums = self.sums[k]
        return sum(
            (sums & ((2 << int(round(self.cap - u))) - 1)).bit_length() - 1 for u in self.used
        )

    def choose(self, k: int, choices: list[int], n: int, start: int, picked: list[int]):
        """Put n more uses of item k on sessions ``choices[start:]``, then go on."""
        if n == 0:
            self.current[self.items[k][4]] = picked
            return self.place(k + 1)
        minutes, d, _n, _s, i = self.items[k]
        used, disc, bins_sup = self.used, self.disc, self.bins_sup
        seen_empty = False
        tried: set = set()
        for pos in range(start, len(choices)):
            b = choices[pos]
            empty = used[b] == 0.0 and bins_sup[b] is False
            if empty and seen_empty:
                continue  # identical empty days: trying one is enough
            seen_empty = seen_empty or empty
            if self.accept is None:
                # sessions as full as each other (minutes, per discipline, supervised)
                # take the rest alike: when one failed, the other fails too
                state = (used[b], tuple(sorted(disc[b].items())), bins_sup[b])
                if state in tried:
                    continue
                tried.add(state)
            used[b] += minutes
            disc[b][d] = disc[b].get(d, 0.0) + minutes
            picked.append(b)
            res = self.choose(k, choices, n - 1, pos + 1, picked)
            if res is None or res:
                if res:
                    self.placed[i] = list(picked)
                return res
            picked.pop()
            used[b] -= minutes
            disc[b][d] -= minutes
        return False


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
    search = _DaySearch(p, _sessions_of(placed))
    if not search.search(0, set()):
        return None
    return [(i, search.chosen[b]) for b in search.bins for i in search.sessions[b]]


def _sessions_of(placed: dict[int, list[int]]) -> dict[int, list[int]]:
    """Session (index into the training days) → exercise indices it holds."""
    sessions: dict[int, list[int]] = {}
    for i, bins in placed.items():
        for b in bins:
            sessions.setdefault(b, []).append(i)
    return sessions


def _strength_sessions(p: WeekProblem, sessions: dict[int, list[int]]) -> dict[int, bool]:
    """Session → whether its strength blocks reach the strength day's minimum minutes."""
    minimum = p.params.strength_day_min_minutes
    return {
        b: sum(p.minutes[i] for i in sessions[b] if p.is_strength(i)) >= minimum - 1e-9
        for b in sorted(sessions)
    }


def _alike_before(
    p: WeekProblem, sessions: dict[int, list[int]], needs_sup: dict, strong: dict
) -> list[int | None]:
    """For each session (in order), the last earlier session alike for every day rule.

    Sessions alike for every day rule (supervision, strength, pinned exercises) can swap
    days: of those, only assignments with days in increasing order are searched.
    (Measured: a 1,000-exercise synthetic client, seed 38, whose strength days cannot
    all hold, searched 149,000 assignments in 58 calls: 0.6 s of its 1.0 s plan after a
    ban.)

    Returns
    -------
    list of int or None
        Position (into the sorted sessions) of that earlier session; None when none.
    """
    index = {e.id: i for i, e in enumerate(p.exercises)}
    bins = sorted(sessions)
    pinned = {index.get(pin.exercise_id) for pin in p.pins if pin.day is not None}
    alike = {
        b: (needs_sup[b], strong[b], frozenset(i for i in sessions[b] if i in pinned)) for b in bins
    }
    return [
        max((j for j in range(k) if alike[bins[j]] == alike[bins[k]]), default=None)
        for k in range(len(bins))
    ]


class _DaySearch:
    """One search of :func:`assign_days`: the days chosen for the sessions so far.

    The strength rule is checked as soon as the last strength session has its day.

    Attributes
    ----------
    sessions : dict
        Session → exercise indices it holds.
    bins : list of int
        The sessions, in the order they get their days.
    chosen : dict
        Session → Day chosen so far.
    """

    def __init__(self, p: WeekProblem, sessions: dict[int, list[int]]):
        self.p = p
        self.sessions = sessions
        self.bins = bins = sorted(sessions)
        self.needs_sup = {
            b: any(p.exercises[i].id in p.supervised_only for i in sessions[b]) for b in bins
        }
        self.strong = _strength_sessions(p, sessions)
        self.index = {e.id: i for i, e in enumerate(p.exercises)}
        self.need = p.strength_days
        self.days = list(p.days)
        self.chosen: dict[int, object] = {}
        self.before = _alike_before(p, sessions, self.needs_sup, self.strong)
        self.last_strong = max((k for k, b in enumerate(bins) if self.strong[b]), default=-1)

    def ok_strength(self) -> bool:
        """Enough strength sessions on pairwise non-consecutive days (of those chosen)."""
        if self.need <= 0:
            return True
        picked = sorted(self.chosen[b].index for b in self.bins if self.strong[b])
        # greedy: the most non-consecutive days from a sorted list
        count, last = 0, -10
        for d in picked:
            if d - last > 1:
                count, last = count + 1, d
        return count >= self.need

    def pins_hold(self) -> bool:
        """Every pinned exercise with a day is in a session on that day."""
        for pin in self.p.pins:
            if pin.day is None:
                continue
            i = self.index.get(pin.exercise_id)
            if not any(i in self.sessions[b] and self.chosen[b] == pin.day for b in self.bins):
                return False
        return True

    def search(self, k: int, used: set) -> bool:
        """Choose days for session k and every session after it, avoiding ``used``."""
        bins, chosen = self.bins, self.chosen
        if k == len(bins):
            # (with strength sessions the strength rule was checked at the last of them)
            return (self.last_strong >= 0 or self.ok_strength()) and self.pins_hold()
        b = bins[k]
        after = -1 if self.before[k] is None else chosen[bins[self.before[k]]].index
        for d in self.days:
            if d in used or (self.needs_sup[b] and d not in self.p.supervised) or d.index <= after:
                continue
            chosen[b] = d
            if k == self.last_strong and not self.ok_strength():
                continue
            used.add(d)
            if self.search(k + 1, used):
                return True
            used.discard(d)
        return False
