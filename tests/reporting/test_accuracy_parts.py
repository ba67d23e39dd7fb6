"""The sections of a draft report a service may comment on: the report's own contents, with each
standard (or Core Case criterion) under its domain (or section), in reading order."""

from datetime import datetime

from yjinspect.examples import example
from yjinspect.ratings.engine import rate
from yjinspect.reporting.accuracy import LoggedComment, comment_log, report_parts
from yjinspect.reporting.render import report_html
from yjinspect.reporting.report import build
from yjinspect.results import load_results


def parts_of(name):
    loaded = load_results(example(name))
    report = build(rate(loaded), loaded.results)
    return report, report_parts(report)


def test_every_part_is_a_section_of_the_report_in_reading_order():
    for name in ("essex-2018.yaml", "essex-2012.yaml"):
        report, parts = parts_of(name)
        html = report_html(report)
        places = [html.index(f'id="{part.anchor}"') for part in parts]
        assert places == sorted(places), name


def test_standards_follow_their_domain_and_criteria_their_section():
    _, parts = parts_of("essex-2018.yaml")
    anchors = [part.anchor for part in parts]
    assert anchors[:2] == ["foreword", "ratings"]
    assert anchors.index("domain-2") + 1 == anchors.index("standard-2.1")
    assert next(p.title for p in parts if p.anchor == "standard-2.1").startswith("2.1 ")
    _, parts = parts_of("essex-2012.yaml")
    assert any(part.anchor.startswith("criterion-") for part in parts)


def test_the_log_says_unanswered_in_words():
    made = datetime(2018, 11, 20, 9, 30)
    table = comment_log([LoggedComment(1, "Ratings", None, "x", "viewer", made, None, "", "",
                                       None)])  # fmt: skip
    assert table.rows == ((1, "Ratings", None, "x", "viewer", "2018-11-20T09:30",
                           "Not yet answered", None, None, None),)  # fmt: skip
