"""Every sentence of the client's handout, in one place, each with its source.

The handout template shows only these strings (and the plan's own values: names, cues,
minutes, dates), so :func:`workbench.handover.wording.handout_words` can hand all of them
to the threat-word check (domain.md §7). Numbers come from
:data:`workbench.defaults.DEFAULTS`, never typed into a sentence.

Sources named in the comments: domain.md §5 (pain monitoring, Silbernagel 2007), §6 (what a
week contains, WHO 2020), §7 (words matter: "movement helps", "sensitive, not damaged", "we
build up gradually"), §1 (red flags: AHCPR 1994, NICE NG59); the glossary of
:mod:`workbench.language`; NICE NG59 (2016, updated 2020) on staying active and
self-management; O'Sullivan P.B. et al. (2018) Cognitive functional therapy, Phys Ther
98:408, on sleep and stress as part of the back-pain picture.
"""

from __future__ import annotations

from workbench.defaults import DEFAULTS
from workbench.language import GLOSSARY
from workbench.vocabulary import RED_FLAGS

__all__ = ["EMERGENCY_FLAGS", "REFER_FLAGS", "flag_words", "handout_text", "traffic_light"]

#: Red-flag questions the client watches for as new symptoms (domain.md §1). Items of
#: history (cancer, drug use, steroids, deformity) are asked at the assessment, not watched.
EMERGENCY_FLAGS: tuple[str, ...] = tuple(k for k, (g, _) in RED_FLAGS.items() if g == "emergency")
REFER_FLAGS: tuple[str, ...] = (
    "unexplained_weight_loss",
    "fever_or_unwell",
    "significant_trauma",
    "progressive_neuro_deficit",
    "night_or_rest_pain",
)


def flag_words(flag: str) -> str:
    """A red-flag question as a calm statement: the question's words without the "?"."""
    return RED_FLAGS[flag][1].rstrip("?").strip()


def _numbers() -> dict[str, str]:
    """The numbers the sentences use, from DEFAULTS, formatted for reading."""
    safe = DEFAULTS["pain_safe_max"].value
    acceptable = DEFAULTS["pain_acceptable_max"].value
    return {
        "safe": f"{safe:g}",
        "amber_low": f"{safe + 1:g}",
        "acceptable": f"{acceptable:g}",
        "rise": f"{DEFAULTS['weekly_rise'].value * 100:g}",
    }


def _glossary_sentence(term: str, article: str) -> str:
    """A glossary entry as a sentence: "A flare-up is a spell of more pain ..."."""
    text = GLOSSARY[term]
    return f"{article} {term} is {text[:1].lower()}{text[1:]}"


