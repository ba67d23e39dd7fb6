"""An assessor's day in the workspace, at human pace and never reloading: from "my cases" to
the next case, answer, note, submit; the lead accepts and the rating moves. The same with one
person in two tabs. Every assessor page fits a 320 px screen."""

import re

import pytest
from django.contrib.auth import get_user_model

from yjinspect.web.assessments.queue import natural_key
from yjinspect.web.workspace.models import Case, CaseAssessment

from ..conftest import EXAMPLES
from .conftest import console_errors, screenshot

User = get_user_model()
HUMAN = 40  # milliseconds between key presses


def answer_every_question(page, value="yes"):
    """Click each unanswered key question's answer and wait for its "Saved"."""
    for form in page.locator("form.app-question[id^=question-]:not(#question-comment)").all():
        radio = form.locator(f"input[type=radio][value='{value}']")
        if radio.is_checked():
            continue
        radio.check()
        form.locator(".app-status").get_by_text("Saved").wait_for()


def test_an_inspector_assesses_case_after_case_without_a_reload(sign_in, workspace):
    mock = workspace["mock"]
    inspector = User.objects.get(username="inspector")
    sample = Case.objects.filter(inspection=mock, selection="sample")
    for case in sample.filter(allocated_to=None)[
        : 10 - sample.filter(allocated_to=inspector).count()
    ]:
        case.allocated_to = inspector  # ten cases in a row
        case.save()
    # In the order "My cases" lists them (by reference), which previous/next then follow.
    mine = sorted(sample.filter(allocated_to=inspector), key=lambda c: natural_key(c.case_ref))
    assert len(mine) == 10
    page = sign_in("inspector")
    errors = console_errors(page)
    failures = []
    page.on("response", lambda r: r.status >= 500 and failures.append(r.url))
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.goto(f"{workspace['url']}/inspections/{mock.pk}/cases/")
    assert page.locator("h1").inner_text() == "My cases"
    page.click(f"text={mine[0].case_ref}")  # open
    for number, case in enumerate(mine):
        page.wait_for_url(re.compile(rf"/cases/{case.pk}/(\?.*)?$"))  # the list's query kept
        opened = len(navigations)
        answer_every_question(page)
        note = page.locator("textarea[id^=evidence-]").first
        note.click()
        note.press_sequentially(f"Plan reviewed with the child, case {number + 1}.", delay=HUMAN)
        page.locator(".app-status").first.get_by_text("Saved").wait_for()  # note
        page.click("button[value=submit]")  # submit
        page.get_by_text("Submitted for review.").wait_for()
        assert page.locator("#assessment-status").inner_text() == "Submitted"
        assert len(navigations) == opened  # submitted in place: no reload, no new page
        if number == 0:
            screenshot(page, "assessor-submitted")
        if number + 1 < len(mine):
            page.click("text=Go to the next case")  # next
    assert failures == [] and errors == []
    assert not page.get_by_text("Not saved").count()
    statuses = CaseAssessment.objects.filter(case__in=mine).values_list("status", flat=True)
    assert list(statuses) == ["submitted"] * len(mine)

    # The lead accepts the first case, and its standard's rating moves.
    first = mine[0]
    standard = re.sub(r"\D", "", _first_standard(first))
    lead = sign_in("lead")
    ratings = f"{workspace['url']}/inspections/{mock.pk}/ratings/"
    lead.goto(ratings)
    before = lead.locator(f"#standard-{standard}").inner_text()
    lead.goto(f"{workspace['url']}/cases/{first.pk}/")
    lead.click("button[value=accept]")
    lead.get_by_text("Accepted.").wait_for()
    lead.goto(ratings)
    after = lead.locator(f"#standard-{standard}").inner_text()
    assert "Not yet rated" in before and after != before and "Outstanding" in after


def _first_standard(case):
    from yjinspect.web.workspace.assessments import questions_for

    return questions_for(case)[0][0].id


