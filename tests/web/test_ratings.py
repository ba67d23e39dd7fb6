"""The workspace rates with the core engine: Essex 2018 reproduced from stored assessments."""

from yjinspect.web.workspace.evidence import rate_inspection


def test_stored_assessments_reproduce_essex_2018(demo):
    standards, overall = rate_inspection(demo["essex"])
    assert (overall.score, overall.max_score, overall.rating) == (33, 36, "Outstanding")
    joint_working = next(s for s in standards if s.id == "3.4")
    assert (joint_working.evidence_rating, joint_working.rating) == ("Requires improvement", "Good")
    assert joint_working.deciding.tally.percent == 63


def test_ratings_page_shows_overall_and_footnote(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['essex'].pk}/ratings/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Overall: Outstanding" in text and "33 of 36" in text
    assert "Standard 3.4 is rated Good rather than Requires improvement" in text


def test_mock_inspection_has_no_overall_rating_yet(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['mock'].pk}/ratings/")
    assert "No overall rating yet" in page.content.decode()
