"""What each role does in the browser, as people will use it."""

import pytest

from yjinspect.web.workspace.models import Case, CaseAssessment

from .conftest import console_errors, screenshot

ESSEX_2018 = "Essex Youth Offending Service (demo), fieldwork 1 October 2018 to "
ESSEX_2012 = "Essex Youth Offending Service (demo), fieldwork "
ESSEX_LATER = ESSEX_2012  # the demo's made-up later inspection, dated from the day it is built
MOCK = "Demo Youth Justice Service, fieldwork 1 June 2026 to 5 June 2026"
# By service, the latest fieldwork first; each named by its service and fieldwork dates.
ROLES_HOME = {
    "admin": [],
    "lead": [MOCK, ESSEX_LATER, ESSEX_2018, ESSEX_2012],
    "inspector": [MOCK, ESSEX_LATER, ESSEX_2018, ESSEX_2012],
    "assessor": [MOCK],
    "viewer": [ESSEX_2018, ESSEX_2012],
}


@pytest.mark.parametrize("role", list(ROLES_HOME))
def test_each_role_signs_in_and_sees_only_its_inspections(sign_in, role):
    page = sign_in(role)
    assert page.locator("h1").inner_text() == "Your inspections"
    shown = page.locator(".app-card-list h2 a").all_inner_texts()
    assert len(shown) == len(ROLES_HOME[role])
    assert all(name.startswith(start) for name, start in zip(shown, ROLES_HOME[role], strict=True))
    screenshot(page, f"home-{role}")


def test_ratings_page_shows_the_essex_figures(sign_in, workspace):
    page = sign_in("viewer")
    page.goto(f"{workspace['url']}/inspections/{workspace['essex'].pk}/ratings/")
    assert page.locator("#overall").inner_text().splitlines()[0] == "Overall: Outstanding"
    assert "Good" in page.locator("#standard-34").inner_text()
    screenshot(page, "ratings-essex")


def test_a_local_assessor_gets_404_for_other_cases_and_inspections(sign_in, workspace):
    page = sign_in("assessor")
    other = Case.objects.filter(inspection=workspace["mock"], allocated_to__username="inspector")
    response = page.goto(f"{workspace['url']}/cases/{other.first().pk}/")
    assert response.status == 404
    response = page.goto(f"{workspace['url']}/inspections/{workspace['essex'].pk}/")
    assert response.status == 404


def test_autosave_and_a_second_editor_is_refused(sign_in, workspace):
    case = Case.objects.filter(
        inspection=workspace["mock"], allocated_to__username="inspector"
    ).first()
    url = f"{workspace['url']}/cases/{case.pk}/"
    lead, inspector = sign_in("lead"), sign_in("inspector")
    lead.goto(url)
    inspector.goto(url)
    lead.locator("input[type=radio][value=no]").first.check()
    lead.wait_for_selector("text=Saved")
    screenshot(lead, "assessment-autosaved")
    inspector.locator("input[type=radio][value=yes]").first.check()
    inspector.wait_for_selector("text=was changed after you opened the page")
    assert "lead set 2.1.1 to No" in inspector.locator(".govuk-error-summary").inner_text()
    screenshot(inspector, "assessment-conflict")
    answer = CaseAssessment.objects.get(case=case).answers.get()
    assert answer.value == "no"


def test_a_returned_assessment_shows_its_reason(sign_in, workspace):
    case = Case.objects.filter(
        inspection=workspace["mock"], allocated_to__username="assessor"
    ).first()
    assessor = sign_in("assessor")
    assessor.goto(f"{workspace['url']}/cases/{case.pk}/")
    for radio in assessor.locator("input[type=radio][value=yes]").all():
        radio.check()  # as fast as a person can click: the page queues its own saves
    assessor.click("button[value=submit]")  # no reload: Submit waits for the saves
    assessor.wait_for_selector("text=Submitted for review.")
    assert "Submitted" in assessor.locator("#assessment-status").inner_text()

    lead = sign_in("lead")
    lead.goto(f"{workspace['url']}/cases/{case.pk}/")
    lead.fill("#return-reason-input", "Add the evidence behind 2.1.1")
    lead.click("button[value=return]")
    lead.wait_for_selector("text=Returned to the assessor.")
    assessor.goto(f"{workspace['url']}/cases/{case.pk}/")
    assert "Add the evidence behind 2.1.1" in assessor.locator("#return-reason").inner_text()
    screenshot(assessor, "assessment-returned")


def test_an_accepted_assessment_changes_the_standards_rating(sign_in, workspace):
    case = Case.objects.filter(
        inspection=workspace["mock"], allocated_to__username="assessor", stream="court"
    ).first()
    ratings = f"{workspace['url']}/inspections/{workspace['mock'].pk}/ratings/"
    lead = sign_in("lead")
    lead.goto(ratings)
    assert "Not yet rated" in lead.locator("#standard-21").inner_text()

    assessor = sign_in("assessor")
    assessor.goto(f"{workspace['url']}/cases/{case.pk}/")
    for radio in assessor.locator("input[type=radio][value=yes]").all():
        radio.check()
    assessor.click("button[value=submit]")
    assessor.wait_for_selector("text=Submitted for review.")

    lead.goto(f"{workspace['url']}/cases/{case.pk}/")
    lead.click("button[value=accept]")
    lead.wait_for_selector("text=Accepted.")
    assert "Accepted" in lead.locator("#assessment-status").inner_text()
    lead.goto(ratings)
    assert "Outstanding" in lead.locator("#standard-21").inner_text()
    assert "100%" in lead.locator("#kq-211").inner_text()
    screenshot(lead, "ratings-after-acceptance")


def test_the_report_preview_keeps_its_styles_under_the_csp(sign_in, workspace):
    page = sign_in("lead")
    errors = console_errors(page)
    page.goto(workspace["url"] + f"/inspections/{workspace['essex'].pk}/report/")
    page.click("text=Preview the report (HTML)")
    badge = page.locator(".cover-rating .rating")
    assert badge.inner_text() == "Outstanding"
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 112, 60)"
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(page, "report-preview")


def test_pages_load_without_console_errors(sign_in, workspace):
    page = sign_in("lead")
    errors = console_errors(page)
    for url in (
        "/",
        f"/inspections/{workspace['essex'].pk}/",
        f"/inspections/{workspace['cci'].pk}/report/",
        f"/inspections/{workspace['essex'].pk}/report.html",
    ):
        page.goto(workspace["url"] + url)
        page.wait_for_load_state("networkidle")
    assert errors == []
