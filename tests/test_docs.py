"""The README is a newcomer's front door and the docs stay true to the code.

Generated pages (rules, catalog columns, glossary, triggers) match what the code would
write now; every link points at a file that exists; the README names every notebook and
only ``./dev.sh`` commands that exist; the glossary and the app's hover help are the same.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import gen_docs  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("name", sorted(gen_docs.PAGES))
def test_generated_pages_are_up_to_date(name):
    page = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert page == gen_docs.PAGES[name](), f"docs/{name} is stale: run scripts/gen_docs.py"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_points_at_a_file(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+://", target):
            continue
        assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_the_readme_is_a_front_door_of_about_a_thousand_words():
    words = len(README.split())
    assert 600 <= words <= 1300, words
    assert "docs/img/app.png" in README and (ROOT / "docs/img/app.png").stat().st_size > 10_000
    for link in ("docs/glossary.md", "docs/architecture.md", "docs/planner.md"):
        assert link in README


def test_the_readme_names_every_notebook_and_only_dev_sh_commands_that_exist():
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        assert f"`{nb.name}`" in README, nb.name
    dev = (ROOT / "dev.sh").read_text()
    commands = set(re.findall(r"^\s+([a-z]+)\)$", dev, flags=re.M))
    named = set(re.findall(r"\./dev\.sh ([a-z]+)", README))
    assert named and named <= commands, named - commands
    assert {"open", "test"} <= named


def test_ci_runs_the_readmes_test_command():
    assert "./dev.sh test" in README
    assert "dev.sh test" in (ROOT / ".ci" / "run").read_text()


def test_the_glossary_has_the_words_a_trainer_meets_and_no_threat_words():
    from workbench.language import GLOSSARY, find_threat_words

    for term in ("AU", "RPE", "CR-10", "session load", "ceiling", "cap", "tolerance",
                 "demand", "graded exposure", "flare-up", "traffic light"):  # fmt: skip
        assert term in GLOSSARY
        assert f"**{term}**" in (ROOT / "docs" / "glossary.md").read_text()
    for term, text in GLOSSARY.items():
        assert not find_threat_words(text), term


def test_the_app_shows_the_glossary_as_hover_help():
    from workbench.catalog import builtin_catalog
    from workbench.client.examples import example_client
    from workbench.language import GLOSSARY
    from workbench.planning.planner import PlanOptions, plan
    from workbench.ui.answer_html import notes_html

    result = plan(example_client("pool-only"), builtin_catalog(), PlanOptions(weeks=1))
    html = notes_html(result)
    for term in ("AU", "ceiling", "cap"):
        assert f"title='{GLOSSARY[term]}'" in html.replace("&#x27;", "'"), term


def test_the_trigger_page_lists_every_known_trigger():
    from workbench.client.triggers import VOCABULARY

    page = (ROOT / "docs" / "triggers.md").read_text()
    for name in VOCABULARY:
        assert f"| {name} |" in page
