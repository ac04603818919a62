"""Every number a rule uses, in one table, with its unit and source.

Each entry is a configurable default, never a constant buried in code. ``(H)`` in
``source`` marks a design heuristic beyond the cited evidence (domain.md). A client
file may override any entry by name (``Client.overrides``); :func:`resolve` checks the
name and the allowed range and returns a read-only :class:`Params`.

References
----------
[1] Foster C. et al. (2001) A new approach to monitoring exercise training. JSCR 15:109.
[2] Gabbett T. (2016) The training-injury prevention paradox. BJSM 50:273.
[3] Nielsen R.O. et al. (2014) Excessive progression in weekly running distance. JOSPT 44:739.
[4] Frandsen J. et al. (2025) How much running is too much? BJSM.
[5] Foster C. (1998) Monitoring training in athletes. MSSE 30:1164.
[6] Ainsworth B.E. et al. (2011) Compendium of Physical Activities. MSSE 43:1575.
[7] Hill J.C. et al. (2008) STarT Back Screening Tool. Arthritis Rheum 59:632.
[8] Ostelo R. et al. (2008) Interpreting change scores for pain and functional status. Spine 33:90.
[9] George S.Z. et al. (2010) Graded exposure vs graded activity. JOSPT.
[10] WHO (2020) Guidelines on physical activity and sedentary behaviour.
[11] Silbernagel K.G. et al. (2007) Pain-monitoring model. AJSM 35:897.
[12] Fairbank J.C.T., Pynsent P.B. (2000) The Oswestry Disability Index. Spine 25:2940.
[13] Stratford P. et al. (1995) Patient-Specific Functional Scale. Physiother Can 47:258.
[14] Roland M., Fairbank J. (2000) The Roland-Morris and Oswestry questionnaires. Spine 25:3115.
[15] ACOG (2020) Physical activity and exercise during pregnancy and the postpartum period.
     Committee Opinion 804. Obstet Gynecol 135:e178.
[16] Royal Osteoporosis Society (2019) Strong, Steady and Straight: an expert consensus
     statement on physical activity and exercise for osteoporosis (published as
     Brooke-Wavell K. et al., BJSM 2022 56:837).
[17] Riebe D. et al. (2015) Updating ACSM's recommendations for exercise preparticipation
     health screening. MSSE 47:2473.
[18] WHO Study Group (1994) Assessment of fracture risk and its application to screening
     for postmenopausal osteoporosis. WHO Technical Report Series 843.
[19] Hayden J.A. et al. (2021) Exercise therapy for chronic low back pain. Cochrane
     Database Syst Rev 9:CD009790.
[20] Serlin R.C. et al. (1995) When is cancer pain mild, moderate or severe? Grading pain
     severity by its interference with function. Pain 61:277.
[21] Chapman W.W. et al. (2001) A simple algorithm for identifying negated findings and
     diseases in discharge summaries (NegEx). J Biomed Inform 34:301.
[22] Borg G.A. (1982) Psychophysical bases of perceived exertion. MSSE 14:377.
[23] Foster C. et al. (2008) The talk test as a marker of exercise training intensity.
     J Cardiopulm Rehabil Prev 28:24.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One configurable number.

    Attributes
    ----------
    value : float
        The default value, in ``unit``.
    unit : str
        Unit in brackets style, e.g. ``"fraction"``, ``"AU"``, ``"weeks"``.
    source : str
        Citation; ``(H)`` marks a heuristic.
    description : str
        What the number controls, in the domain's words.
    low, high : float
        Allowed range for an override (inclusive).
    """

    value: float
    unit: str
    source: str
    description: str
    low: float
    high: float

    @property
    def heuristic(self) -> bool:
        """True when the number is a design heuristic (marked ``(H)``)."""
        return "(H)" in self.source


