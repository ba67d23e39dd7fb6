"""The Essex 2012 Core Case Inspection report, with the comparison columns."""

import io

import pytest
from pypdf import PdfReader

from yjinspect.errors import InputError
from yjinspect.ratings import rate
from yjinspect.reporting.comparison import PublishedScores, headline_ranges, read_published_scores
from yjinspect.reporting.report import ReportFormat, build, comparisons_from, render_report
from yjinspect.results import load_results

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def essex_2012():
    loaded = load_results(EXAMPLES / "essex-2012.yaml")
    return loaded, rate(loaded)


@pytest.fixture(scope="module")
def text(essex_2012) -> str:
    loaded, rating = essex_2012
    others = read_published_scores(EXAMPLES / "cci-published-scores.csv", loaded.framework)
    pdf = render_report(build(rating, loaded.results, others), ReportFormat.pdf)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_headline_scores_beside_the_lowest_highest_and_average_published(text):
    # The figures printed beside Essex in the 2012 report, from the three imported rows.
    assert "Safeguarding (action to protect the young person) 37% 91% 67% 73% MODERATE" in text
    assert "Risk of Harm to others (action to protect the public) 36% 86% 62% 68% MODERATE" in text
    assert (
        "Likelihood of Reoffending (individual less likely to reoffend) 43% 87% 70% 77% MINIMUM"
        in text
    )
    assert "Lowest, highest and average of three earlier inspections under this framework" in text
    assert "(s)" not in text


def test_criterion_and_section_scores_with_comments(text):
    assert "Score: 72%. Comment: MODERATE improvement required" in text
    assert "Score: 83%. Comment: MINIMUM improvement required" in text
    assert "Overall score: 76%" in text


def test_questionnaire_counts_and_recommendations(text):
    assert "92 questionnaires were completed by children and young people." in text
    assert "Knew what their referral order contract or plan was 42 51 82%" in text
    assert "27 questionnaires were completed by victims." in text
    assert text.count("(YOS Head of Service)") == 5


def test_scoring_approach_appendix_shows_the_comment_bands(text):
    assert "MINIMUM improvement required 75% and above" in text
    assert "MODERATE improvement required 60% to 74%" in text
    assert "DRASTIC improvement required 0% to 39%" in text


def test_only_earlier_inspections_of_other_services_are_compared():
    from datetime import date

    others = [
        PublishedScores("A", date(2011, 1, 1), {"safeguarding": 50}),
        PublishedScores("B", date(2013, 1, 1), {"safeguarding": 90}),  # published later
        PublishedScores("Essex", date(2010, 1, 1), {"safeguarding": 10}),  # the same service
        PublishedScores("C", date(2011, 6, 1), {"safeguarding": 61}),
    ]
    ranges = headline_ranges(others, "Essex", date(2012, 5, 1))
    assert ranges["safeguarding"].lowest == 50
    assert ranges["safeguarding"].highest == 61
    assert ranges["safeguarding"].average == 56  # 55.5 rounded half up
    assert ranges["safeguarding"].count == 2


def test_another_inspection_rated_here_joins_the_comparison(essex_2012, tmp_path):
    loaded, _ = essex_2012
    other = tmp_path / "other.yaml"
    other.write_text(
        "framework: hmip-cci-2009\nservice: {name: Other YOS}\n"
        "headlines:\n  safeguarding: {sufficient: 1, insufficient: 1}\n",
        encoding="utf-8",
    )
    found = comparisons_from([other], loaded.framework)
    assert found == [PublishedScores("Other YOS", None, {"safeguarding": 50})]


def test_a_bad_published_scores_file_names_every_row_and_column(essex_2012, tmp_path):
    loaded, _ = essex_2012
    path = tmp_path / "scores.csv"
    path.write_text(
        "service,published,safeguarding,risk_of_harm,likelihood_of_reoffending\n"
        "A,2011-02-30,50,60,70\n"
        ",2011-01-01,150%,60,x\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_published_scores(path, loaded.framework)
    message = caught.value.describe()
    assert "4 problems" in message
    assert "scores.csv:2: published: '2011-02-30' is not an ISO date" in message
    assert "scores.csv:3: safeguarding: '150%' is not a percentage 0-100" in message
    assert "scores.csv:3: likelihood_of_reoffending: 'x' is not a percentage" in message
    assert "scores.csv:3: service: is empty" in message


def test_a_missing_headline_column_is_refused(essex_2012, tmp_path):
    loaded, _ = essex_2012
    path = tmp_path / "scores.csv"
    path.write_text("service,safeguarding\nA,50\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"missing column.*risk_of_harm, likelihood_of_reoffending"
    ):
        read_published_scores(path, loaded.framework)


def test_comparisons_are_refused_for_rated_frameworks(tmp_path):
    from yjinspect.frameworks import load_framework

    with pytest.raises(InputError, match="scored"):
        comparisons_from([tmp_path / "x.csv"], load_framework("hmip-yos-2018"))
