"""The next inspection of a service: per standard, then and now and the movement, matched by
standard id, and what the previous inspection's frameworks and plan allow to be said.

Current ratings are Essex 2018's (examples/essex-2018.yaml: 1.3, 3.3 and 3.4 Good, every other
standard Outstanding, overall Outstanding 33 of 36); the earlier ones are made up for the test.
"""

import io
from dataclasses import replace
from datetime import date

from docx import Document

from yjinspect.examples import example
from yjinspect.frameworks import load_framework
from yjinspect.plans.rag import Outcome
from yjinspect.ratings.engine import rate
from yjinspect.reporting.formats import ReportFormat
from yjinspect.reporting.movement import Earlier, compare
from yjinspect.reporting.render import report_html, report_markdown
from yjinspect.reporting.report import build, render_report
from yjinspect.results import load_results

LOADED = load_results(example("essex-2018.yaml"))
CURRENT = rate(LOADED)
SAID = (("The YOS Management Board", "review the sufficiency of ..."),
        ("The YOS", "improve planning"))  # fmt: skip


def earlier(framework_id="hmip-yos-2018", ratings=None, overall="Good", outcomes=None):
    return Earlier(load_framework(framework_id), date(2014, 3, 4),
                   ratings if ratings is not None else {"1.1": "Good", "1.3": "Outstanding",
                                                        "2.1": "Outstanding", "3.4": None},
                   overall, SAID, outcomes)  # fmt: skip


def movements(comparison):
    return {line.id: (line.previous, line.current, line.movement) for line in comparison.standards}


def test_each_standard_then_and_now_on_the_frameworks_scale():
    found = compare(earlier(), CURRENT)
    lines = movements(found)
    assert lines["1.1"] == ("Good", "Outstanding", "Improved")
    assert lines["1.3"] == ("Outstanding", "Good", "Declined")
    assert lines["2.1"] == ("Outstanding", "Outstanding", "Unchanged")
    assert lines["3.4"] == (None, "Good", "Not rated before")
    assert lines["1.2"] == (None, "Outstanding", "New standard")  # not in the earlier ratings
    assert (found.overall_previous, found.overall_current, found.overall_movement) == (
        "Good", "Outstanding", "Improved")  # fmt: skip
    assert found.previous == "published 4 March 2014" and found.framework_note is None


def test_a_previous_inspection_without_a_publication_date_is_named_by_its_fieldwork():
    undated = replace(earlier(), published=None, fieldwork_start=date(2012, 2, 1))
    assert compare(undated, CURRENT).previous == (
        "the one of February 2012, published on a date not held here"
    )


def test_a_rating_the_scale_does_not_have_is_not_comparable():
    lines = movements(compare(earlier(ratings={"1.1": "Excellent"}), CURRENT))
    assert lines["1.1"][2] == "Not comparable"


def test_another_rated_framework_is_matched_by_id_and_says_so():
    found = compare(earlier("hmip-yjs-2021"), CURRENT)
    assert "standards are matched by their numbers" in found.framework_note
    assert movements(found)["1.1"][2] == "Improved"


def test_a_scored_framework_compares_no_standard_and_says_why():
    found = compare(earlier("hmip-cci-2009", ratings={}, overall=None), CURRENT)
    assert found.standards == () and found.overall_movement == "Not comparable"
    assert "scores work rather than rating standards" in found.framework_note


def test_what_became_of_the_recommendations_needs_the_plan():
    unknown = compare(earlier(), CURRENT)
    assert [r.outcome for r in unknown.recommendations] == [None, None]
    assert "No improvement plan is held" in unknown.outcomes_note
    known = compare(earlier(outcomes={1: Outcome("All 2 actions complete")}), CURRENT)
    assert [r.outcome for r in known.recommendations] == [Outcome("All 2 actions complete"), None]
    assert known.outcomes_note is None


def test_the_report_shows_the_movement_only_when_there_is_a_previous_inspection():
    report = build(CURRENT, LOADED.results)
    assert "Since the last inspection" not in report_html(report)
    html = report_html(replace(report, previous=compare(earlier(), CURRENT)))
    assert '<section id="previous-inspection"' in html
    assert '<a href="#previous-inspection">Since the last inspection</a>' in html
    row = '<td data-label="Previous">Good</td><td data-label="Now">Outstanding</td>'
    assert row + '<td data-label="Movement">Improved</td>' in html  # named when reflowed


def test_a_previous_recommendation_recurs_only_where_the_lead_marked_it():
    found = compare(earlier(), CURRENT, recurs={2: 3})
    first, second = found.recommendations
    assert first.recurs == "Recurs: no"
    assert second.recurs == "Recurs: yes – recommendation 3 of this report"
    report = replace(build(CURRENT, LOADED.results), previous=found)
    assert "Recurs: yes – recommendation 3 of this report" in report_html(report)
    word = Document(io.BytesIO(render_report(report, ReportFormat.docx)))
    assert any("Recurs: yes – recommendation 3" in p.text for p in word.paragraphs)


def test_a_standard_whose_number_meant_another_standard_before_says_so():
    """Bundled frameworks: 3.4 is "Joint working" in 2018 and "Out-of-court disposal policy and
    provision" in 2021 (here the earlier one); 1.1 has one title in both, so it is said once."""
    titles = {line.id: line.title for line in compare(earlier("hmip-yjs-2021"), CURRENT).standards}
    then = "(in 2021: 3.4 Out-of-court disposal policy and provision)"
    assert titles["3.4"] == f"Joint working {then}"
    assert titles["1.1"] == CURRENT.standards[0].standard.title
    assert all("(in " not in line.title for line in compare(earlier(), CURRENT).standards)


def test_the_markdown_report_carries_the_movement_and_what_became_of_recommendations():
    report = build(CURRENT, LOADED.results)
    assert "Since the last inspection" not in report_markdown(report)
    found = compare(earlier(outcomes={1: Outcome("1 of 2 actions complete, 1 overdue", 1)}),
                    CURRENT, recurs={2: 3})  # fmt: skip
    text = report_markdown(replace(report, previous=found))
    assert "## Since the last inspection" in text
    assert "| Standard | Previous | Now | Movement |" in text
    assert "| 1.1 Governance and leadership | Good | Outstanding | Improved |" in text
    assert "(1 of 2 actions complete, 1 overdue)" in text
    assert "Recurs: yes – recommendation 3 of this report" in text
