"""What the verifier reports: every rule it checks, by name, and one broken rule.

:data:`RULES` names each rule in the domain's words (domain.md section in brackets); a
:class:`Violation` is one of them broken, with where and the numbers found.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import Day
from workbench.planning.score import score_week as score_week

#: Rule name → what it checks, in the domain's words (domain.md section in brackets).
RULES: dict[str, str] = {
    "screening": "a plan only for a CLEAR screening: no red flag, every question answered, "
    "medical clearance recorded (§1)",
    "red_flag": "any red flag: referred, and no weeks (§1)",
    "no_plan_weeks": "a result that is not a plan carries no weeks",
    "horizon": "a plan has exactly the weeks asked for, numbered 1..N",
    "unknown_exercise": "every block's exercise exists in the catalog",
    "block_data": "a block's minutes, effort, load and discipline are the catalog's",
    "tolerance": "no movement demand above the client's tolerance that week (§3)",
    "graded_exposure": "blocks above the assessed tolerance on a feared movement (an exposure "
    "target above it), at most exposure_max_blocks a week (graded-exposure mode, §3)",
    "exposure_combined": "a block above the assessed tolerance on several feared movements only "
    "once each was done on its own, at that level or more, in exposure_alone_weeks earlier "
    "weeks (graded-exposure mode, §3)",
    "doctor_discipline": "the doctor's banned disciplines (§3)",
    "doctor_exercise": "the doctor's banned exercises (§3)",
    "doctor_max_effort": "the doctor's maximum effort (§3)",
    "osteoporosis": "osteoporosis or a fragility fracture (or a T-score at or below "
    "osteoporosis_t_score): no loaded flexion, end-range flexion or rotation above "
    "osteoporosis_spine_max; impact built up from osteoporosis_impact_start, one level per "
    "osteoporosis_impact_step_weeks (§8)",
    "pregnancy": "pregnancy: effort at most pregnancy_max_rpe, no fall-risk, contact or heated "
    "activity, no lying on the back or front from pregnancy_lying_from_week (§8)",
    "heart_metabolic_kidney": "known heart, metabolic or kidney disease: program weeks "
    "1..heart_metabolic_kidney_weeks below heart_metabolic_kidney_max_met and at most "
    "heart_metabolic_kidney_max_rpe; the load rises by at most "
    "heart_metabolic_kidney_weekly_rise (§8)",
    "equipment": "equipment and settings the client has; gym access provides GYM_PROVIDES (§3)",
    "setting": "only exercises that can be done where the client trains (their settings)",
    "trigger": "no exercise matching a pain trigger's tags or exercises (longer than its "
    "longest block, when it has one) (docs/triggers.md)",
    "disliked": "nothing the client dislikes (discipline, tag, or only disliked settings), "
    "unless the trainer allows it",
    "supervision": "exercises that need supervision only on supervised days (§3)",
    "rested": "a re-plan after a weekly review: no exercise resting after it hurt (§5)",
    "eased": "a re-plan after a weekly review: no demand above an eased movement's tolerance "
    "for now (§5)",
    "trainer_ban": "the trainer's bans",
    "needs_review": "imported rows not yet reviewed, only when the options allow them",
    "pin": "the trainer's pins are honoured",
    "early_phase_effort": "program weeks 1..early_phase_weeks: MET below vigorous_met and "
    "RPE at most early_max_rpe (§4)",
    "early_phase_demands": "exercises with several high demands left out of program weeks "
    "1..multi_high_demand_weeks (§4)",
    "flare_effort": "a flare-up today: week 1 at RPE at most flare_max_rpe (§5)",
    "flare_demands": "a flare-up today: no exercise with flare_high_demand_count or more "
    "high demands in week 1 (§5)",
    "vigorous_gating": "vigorous work only after vigorous_after_green_weeks green weeks (§4)",
    "available_days": "training only on the client's available days",
    "training_days": "training days at most max_training_days",
    "session_minutes": "a day's minutes at most minutes_per_session",
    "weekly_load_ceiling": "week load at most that week's ceiling (§4)",
    "ceiling_reported": "the ceiling the plan states is the rule's ceiling",
    "load_progression": "week load at most (1 + rise) x the week before's planned load (§4)",
    "acute_chronic": "acute:chronic load ratio below acwr_block (§4)",
    "variety_disciplines": "at least min_disciplines_per_week disciplines a week (§6)",
    "discipline_share": "no discipline above max_discipline_share of the week's load (§6)",
    "exercise_uses": "an exercise at most max_uses_per_exercise times a week, once a day",
    "strength_days": "with a strength goal, strength on strength_min_days non-consecutive "
    "days, or on as many as the client's days and allowed exercises give (§6); not asked in "
    "a flare-up's week 1 and held weeks (§5)",
    "session_spike": "minutes of one discipline in one session at most its session cap (§4)",
    "goal_minutes": "with hard goals, every goal's weekly minutes met",
}


@dataclass(frozen=True)
class Violation:
    """One broken rule.

    Attributes
    ----------
    week : int or None
        1-based week of the plan; None for the whole result.
    day : Day or None
        The day, when the rule is about one day.
    rule : str
        A key of :data:`RULES`.
    detail : str
        What was found, with the numbers.
    """

    week: int | None
    day: Day | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = "plan" if self.week is None else f"week {self.week}"
        if self.day is not None:
            where += f" {self.day.value}"
        return f"{where}: {self.rule}: {self.detail}"
