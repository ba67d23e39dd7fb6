"""Each chart is drawn once: measuring the layout and then saving once, not twice."""

import pytest
from matplotlib.figure import Figure

from yjinspect.ratings import rate_file
from yjinspect.reporting.charts import caseload_chart, standard_chart
from yjinspect.reporting.inspection import ProfileTable

from ..conftest import EXAMPLES


@pytest.fixture
def draws(monkeypatch):
    """The renderers that whole figures are drawn with (the real drawing, only counted)."""
    drawn = []
    draw = Figure.draw

    def counted(figure, renderer):
        drawn.append(type(renderer).__name__)
        return draw(figure, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    return drawn


def test_a_standard_chart_is_drawn_once(draws):
    rating = rate_file(EXAMPLES / "essex-2018.yaml")
    rated = next(s for s in rating.standards if s.key_questions)
    svg = standard_chart(rating.framework, rated)
    assert draws == ["MixedModeRenderer"]  # the SVG file, drawn once
    assert svg.count("<svg") == 1 and rated.key_questions[0].id in svg


def test_the_caseload_chart_is_drawn_once(draws):
    tables = [ProfileTable("Age", (("10-14", 3, 30), ("15-17", 7, 70)))]
    svg = caseload_chart(tables)
    assert draws == ["MixedModeRenderer"]  # the SVG file, drawn once
    assert "Age" in svg
