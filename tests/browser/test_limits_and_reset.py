"""In the browser: an evidence note over its limit says so in place of "Saved" (the text stays
in the box), and the password reset pages fit a narrow screen."""

from django.contrib.auth import get_user_model
from django.core import mail

from yjinspect.web.workspace.limits import LONG_TEXT
from yjinspect.web.workspace.models import Answer, Case

from .conftest import console_errors, screenshot


def test_an_over_long_note_is_refused_in_place(sign_in, workspace):
    case = Case.objects.filter(inspection=workspace["mock"], allocated_to__username="assessor")[0]
    page = sign_in("assessor")
    errors = console_errors(page)
    page.goto(f"{workspace['url']}/cases/{case.pk}/")
    note = page.locator("textarea[id^=evidence-]").first
    note.fill("n" * (LONG_TEXT + 10))  # a paste: nothing cuts it short
    note.press("End")
    note.press("Tab")
    refusal = page.locator(".app-status").first.get_by_text("Not saved")
    refusal.wait_for()
    assert "must be 32,767 characters or fewer (it has 32,777)" in refusal.inner_text()
    assert len(note.input_value()) == LONG_TEXT + 10
    assert not Answer.objects.filter(assessment__case=case).exclude(evidence="").exists()
    screenshot(page, "note-too-long")
    assert [e for e in errors if "422" not in e] == []


def test_the_reset_pages_fit_a_narrow_screen(browser, workspace):
    lead = get_user_model().objects.get(username="lead")
    lead.email = "lead@inspectorate.example"
    lead.save()
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(workspace["url"] + "/login/")
        page.click("text=Forgotten your password?")
        page.fill("#id_email", "lead@inspectorate.example")
        page.keyboard.press("Enter")
        page.get_by_text("Check your email").wait_for()
        link = next(w for w in mail.outbox[-1].body.split() if "/password-reset/" in w)
        page.goto(link)
        page.get_by_text("Set your password").first.wait_for()
        page.fill("#id_new_password1", "short")
        page.fill("#id_new_password2", "short")
        page.click("button[type=submit]")
        page.locator(".govuk-error-summary").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        screenshot(page, "password-reset-320")
    finally:
        context.close()
