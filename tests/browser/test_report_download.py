"""Asking for the report's PDF in a browser: the page says it is being prepared, refreshes by
itself (htmx) while the worker renders it, then offers the download, by keyboard and at 320 px."""

from ..web.conftest import run_report_worker
from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations


def test_the_pdf_is_prepared_then_offered(sign_in, workspace):
    page = sign_in("lead")
    errors = console_errors(page)
    page.set_viewport_size({"width": 320, "height": 700})
    url = f"/inspections/{workspace['essex'].pk}/report.pdf"
    response = page.goto(workspace["url"] + url)
    assert response.status == 202
    assert page.get_by_role("heading", level=1).inner_text() == "Preparing the PDF…"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert serious_violations(page) == []
    screenshot(page, "report-pdf-preparing-320")

    run_report_worker()  # the worker renders it; the page finds out by itself
    page.get_by_role("heading", name="The PDF is ready").wait_for(timeout=15_000)
    assert serious_violations(page) == []
    screenshot(page, "report-pdf-ready-320")
    download_button = page.get_by_role("link", name="Download the report (PDF)")
    download_button.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"report-inspection-{workspace['essex'].pk}.pdf"
    assert errors == []


def test_a_pdf_that_cannot_be_built_says_why(sign_in, workspace):
    from yjinspect.web.workspace.models import ScoredResults

    ScoredResults.objects.filter(inspection=workspace["cci"]).delete()
    page = sign_in("lead")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(workspace["url"] + f"/inspections/{workspace['cci'].pk}/report.pdf")
    run_report_worker()
    page.get_by_role("heading", name="The PDF could not be prepared").wait_for(timeout=15_000)
    assert "Import this inspection's results file first." in page.inner_text(".govuk-error-summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert serious_violations(page) == []
    screenshot(page, "report-pdf-problem-320")


def test_the_word_file_then_the_pdf_are_each_offered_when_ready(sign_in, workspace):
    page = sign_in("lead")
    errors = console_errors(page)
    report = workspace["url"] + f"/inspections/{workspace['essex'].pk}/report/"
    for link, what in (("Download the report (Word, to edit)", "Word document"),
                       ("Download the report (PDF)", "PDF")):  # fmt: skip
        page.goto(report)
        page.get_by_role("link", name=link).click()
        page.get_by_role("heading", name=f"Preparing the {what}…").wait_for()
        polled = lambda r: r.request.headers.get("hx-request") == "true"  # noqa: E731
        with page.expect_response(polled, timeout=10_000):
            pass  # the page asks again by itself, with no reload
        # Between two polls, so the test's shared in-memory SQLite is not read while written.
        run_report_worker()
        page.get_by_role("heading", name=f"The {what} is ready").wait_for(timeout=15_000)
    assert errors == []
