"""Today's pain in words: what the client reads and what the trainer reads, with the numbers.

:func:`today_note` reads what the rules made of the client's pain now
(:mod:`workbench.rules.flare`: a flare-up today, resting pain) and the week ceilings of
the planning call, and says it twice: calmly for the client, in their words and free of
threat words (domain.md §7), and for the trainer, naming each rule and its number. The
:class:`TodayNote` also gives the ``flare_up`` and ``pain_guidance`` parts of the
``plan --json`` document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.rules.flare import held_weeks
from workbench.rules.load import starting_ceiling


@dataclass(frozen=True)
class TodayNote:
    """What today's pain changes in the plan, in numbers and in words.

    Attributes
    ----------
    pain_now, average_week : int
        NRS 0-10.
    flare_up : bool
        A flare-up today: week 1 starts gently.
    resting : bool
        Resting pain (pain now at least ``resting_pain_level``).
    reason : str
        Why it is a flare-up, with the numbers ("" when it is not).
    usual_ceiling, week1_ceiling : float
        Week 1's ceiling without and with the flare-up [AU].
    ceiling_factor : float
        ``flare_ceiling_factor`` [fraction].
    max_rpe : float
        Highest typical effort in the flare week [CR-10].
    high_demand_count : int
        Exercises with at least this many high demands are left out of the flare week.
    held_weeks : tuple of int
        Weeks whose ceiling stays at week 1's until the pain has settled.
    weeks : int
        Horizon of the plan [weeks].
    rise_max : float
        With resting pain: most session pain may rise above the pre-session rating
        [NRS points].
    client_text, trainer_text : str
        The same in the client's and in the trainer's words.
    """

    pain_now: int
    average_week: int
    flare_up: bool
    resting: bool
    reason: str
    usual_ceiling: float
    week1_ceiling: float
    ceiling_factor: float
    max_rpe: float
    high_demand_count: int
    held_weeks: tuple[int, ...]
    weeks: int
    rise_max: float
    client_text: str
    trainer_text: str

    def flare_words(self) -> str:
        """The flare-up rule and its numbers for the trainer ("" without a flare-up)."""
        return _flare_trainer(self) if self.flare_up else ""

    def flare_json(self) -> dict | None:
        """The ``flare_up`` part of ``plan --json`` (None without a flare-up): ceilings
        [AU], effort [CR-10], weeks [1-based]."""
        if not self.flare_up:
            return None
        return {
            "pain_now": self.pain_now,
            "average_week": self.average_week,
            "reason": self.reason,
            "week1_ceiling": self.week1_ceiling,
            "usual_week1_ceiling": self.usual_ceiling,
            "ceiling_factor": self.ceiling_factor,
            "max_rpe": self.max_rpe,
            "high_demand_count": self.high_demand_count,
            "held_weeks": list(self.held_weeks),
            "client": _flare_client(self),
            "trainer": self.flare_words(),
        }

    def guidance_json(self) -> dict | None:
        """The ``pain_guidance`` part of ``plan --json`` (None without resting pain):
        the most session pain may rise above the pre-session rating [NRS points]."""
        if not self.resting:
            return None
        return {
            "pain_now": self.pain_now,
            "rise_max": self.rise_max,
            "client": _guidance_client(self),
            "trainer": _guidance_trainer(self),
        }


def today_note(ctx) -> TodayNote | None:
    """What today's pain changes in a planning call's plan; None when pain now is below
    both the flare-up and the resting-pain rules.

    Parameters
    ----------
    ctx : workbench.planning.context.Context
    """
    today, params = ctx.today, ctx.params
    if today is None or not (today.flare_up or today.resting):
        return None
    usual = starting_ceiling(ctx.client, params, ctx.modes.start_high).value
    note = TodayNote(
        pain_now=today.now,
        average_week=today.average_week,
        flare_up=today.flare_up,
        resting=today.resting,
        reason=today.reason,
        usual_ceiling=usual,
        week1_ceiling=ctx.ceilings[0].value,
        ceiling_factor=params.flare_ceiling_factor,
        max_rpe=params.flare_max_rpe,
        high_demand_count=int(params.flare_high_demand_count),
        held_weeks=held_weeks(today, len(ctx.ceilings), params),
        weeks=len(ctx.ceilings),
        rise_max=params.resting_pain_rise_max,
        client_text="",
        trainer_text="",
    )
    client = [_flare_client(note)] if today.flare_up else []
    trainer = [_flare_trainer(note)] if today.flare_up else []
    if today.resting:
        client.append(_guidance_client(note))
        trainer.append(_guidance_trainer(note))
    return replace(note, client_text=" ".join(client), trainer_text=" ".join(trainer))


def _flare_client(n: TodayNote) -> str:
    """A flare-up today, for the client: calm, and why this week starts gently."""
    if n.held_weeks:
        later = (
            "Next week stays at this level, and the weeks after depend on how you feel at "
            "our next check-in: we build up again once your pain has settled."
        )
    elif n.weeks > 1:
        later = "The weeks after depend on how you feel at our next check-in."
    else:
        later = "We build up again once you tell us your pain has settled."
    return (
        f"Your pain is higher today ({n.pain_now} out of 10), so this week starts gently: "
        f"a lighter week at an easy effort (about {n.max_rpe:g} out of 10), with calm "
        "movement such as mobility and relaxation, walking, water work or gentle yoga. "
        f"Flare-ups settle, and gentle movement helps them settle. {later}"
    )


def _flare_trainer(n: TodayNote) -> str:
    """A flare-up today, for the trainer: the rule and its numbers."""
    held = (
        f"; week{'s' if len(n.held_weeks) > 1 else ''} "
        f"{', '.join(map(str, n.held_weeks))} held at {n.week1_ceiling:g} AU until the next "
        "check-in says the pain has settled (flare_hold_weeks), later weeks rising from there"
        if n.held_weeks
        else ""
    )
    value = round(n.usual_ceiling * n.ceiling_factor, 1)
    ceiling = f"{n.usual_ceiling:g} AU × {n.ceiling_factor:g} = {value:g} AU (flare_ceiling_factor)"
    if n.week1_ceiling > value:
        ceiling += f", kept at the {n.week1_ceiling:g} AU starting floor (min_start_ceiling_au)"
    return (
        f"Flare-up today ({n.reason}): week 1 ceiling {ceiling}{held}; week 1 "
        f"keeps to RPE ≤ {n.max_rpe:g} (flare_max_rpe) and leaves out exercises with "
        f"{n.high_demand_count} or more high demands (flare_high_demand_count); week 1 and "
        "the held weeks ask for no strength days (strength work as it fits); heuristics (H), "
        "domain.md §5."
    )


def _guidance_client(n: TodayNote) -> str:
    """Resting pain, for the client: how much pain during a session is fine."""
    return (
        f"You start with some pain already ({n.pain_now} out of 10). During a session your "
        f"pain may rise at most {n.rise_max:g} points above how you felt before, and it "
        "should settle back to where it was by the next morning; if it goes higher, ease "
        "off and tell us."
    )


def _guidance_trainer(n: TodayNote) -> str:
    """Resting pain, for the trainer: the rule and its numbers."""
    return (
        f"Resting pain {n.pain_now}/10 (≥ resting_pain_level): acceptable session pain is at "
        f"most +{n.rise_max:g} above the pre-session rating (resting_pain_rise_max, (H); "
        "Silbernagel 2007, domain.md §5)."
    )
