"""Charts never flood the terminal: a stale or missing font, or SVG that WeasyPrint cannot
read, used to print a warning for every piece of text in every report."""

import logging
import re

import pytest
from matplotlib import font_manager

from yjinspect.ratings import rate
from yjinspect.reporting import charts
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.results import load_results

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def essex():
    loaded = load_results(EXAMPLES / "essex-2018.yaml")
    return loaded, rate(loaded)


@pytest.fixture
def fonts_as_matplotlib_knew_them(monkeypatch):
    """matplotlib's font list as its cache had it before Liberation Sans was installed."""
    manager = font_manager.fontManager
    stale = [font for font in manager.ttflist if font.name != charts.PREFERRED_FONT]
    monkeypatch.setattr(manager, "ttflist", stale)
    manager._findfont_cached.cache_clear()
    charts.chart_font.cache_clear()
    yield
    manager._findfont_cached.cache_clear()
    charts.chart_font.cache_clear()


def draw_two(essex):
    loaded, rating = essex
    case_based = [s for s in rating.standards if s.key_questions][:2]
    return [charts.standard_chart(loaded.framework, standard) for standard in case_based]


def test_a_font_cache_older_than_the_font_still_finds_it(
    essex, fonts_as_matplotlib_knew_them, caplog
):
    caplog.set_level(logging.INFO)
    drawn = draw_two(essex)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert charts.chart_font() == "Liberation Sans"  # scripts/test installs fonts-liberation
    assert "font-family=\"'Liberation Sans', 'DejaVu Sans', sans-serif\"" in drawn[0]


def test_a_missing_font_is_said_once_and_charts_use_matplotlibs_own(
    essex, fonts_as_matplotlib_knew_them, monkeypatch, caplog
):
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [])
    caplog.set_level(logging.INFO)
    drawn = draw_two(essex) + draw_two(essex)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == [
        "Liberation Sans is not installed, so the report's charts use DejaVu Sans "
        "(Debian: apt-get install fonts-liberation)"
    ]
    assert all("font-family=\"'DejaVu Sans', sans-serif\"" in svg for svg in drawn)


def test_the_pdf_is_made_without_a_single_warning(essex, caplog):
    loaded, rating = essex
    report = build(rating, loaded.results, [])
    html = render_report(report, ReportFormat.html).decode()
    charts_html = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    assert len(charts_html) >= 8
    assert not any(" style=" in svg or "<style" in svg for svg in charts_html)
    caplog.set_level(logging.INFO)
    assert render_report(report, ReportFormat.pdf).startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
