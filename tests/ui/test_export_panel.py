"""The app's Export area driven in Python: what the trainer sees for a planned, a referred
and a not-yet-cleared client, and that nothing a client typed can run in the app.

The browser test (tests/ui/browser/test_export_browser.py) checks only that the same
wiring works in a real page.
"""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.domain import Trainer
from workbench.planning import planner
from workbench.planning.planner import PlanOptions
from workbench.ui.app import DesignApp
from workbench.ui.export_html import download_link, sandboxed_preview, word_problems_html
from workbench.ui.export_page import handover
from workbench.ui.export_panel import ExportPanel

FAST = "runner-returning"
SCRIPT = "<script>alert(1)</script>"


class _Tags(HTMLParser):
    """Every start tag of a fragment with its attributes, as a browser's parser reads them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(fragment: str, name: str) -> list[dict]:
    return [attrs for tag, attrs in _Tags(fragment).tags if tag == name]


def link_bytes(fragment: str) -> tuple[str, bytes]:
    """The download name and the decoded content of the one link in ``fragment``."""
    (a,) = tags(fragment, "a")
    head, encoded = a["href"].split(",", 1)
    assert head.startswith("data:") and head.endswith(";base64"), head
    return a["download"], base64.b64decode(encoded)


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def planned(example: str, catalog, **changes):
    client = replace(example_client(example), **changes)
    return planner.plan(client, catalog, PlanOptions(weeks=2)), client


# ================================================================== the HTML pieces


@settings(max_examples=200, deadline=None)
@given(page=st.text())
def test_any_page_is_escaped_whole_into_the_sandboxed_frame(page):
    fragment = sandboxed_preview(page, title="t", css_class="wb-x")
    parsed = _Tags(fragment).tags
    # one element, the frame; the page is its srcdoc, character for character
    assert [tag for tag, _ in parsed] == ["iframe"]
    attrs = parsed[0][1]
    assert attrs["sandbox"] == "" and attrs["srcdoc"] == page
    assert "<" not in fragment.split("srcdoc=", 1)[1].rsplit("</iframe>", 1)[0]


@settings(max_examples=100, deadline=None)
@given(data=st.binary() | st.text(), name=st.sampled_from(["a.ics", 'O\'Brien "x".csv', SCRIPT]))
def test_a_download_link_carries_its_file_exactly(data, name):
    fragment = download_link(data, name, "text/plain", "Download", "wb-x")
    got_name, got = link_bytes(fragment)
    assert got_name == name
    assert got == (data.encode("utf-8") if isinstance(data, str) else data)
    assert "<script" not in fragment


def test_word_problems_name_the_word_where_it_is_and_the_gentler_phrasing():
    class P:
        where, word, suggestion = "client.notes", "slipped disc", "sensitive disc"

    class Q:
        where, word, suggestion = SCRIPT, "damage", "sensitivity"

    shown = word_problems_html([P(), Q()])
    assert "Before printing" in shown and "2 phrases" in shown
    assert "client.notes" in shown and "slipped disc" in shown and "sensitive disc" in shown
    assert "<script" not in shown and "&lt;script&gt;" in shown
    assert "passed" in word_problems_html([])


# ================================================================== the panel


def test_a_planned_client_gets_the_handout_calendar_csv_and_brief(catalog):
    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog)
    panel.show(result, client)
    assert panel.error is None, panel.error
    assert panel.program_box.layout.display == "" and panel.reason.layout.display == "none"
    (frame,) = tags(panel.handout_page.preview.value, "iframe")
    assert frame["sandbox"] == "" and frame["srcdoc"] == panel.handout
    assert client.name in panel.handout
    name, content = link_bytes(panel.handout_page.link.value)
    assert name == f"{client.id}-handout.html" and content.decode() == panel.handout
    name, content = link_bytes(panel.ics_link.value)
    assert name.endswith(".ics") and content == panel.ics and b"BEGIN:VEVENT" in content
    name, content = link_bytes(panel.csv_link.value)
    assert name.endswith(".csv") and content.decode() == panel.csv
    assert "exercise_id" in panel.csv.splitlines()[0]
    # the brief, with its download
    assert panel.brief_page.layout.display == ""
    assert "Doctor" in panel.brief_page.heading.value
    assert link_bytes(panel.brief_page.link.value)[1].decode() == panel.brief
    # the word check is shown above the preview, before any download
    children = list(panel.handout_page.children)
    assert children.index(panel.words) < children.index(panel.handout_page.preview)
    assert panel.words.value


def test_the_paper_and_the_start_date_re_make_the_handout_and_the_calendar(catalog):
    from datetime import date

    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog, today=date(2026, 12, 7))
    panel.show(result, client)
    a4, ics = panel.handout, panel.ics
    panel.paper.value = "Letter"
    assert panel.handout != a4 and "letter" in panel.handout.lower()
    panel.start.value = date(2027, 1, 4)
    assert panel.ics != ics and b"20270104" in panel.ics


def test_the_start_offered_is_a_monday_and_another_day_is_refused_in_place(catalog):
    from datetime import date

    assert ExportPanel(catalog, today=date(2026, 12, 9)).start.value == date(2026, 12, 14)
    assert ExportPanel(catalog, today=date(2026, 12, 14)).start.value == date(2026, 12, 14)
    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog, today=date(2026, 12, 7))
    panel.show(result, client)
    panel.start.value = date(2026, 12, 9)  # a Wednesday
    assert panel.error is None, panel.error
    assert panel.handout is None and panel.ics is None
    for shown in (panel.handout_page.preview.value, panel.ics_link.value):
        assert "wb-export-problem" in shown and "2026-12-14" in shown, shown
    assert panel.handout_page.link.value == "" and panel.handout_page.pdf_button.disabled
    panel.start.value = date(2026, 12, 14)
    assert panel.handout is not None and panel.ics is not None


def test_typed_threat_words_are_listed_before_printing_with_the_gentler_phrasing(catalog):
    trainer = Trainer("Sam", "Ask about your slipped disc: 0123 456")
    result, client = planned(FAST, catalog, trainer=trainer)
    panel = ExportPanel(catalog)
    panel.show(result, client)
    assert [(p.where, p.word.lower()) for p in panel.problems] == [
        ("client.trainer.contact", "slipped disc")
    ]
    assert "slipped disc" in panel.words.value and "sensitive disc" in panel.words.value
    assert "client.trainer.contact" in panel.words.value
    # the example's own words pass
    clean = ExportPanel(catalog)
    clean.show(*planned(FAST, catalog))
    assert clean.problems == [] and "passed" in clean.words.value


@pytest.mark.parametrize("name", ["red-flag", "new-pain-55-no-clearance"])
def test_a_client_without_a_program_gets_only_the_letter_with_the_reason(name, catalog):
    client = example_client(name)
    result = planner.plan(client, catalog, PlanOptions(weeks=2))
    assert not result.planned
    panel = ExportPanel(catalog)
    panel.show(result, client)
    assert panel.error is None, panel.error
    assert panel.program_box.layout.display == "none"
    assert panel.handout is None and panel.ics is None and panel.csv is None
    assert "no handout, calendar or CSV" in panel.reason.value.replace("There is", "there is")
    assert panel.reason.layout.display == ""
    referred = name == "red-flag"
    heading = panel.brief_page.heading.value
    assert ("Referral letter" in heading) if referred else ("brief" in heading)
    file_name, content = link_bytes(panel.brief_page.link.value)
    assert file_name == f"{client.id}-brief.html"  # as ``workbench export --brief`` names it
    assert content.decode() == panel.brief


def test_the_script_client_renders_as_text_in_every_preview(catalog):
    result, client = planned(FAST, catalog, name=SCRIPT, notes=f"{SCRIPT} and <img src=x>")
    panel = ExportPanel(catalog)
    panel.show(result, client)
    assert panel.error is None, panel.error
    for section in (panel.handout_page, panel.brief_page):
        shown = section.preview.value
        # the markup a client typed never reaches the app's page as markup
        assert "<script" not in shown and "<img" not in shown
        (frame,) = tags(shown, "iframe")
        assert frame["sandbox"] == ""
        # inside the frame's page it is text too (the page escaped it)
        assert "<script" not in frame["srcdoc"] and "&lt;script&gt;" in frame["srcdoc"]
    assert "<script" not in panel.words.value and "<script" not in panel.handout_page.link.value


def test_a_missing_chromium_says_how_to_install_it(catalog, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_CHROMIUM", str(tmp_path / "no-chromium"))
    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog)
    panel.show(result, client)
    assert panel.make_pdf("handout") is None
    assert "ensure_chromium" in panel.handout_page.pdf_link.value
    assert "wb-pdf-error" in panel.handout_page.pdf_link.value


@pytest.mark.slow
def test_make_the_pdf_offers_the_printed_handout(catalog):
    import os

    if not os.access(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"), os.X_OK):
        pytest.skip("Chromium is not installed (scripts/ensure_chromium.sh)")
    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog)
    panel.show(result, client)
    pdf = panel.make_pdf("handout")
    assert pdf is not None and pdf.startswith(b"%PDF"), panel.handout_page.pdf_link.value
    name, content = link_bytes(panel.handout_page.pdf_link.value)
    assert name == f"{client.id}-handout.pdf" and content == pdf  # ``workbench export --pdf``


def test_the_face_gives_the_panel_its_hand_over_functions():
    for name in ("handout_html", "html_to_pdf", "check_words", "plan_ics", "plan_csv"):
        assert callable(handover(name)), name
    assert callable(handover("brief_html")) and callable(handover("referral_html"))


# ================================================================== in the app


@pytest.fixture
def app(catalog):
    return DesignApp(example=FAST, catalog=catalog, weeks=1, debounce_s=None)


def test_the_app_renders_no_export_until_the_area_is_opened(app):
    assert app.result.planned
    assert app.export.handout is None and not app.export.live
    app.export.area.selected_index = 0
    assert app.export.live and app.export.handout is not None
    assert app.export.error is None, app.export.error
    assert app.form.value.name in app.export.handout


def test_an_open_export_area_follows_the_plan_to_a_referral_and_back(app):
    app.export.area.selected_index = 0
    first = app.export.handout
    app.form.flag_buttons["saddle_numbness"].value = "Yes"
    assert app.result.status == "referred"
    assert app.export.handout is None and app.export.program_box.layout.display == "none"
    assert "Referral letter" in app.export.brief_page.heading.value
    app.form.flag_buttons["saddle_numbness"].value = "No"
    assert app.result.planned and app.export.handout == first


def test_an_invalid_form_leaves_nothing_to_export(app):
    app.export.area.selected_index = 0
    app.form.field_for("age").widget.value = 200
    assert app.export.body.layout.display == "none" and app.export.result is None
    assert app.export.handout is None and app.export.brief is None and app.export.ics is None


def test_no_network_address_in_what_the_panel_shows(catalog):
    result, client = planned(FAST, catalog)
    panel = ExportPanel(catalog)
    panel.show(result, client)
    shown = " ".join(
        w.value
        for w in (panel.handout_page.preview, panel.brief_page.preview, panel.handout_page.link)
    )
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", shown)


# ================================================================== the doctor's answer


def _answer(panel: ExportPanel, avoid: str = "running") -> None:
    from datetime import date

    f = panel.doctor.fields
    f["cleared"].value = "yes"
    f["avoid_disciplines"].value = (avoid,)
    f["max_rpe"].value = "4"
    f["by"].value = "Dr A. Okafor (GP)"
    f["date"].value = date(2026, 12, 1)


def test_in_a_notebook_the_doctors_answer_turns_the_brief_into_a_program(catalog):
    client = example_client("new-pain-55-no-clearance")
    panel = ExportPanel(catalog)
    panel.show(planner.plan(client, catalog, PlanOptions(weeks=2)), client)
    assert panel.handout is None and panel.doctor.widget.layout.display == ""
    _answer(panel)
    assert panel.doctor.apply() is True
    assert panel.result.planned and panel.handout is not None
    assert panel.client.clearance.by == "Dr A. Okafor (GP)"
    rows = panel.csv.splitlines()[1:]
    assert rows and not any(",running," in row for row in rows)


def test_in_the_app_the_doctors_answer_goes_into_the_form_and_re_plans(catalog):
    app = DesignApp(example="new-pain-55-no-clearance", catalog=catalog, weeks=1, debounce_s=None)
    assert app.result.status == "needs_clearance"
    app.export.area.selected_index = 0
    assert "brief" in app.export.brief_page.heading.value and app.export.handout is None
    _answer(app.export)
    assert app.export.doctor.apply() is True
    app.wait()
    assert app.form.value.clearance.cleared and app.form.value.clearance.max_rpe == 4
    assert app.result.planned
    blocks = [b for w in app.result.weeks for d in w.days for b in d.blocks]
    assert blocks and all(b.rpe <= 4 and b.discipline.value != "running" for b in blocks)
    assert app.export.handout is not None and app.export.error is None


def test_a_referred_client_gets_no_doctors_answer_panel(catalog):
    client = example_client("red-flag")
    panel = ExportPanel(catalog)
    panel.show(planner.plan(client, catalog, PlanOptions(weeks=2)), client)
    assert panel.doctor.widget.layout.display == "none"
