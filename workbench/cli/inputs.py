"""Reading the command line's inputs: pins, bans and files, with errors a trainer reads.

Every error is a :class:`InputError` with one sentence: what was given, and why it does
not work ("--pin 'walk-trail:3': week 3 is outside a 1-week plan (--weeks 1)").
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date


class InputError(ValueError):
    """A command-line input that cannot be used, in one sentence."""


class BusyError(InputError):
    """The store is busy: another workbench is writing to it (exit code 5)."""


def option_date(option: str, value: str | None) -> date | None:
    """``--start 2026-12-07`` as a date; ``None`` when the option was not given."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r}: a date is YYYY-MM-DD, e.g. 2026-12-07") from None


@contextmanager
def store_errors(*also: type[Exception], text: Callable[[Exception], str] = str) -> Iterator[None]:
    """The store's errors as the command line's: busy is :class:`BusyError` (exit code 5);
    any other store error, or one of ``also``, is an :class:`InputError` saying ``text(err)``.
    """
    import workbench as wb

    try:
        yield
    except wb.StoreBusy as err:
        raise BusyError(str(err)) from None
    except (wb.StoreError, *also) as err:
        raise InputError(text(err)) from None


def close_matches(value: str, known, n: int = 3) -> list[str]:
    """Up to ``n`` known values close to ``value`` (for "did you mean ...")."""
    return difflib.get_close_matches(value, sorted(known), n=n, cutoff=0.6)


def file_problem(path: str, err: OSError) -> str:
    """``no such file: X`` and the like, without a raw ``[Errno 2]``."""
    if isinstance(err, FileNotFoundError):
        return f"no such file: {path}"
    if isinstance(err, IsADirectoryError):
        return f"{path} is a folder, not a file"
    if isinstance(err, PermissionError):
        return f"no permission to read {path}"
    return f"cannot read {path}: {os.strerror(err.errno) if err.errno else err}"


def known_exercise(option: str, value: str, exercise_id: str, catalog) -> str:
    """``exercise_id`` when the catalog has it, else an InputError with close ids/names."""
    if exercise_id in catalog.by_id:
        return exercise_id
    close = close_matches(exercise_id, catalog.by_id)
    if not close:  # maybe a name was typed
        names = {ex.name.lower(): ex.id for ex in catalog}
        close = [names[n] for n in close_matches(exercise_id.lower(), names)]
    hint = f"; did you mean {', '.join(close)}?" if close else " (workbench catalog search TEXT)"
    raise InputError(f"{option} {value!r}: no exercise {exercise_id!r} in the catalog{hint}")


def parse_pins(values: list[str], weeks: int, catalog):
    """``ID:WEEK[:DAY]`` strings as pins, checked against the catalog and the horizon.

    What a pin asks of the client (an exercise their rules leave out, a day they do not
    train) is the planner's to diagnose, as for a pin set in the design app.

    Raises
    ------
    InputError
        An unknown exercise (with close ids), a week outside the plan, or a day that is
        not mon-sun.
    """
    from workbench import Pin
    from workbench.domain import Day

    pins = []
    days = [d.value for d in Day]
    for value in values:
        parts = value.split(":")
        if len(parts) not in (2, 3) or not all(parts):
            raise InputError(
                f"--pin {value!r}: write EXERCISE_ID:WEEK or EXERCISE_ID:WEEK:DAY, "
                "e.g. walk-trail:1:mon"
            )
        exercise_id = known_exercise("--pin", value, parts[0], catalog)
        try:
            week = int(parts[1])
        except ValueError:
            raise InputError(f"--pin {value!r}: the week {parts[1]!r} is not a number") from None
        if not 1 <= week <= weeks:
            raise InputError(
                f"--pin {value!r}: week {week} is outside a {weeks}-week plan (--weeks {weeks})"
            )
        day = None
        if len(parts) == 3:
            if parts[2].lower() not in days:
                raise InputError(
                    f"--pin {value!r}: {parts[2]!r} is not a day; use one of {', '.join(days)}"
                )
            day = Day(parts[2].lower())
        pins.append(Pin(exercise_id, week, day))
    return tuple(pins)


def parse_bans(values: list[str], catalog) -> frozenset[str]:
    """Exercise ids to leave out, each checked against the catalog (InputError)."""
    return frozenset(known_exercise("--ban", value, value, catalog) for value in values)


def parse_allowed(values: list[str], client) -> frozenset[str]:
    """Disliked things the trainer allows: each must be one the client dislikes."""
    disliked = {str(x) for x in client.disliked}
    for value in values:
        if value not in disliked:
            listed = ", ".join(sorted(disliked)) or "nothing"
            raise InputError(
                f"--allow-disliked {value!r}: the client does not dislike it; they dislike: "
                f"{listed}"
            )
    return frozenset(values)