DEFAULTS: dict[str, Rule] = {
    # --- load and ceilings (domain.md §4) ---
    "start_ceiling_fraction": Rule(
        0.75,
        "fraction",
        "graded activity convention (H)",
        "starting weekly ceiling as a share of the client's current tolerated weekly load",
        0.1,
        1.0,
    ),
    "min_start_ceiling_au": Rule(
        150.0,
        "AU",
        "(H)",
        "lowest starting weekly ceiling, for clients with little or no current activity "
        "(e.g. three 15-min sessions at RPE 3 = 135 AU); also the least logged load a "
        "re-plan's first week rises from (a week with nothing done)",
        0.0,
        5000.0,
    ),
    "weekly_rise": Rule(
        0.10,
        "fraction",
        "Gabbett 2016 [2]; weak trial support, so configurable",
        "largest rise of the weekly ceiling after a green week",
        0.0,
        0.30,
    ),
    "max_weekly_rise": Rule(
        0.30,
        "fraction",
        "Nielsen 2014 JOSPT [3]",
        "hard cap on any week-on-week rise of the ceiling or of the planned load",
        0.0,
        0.30,
    ),
    "session_cap_fraction": Rule(
        1.10,
        "fraction",
        "Frandsen 2025 BJSM [4]",
        "a session in one discipline at most this share of the longest session in that "
        "discipline in the last 30 days",
        1.0,
        2.0,
    ),
    "new_discipline_session_min": Rule(
        20.0,
        "min",
        "(H)",
        "longest first session in a discipline the client has not done in the last 30 days",
        5.0,
        120.0,
    ),
    "acwr_warn": Rule(
        1.3,
        "ratio",
        "Gabbett 2016 [2]; critiques Lolli 2019, Impellizzeri 2020",
        "acute:chronic load ratio above which a warning is shown",
        1.0,
        3.0,
    ),
    "acwr_block": Rule(
        1.5,
        "ratio",
        "Gabbett 2016 [2] (soft guardrail only)",
        "acute:chronic load ratio at or above which the week is blocked",
        1.0,
        3.0,
    ),
    "monotony_max": Rule(
        2.0,
        "ratio",
        "Foster 1998 [5] (H for the cut)",
        "weekly mean daily load / SD of daily load",
        1.0,
        10.0,
    ),
    "start_high_ceiling_factor": Rule(
        0.7,
        "fraction",
        "(H)",
        "STarT Back high risk: starting ceiling multiplied by this",
        0.1,
        1.0,
    ),
    "early_phase_weeks": Rule(
        2.0,
        "weeks",
        "(H)",
        "weeks 1..N are moderate at most (MET below vigorous, RPE at most early_max_rpe)",
        0.0,
        12.0,
    ),
    "early_max_rpe": Rule(
        5.0, "CR-10", "(H)", "highest typical effort allowed in the early phase", 0.0, 10.0
    ),
    "vigorous_met": Rule(
        6.0, "MET", "Ainsworth 2011 [6]", "MET at or above which work is vigorous", 3.0, 15.0
    ),
    "moderate_met": Rule(
        3.0, "MET", "Ainsworth 2011 [6]", "MET at or above which work is moderate", 1.0, 6.0
    ),
    "vigorous_rpe": Rule(
        7.0, "CR-10", "(H)", "typical effort at or above which work counts as vigorous", 1.0, 10.0
    ),
    "vigorous_after_green_weeks": Rule(
        4.0, "weeks", "(H)", "vigorous work only after this many consecutive green weeks", 0.0, 12.0
    ),
    "high_demand_level": Rule(
        3.0, "level 0-3", "(H)", "a demand at or above this level counts as high", 1.0, 3.0
    ),
    "multi_high_demand_count": Rule(
        2.0,
        "dimensions",
        "(H)",
        "exercises with at least this many high demands are left out of the first weeks",
        1.0,
        7.0,
    ),
    "multi_high_demand_weeks": Rule(
        4.0, "weeks", "(H)", "weeks 1..N leave out exercises with several high demands", 0.0, 12.0
    ),
    # --- precautions: the movement limits once cleared (domain.md §8) ---
    "osteoporosis_t_score": Rule(
        -2.5,
        "SD",
        "WHO 1994 [18]; Royal Osteoporosis Society 2019 [16]",
        "a bone density T-score at or below this is osteoporosis: its movement limits apply "
        "even when the precaution is not ticked, an osteoporosis answer of no is asked "
        "again, and an unasked one must be asked",
        -5.0,
        0.0,
    ),
    "osteoporosis_spine_max": Rule(
        1.0,
        "level 0-3",
        "ROS 2019 [16] (H for the level)",
        "osteoporosis or a fragility fracture: most loaded flexion, end-range flexion and "
        "rotation demand (no sit-ups, toe touches or loaded twists)",
        0.0,
        3.0,
    ),
    "osteoporosis_impact_start": Rule(
        1.0,
        "level 0-3",
        "ROS 2019 [16] (H for the level)",
        "osteoporosis or a fragility fracture: most impact demand in the first program weeks "
        "(impact is built gradually)",
        0.0,
        3.0,
    ),
    "osteoporosis_impact_step_weeks": Rule(
        4.0,
        "weeks",
        "ROS 2019 [16] (H for the interval)",
        "osteoporosis or a fragility fracture: the impact cap rises one level per this many "
        "program weeks",
        1.0,
        12.0,
    ),
    "pregnancy_lying_from_week": Rule(
        20.0,
        "weeks of pregnancy",
        "ACOG 2020 [15] (H for the cut: after the first trimester)",
        "pregnancy: from this week of pregnancy the watch-for list adds lying flat for long, "
        "and no work lying on the back or front "
        "(long motionless supine positions)",
        12.0,
        42.0,
    ),
    "pregnancy_fall_impact": Rule(
        2.0,
        "level 0-3",
        "ACOG 2020 [15] (H for the level)",
        "pregnancy: an impact demand at or above this counts with running and jumping as a "
        "fall-risk activity, left out",
        1.0,
        3.0,
    ),
    "pregnancy_max_rpe": Rule(
        5.0,
        "CR-10",
        "ACOG 2020 [15] (moderate: can talk; H for the number)",
        "pregnancy: highest typical effort",
        1.0,
        10.0,
    ),
    "heart_metabolic_kidney_weeks": Rule(
        4.0,
        "weeks",
        "Riebe 2015 [17] (H for the length)",
        "known heart, metabolic or kidney disease: program weeks 1..N stay light to moderate",
        0.0,
        12.0,
    ),
    "heart_metabolic_kidney_max_met": Rule(
        6.0,
        "MET",
        "Riebe 2015 [17]; Ainsworth 2011 [6]",
        "known heart, metabolic or kidney disease: in the first weeks only work below this MET",
        1.0,
        15.0,
    ),
    "heart_metabolic_kidney_max_rpe": Rule(
        5.0,
        "CR-10",
        "Riebe 2015 [17] (H for the number)",
        "known heart, metabolic or kidney disease: highest typical effort in the first weeks",
        1.0,
        10.0,
    ),
    "heart_metabolic_kidney_weekly_rise": Rule(
        0.05,
        "fraction",
        "Riebe 2015 [17] (progress gradually; H for the number)",
        "known heart, metabolic or kidney disease: largest rise of the weekly load, in place "
        "of weekly_rise when that is higher",
        0.0,
        0.30,
    ),
    # --- graded exposure (domain.md §3) ---
    "exposure_interval_weeks": Rule(
        1.0,
        "weeks",
        "George 2010 [9] (H for the interval)",
        "graded-exposure mode: one feared movement may come back one step per this many weeks",
        1.0,
        12.0,
    ),
    "exposure_max_blocks": Rule(
        1.0,
        "blocks",
        "(H)",
        "graded-exposure mode: blocks a week that take a feared movement above the client's "
        "starting tolerance (every such block counts, whichever feared movement it takes)",
        0.0,
        14.0,
    ),
    "exposure_alone_weeks": Rule(
        1.0,
        "weeks",
        "George 2010 [9]; domain.md §3 (H for the number)",
        "graded-exposure mode: a block taking several feared movements above the starting "
        "tolerance at once comes only after each was done on its own (at that level or more) "
        "in at least this many earlier weeks of the plan (0: no such wait)",
        0.0,
        12.0,
    ),
    # --- instruments (domain.md §2) ---
    "fabq_pa_elevated": Rule(
        14.0,
        "points",
        "FABQ-PA > 14 elevated fear-avoidance (domain.md §2)",
        "FABQ-PA total above this sets graded-exposure mode",
        0.0,
        24.0,
    ),
    "tsk_high": Rule(
        37.0,
        "points",
        "TSK-17 > 37 high kinesiophobia (domain.md §2)",
        "TSK-17 total above this sets graded-exposure mode",
        17.0,
        68.0,
    ),
    # --- instrument cut points (fixed by each instrument: range is a single value) ---
    "start_back_low_total_max": Rule(
        3.0, "points", "Hill 2008 [7]", "STarT Back total at or below this is low risk", 3.0, 3.0
    ),
    "start_back_high_subscale_min": Rule(
        4.0,
        "points",
        "Hill 2008 [7]",
        "STarT Back psychosocial subscale (items 5-9) at or above this is high risk",
        4.0,
        4.0,
    ),
    "start_back_item9_scored_min": Rule(
        3.0,
        "answer 0-4",
        "Hill 2008 [7]",
        "STarT Back item 9 scores 1 only for answer 3 (very much) or 4 (extremely)",
        3.0,
        3.0,
    ),
    "odi_minimal_max": Rule(
        20.0, "ODI %", "Fairbank 2000 [12]", "ODI up to this is minimal disability", 20.0, 20.0
    ),
    "odi_moderate_max": Rule(
        40.0, "ODI %", "Fairbank 2000 [12]", "ODI up to this is moderate disability", 40.0, 40.0
    ),
    "odi_severe_max": Rule(
        60.0, "ODI %", "Fairbank 2000 [12]", "ODI up to this is severe disability", 60.0, 60.0
    ),
    "odi_crippled_max": Rule(
        80.0,
        "ODI %",
        "Fairbank 2000 [12]",
        "ODI up to this is the 'crippled' band; above it 'bed-bound'",
        80.0,
        80.0,
    ),
    # --- important change and reliability (domain.md §2) ---
    "pain_important_change_points": Rule(
        2.0,
        "NRS points",
        "Ostelo 2008 [8]; domain.md §2",
        "pain 0-10: a change of at least this many points is important, either way",
        1.0,
        10.0,
    ),
    "pain_important_change_fraction": Rule(
        0.30,
        "fraction of baseline",
        "Ostelo 2008 [8]; domain.md §2",
        "pain 0-10: a change of at least this share of the baseline rating is important",
        0.05,
        1.0,
    ),
    "odi_important_change_points": Rule(
        10.0,
        "ODI % points",
        "Ostelo 2008 [8]; domain.md §2",
        "ODI: a change of at least this many percentage points is important",
        1.0,
        100.0,
    ),
    "odi_important_change_fraction": Rule(
        0.30,
        "fraction of baseline",
        "Ostelo 2008 [8]; domain.md §2",
        "ODI: a change of at least this share of the baseline score is important",
        0.05,
        1.0,
    ),
    "rmdq_important_change_points": Rule(
        5.0,
        "RMDQ points",
        "Ostelo 2008 [8]; domain.md §2",
        "RMDQ 0-24: a change of at least this many points is important",
        1.0,
        24.0,
    ),
    "rmdq_important_change_fraction": Rule(
        0.30,
        "fraction of baseline",
        "Ostelo 2008 [8]; domain.md §2",
        "RMDQ 0-24: a change of at least this share of the baseline score is important",
        0.05,
        1.0,
    ),
    "psfs_important_change_points": Rule(
        2.0,
        "PSFS points (mean)",
        "Stratford 1995 [13]; domain.md §2",
        "PSFS: a change of the mean score of at least this many points is important",
        0.5,
        10.0,
    ),
    "odi_min_answered_sections": Rule(
        8.0,
        "sections",
        "(H); Fairbank 2000 [12] rescales for missing sections",
        "ODI with fewer answered sections than this is flagged as less reliable",
        1.0,
        10.0,
    ),
    "rmdq_reliable_low": Rule(
        4.0,
        "RMDQ points",
        "Roland & Fairbank 2000 [14]; domain.md §2",
        "RMDQ totals below this are less reliable for following change (floor)",
        0.0,
        24.0,
    ),
    "rmdq_reliable_high": Rule(
        20.0,
        "RMDQ points",
        "Roland & Fairbank 2000 [14]; domain.md §2",
        "RMDQ totals above this are less reliable for following change (ceiling)",
        0.0,
        24.0,
    ),
    # --- screening (domain.md §1) ---
    "clearance_age_over": Rule(
        50.0,
        "years",
        "AHCPR 1994; NICE NG59 (UK lists 55)",
        "new-onset back pain above this age needs medical clearance first",
        18.0,
        100.0,
    ),
    "clearance_age_under": Rule(
        20.0,
        "years",
        "AHCPR 1994",
        "new-onset back pain below this age needs medical clearance first",
        0.0,
        30.0,
    ),
    "cauda_equina_new_days": Rule(
        14.0,
        "days",
        "GIRFT cauda equina pathway",
        "bladder/bowel change this new (or worsening) is an emergency",
        1.0,
        90.0,
    ),
    "negation_window_words": Rule(
        5.0,
        "words",
        "Chapman et al. 2001 NegEx [21] (H)",
        "a negation cue ('no', 'not', 'never', ...) this many words or fewer before a "
        "free-text term, in the same clause, negates it",
        0.0,
        20.0,
    ),
    # --- precautions (domain.md §8) ---
    "recent_surgery_weeks": Rule(
        12.0,
        "weeks",
        "domain.md §8 (H)",
        "surgery this recent is a precaution: clearance from the surgeon or GP first",
        1.0,
        52.0,
    ),
    "pregnancy_weeks_max": Rule(
        42.0,
        "weeks",
        "ACOG Committee Opinion 804, 2020 [15] (term ends by 42 weeks)",
        "the longest pregnancy a client file may record",
        40.0,
        45.0,
    ),
    "regular_exercise_sessions": Rule(
        3.0,
        "sessions/week",
        "Riebe et al. 2015 ACSM pre-participation screening [17]",
        "exercising regularly: at least this many sessions a week of at least "
        "regular_exercise_minutes; heart, metabolic or kidney disease in a client who does "
        "not needs clearance first",
        1.0,
        7.0,
    ),
    "regular_exercise_minutes": Rule(
        30.0,
        "min",
        "Riebe et al. 2015 ACSM pre-participation screening [17]",
        "the shortest session that counts towards exercising regularly",
        10.0,
        90.0,
    ),
    # --- pain monitoring (domain.md §5) ---
    "pain_safe_max": Rule(
        2.0,
        "NRS 0-10",
        "Silbernagel 2007 [11]",
        "pain during a session up to this is safe",
        0.0,
        10.0,
    ),
    "pain_acceptable_max": Rule(
        5.0,
        "NRS 0-10",
        "Silbernagel 2007 [11]",
        "pain during a session up to this is acceptable; above is too much",
        0.0,
        10.0,
    ),
    # --- the weekly review (domain.md §5, §2; workbench.followup.review) ---
    "regress_pain_rise_points": Rule(
        2.0,
        "NRS points",
        "(H); domain.md §5; Ostelo 2008 [8] for the size of an important change",
        "weekly mean pain or stiffness up by at least this vs last week: regress",
        1.0,
        10.0,
    ),
    "regress_fraction": Rule(
        0.2,
        "fraction",
        "(H); domain.md §5",
        "a regress: the ceiling drops by this share (or to the last green week's logged "
        "load, the lower)",
        0.0,
        0.9,
    ),
    "two_red_weeks_fraction": Rule(
        0.3,
        "fraction",
        "(H); domain.md §5",
        "two red weeks in a row: the ceiling drops by this share and a clinician review is "
        "suggested",
        0.0,
        0.9,
    ),
    "min_adherence_to_progress": Rule(
        0.75,
        "fraction",
        "(H)",
        "share of the week's planned sessions done (partly counts half) below which the "
        "load holds rather than progresses",
        0.0,
        1.0,
    ),
    "reassess_every_weeks": Rule(
        4.0,
        "weeks",
        "domain.md §2",
        "reassess the instruments against the baseline every this many program weeks",
        1.0,
        52.0,
    ),
    # --- today's pain: a flare-up shapes the first week (domain.md §5) ---
    "flare_pain_now": Rule(
        7.0,
        "NRS 0-10",
        "(H); NRS 7-10 is severe pain (Serlin 1995 [20])",
        "pain now at or above this is a flare-up today: the first week starts gently",
        1.0,
        10.0,
    ),
    "flare_rise_points": Rule(
        2.0,
        "NRS points",
        "Ostelo 2008 [8] (H for reading it against the week's average)",
        "pain now at least this many points above the last week's average is a flare-up today",
        1.0,
        10.0,
    ),
    "flare_ceiling_factor": Rule(
        0.5,
        "fraction",
        "(H)",
        "a flare-up today: week 1's load ceiling is the starting ceiling times this",
        0.1,
        1.0,
    ),
    "flare_hold_weeks": Rule(
        1.0,
        "weeks",
        "(H); domain.md §5: hold the load until the pain settles",
        "a flare-up today: the weeks after week 1 whose ceiling stays at week 1's until the "
        "next check-in says the pain has settled",
        0.0,
        11.0,
    ),
    "flare_max_rpe": Rule(
        3.0,
        "CR-10",
        "(H); CR-10 3 is moderate (Foster 2001 [1])",
        "a flare-up today: highest typical effort in week 1",
        1.0,
        10.0,
    ),
    "flare_high_demand_count": Rule(
        1.0,
        "dimensions",
        "(H)",
        "a flare-up today: exercises with at least this many high movement demands are "
        "left out of week 1",
        1.0,
        7.0,
    ),
    "resting_pain_level": Rule(
        5.0,
        "NRS 0-10",
        "Silbernagel 2007 [11]; domain.md §5",
        "pain now at or above this is resting pain: 'acceptable' during a session is then "
        "measured from the pre-session rating",
        0.0,
        10.0,
    ),
    "resting_pain_rise_max": Rule(
        2.0,
        "NRS points",
        "(H); domain.md §5",
        "with resting pain: pain during a session at most this many points above the "
        "pre-session rating",
        0.0,
        10.0,
    ),
    # --- effort in the client's words (the handout; workbench.handover.effort) ---
    "effort_easy_max_rpe": Rule(
        2.0,
        "CR-10",
        "Borg 1982 [22] (CR-10 2 'weak/light'); talk test, Foster 2008 [23] (H for the cut)",
        "typical effort up to this reads 'easy: you can talk in full sentences'",
        0.0,
        10.0,
    ),
    "effort_moderate_max_rpe": Rule(
        4.0,
        "CR-10",
        "Borg 1982 [22] (CR-10 3 'moderate'); talk test, Foster 2008 [23] (H for the cut)",
        "typical effort up to this reads 'moderate: you can still talk, in shorter sentences'",
        0.0,
        10.0,
    ),
    "effort_hard_max_rpe": Rule(
        6.0,
        "CR-10",
        "Borg 1982 [22] (CR-10 5 'strong/heavy'); talk test, Foster 2008 [23] (H for the cut)",
        "typical effort up to this reads 'hard: you can say a few words at a time'; above "
        "it 'very hard: you would rather not talk'",
        0.0,
        10.0,
    ),
    # --- what a week contains (domain.md §6) ---
    "min_disciplines_per_week": Rule(
        2.0,
        "disciplines",
        "van Dieën 2017; Hayden 2021 (H)",
        "disciplines a week, at least",
        1.0,
        9.0,
    ),
    "max_discipline_share": Rule(
        0.60, "fraction", "(H)", "no discipline above this share of the week's load", 0.2, 1.0
    ),
    "max_uses_per_exercise": Rule(
        3.0, "uses/week", "(H)", "an exercise at most this many times a week", 1.0, 7.0
    ),
    "strength_min_days": Rule(
        2.0,
        "days",
        "WHO 2020 [10]; ACSM",
        "strength on at least this many non-consecutive days",
        0.0,
        7.0,
    ),
    "strength_day_min_minutes": Rule(
        10.0, "min", "(H)", "a strength day has at least this many strength minutes", 1.0, 60.0
    ),
    "goal_credit_per_level": Rule(
        1.0 / 3.0,
        "fraction",
        "(H)",
        "share of a block's minutes credited to a goal per contribution level (0-3)",
        0.0,
        1.0,
    ),
    # --- planner: the objective (a week's score, in points) ---
    "coverage_points": Rule(
        100.0,
        "points",
        "(H)",
        "score for each goal fully met, less the share of its weekly minutes missing; it "
        "dominates the score, and a plan scores about this times the goals, so the "
        "relative gap is measured against a meaningful total",
        1.0,
        1000.0,
    ),
    "liked_points": Rule(
        5.0,
        "points",
        "(H)",
        "score for a week spent in liked disciplines, in proportion to the share of the "
        "week's session minutes",
        0.0,
        100.0,
    ),
    "disliked_points": Rule(
        10.0,
        "points",
        "(H)",
        "charge for a week spent in disliked disciplines, in proportion to the share of "
        "the week's session minutes",
        0.0,
        100.0,
    ),
    "current_activity_points": Rule(
        15.0,
        "points",
        "graded activity convention (domain.md §4): start from what the client does (H)",
        "score for a week that keeps each of the client's current activities: a block of "
        "its discipline no longer than one of its current sessions; enough that cheaper "
        "minutes towards other goals do not push it out",
        0.0,
        100.0,
    ),
    "liked_discipline_points": Rule(
        5.0,
        "points",
        "Hayden 2021; domain.md §6: the objective weighs the client's preferences (H)",
        "score for each liked discipline the week uses (on top of the liked minutes)",
        0.0,
        100.0,
    ),
    "trigger_walk_minutes": Rule(
        20.0,
        "min",
        "(H) the older-walker example: walking more than 20 min brings the ache on",
        "longest land-walking block for a client whose trigger is walking far (e.g. "
        "'walking more than 20 minutes'); longer walks are left out, quoting the trigger",
        5.0,
        90.0,
    ),
    "trigger_run_minutes": Rule(
        25.0,
        "min",
        "(H) the runner-returning example: 20 min walk-run felt fine, long runs do not",
        "longest running block for a client whose trigger is long runs; longer runs are "
        "left out, quoting the trigger",
        5.0,
        90.0,
    ),
    "variety_points": Rule(
        1.0, "points", "(H)", "score for each discipline used in the week", 0.0, 100.0
    ),
    "load_points": Rule(
        2.0,
        "points",
        "(H)",
        "charge for the week's load, in proportion to its share of the load cap: ties go "
        "to the gentler week",
        0.0,
        100.0,
    ),
    # --- hand-over: the client's calendar (issue 19) ---
    "calendar_default_hour": Rule(
        18.0, "hour of day", "(H)", "calendar start time when no usual time is recorded", 0.0, 23.0
    ),
    # --- planner: the solver ---
    "relative_gap": Rule(
        0.01, "fraction", "solver setting", "stop when the proven gap is at most this", 0.0, 0.5
    ),
    "time_limit_s": Rule(
        1.0,
        "s",
        "solver setting",
        "time budget for one week of the plan (every solve in it); a week stopped by it "
        "comes back as time_limit with its real gap",
        0.1,
        600.0,
    ),
}


