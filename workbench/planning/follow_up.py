"""What the weeks already done tell a re-plan of the weeks ahead (the follow-up loop).

A trainer's weekly review (:mod:`workbench.followup`) turns a week's session logs into a
decision: progress, hold or regress (domain.md §5). The weeks ahead are then planned again
as a plan whose week 1 is the program week after the review. :class:`FollowUp` carries
into that plan what the planner cannot know from the client file: the ceiling the decision
set, the loads the client actually logged (each week stays coupled to the actual load of
the week before), the exercises resting for now and the tolerances eased for now.
The planner and the verifier both read it (``PlanOptions.follow_up``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.domain import Dimension


@dataclass(frozen=True)
class FollowUp:
    """The follow-up's input to a re-plan of the weeks ahead.

    Attributes
    ----------
    done_weeks : int
        Program weeks already behind the client: the plan's week 1 is program week
        ``done_weeks + 1`` (the early-phase rules count from the program's start).
    start_ceiling : float
        Week 1's load ceiling [AU], set by the review's decision; later weeks rise from it
        as after a green week.
    reason : str
        The decision and its reason in a trainer's words (week 1's ceiling reason).
    recent_loads : tuple of float
        Weekly loads the client logged in the weeks done, oldest first [AU]: week 1's load
        rises by at most ``weekly_rise`` over the last of them, and they are the chronic
        load of the acute:chronic guard.
    green_weeks : int
        Consecutive green weeks behind the client (vigorous work waits for enough).
    rested : tuple of (str, str)
        ``(exercise id, reason)``: exercises left out of every week for now, the reason
        shown among the exclusions.
    eased : tuple of (Dimension, int, str)
        ``(dimension, tolerance for now 0-3, reason)``: a movement that hurt is tolerated
        less for now; graded exposure brings it back to the client's tolerance.
    """

    done_weeks: int
    start_ceiling: float
    reason: str
    recent_loads: tuple[float, ...] = ()
    green_weeks: int = 0
    rested: tuple[tuple[str, str], ...] = ()
    eased: tuple[tuple[Dimension, int, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON form (in a plan's ``"made"`` options); :meth:`from_json` reads it."""
        return {
            "done_weeks": self.done_weeks,
            "start_ceiling": self.start_ceiling,
            "reason": self.reason,
            "recent_loads": list(self.recent_loads),
            "green_weeks": self.green_weeks,
            "rested": [list(r) for r in self.rested],
            "eased": [[d.value, int(t), why] for d, t, why in self.eased],
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> FollowUp:
        """The inverse of :meth:`to_json`."""
        return cls(
            done_weeks=int(doc["done_weeks"]),
            start_ceiling=float(doc["start_ceiling"]),
            reason=str(doc["reason"]),
            recent_loads=tuple(float(x) for x in doc.get("recent_loads", ())),
            green_weeks=int(doc.get("green_weeks", 0)),
            rested=tuple((str(i), str(why)) for i, why in doc.get("rested", ())),
            eased=tuple((Dimension(d), int(t), str(why)) for d, t, why in doc.get("eased", ())),
        )
