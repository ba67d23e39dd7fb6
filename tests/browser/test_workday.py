"""A day's work in the browser (issue 12): no Content Security Policy error while answering,
the report preview and the sampling report reflowed at 320 px, the lead's stage moves
confirmed, "select all" and previous/next through a filtered list."""

import json
import re

from django.contrib.auth import get_user_model

from yjinspect.web.workspace.models import Case, Inspection

from .conftest import screenshot

HUMAN = 40  # milliseconds between key presses


def test_answering_a_case_breaks_no_content_security_policy(sign_in, workspace):
    mock = workspace["mock"]
    page = sign_in("inspector")
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    # Violations are counted where they happen too, whether or not the console reports them.
    page.add_init_script(
        "window.violations = []; document.addEventListener('securitypolicyviolation',"
        " e => window.violations.push([e.violatedDirective, e.sourceFile, e.lineNumber,"
        " (e.target.outerHTML || e.target.nodeName || '').slice(0, 150)].join(' ')));"
    )
    page.goto(f"{workspace['url']}/inspections/{mock.pk}/cases/")
    page.locator("#queue td[data-label=Case] a").first.click()
    page.wait_for_url(re.compile(r"/cases/\d+/"))
    forms = page.locator("form.app-question[id^=question-]:not(#question-comment)")
    for form in forms.all()[:3]:
        form.locator("input[type=radio][value='yes']").check()
        form.locator(".app-status").get_by_text("Saved").wait_for()
    note = page.locator("textarea[id^=evidence-]").first
    note.click()
    note.press_sequentially("Plan reviewed with the child.", delay=HUMAN)
    page.locator(".app-status").first.get_by_text("Saved").wait_for()
    page.click("button[value=submit]")  # refused: questions unanswered, drawn in place
    page.locator(".govuk-error-summary").first.wait_for()
    screenshot(page, "workday-case-answering")
    for form in forms.all():
        radio = form.locator("input[type=radio][value='no']")
        if not form.locator("input[type=radio]:checked").count():
            radio.check()
            form.locator(".app-status").get_by_text("Saved").wait_for()
    page.click("button[value=submit]")
    page.get_by_text("Submitted for review.").wait_for()
    violations = page.evaluate("window.violations")
    if page.locator("text=Go to the next case").count():
        page.click("text=Go to the next case")
        page.locator("h1").wait_for()
        violations += page.evaluate("window.violations")
    assert violations == []
    assert [m for m in messages if m.startswith("error") or "Content Security" in m] == []


def _fits(page) -> dict:
    """The page's width against the window's, and any element that scrolls sideways inside."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            boxes: [...document.querySelectorAll('table, div, section')]
              .filter(e => e.scrollWidth > e.clientWidth + 1 &&
                           ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
              .map(e => e.tagName + '.' + e.className),
            tables: [...document.querySelectorAll('table')]
              .filter(t => t.getBoundingClientRect().right >
                           document.documentElement.clientWidth + 1)
              .map(t => t.className),
        })"""
    )


def test_the_report_preview_and_sampling_report_reflow_at_320_px(browser, workspace):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", workspace["passwords"]["lead"])
    page.click("button[type=submit]")
    page.wait_for_url(workspace["url"] + "/")
    essex, mock = workspace["essex"], workspace["mock"]
    found = {}
    for name, url in {
        "report-preview": f"/inspections/{essex.pk}/report.html",
        "draft-report-preview": f"/inspections/{mock.pk}/report.html",
        "sample": f"/inspections/{mock.pk}/sample/",
        "history": f"/inspections/{mock.pk}/history/",
        "stage": f"/inspections/{mock.pk}/status/",
        "cases": f"/inspections/{mock.pk}/cases/?select=all",
    }.items():
        page.goto(workspace["url"] + url)
        screenshot(page, f"workday-320-{name}")
        fit = _fits(page)
        if fit["page"] > 0 or fit["boxes"] or fit["tables"]:
            found[name] = fit
    context.close()
    assert found == {}, json.dumps(found)


def test_the_lead_confirms_a_stage_move_selects_all_and_steps_through_a_filtered_list(
    sign_in, workspace
):
    mock = workspace["mock"]
    page = sign_in("lead")
    base = workspace["url"]
    page.goto(f"{base}/inspections/{mock.pk}/")
    page.get_by_role("button", name="Move to rating").click()  # a link styled as a button
    page.get_by_role("heading", name="Move the inspection to rating?").wait_for()
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.FIELDWORK
    page.get_by_role("button", name="Yes, move to rating").click()
    page.wait_for_url(f"{base}/inspections/{mock.pk}/")
    screenshot(page, "workday-stage-moved")
    page.get_by_text("The inspection is now at Rating.").wait_for()
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.RATING

    page.goto(f"{base}/inspections/{mock.pk}/cases/")
    page.select_option("#filter-stream", "out_of_court")
    page.select_option("#filter-sort", "disposal")
    page.click("text=Show cases")
    page.locator("#select-all a").click()  # no script: the list comes back ticked
    boxes = page.locator("input[name=cases]")
    assert boxes.count() > 2 and all(box.is_checked() for box in boxes.all())
    page.select_option("#allocate-to", label="assessor")
    page.click("text=Allocate selected cases")
    page.get_by_text("allocated to assessor").wait_for()
    assert page.locator("#filter-stream").input_value() == "out_of_court"  # same list
    assessor = get_user_model().objects.get(username="assessor")
    out_of_court = Case.objects.filter(inspection=mock, selection="sample", stream="out_of_court")
    assert all(case.allocated_to == assessor for case in out_of_court)

    refs = page.locator("#queue td[data-label=Case] a").all_inner_texts()
    page.get_by_role("link", name=refs[0], exact=True).click()
    page.click("a[rel=next]")
    assert page.locator("h1").inner_text().endswith(refs[1])
    page.click("a[rel=next]")
    assert page.locator("h1").inner_text().endswith(refs[2])
    page.click("a[rel=prev]")
    assert page.locator("h1").inner_text().endswith(refs[1])
