"""The blind second assessment in the browser, at human pace: the lead marks a case, the second
assessor sees nothing of the first, both submit, the lead settles the disagreement on the
comparison page, and the ratings count the agreed answer. The QA pages fit a 320 px screen and
pass axe."""

from django.contrib.auth import get_user_model

from yjinspect.web.workspace.evidence import agreed_answer_counts
from yjinspect.web.workspace.models import Case

from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations
from .test_assessor_journey import HUMAN, answer_every_question

User = get_user_model()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_blind_journey_from_marking_to_the_agreed_rating(browser, sign_in, workspace):
    mock, url = workspace["mock"], workspace["url"]
    case = Case.objects.filter(inspection=mock, allocated_to__username="assessor").first()

    # The lead marks the case for a second assessment by the inspector.
    lead = sign_in("lead")
    errors = console_errors(lead)
    lead.goto(f"{url}/inspections/{mock.pk}/")
    lead.click("a:has-text('Quality assurance: second assessments')")
    lead.select_option("#id_case", str(case.pk))
    lead.select_option("#id_assessor", label="inspector")
    lead.click("text=Mark for a second assessment")
    lead.get_by_text(f"{case.case_ref} is marked for a second assessment.").wait_for()

    # The first assessor answers and submits.
    first = sign_in("assessor")
    first.goto(f"{url}/cases/{case.pk}/")
    answer_every_question(first, "yes")
    note = first.locator("textarea[id^=evidence-]").first
    note.click()
    note.press_sequentially("FIRST-SECRET plan reviewed", delay=HUMAN)
    first.locator(".app-status").first.get_by_text("Saved").wait_for()
    first.click("button[value=submit]")
    first.get_by_text("Submitted for review.").wait_for()

    # The second assessor sees nothing of the first: not its page, answers, notes or status.
    second = sign_in("inspector")
    second.goto(f"{url}/inspections/{mock.pk}/quality/")
    second.click(f"text={case.case_ref}")
    second.wait_for_url(f"**/cases/{case.pk}/second/")
    assert "FIRST-SECRET" not in second.content()
    assert second.locator("input[name^=value-]:checked").count() == 0
    assert "blind" in second.locator("main").inner_text()
    answer_every_question(second, "yes")
    form = second.locator("form.app-question[id^=question-]").first
    form.locator("input[type=radio][value='no']").check()
    form.locator(".app-status").get_by_text("Saved").wait_for()
    views = second.locator("#child-views")
    views.click()
    views.press_sequentially("Felt listened to", delay=HUMAN)
    second.check("#child-reached-1")  # saves the form, the words typed with it
    second.locator("#status-views").get_by_text("Saved").wait_for()
    assert second.goto(f"{url}/cases/{case.pk}/").status == 404
    assert second.goto(f"{url}/cases/{case.pk}/history/").status == 404
    second.goto(f"{url}/cases/{case.pk}/second/")
    assert "Felt listened to" in second.locator("#child-views").input_value()
    second.click("button[value=submit]")
    second.get_by_text("Second assessment submitted.").wait_for()

    # The lead accepts the first assessment: the disagreement is not counted until settled.
    lead.goto(f"{url}/cases/{case.pk}/")
    lead.click("button[value=accept]")
    lead.get_by_text("Accepted.").wait_for()
    lead.goto(f"{url}/inspections/{mock.pk}/ratings/")
    assert case.case_ref in lead.locator("#unsettled").inner_text()
    question = next(q for q, found in agreed_answer_counts(mock).items() if found == {"yes": 0})

    # Now both see the comparison; the lead settles it with a reason.
    lead.goto(f"{url}/inspections/{mock.pk}/quality/")
    lead.click(f"a[href='/cases/{case.pk}/compare/']")
    lead.wait_for_url(f"**/cases/{case.pk}/compare/")
    assert lead.locator(".govuk-tag", has_text="Different").count() == 1
    assert "FIRST-SECRET" in lead.content() and "Felt listened to" in lead.content()
    slug = question.replace(".", "")
    lead.check(f"#agree-{slug}-2")  # No
    reason = lead.locator(f"#reason-{slug}")
    reason.click()
    reason.press_sequentially("The plan did not address safety", delay=HUMAN)
    lead.click(f"text=Record the agreed answer to {question}")
    lead.get_by_text(f"The agreed answer to {question} is recorded.").wait_for()
    assert agreed_answer_counts(mock)[question] == {"yes": 0, "no": 1}
    lead.goto(f"{url}/inspections/{mock.pk}/ratings/")
    assert lead.locator("#unsettled").count() == 0
    assert errors == []

    # The QA pages at 320 px, with no sideways scroll.
    narrow = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = narrow.new_page()
        page.goto(f"{url}/login/")
        page.fill("#id_username", "lead")
        page.fill("#id_password", workspace["passwords"]["lead"])
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")
        for name, path in (
            ("qa-list", f"/inspections/{mock.pk}/quality/"),
            ("qa-compare", f"/cases/{case.pk}/compare/"),
            ("qa-second", f"/cases/{case.pk}/second/"),
            ("qa-agreement", f"/inspections/{mock.pk}/agreement/"),
            ("qa-report-page", f"/inspections/{mock.pk}/agreement.html"),
        ):
            page.goto(url + path)
            screenshot(page, f"{name}-320")
            assert fits(page), name
            assert serious_violations(page) == [], name
    finally:
        narrow.close()
