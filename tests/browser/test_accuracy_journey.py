"""The factual accuracy check in the browser, at a person's pace: the lead sends the draft, the
service's viewer comments on a section, the lead tries to publish (refused: a comment is
unanswered), answers it, and publishes. Then the check's pages at 320 px and through axe."""

from django.contrib.auth import get_user_model

from yjinspect.web.accuracy.models import DraftComment
from yjinspect.web.workspace.models import Assignment, Inspection, Role, StandardJudgement

from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations
from .test_workspace import MOCK

SLOW = 15  # milliseconds between key presses


def with_the_service(workspace, status=Inspection.Status.DRAFTING):
    mock = workspace["mock"]
    viewer = get_user_model().objects.get(username="viewer")
    Assignment.objects.create(inspection=mock, user=viewer, role=Role.SERVICE_VIEWER)
    mock.status = status
    mock.save()
    return mock


def test_the_draft_goes_to_the_service_and_every_comment_is_answered_before_publishing(
    sign_in, workspace
):
    mock = with_the_service(workspace)
    # One standard rated: an inspection with nothing rated is never published.
    StandardJudgement.objects.create(
        inspection=mock, standard="1.1", rating="Good", evidence_summary="Board minutes"
    )
    url = f"{workspace['url']}/inspections/{mock.pk}/"
    lead = sign_in("lead")
    errors = console_errors(lead)
    lead.goto(url)
    lead.get_by_role("button", name="Send the draft report to the service").click()
    lead.wait_for_selector("h1:has-text('Factual accuracy check')")
    lead.get_by_role("button", name="Send the draft report to the service").click()
    lead.wait_for_selector("text=The draft report is with the service for comment.")
    assert "Factual accuracy check" in lead.locator("#check-summary").inner_text()

    # The service: from its home page to the check, the draft, and a comment.
    service = sign_in("viewer")
    service.get_by_role("link", name=MOCK).click()  # as the home page names it
    service.wait_for_selector("h1:has-text('Factual accuracy check')")
    assert service.get_by_role("link", name="Read the draft report (opens in a new tab)").count()
    service.get_by_role("button", name="Send the comment").click()  # nothing chosen yet
    summary = service.wait_for_selector(".govuk-error-summary")
    assert "Choose the section your comment is about." in summary.inner_text()
    screenshot(service, "accuracy-service-error")
    service.select_option("#comment-part", label="Ratings")
    service.locator("#comment-paragraph").press_sequentially("1", delay=SLOW)
    service.locator("#comment-text").press_sequentially(
        "Our caseload was 43 children in the period, not 41.", delay=SLOW
    )
    service.get_by_role("button", name="Send the comment").click()
    service.wait_for_selector("text=Your comment is sent to the lead inspector.")
    assert "Not yet answered" in service.locator("#comment-1").inner_text()
    screenshot(service, "accuracy-service-commented")

    # The lead: publishing is refused while the comment is open.
    lead.goto(url + "accuracy/")
    assert "1 not yet answered" in lead.locator("#comment-count").inner_text()
    lead.get_by_role("button", name="Publish the inspection").click()
    assert (
        "comments on the draft report is not answered" in lead.locator("#outstanding").inner_text()
    )
    lead.get_by_role("button", name="Publish anyway").click()
    lead.wait_for_selector(".govuk-error-summary")
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.ACCURACY

    # The answer: without words it is refused, then accepted with the change made.
    lead.goto(url + "accuracy/")
    lead.get_by_label("Accepted: the report is changed").check()
    lead.get_by_role("button", name="Save the answer to comment 1").click()
    summary = lead.wait_for_selector(".govuk-error-summary")
    assert "Say what was changed, or why it is not accepted." in summary.inner_text()
    screenshot(lead, "accuracy-lead-answer-error")
    lead.get_by_label("Accepted: the report is changed").check()
    lead.locator("#answer-1-response").press_sequentially(
        "The caseload is corrected to 43.", delay=SLOW
    )
    lead.get_by_role("button", name="Save the answer to comment 1").click()
    lead.wait_for_selector("text=Comment 1 answered.")
    assert "all answered" in lead.locator("#comment-count").inner_text()
    screenshot(lead, "accuracy-lead-answered")

    # Now publishing lists no open comment (the mock's own unfinished work still needs a reason).
    lead.get_by_role("button", name="Publish the inspection").click()
    assert "comments on the draft report" not in lead.locator("#outstanding").inner_text()
    lead.locator("#publish-reason").press_sequentially("Trial of the accuracy check", delay=SLOW)
    lead.get_by_role("button", name="Publish anyway").click()
    lead.wait_for_selector("#stage:has-text('Published')")
    # The service sees the answer, and the published inspection.
    service.goto(url + "accuracy/")
    assert "The caseload is corrected to 43." in service.locator("#comment-1").inner_text()
    assert DraftComment.objects.get().answer == DraftComment.Answer.ACCEPTED
    assert [e for e in errors if "status of 400" not in e] == []


def test_the_check_fits_a_narrow_screen_and_passes_axe(browser, workspace):
    mock = with_the_service(workspace, Inspection.Status.ACCURACY)
    DraftComment.objects.create(
        inspection=mock, part="ratings", part_title="Ratings", paragraph=3,
        text="A long comment " * 30, author=get_user_model().objects.get(username="viewer"),
    )  # fmt: skip
    too_wide = {}
    for name in ("viewer", "lead"):
        context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 800})
        page = context.new_page()
        page.goto(workspace["url"] + "/login/")
        page.fill("#id_username", name)
        page.fill("#id_password", workspace["passwords"][name])
        page.click("button[type=submit]")
        page.wait_for_url(workspace["url"] + "/")
        for where in ("accuracy/", ""):
            if name == "viewer" and where == "":
                continue  # not theirs to see at this stage
            page.goto(f"{workspace['url']}/inspections/{mock.pk}/{where}")
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                too_wide[f"{name} {where}"] = scroll
            assert serious_violations(page) == [], f"{name} {where}"
            screenshot(page, f"accuracy-320-{name}-{where.strip('/') or 'inspection'}")
        context.close()
    assert too_wide == {}