class Params(Mapping[str, float]):
    """Read-only resolved parameters: the defaults with a client's overrides applied.

    Values are read as attributes (``params.weekly_rise``) or by key.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, float]):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> float:
        if name.startswith("_"):  # e.g. while unpickling, before _values is set
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __reduce__(self):  # copy and pickle as the values they hold
        return (Params, (self._values,))

    def __setattr__(self, name, value):  # noqa: D105
        raise AttributeError("Params is read-only")

    def __getitem__(self, key: str) -> float:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        changed = {k: v for k, v in self._values.items() if v != DEFAULTS[k].value}
        return f"Params(overrides={changed})"


class OverrideError(ValueError):
    """An override names an unknown rule or is out of its allowed range."""


def check_override(name: str, value: float) -> str | None:
    """Return why an override is refused, or None when it is acceptable.

    Parameters
    ----------
    name : str
        A key of :data:`DEFAULTS`.
    value : float
        The proposed value, in the rule's unit.
    """
    rule = DEFAULTS.get(name)
    if rule is None:
        return f"unknown rule {name!r}; known rules: {', '.join(sorted(DEFAULTS))}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{name} must be a number [{rule.unit}], got {value!r}"
    if not rule.low <= value <= rule.high:
        return f"{name} must be between {rule.low:g} and {rule.high:g} [{rule.unit}], got {value!r}"
    return None


def resolve(overrides: Mapping[str, float] | None = None) -> Params:
    """Defaults with ``overrides`` applied, after checking each override.

    Raises
    ------
    OverrideError
        Naming every refused override and why.
    """
    overrides = dict(overrides or {})
    problems = [p for k, v in overrides.items() if (p := check_override(k, v))]
    if problems:
        raise OverrideError("; ".join(problems))
    values = {k: r.value for k, r in DEFAULTS.items()}
    values.update({k: float(v) for k, v in overrides.items()})
    return Params(values)
