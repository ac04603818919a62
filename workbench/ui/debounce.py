"""Run a callback once typing stops (the app re-plans after the last edit, not on each
key), and merge the plans asked for meanwhile into one request."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Debouncer:
    """Call ``fn()`` once, ``delay`` seconds after the last of a burst of calls.

    ``delay=None`` calls at once, in the caller's thread (tests, scripts). Otherwise
    ``fn`` runs on a :class:`threading.Timer` thread; the kernel stays free to take
    the next edit meanwhile.
    """

    def __init__(self, fn: Callable[[], None], delay: float | None):
        self.fn, self.delay = fn, delay
        self._timer: threading.Timer | None = None
        self._firing = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)

    def __call__(self) -> None:
        if self.delay is None:
            self.fn()
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._timer is not threading.current_thread():
                return  # replaced or cancelled while waiting for the lock
            self._timer = None
            self._firing += 1
        try:
            self.fn()
        finally:
            with self._lock:
                self._firing -= 1
                self._idle.notify_all()

    @property
    def pending(self) -> bool:
        """A call is waiting for its delay."""
        return self._timer is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no call is waiting or running; False on timeout."""
        with self._lock:
            return self._idle.wait_for(
                lambda: self._timer is None and self._firing == 0, timeout=timeout
            )

    def flush(self) -> None:
        """Run a waiting call now."""
        with self._lock:
            timer, self._timer = self._timer, None
            self._idle.notify_all()
        if timer is not None:
            timer.cancel()
            self.fn()

    def cancel(self) -> None:
        """Drop a waiting call."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._idle.notify_all()


class PendingPlan:
    """The plan asked for since the last run, merged over a burst of requests: from the
    earliest week any request named, and from scratch if any request was (thread-safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._from: int | None = None
        self._fresh = False

    def ask(self, from_week: int = 1, fresh: bool = True) -> None:
        """Ask for a plan from ``from_week``; ``fresh=False``: a re-plan will do."""
        with self._lock:
            self._from = from_week if self._from is None else min(self._from, from_week)
            self._fresh = self._fresh or fresh

    def take(self) -> tuple[int, bool]:
        """(from week, fresh) of what was asked, forgetting it."""
        with self._lock:
            asked = (self._from or 1, self._fresh)
            self._from, self._fresh = None, False
        return asked
