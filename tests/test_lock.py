"""The set-up is reproducible: requirements.lock pins what pyproject.toml asks for, the
environment the tests run in is the lock's, and environment.yml installs from the same lock.

Offline: reads the files and the installed distributions, asks no index.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _lock() -> dict[str, list[tuple[str, Marker | None]]]:
    """Package -> [(pinned version, marker or None)] from requirements.lock."""
    pins: dict[str, list[tuple[str, Marker | None]]] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if not line or line[0] in "# -":
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"requirements.lock: {line!r} is not an exact pin"
        pins.setdefault(canonicalize_name(req.name), []).append((spec.version, req.marker))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [
        Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    ]


def _pin_here(entries: list[tuple[str, Marker | None]]) -> str | None:
    """The version the lock pins for this interpreter and platform."""
    for version, marker in entries:
        if marker is None or marker.evaluate():
            return version
    return None


def test_every_dependency_in_pyproject_is_pinned_in_the_lock_within_its_range():
    pins = _lock()
    for req in _declared():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in requirements.lock"
        version = _pin_here(pins[name])
        assert version is not None, f"requirements.lock pins no {req.name} for this platform"
        assert req.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {req.name}=={version}, outside pyproject.toml's "
            f"{req.specifier}: run ./dev.sh lock"
        )


def test_the_lock_header_is_the_command_dev_sh_lock_runs():
    header = (ROOT / "requirements.lock").read_text().splitlines()[1]
    dev = (ROOT / "dev.sh").read_text()
    command = re.sub(r"\s+", " ", dev.split("uv pip compile", 1)[1].split(";;", 1)[0])
    for flag in ("--extra test", "--universal", "--python-version 3.11", "-o requirements.lock"):
        assert flag in header and flag in command, flag


@pytest.mark.parametrize("name", ["highspy", "pulp", "pandas", "ipywidgets", "voila", "pytest"])
def test_the_tests_run_on_the_locked_versions(name):
    """A set-up from the README's commands installs the lock, so what runs is what it pins."""
    pinned = _pin_here(_lock()[canonicalize_name(name)])
    assert metadata.version(name) == pinned, (
        f"{name} {metadata.version(name)} is installed but the lock pins {pinned}: "
        "run ./dev.sh test (it reinstalls from the lock)"
    )


def test_environment_yml_installs_from_the_same_lock():
    text = (ROOT / "environment.yml").read_text()
    assert "- -r requirements.lock" in text
    assert "- -e ." in text
    python = re.search(r"- python=(\S+)", text).group(1)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Requirement(f"python{requires}").specifier.contains(python + ".0")
