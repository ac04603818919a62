"""The client's handout: what it shows, what it refuses, and that it is safe and stable."""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from strategies import plan_weeks

import workbench as wb
from workbench.defaults import DEFAULTS
from workbench.domain import Trainer
from workbench.handover.handout import handout_context, handout_html
from workbench.planning.result import PlanResult
from workbench.vocabulary import DAY_LABELS

SCRIPT = "<script>alert(1)</script>"
MONDAY = date(2027, 1, 11)


@pytest.fixture(scope="module")
def catalog():
    return wb.builtin_catalog()


@pytest.fixture(scope="module")
def planned(catalog):
    """(result, client) of the high-fear example (resting pain: today's guidance shows)."""
    client = wb.example_client("high-fear")
    return wb.plan(client, catalog, wb.PlanOptions(weeks=4)), client


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no tags, no style, entities decoded."""
    body = re.sub(r"<head>.*?</head>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize("status", ["referred", "needs_clearance", "infeasible"])
def test_only_a_plan_gets_a_handout(status, catalog):
    client = wb.example_client("desk-worker-flexion")
    with pytest.raises(wb.HandoverError, match="brief"):
        handout_html(PlanResult(status=status, message="no"), client, catalog)


def test_example_clients_without_a_plan_are_refused(catalog):
    for name in ("red-flag", "new-pain-55-no-clearance"):
        client = wb.example_client(name)
        result = wb.plan(client, catalog, wb.PlanOptions(weeks=1))
        with pytest.raises(wb.HandoverError):
            handout_html(result, client, catalog)


def test_a_script_name_renders_as_text(planned, catalog):
    result, client = planned
    evil = dataclasses.replace(
        client,
        name=SCRIPT,
        notes=SCRIPT,
        trainer=Trainer(name='<img src=x onerror="alert(2)">', contact=SCRIPT),
    )
    page = handout_html(result, evil, catalog)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert html.escape(SCRIPT) in page
    assert SCRIPT in visible_text(page)  # the reader sees the name as typed


def test_the_page_loads_nothing_and_runs_nothing(planned, catalog):
    result, client = planned
    page = handout_html(result, client, catalog)
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">" in page
    )
    for pattern in (
        r"<script",
        r"<link",
        r"<img",
        r"<iframe",
        r"\bsrc=",
        r"\bhref=",
        r"url\(",
        "@import",
    ):
        assert not re.search(pattern, page, re.I), pattern
    assert "<svg" in page  # the chart is drawn inline


def test_rendering_twice_gives_identical_bytes(planned, catalog):
    result, client = planned
    one = handout_html(result, client, catalog, start=MONDAY, paper="Letter")
    two = handout_html(result, client, catalog, start=MONDAY, paper="Letter")
    assert one.encode() == two.encode()


@pytest.mark.parametrize(("paper", "size"), [("A4", "A4"), ("Letter", "letter")])
def test_paper_sets_the_page_size(planned, catalog, paper, size):
    result, client = planned
    page = handout_html(result, client, catalog, paper=paper)
    assert f"@page {{ size: {size};" in page
    assert "break-inside: avoid" in page
    # the overview (chart, traffic light) on the first page, then a page per week
    assert ".week, .after-weeks { break-before: page;" in page


def test_an_unknown_paper_is_refused(planned, catalog):
    result, client = planned
    with pytest.raises(wb.HandoverError, match="A4"):
        handout_html(result, client, catalog, paper="A5")


def test_body_type_is_large_enough_to_read_at_arms_length(planned, catalog):
    result, client = planned
    page = handout_html(result, client, catalog)
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", page)]
    assert sizes and min(sizes) >= 12


def test_start_dates_each_day(planned, catalog):
    result, client = planned
    text = visible_text(handout_html(result, client, catalog, start=MONDAY))
    first = result.weeks[0].days[0]
    on = MONDAY.toordinal() + first.day.index
    assert f"{DAY_LABELS[first.day]}, {date.fromordinal(on).day} January 2027" in text
    assert "Week 2 18 January 2027 to 24 January 2027" in text
    assert "January" not in visible_text(handout_html(result, client, catalog))


def test_a_start_that_is_not_a_monday_names_the_next_monday(planned, catalog):
    result, client = planned
    with pytest.raises(wb.HandoverError, match="2027-01-11"):
        handout_html(result, client, catalog, start=date(2027, 1, 7))


def test_trainer_named_at_the_top_and_no_blank_label(planned, catalog):
    result, client = planned
    assert "Your trainer" not in handout_html(result, client, catalog)
    named = dataclasses.replace(client, trainer=Trainer(name="Sam Lee"))
    text = visible_text(handout_html(result, named, catalog))
    assert "Your trainer: Sam Lee" in text and "Contact" not in text
    both = dataclasses.replace(client, trainer=Trainer("Sam Lee", "07700 900123"))
    top = visible_text(handout_html(result, both, catalog)).split("This is your program")[0]
    assert client.name in top and "Sam Lee" in top and "07700 900123" in top


def test_the_traffic_light_numbers_come_from_the_defaults(planned, catalog, monkeypatch):
    result, client = planned
    safe = DEFAULTS["pain_safe_max"]
    monkeypatch.setitem(DEFAULTS, "pain_safe_max", dataclasses.replace(safe, value=1.0))
    text = visible_text(handout_html(result, client, catalog))
    assert "Green 0 to 1 out of 10" in text
    assert "Amber 2 to 5 out of 10" in text


def test_todays_guidance_and_precautions_reach_the_client(planned, catalog):
    result, client = planned
    watched = dataclasses.replace(result, watch_for=("Dizziness or chest pain",))
    text = visible_text(handout_html(watched, client, catalog))
    assert result.today is not None and result.today.client_text in text
    assert "Dizziness or chest pain" in text
    assert "Weakness or numbness in both legs" in text  # a red flag, calmly


def test_every_block_shows_name_cue_minutes_and_effort(planned, catalog):
    result, client = planned
    text = visible_text(handout_html(result, client, catalog))
    for week in result.weeks:
        for day in week.days:
            for block in day.blocks:
                assert block.name in text
                assert catalog[block.exercise_id].cue in text
                assert f"{block.minutes} min" in text
                assert f"Effort {block.rpe:g} out of 10: {wb.effort_words(block.rpe)}" in text


_PLAN_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_PLAN_SETTINGS
@given(weeks=st.integers(1, 12).flatmap(plan_weeks), name=st.text(max_size=40))
def test_any_plan_shows_every_week_day_and_block(weeks, name):
    client = dataclasses.replace(wb.example_client("desk-worker-flexion"), name=name)
    result = PlanResult(status="planned", message="", weeks=weeks)
    page = handout_html(result, client, wb.builtin_catalog())
    assert page.count('<section class="week"') == len(weeks)
    assert page.count('<article class="day"') == sum(len(w.days) for w in weeks)
    assert page.count('<li class="block"') == sum(len(d.blocks) for w in weeks for d in w.days)
    assert page.count('<rect class="bar"') == len(weeks)
    assert str(escape(name)) in page  # as Jinja escapes it
    assert html.unescape(str(escape(name))) == name


@_PLAN_SETTINGS
@given(weeks=st.integers(2, 8).flatmap(plan_weeks))
def test_taller_bars_for_heavier_weeks(weeks):
    result = PlanResult(status="planned", message="", weeks=weeks)
    client = wb.example_client("desk-worker-flexion")
    bars = handout_context(result, client, wb.builtin_catalog())["chart"]["bars"]
    assert len(bars) == len(weeks)
    for a, b in itertools.combinations(zip(weeks, bars, strict=True), 2):
        (week_a, bar_a), (week_b, bar_b) = a, b
        if week_a.load < week_b.load:
            assert bar_a["h"] <= bar_b["h"]
        assert bar_a["y"] + bar_a["h"] == pytest.approx(bar_b["y"] + bar_b["h"])  # one baseline
