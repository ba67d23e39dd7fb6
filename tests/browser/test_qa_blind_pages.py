"""Blindness and moderation in the browser, at 320 px: a blind second assessor is told on the
inspection page and on the refused ratings page why and until when; a lead who assessed a case
is told on its comparison who settles its disagreement instead."""

from django.contrib.auth import get_user_model

from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import SecondAnswer, SecondAssessment
from yjinspect.web.workspace.assessments import questions_for
from yjinspect.web.workspace.models import Answer, Assignment, Case, CaseAssessment, Role

from .conftest import console_errors, screenshot
from .test_qa_journey import fits

User = get_user_model()


def assessed(case, status, values):
    first = CaseAssessment.objects.create(case=case, status=status, version=1)
    for kq, value in values.items():
        Answer.objects.create(assessment=first, key_question=kq, value=value, version=1)


def test_blind_and_moderation_pages_say_why(browser, sign_in, workspace):
    mock, url = workspace["mock"], workspace["url"]
    lead, inspector = (User.objects.get(username=n) for n in ("lead", "inspector"))
    Assignment.objects.create(
        inspection=mock, user=User.objects.create(username="qa_lead"), role=Role.QA_LEAD
    )
    blind = Case.objects.filter(inspection=mock, allocated_to__username="assessor").first()
    assessed(blind, CaseAssessment.Status.SUBMITTED, {})
    allocation.allocate(blind, inspector)
    # A case the lead assessed, both submitted, one disagreement.
    own = Case.objects.filter(inspection=mock, allocated_to__username="assessor").last()
    Case.objects.filter(pk=own.pk).update(allocated_to=lead)
    own.refresh_from_db()
    questions = [q.id for _, qs in questions_for(own) for q in qs]
    assessed(own, CaseAssessment.Status.ACCEPTED, {kq: "yes" for kq in questions})
    second = allocation.allocate(own, User.objects.get(username="assessor"))
    for kq in questions:
        SecondAnswer.objects.create(
            assessment=second, key_question=kq, value="no" if kq == questions[0] else "yes"
        )
    SecondAssessment.objects.filter(pk=second.pk).update(status="submitted")

    # The blind second assessor, on a small screen.
    page = sign_in("inspector")
    errors = console_errors(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{url}/inspections/{mock.pk}/")
    notice = page.locator("#blind-notice")
    assert blind.case_ref in notice.inner_text()
    assert "Not shown while blind" in page.locator("#tasks").inner_text()
    assert fits(page)
    screenshot(page, "qa-blind-inspection-320")
    page.click("a.govuk-task-list__link:has-text('Ratings')")
    page.get_by_role("heading", name="Not available to you").wait_for()
    assert blind.case_ref in page.locator("main").inner_text()
    assert fits(page)
    screenshot(page, "qa-blind-ratings-refused-320")

    # The lead on the comparison of a case they assessed.
    lead_page = sign_in("lead")
    errors += console_errors(lead_page)
    lead_page.goto(f"{url}/inspections/{mock.pk}/quality/")
    screenshot(lead_page, "qa-page-lead")
    lead_page.click(f"a:has-text('compare'):has-text('{own.case_ref}')")
    lead_page.wait_for_url(f"**/cases/{own.pk}/compare/")
    assert "qa_lead can settle this difference" in lead_page.locator("#moderators").inner_text()
    assert lead_page.locator("text=Record the agreed answer").count() == 0
    screenshot(lead_page, "qa-compare-lead-assessed")
    assert [e for e in errors if "403 (Forbidden)" not in e] == []  # the refusal's own status