def test_one_person_in_two_tabs_is_not_someone_else(browser, workspace):
    mock = workspace["mock"]
    case = Case.objects.filter(inspection=mock, allocated_to__username="assessor").first()
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        first = context.new_page()
        first.goto(workspace["url"] + "/login/")
        first.fill("#id_username", "assessor")
        first.fill("#id_password", workspace["passwords"]["assessor"])
        first.click("button[type=submit]")
        first.wait_for_url(workspace["url"] + "/")
        second = context.new_page()
        url = f"{workspace['url']}/cases/{case.pk}/"
        first.goto(url)
        second.goto(url)
        forms = first.locator("form.app-question[id^=question-]:not(#question-comment)")
        count = forms.count()
        for tab, wanted in ((first, range(0, count, 2)), (second, range(1, count, 2))):
            for index in wanted:
                form = tab.locator("form.app-question[id^=question-]").nth(index)
                form.locator("input[type=radio][value=yes]").check()
                form.locator(".app-status").get_by_text("Saved").wait_for()
        # The second tab adds a note to a question the first tab answered: merged, not refused.
        note = second.locator("textarea[id^=evidence-]").first
        note.press_sequentially("Checked the plan again.", delay=HUMAN)
        second.locator(".app-status").first.get_by_text("Saved").wait_for()
        first.click("button[value=submit]")
        first.get_by_text("Submitted for review.").wait_for()
        assert not first.get_by_text("Not saved").count()
        assert not second.get_by_text("Not saved").count()
        stored = CaseAssessment.objects.get(case=case)
        assert stored.status == "submitted"
        assert stored.answers.exclude(value="yes").count() == 0
        assert "Checked the plan again." in stored.answers.values_list("evidence", flat=True)
    finally:
        context.close()


@pytest.mark.parametrize("role", ["lead", "inspector"])
def test_every_assessor_page_fits_a_narrow_screen(browser, workspace, role):
    mock = workspace["mock"]
    case = Case.objects.filter(inspection=mock, allocated_to__username="inspector").first()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(workspace["url"] + "/login/")
        page.fill("#id_username", role)
        page.fill("#id_password", workspace["passwords"][role])
        page.click("button[type=submit]")
        page.wait_for_url(workspace["url"] + "/")
        wide = {}
        for name, path in {
            "cases": f"/inspections/{mock.pk}/cases/?whose=all",
            "case": f"/cases/{case.pk}/",
            "history": f"/cases/{case.pk}/history/",
            "print": f"/cases/{case.pk}/print/",
            "sample": f"/inspections/{mock.pk}/sample/",
        }.items():
            page.goto(workspace["url"] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[name] = width
            screenshot(page, f"narrow-{role}-{name}")
        assert wide == {}
    finally:
        context.close()


def test_the_sample_form_marks_the_field_and_keeps_what_was_typed(browser, workspace):
    """Defect 3, in the browser and at 320 px: a bad seed and size are field errors."""
    from datetime import date

    from yjinspect.web.workspace.models import Assignment, Inspection, Role, Service

    service = Service.objects.create(name="Fresh YJS", local_authority="Fresh", nation="England",
                                     kind="YJS")  # fmt: skip
    fresh = Inspection.objects.create(
        service=service, framework_id="hmip-yos-2018", framework_version="2018",
        fieldwork_start=date(2026, 6, 1),
    )  # fmt: skip
    Assignment.objects.create(
        inspection=fresh, user=User.objects.get(username="lead"), role=Role.LEAD
    )
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(workspace["url"] + "/login/")
        page.fill("#id_username", "lead")
        page.fill("#id_password", workspace["passwords"]["lead"])
        page.click("button[type=submit]")
        page.wait_for_url(workspace["url"] + "/")
        page.goto(f"{workspace['url']}/inspections/{fresh.pk}/sample/")
        page.set_input_files("#id_population", str(EXAMPLES / "population-demo.csv"))
        page.locator("#id_seed").press_sequentially("abc", delay=HUMAN)
        page.locator("#id_size").press_sequentially("-5", delay=HUMAN)
        page.click("text=Draw the sample")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "The seed must be a whole number" in summary
        assert "The sample size must be a whole number" in summary
        assert "invalid literal" not in page.content()
        assert page.input_value("#id_seed") == "abc" and page.input_value("#id_size") == "-5"
        assert page.locator("#id_seed.govuk-input--error").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        screenshot(page, "narrow-lead-sample-errors")
    finally:
        context.close()


def test_answering_and_submitting_by_keyboard(sign_in, workspace):
    case = Case.objects.filter(
        inspection=workspace["mock"], allocated_to__username="assessor"
    ).last()
    page = sign_in("assessor")
    page.goto(f"{workspace['url']}/cases/{case.pk}/")
    for form in page.locator("form.app-question[id^=question-]:not(#question-comment)").all():
        form.locator("input[type=radio][value=yes]").focus()
        page.keyboard.press("Space")
        form.locator(".app-status").get_by_text("Saved").wait_for()
    page.keyboard.press("Tab")  # on to the evidence note
    page.keyboard.type("Seen at the case file review.", delay=HUMAN)
    page.locator("#submit-assessment").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Submitted for review.").wait_for()
    assert CaseAssessment.objects.get(case=case).status == "submitted"
    assert "Seen at the case file review." in CaseAssessment.objects.get(
        case=case
    ).answers.values_list("evidence", flat=True)