def handout_text() -> dict[str, str]:
    """The handout's sentences by key (the template's ``t``), numbers filled in.

    Returns
    -------
    dict[str, str]
        Key -> text; the same keys every time, in a fixed order.
    """
    n = _numbers()
    return {
        "title": "Your training program",
        "for": "Program for",
        "trainer": "Your trainer",
        "contact": "Contact",
        # domain.md §7: "movement helps", "sensitive, not damaged", "we build up gradually"
        "intro": "This is your program, week by week. It starts gently and we build up "
        "gradually. Movement helps: a sore back is sensitive, not damaged, and it gets "
        "stronger with use.",
        "how_to_read": "Each day lists its exercises in order, with how to do each one, "
        "how many minutes, and how hard it should feel on a scale from 0 (rest) to 10 "
        "(the most you can give).",
        "week": "Week",
        "minutes": "min",
        "effort": "Effort",
        "out_of_10": "out of 10",
        "day_total": "in all",
        "date_to": "to",
        # domain.md §6: rest days; staying active between sessions (NICE NG59)
        "rest_days": "The days not listed are rest days: walk and move about as you like.",
        "no_days": "No sessions this week: keep walking and moving about as you like.",
        # domain.md §4: the load rises slowly, at most weekly_rise after a green week
        "build_heading": "How the weeks build",
        "build_text": "Each bar is one week's planned training: how hard each exercise "
        f"feels times its minutes, added up. It rises in small steps, about {n['rise']}% a "
        "week at most, so your body has time to get used to it. If a week feels like too "
        "much, tell your trainer and we hold or ease off.",
        "chart_numbers": "Under each bar is its week, above it the week's minutes.",
        "chart_label": "Planned training per week, rising in small steps",
        # domain.md §5 (Silbernagel 2007) and the glossary's "traffic light"
        "light_heading": "Your traffic light for pain",
        "light_intro": "Rate your pain from 0 (none) to 10 (the worst you can imagine) "
        "during each session, and again the next morning. Some pain while you move is "
        "normal and allowed: it does not mean harm.",
        "green": "Green",
        "green_range": f"0 to {n['safe']} out of 10",
        "green_do": "All is well. Carry on as planned.",
        "amber": "Amber",
        "amber_range": f"{n['amber_low']} to {n['acceptable']} out of 10",
        "amber_do": "That is fine and allowed. Keep going at the same effort, or ease off "
        "a little. Your pain should settle to its usual level by the next morning.",
        "red": "Red",
        "red_range": f"above {n['acceptable']} out of 10, or not settled by the next morning",
        "red_do": "Too much for now, and not a sign of harm. Stop that exercise, take an "
        "easier one or rest, and tell your trainer: we adjust the next week together.",
        "today_heading": "About today",
        # the glossary's "flare-up"; domain.md §5; planning.today's calm movement list
        "flare_heading": "If you have a flare-up",
        "flare_what": _glossary_sentence("flare-up", "A"),
        "flare_move": "Keep moving gently: short walks, easy mobility, water work or "
        "gentle yoga, breathing and relaxation. Short rests help; a day in bed does not.",
        "flare_ease": "Do the easier parts of your week at an easy effort, and leave out "
        "what feels like too much today.",
        "flare_tell": "Tell your trainer, so the next weeks ease off for a while and then "
        "build up again.",
        # domain.md §1 (red flags) and §5 (pain spreading down the leg: re-screen), calmly
        "call_heading": "When to stop and call someone",
        "call_intro": "These are rare. If one of them happens, stop the program and get "
        "advice: it is the safe thing to do, and your trainer will help you start again.",
        "emergency_intro": "Go to an emergency department, or call the emergency number, "
        "straight away if you notice:",
        "refer_intro": "Stop the program and see your doctor or physiotherapist soon if you "
        "notice:",
        "leg": "Pain spreading down a leg, or new numbness or weakness: pause the program "
        "and tell your trainer, who will go through the health questions with you again.",
        # the screening's precautions (domain.md §8): result.watch_for
        "watch_intro": "Because of your health, also stop and call your doctor if you notice:",
        # general advice: NICE NG59 (stay active, self-management); WHO 2020 (move more,
        # sit less; built up gradually); O'Sullivan 2018 (sleep and stress)
        "advice_heading": "Looking after yourself between sessions",
        "advice_active": "Stay active every day. Walking, taking the stairs and breaking up "
        "long spells of sitting all count: move more and sit less.",
        "advice_target": "Over the weeks we build towards the amount of activity the World "
        "Health Organization suggests for everyone. Any amount is a good start.",
        "advice_sleep": "Sleep matters. Regular bedtimes, a calm hour before bed and a "
        "comfortable position help your back as well as your mood; pain often eases as "
        "sleep improves.",
        "advice_stress": "Stress can turn pain up. Slow breathing, a walk outside, time with "
        "people you like and things you enjoy all help to turn it down again.",
        "advice_confidence": "Your back is strong and adaptable. Each session that goes well "
        "is a step forward, and a harder day is not a step back.",
        "footer": "Keep this page and bring it to your sessions. Questions are always welcome.",
    }


def traffic_light() -> dict:
    """The traffic light as ``templates/_traffic_light.html.j2`` takes it (``light``).

    Returns
    -------
    dict
        ``heading``, ``intro``, ``today_heading`` and ``rows``: per colour its ``tone`` (green, amber, red:
        the CSS class), ``name``, ``range`` (pain 0-10 from DEFAULTS) and ``do``.
    """
    t = handout_text()
    return {
        "heading": t["light_heading"],
        "intro": t["light_intro"],
        "today_heading": t["today_heading"],
        "rows": [
            {"tone": tone, "name": t[tone], "range": t[f"{tone}_range"], "do": t[f"{tone}_do"]}
            for tone in ("green", "amber", "red")
        ],
    }
