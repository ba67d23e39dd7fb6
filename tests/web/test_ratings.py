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


def test_every_key_question_is_shown_with_its_interval(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['essex'].pk}/ratings/").content.decode()
    assert page.count('id="kq-') == 23
    row = page[page.index('id="kq-342"') :].split("</tr>")[0]
    assert "3.4.2 (deciding)" in row and "63%" in row and "44–78%" in row
