"""Shared fixtures: the repository's examples, the published reference texts, and the CLI."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from yjinspect.cli import app

# CI runs the same examples every time; local runs explore new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REFERENCE = ROOT.parent / "shared" / "reference"


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
    report = (REFERENCE / "essex-2018-inspection-report.txt").read_text(encoding="utf-8")
    start = report.index("Annex 2 – Inspection results")
    return normalise(report[start : report.index("Annex 3 – Glossary")])


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
