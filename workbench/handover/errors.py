"""The hand-over's one error: a hand-over that cannot be made, in a clear sentence."""

from __future__ import annotations

__all__ = ["HandoverError"]


class HandoverError(ValueError):
    """A hand-over that cannot be made (a program for a referred client, an unknown kind);
    the message says why and what to do instead. The command line maps it to exit 2 or 3."""
