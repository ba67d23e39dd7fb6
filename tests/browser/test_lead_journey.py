"""The lead inspector's day, in the browser at a person's pace and without reloading: set up an
inspection from nothing, draw and allocate the sample, try to draft with nothing rated, judge one
standard, try to publish too early, publish with a reason, and find the report published. Then
every page the lead owns at 320 px: no sideways scroll, and nothing serious for axe."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from yjinspect.examples import example
from yjinspect.web.workspace.models import Inspection

from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations

SLOW = 15  # milliseconds between key presses


def type_into(page, selector, text):
    page.locator(selector).click()
    page.locator(selector).press_sequentially(text, delay=SLOW)


def record_a_judgement(page):
    """1.1 judged Good on the judgements page, from the task list: one standard rated."""
    page.get_by_role("link", name="Organisational evidence and judgements").click()
    page.select_option("#rating-1-1", "Good")
    type_into(page, "#summary-1-1", "Board minutes and the partnership plan")
    type_into(page, "#rationale-1-1", "The board knows its children and acts on it")
    page.get_by_role("button", name="Save judgements").click()
    page.wait_for_selector("text=Judgements saved.")


def test_the_lead_sets_up_samples_allocates_and_publishes(sign_in, workspace):
    lead_user = get_user_model().objects.get(username="lead")
    # A superuser lets this lead start inspections (administrators cannot grant powers).
    lead_user.user_permissions.add(Permission.objects.get(codename="add_inspection"))
    page = sign_in("lead")
    errors = console_errors(page)
    page.get_by_role("button", name="Set up a new inspection").click()
    page.wait_for_selector("h1:has-text('Set up a new inspection')")
    page.select_option("#inspection-service", label="Demo Youth Justice Service")
    page.select_option("#inspection-framework_id", value="hmip-yjs-2021")
    for name, day in (("fieldwork_start", "1/6/2026"), ("fieldwork_end", "5/6/2026"),
                      ("publication_date", "10/9/2026")):  # fmt: skip
        for part, value in zip(("day", "month", "year"), day.split("/"), strict=True):
            type_into(page, f"#inspection-{name}-{part}", value)
    page.get_by_label("inspector", exact=True).select_option("inspector")
    page.get_by_label("assessor", exact=True).select_option("local_assessor")
    # Who starts it is already its lead; with no lead, the error summary says so, and nothing
    # is created.
    assert page.get_by_label("lead", exact=True).input_value() == "lead_inspector"
    page.get_by_label("lead", exact=True).select_option("")
    page.get_by_role("button", name="Set up the inspection").click()
    summary = page.wait_for_selector(".govuk-error-summary")
    assert "Choose exactly one lead inspector." in summary.inner_text()
    assert page.title().startswith("Error: ")
    screenshot(page, "lead-set-up-error")
    page.get_by_label("lead", exact=True).select_option("lead_inspector")
    page.get_by_role("button", name="Set up the inspection").click()
    page.wait_for_selector(".govuk-task-list")
    created = Inspection.objects.get(fieldwork_start="2026-06-01", publication_date="2026-09-10")
    assert page.locator("#stage").inner_text() == "Planning"
    assert "To be published 10 September 2026" in page.locator("#publication").inner_text()
    screenshot(page, "lead-task-list-new")

    # The population export, and the sample drawn from it.
    page.get_by_role("link", name="Population and sample").click()
    page.set_input_files("#id_population", str(example("population-demo.csv")))
    type_into(page, "#id_seed", "7")
    page.get_by_role("button", name="Draw the sample").click()
    page.wait_for_selector("text=Sample drawn.")
    inspection_url = f"{workspace['url']}/inspections/{created.pk}/"
    page.goto(inspection_url)  # as from a bookmark: the sample page is the assessors' helper's
    tasks = page.locator("#tasks").inner_text()
    assert "Population and sample" in tasks and "0 of" in tasks

    # Allocate two cases, one each, from the work queue.
    page.get_by_role("link", name="Allocate the cases").click()
    for index, person in ((0, "inspector"), (1, "assessor")):
        page.locator("input[name=cases]").nth(index).check()
        page.locator("#allocate-to").select_option(label=person)
        page.get_by_role("button", name="Allocate selected cases").click()
        page.wait_for_selector(f"text=1 case allocated to {person}.")

    # Move through the stages; drafting is refused while no standard has a rating.
    page.goto(inspection_url)
    for stage in ("fieldwork", "rating", "drafting"):
        page.get_by_role("button", name=f"Move to {stage}").click()
        page.get_by_role("button", name=f"Yes, move to {stage}").click()  # each move confirmed
        if stage == "drafting":
            summary = page.wait_for_selector(".govuk-error-summary")
            assert "No standard has a rating yet" in summary.inner_text()
            screenshot(page, "lead-drafting-refused")
            page.get_by_role("link", name="Cancel").click()
            record_a_judgement(page)
            page.get_by_role("link", name="Demo Youth Justice Service").first.click()
            page.get_by_role("button", name=f"Move to {stage}").click()
            page.get_by_role("button", name=f"Yes, move to {stage}").click()
        page.wait_for_selector(f"#stage:has-text('{stage.capitalize()}')")
    page.get_by_role("button", name="Publish the inspection").click()
    outstanding = page.locator("#outstanding").inner_text()
    assert "sampled cases are not accepted" in outstanding
    assert "Counted standards not yet rated" in outstanding
    assert "The report has no foreword" in outstanding
    screenshot(page, "lead-publish-outstanding")
    page.get_by_role("button", name="Publish anyway").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "Say why you are publishing" in page.locator(".govuk-error-summary").inner_text()
    created.refresh_from_db()
    assert created.status == Inspection.Status.DRAFTING
    page.locator(".govuk-error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "publish-reason"
    page.locator("#publish-reason").press_sequentially(
        "Trial run of the workspace; no real cases", delay=SLOW
    )
    page.get_by_role("button", name="Publish anyway").click()
    page.wait_for_selector("text=Published 10 September 2026.")
    assert page.locator("#stage").inner_text() == "Published"
    assert "read-only" in page.locator("main").inner_text()

    # The report says so, not "Draft".
    page.get_by_role("link", name="Report and press release").click()
    assert "Published 10 September 2026" in page.locator("#publication").inner_text()
    page.get_by_role("link", name="Preview the report (HTML)").click()
    page.wait_for_load_state()
    body = page.locator("body").inner_text()
    assert "Published 10 September 2026" in body and "Draft, not yet published" not in body
    created.refresh_from_db()
    assert "Trial run" in created.history.first().history_change_reason
    # The two refusals above are answered 400, as forms sent back with errors are.
    assert [e for e in errors if "status of 400" not in e] == []


def lead_pages(workspace):
    essex, mock = workspace["essex"], workspace["mock"]
    return {
        "home": "/",
        "new inspection": "/inspections/new/",
        "inspection": f"/inspections/{mock.pk}/",
        "set-up": f"/inspections/{mock.pk}/set-up/",
        "published inspection": f"/inspections/{essex.pk}/",
        "ratings": f"/inspections/{essex.pk}/ratings/",
        "judgements": f"/inspections/{mock.pk}/judgements/",
        "content": f"/inspections/{essex.pk}/content/",
        "report page": f"/inspections/{essex.pk}/report/",
        "not found": "/inspections/99999/",
    }


@pytest.mark.parametrize("width", [320])
def test_the_leads_pages_fit_a_narrow_screen_and_pass_axe(browser, workspace, width):
    lead = get_user_model().objects.get(username="lead")
    lead.is_staff = False
    lead.user_permissions.add(Permission.objects.get(codename="add_inspection"))
    mock = workspace["mock"]
    mock.status = Inspection.Status.DRAFTING
    mock.save()
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", workspace["passwords"]["lead"])
    page.click("button[type=submit]")
    page.wait_for_url(workspace["url"] + "/")
    pages = {**lead_pages(workspace), "publish": f"/inspections/{mock.pk}/publish/"}
    too_wide = {}
    for name, url in pages.items():
        page.goto(workspace["url"] + url)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            too_wide[name] = scroll
        assert serious_violations(page) == [], name
        screenshot(page, f"lead-{width}-{name.replace(' ', '-')}")
    assert too_wide == {}
    context.close()
