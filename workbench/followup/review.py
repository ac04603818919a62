"""The weekly review: a week's logs -> progress, hold, regress or suspend (domain.md §5, §4).

A pure function of its arguments (no store). Each rule's number is in
:data:`workbench.defaults.DEFAULTS`; each reason cites its rule and quotes the numbers.

Rules, in order of precedence:

1. red-flag words or new leg symptoms in any note (:func:`~workbench.followup.notes.log_flags`)
   -> suspend: nothing is planned until the questions are answered again;
2. two red weeks in a row -> regress by ``two_red_weeks_fraction`` and suggest a clinician
   review;
3. weekly mean pain (during) or next-morning stiffness up by ``regress_pain_rise_points`` or
   more vs last week -> regress (the last green week's logged load or ``regress_fraction``
   less, the lower; never below ``min_start_ceiling_au``);
4. a red week (pain during above the acceptable band), an amber one (pain 3-5, a morning
   that did not settle, a weekly mean up), or adherence below ``min_adherence_to_progress``
   -> hold;
5. otherwise (all green, enough adherence) -> progress by ``weekly_rise``.

The acute:chronic ratio and monotony go in :class:`~workbench.followup.decision.LoadInfo`
as information, never a gate on their own.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from workbench.defaults import Params, resolve
from workbench.domain import Client, Day, Exercise
from workbench.followup.decision import Decision, Light, Rested, Review
from workbench.followup.load_figures import load_info
from workbench.followup.notes import log_flags
from workbench.followup.pain_rules import SILBERNAGEL, acceptable_limit, rested_for, session_light
from workbench.records.models import LogStatus, ScheduledSession, SessionLog

_WORSE = {Light.GREEN: 0, Light.AMBER: 1, Light.RED: 2}


def next_ceiling(
    decision: Decision,
    ceiling: float,
    logged_load: float,
    history: Sequence[Review],
    params: Params,
    *,
    two_red: bool = False,
) -> float:
    """The next week's ceiling [AU] after ``decision``.

    Parameters
    ----------
    decision : Decision
    ceiling : float
        This week's ceiling [AU].
    logged_load : float
        This week's logged load [AU]. Not read by the current rules (a regress goes back
        to the last *green* week's load, from ``history``); kept so a trainer's override
        is computed from the same figures as the proposal.
    history : sequence of Review
        The earlier weeks' reviews, oldest first (the last green week's logged load).
    params : Params
    two_red : bool
        Two red weeks in a row: drop by ``two_red_weeks_fraction`` instead.

    Returns
    -------
    float
        Progress: ``ceiling × (1 + weekly_rise)``; hold and suspend: ``ceiling``; regress:
        the lower of ``ceiling × (1 - regress_fraction)`` and the last green week's logged
        load (two red weeks: ``ceiling × (1 - two_red_weeks_fraction)``), never below
        ``min_start_ceiling_au``.
    """
    del logged_load  # the rules read the history's loads; kept for the override's call
    if decision is Decision.PROGRESS:
        return ceiling * (1 + params.weekly_rise)
    if decision is not Decision.REGRESS:
        return ceiling
    if two_red:
        target = ceiling * (1 - params.two_red_weeks_fraction)
    else:
        target = ceiling * (1 - params.regress_fraction)
        green = [r.load.logged for r in history if r.light is Light.GREEN and r.load.logged > 0]
        if green:
            target = min(target, green[-1])
    return max(target, min(params.min_start_ceiling_au, ceiling))


def _mean(values: Sequence[int | None]) -> float | None:
    got = [v for v in values if v is not None]
    return round(statistics.fmean(got), 2) if got else None


def session_adherence(sessions: Sequence[ScheduledSession], logs: Sequence[SessionLog]) -> float:
    """Share of ``sessions`` done by their ``logs``; partly done counts half [fraction].

    1.0 when there are no sessions (nothing was due). The weekly review and the status's
    7, 30 and 90 days both count this way.
    """
    if not sessions:
        return 1.0
    ids = {s.id for s in sessions}
    credit = {LogStatus.DONE: 1.0, LogStatus.PARTLY: 0.5}
    done = {log.session_id: credit.get(log.status, 0.0) for log in logs if log.session_id in ids}
    return sum(done.values()) / len(sessions)


def review_week(
    week: int,
    ceiling: float,
    sessions: Sequence[ScheduledSession],
    logs: Sequence[SessionLog],
    history: Sequence[Review],
    *,
    catalog: Mapping[str, Exercise],
    client: Client,
    params: Params | None = None,
) -> Review:
    """Review one program week.

    Parameters
    ----------
    week : int
        Program week reviewed.
    ceiling : float
        The week's load ceiling [AU].
    sessions : the week's scheduled sessions
    logs : the week's session logs (planned ones matched by ``session_id``; unplanned kept)
    history : the accepted reviews of the weeks before, oldest first
    catalog : exercise id -> Exercise (the hurting exercises' demands)
    client : Client (pain now: resting pain)
    params : Params, optional
        Defaults with the client's overrides when omitted.

    Returns
    -------
    Review
    """
    p = params if params is not None else resolve(client.overrides)
    ids = {s.id for s in sessions}
    by_id = {s.id: s for s in sessions}
    logs = [log for log in logs if log.session_id is None or log.session_id in ids]
    load = load_info(sessions, logs, history, p)
    adherence = session_adherence(sessions, logs)
    mean_pain = _mean([log.pain_during for log in logs])
    mean_stiff = _mean([log.next_morning_stiffness for log in logs])
    common = dict(
        week=week, ceiling=ceiling, adherence=adherence, mean_pain=mean_pain,
        mean_stiffness=mean_stiff, load=load,
    )  # fmt: skip

    flags: dict[str, list[str]] = {}
    for log in logs:
        for key, words in log_flags(log).items():
            flags.setdefault(key, []).extend(w for w in words if w not in flags.get(key, []))
    if flags:
        said = ", ".join(f'"{w}"' for w in dict.fromkeys(w for ws in flags.values() for w in ws))
        reason = (
            f"the notes mention {said}: the plan pauses until these screening questions "
            f"are answered again ({', '.join(flags)})"
        )
        return Review(
            light=Light.RED, decision=Decision.SUSPEND, reasons=(reason,),
            next_ceiling=ceiling, questions=tuple(flags), **common,
        )  # fmt: skip

    light = Light.GREEN
    reasons: list[str] = []
    rested: list[Rested] = []
    pain_now = client.pain.now
    for log in sorted(logs, key=lambda g: g.on):
        day = list(Day)[log.on.weekday()].label  # not strftime: the locale would change it
        session_light_ = session_light(log, pain_now, p)
        limit = acceptable_limit(log, pain_now, p)
        if session_light_ is Light.RED:
            new = rested_for(log, by_id.get(log.session_id), catalog, limit)
            rested.extend(r for r in new if r.exercise_id not in {x.exercise_id for x in rested})
            reasons.extend(r.reason for r in new)
            if not new:
                reasons.append(
                    f"pain during the session reached {log.pain_during}/10 on {day}, "
                    f"above {limit:g}"
                )
        elif session_light_ is Light.AMBER:
            reasons.append(
                f"pain during the session reached {log.pain_during}/10 on {day}: within "
                f"the acceptable {p.pain_safe_max:g}-{limit:g}, so the load does not rise"
            )
        light = max(light, session_light_, key=_WORSE.get)
        before, morning = log.pain_before, log.next_morning_pain
        if before is not None and morning is not None and morning > before:
            light = max(light, Light.AMBER, key=_WORSE.get)
            reasons.append(
                f"pain the morning after {day}'s session was {morning}/10, above the "
                f"{before}/10 before it: it had not settled, so the load does not rise"
            )
    if reasons:
        reasons.append(SILBERNAGEL)

    rise = 0.0
    if history:
        last = history[-1]
        for label, now, then in (
            ("mean pain during sessions", mean_pain, last.mean_pain),
            ("mean morning stiffness", mean_stiff, last.mean_stiffness),
        ):
            if now is not None and then is not None and now > then:
                rise = max(rise, now - then)
                light = max(light, Light.AMBER, key=_WORSE.get)
                reasons.append(f"{label} rose from {then:g} to {now:g}/10 vs last week")

    two_red = light is Light.RED and bool(history) and history[-1].light is Light.RED
    if two_red:
        decision = Decision.REGRESS
        reasons.append(
            f"two red weeks in a row: the load drops by {p.two_red_weeks_fraction:.0%}, and "
            "a check-in with the client's clinician is suggested"
        )
    elif rise >= p.regress_pain_rise_points:
        decision = Decision.REGRESS
        reasons.append(
            f"a rise of {rise:g} points is at least {p.regress_pain_rise_points:g}: back to "
            f"the last green week's load or {p.regress_fraction:.0%} less, the lower"
        )
    elif light is not Light.GREEN:
        decision = Decision.HOLD
        reasons.append(
            f"{'an' if light is Light.AMBER else 'a'} {light.value} week does not progress: the load holds"
        )
    elif adherence < p.min_adherence_to_progress:
        decision = Decision.HOLD
        reasons.append(
            f"{adherence:.0%} of the planned sessions were done, below "
            f"{p.min_adherence_to_progress:.0%}: the load holds until the routine settles"
        )
    else:
        decision = Decision.PROGRESS
        reasons.append(
            f"every session's pain stayed within 0-{p.pain_safe_max:g}, mornings settled and "
            f"{adherence:.0%} of sessions were done: the load rises by {p.weekly_rise:.0%}"
        )
    return Review(
        light=light,
        decision=decision,
        reasons=tuple(reasons),
        next_ceiling=next_ceiling(decision, ceiling, load.logged, history, p, two_red=two_red),
        rested=tuple(rested),
        clinician_review=two_red,
        **common,
    )
