"""What goes wrong in a hand-over, in one exception the callers can map to an exit code."""

from __future__ import annotations

__all__ = ["HandoverError"]


class HandoverError(ValueError):
    """A hand-over that cannot be made as asked, with a message that says why and what to do.

    Raised, for example, for a handout of a result that is not a plan (a referred client gets
    the referral letter, a client waiting for clearance the doctor's brief) or for a paper
    size or start date the handout does not take. The CLI maps it to exit code 2 or 3.
    """
