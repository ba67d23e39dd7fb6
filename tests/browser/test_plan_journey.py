"""The improvement plan at 320 px, at a person's pace and without reloading: the service adds
actions and a progress update, the lead comments and accepts the plan, and the RAG shows the
action that is overdue. Every page fits the screen and passes axe."""

from datetime import date, timedelta

from yjinspect.web.plans.models import Action, Plan

from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations

SLOW = 15  # milliseconds between key presses


def narrow(browser, workspace, username):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.locator("#id_username").press_sequentially(username, delay=SLOW)
    page.locator("#id_password").press_sequentially(workspace["passwords"][username], delay=SLOW)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(workspace["url"] + "/")
    return context, page


def type_into(page, selector, text):
    page.locator(selector).click()
    page.locator(selector).press_sequentially(text, delay=SLOW)


def type_date(page, field, day):
    """A date typed as a person types it in GOV.UK's date input: day, month and year boxes."""
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.locator(f"#{field}-{part}").fill("")
        type_into(page, f"#{field}-{part}", str(value))


def fits(page, name):
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, (name, scroll, client)
    assert serious_violations(page) == [], name
    screenshot(page, f"plan-320-{name}")


def test_service_writes_the_plan_and_the_lead_accepts_it(browser, workspace):
    essex = workspace["essex"]
    Plan.objects.filter(inspection=essex).update(accepted_on=None)
    context, page = narrow(browser, workspace, "viewer")
    errors = console_errors(page)
    page.get_by_role("link", name=str(essex.service)).first.click()
    page.get_by_role("link", name="Improvement plan", exact=True).click()
    page.wait_for_selector("h1:has-text('Improvement plan')")
    fits(page, "plan")

    # An action due yesterday: as soon as it is added, the plan shows it overdue.
    page.get_by_role("link", name="Add an action for recommendation 5").click()
    type_into(page, "#action-what", "Review every victim contact letter")
    type_into(page, "#action-responsible", "Restorative justice team")
    type_date(page, "action-due", date.today() - timedelta(days=1))
    type_into(page, "#action-success", "Letters reviewed and rewritten")
    fits(page, "add-action")
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_selector("text=Action added to the plan.")
    card = page.locator(".govuk-summary-card", has_text="Review every victim contact letter")
    assert "Overdue" in card.inner_text() and "Red" in card.inner_text()
    assert "Red" in page.locator("#plan-rag").inner_text()

    # A second action, with a date in the wrong place first: a styled error, nothing lost.
    page.get_by_role("link", name="Add an action for recommendation 2").click()
    type_into(page, "#action-what", "Agree school places with the council")
    type_into(page, "#action-responsible", "Education team")
    type_date(page, "action-due", date(2018, 1, 1))
    type_into(page, "#action-success", "Every child has a place within 20 days")
    page.get_by_role("button", name="Add the action").click()
    summary = page.wait_for_selector(".govuk-error-summary")
    assert "before the report was published" in summary.inner_text()
    assert page.input_value("#action-what") == "Agree school places with the council"
    fits(page, "add-action-error")
    type_date(page, "action-due", date.today() + timedelta(days=120))
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_selector("text=Action added to the plan.")

    # A progress update on the overdue action.
    card = page.locator(".govuk-summary-card", has_text="Review every victim contact letter")
    card.get_by_role("link", name="Update this action").click()
    page.wait_for_selector("h2:has-text('Add a progress update')")
    type_into(page, "#update-note", "Half of the letters are reviewed.")
    type_into(page, "#update-link", "https://www.example.org/letters")
    page.get_by_role("button", name="Add the update").click()
    page.wait_for_selector("text=Progress update added.")
    assert "Half of the letters are reviewed." in page.inner_text("main")
    assert "Overdue" in page.locator("#action-rag").inner_text()
    fits(page, "action")
    # Only the refused form answered 400 (the browser logs that status); nothing else failed.
    assert [e for e in errors if "status of 400" not in e] == []
    context.close()

    # The lead reads the plan, comments and accepts it.
    context, page = narrow(browser, workspace, "lead")
    page.goto(f"{workspace['url']}/inspections/{essex.pk}/plan/")
    assert "Red" in page.locator("#plan-rag").inner_text()
    assert "overdue" in page.locator("#plan-rag").inner_text()
    type_into(page, "#comment-text", "The victim letters need a new date.")
    page.get_by_role("button", name="Add comment").click()
    page.wait_for_selector("text=Comment added.")
    assert "The victim letters need a new date." in page.inner_text("#main-content")
    page.get_by_role("button", name="Mark the plan accepted").click()
    page.wait_for_selector("text=The plan is marked accepted.")
    assert page.locator("#accepted").inner_text().startswith("Accepted ")
    fits(page, "plan-accepted")
    page.get_by_role("link", name=f"All improvement plans of {essex.service}").count()
    page.goto(f"{workspace['url']}/services/{essex.service_id}/plans/")
    first = page.locator("#follow-up-actions li").first.inner_text()
    assert "Overdue" in first
    fits(page, "follow-up")
    context.close()
    assert Action.objects.filter(recommendation__inspection=essex).count() == 7


def test_the_board_report_has_its_way_back(browser, workspace):
    """A progress report made at 320 px, read in the browser, and left by its breadcrumbs."""
    essex = workspace["essex"]
    context, page = narrow(browser, workspace, "viewer")
    page.goto(f"{workspace['url']}/inspections/{essex.pk}/plan/reports/")
    type_date(page, "report-as_of", date.today())
    page.get_by_role("button", name="Make the report").click()
    page.wait_for_selector("text=Progress report made.")
    fits(page, "reports")
    page.get_by_role("link", name="web page").first.click()
    page.wait_for_selector("h1:has-text('Improvement plan: progress at')")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    screenshot(page, "plan-320-progress-report")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Progress reports"
    ).click()
    page.wait_for_selector("h1:has-text('Progress reports')")
    context.close()


def test_the_later_inspection_shows_what_moved_and_the_lead_marks_a_recurrence(browser, workspace):
    later = workspace["later"]
    context, page = narrow(browser, workspace, "lead")
    page.goto(f"{workspace['url']}/inspections/{later.pk}/")
    movement = page.locator("#movement").inner_text()
    assert "Outstanding then, Requires improvement now" in movement and "Improved" in movement
    assert "Recurs: yes – recommendation 1 of this report" in page.inner_text("#recurs-2")
    page.select_option("#recurs-as-5", "2")
    page.get_by_role("button", name="Save for previous recommendation 5").click()
    page.wait_for_selector("text=Previous recommendation 5: repeated by recommendation 2")
    assert "Recurs: yes – recommendation 2 of this report" in page.inner_text("#recurs-5")
    page.locator("#previous-title").scroll_into_view_if_needed()
    fits(page, "later-inspection")
    context.close()


def test_the_later_inspections_report_preview_fits_320_px(browser, workspace):
    """The preview's "Ratings then and now" table reflows like the key question tables."""
    later = workspace["later"]
    context, page = narrow(browser, workspace, "lead")
    page.goto(f"{workspace['url']}/inspections/{later.pk}/")
    page.get_by_role("link", name="Preview the report as it stands").click()
    page.wait_for_selector("caption:has-text('Ratings then and now')")
    page.locator("#previous-inspection").scroll_into_view_if_needed()
    fits(page, "later-report-preview")
    named = page.locator("table.movement td[data-label='Previous']").first
    assert named.evaluate("e => getComputedStyle(e, '::before').content") == '"Previous: "'

    context.close()
