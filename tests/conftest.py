"""Shared fixtures: the repository's examples, published texts kept in tests/fixtures/, the CLI."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from yjinspect.cli import app

# No test may depend on the machine's speed: no deadlines, and no health check that fails a
# slow example. CI runs the same examples every time; local runs explore new ones.
settings.register_profile(
    "local", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("ci", parent=settings.get_profile("local"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def normalise(text: str) -> str:
    """Fold line breaks, hyphenation at line ends and curly quotes, as extracted PDFs have them."""
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    return text.replace("- ", "-")


@pytest.fixture(scope="session", autouse=True)
def static_files_without_collectstatic(tmp_path_factory):
    """Tests never run collectstatic: serve static files plainly, from an empty folder."""
    from django.conf import settings

    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def annex2_2018() -> str:
    """Annex 2 of the Essex 2018 report (the file names its source and licence)."""
    text = (FIXTURES / "essex-2018-annex-2.txt").read_text(encoding="utf-8")
    extract = text[text.index("\n---") :].split("\n", 2)[2]
    assert extract.startswith("Annex 2 – Inspection results")
    return normalise(extract)


@pytest.fixture
def cli() -> Callable[..., object]:
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, [str(arg) for arg in args])

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file into a fresh folder; text is dedented so tests can indent YAML."""

    def make(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make
