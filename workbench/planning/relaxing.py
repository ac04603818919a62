"""An offered relaxation applied through the fields a trainer sets.

The diagnosis (:func:`workbench.optimize.diagnose.diagnose_week`) offers each change as
``(field, value)`` pairs (:attr:`~workbench.optimize.relaxations.Relaxation.changes`);
:func:`apply_relaxation` makes them on the client file's fields and the planning
options, as the form, the CLI's client file and the API would, so an offer can be
checked by planning the client again.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.domain import Client, Goal
from workbench.planning.context import PlanOptions

#: Client-file fields an offer may set to a whole number.
WHOLE_FIELDS = ("minutes_per_session", "max_training_days")


def apply_changes(client: Client, options: PlanOptions, changes) -> tuple[Client, PlanOptions]:
    """``client`` and ``options`` with each ``(field, value)`` of ``changes`` set.

    Parameters
    ----------
    client : Client
    options : PlanOptions
    changes : iterable of (str, object)
        ``"minutes_per_session"`` or ``"max_training_days"`` (a whole number),
        ``"goals.<goal>"`` [min/week], ``"overrides.<rule>"`` (in the rule's unit: the
        client file's override, and the call's own when it has one), or
        ``"pins.remove"`` (an exercise id: every pin of it is removed).

    Raises
    ------
    ValueError
        For a field no trainer can set.
    """
    for path, value in changes:
        head, _, rest = path.partition(".")
        if path in WHOLE_FIELDS:
            client = replace(client, **{path: int(value)})
        elif head == "goals" and rest in {g.value for g in Goal}:
            client = replace(client, goals={**client.goals, Goal(rest): int(value)})
        elif head == "overrides" and rest:
            client = replace(client, overrides={**client.overrides, rest: float(value)})
            if rest in options.overrides:  # the call's own override wins over the file's
                options = replace(options, overrides={**options.overrides, rest: float(value)})
        elif path == "pins.remove":
            options = replace(
                options, pins=tuple(p for p in options.pins if p.exercise_id != value)
            )
        else:
            raise ValueError(f"no trainer's field is called {path!r}")
    return client, options


def apply_relaxation(
    client: Client, options: PlanOptions, relaxation
) -> tuple[Client, PlanOptions]:
    """``client`` and ``options`` with ``relaxation``'s changes made (see
    :func:`apply_changes`)."""
    return apply_changes(client, options, relaxation.changes)
