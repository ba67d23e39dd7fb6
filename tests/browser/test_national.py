"""The national picture in the browser: a lead adds a published-results file by keyboard, sees
its figures and a bad file's error summary, filters the picture; at 320 px nothing scrolls
sideways (charts give way to their tables, which reflow) and axe finds nothing serious; on a
wide screen the charts' labels are readable. Screenshots are kept."""

from pathlib import Path

from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations

D2I = Path(__file__).parents[1] / "national" / "data-to-insight-invented.csv"
BAD = "service,published,framework,overall,score\nNorthfold YJS,2019-13-01,hmip-yos-2018,Good,\n"


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def smallest_chart_text(page):
    """The height in pixels of the smallest chart label on screen, or None when none is."""
    return page.evaluate(
        """() => {
        const shown = [...document.querySelectorAll("figure.app-chart svg text")]
            .map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
        return shown.length ? Math.min(...shown) : null;
    }"""
    )


def test_a_lead_adds_a_file_and_filters_the_picture(browser, workspace, tmp_path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    errors = console_errors(page)
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", workspace["passwords"]["lead"])
    page.keyboard.press("Enter")
    page.wait_for_url(workspace["url"] + "/")
    page.get_by_role("link", name="The national picture").click()
    page.get_by_role("heading", name="The national picture", level=1).wait_for()
    assert "1 inspection" in page.locator("main").inner_text()

    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    page.set_input_files("#upload-results", str(bad))
    page.get_by_role("button", name="Add the file").press("Enter")
    summary = page.locator(".govuk-error-summary")
    assert "bad.csv:2: published: '2019-13-01' is not a date" in summary.inner_text()
    assert serious_violations(page) == [] and fits(page, 320)
    screenshot(page, "national-bad-upload-320")

    page.set_input_files("#upload-results", str(D2I))
    page.get_by_role("button", name="Add the file").press("Enter")
    assert "added: 7 inspections" in page.locator(".govuk-notification-banner").inner_text()
    page.wait_for_load_state()  # the whole page, not only its banner
    assert "8 inspections" in page.locator("main").inner_text()
    assert page.locator("figure.app-chart svg[role=img]").count() >= 2
    assert serious_violations(page) == [] and fits(page, 320)
    # A chart at 320 px would draw its labels a few pixels tall: the table stands alone.
    assert smallest_chart_text(page) is None
    assert page.locator(".app-chart-instead").first.is_visible()
    screenshot(page, "national-320")
    page.set_viewport_size({"width": 1024, "height": 768})
    assert smallest_chart_text(page) >= 8  # pixels: readable where the chart is shown
    assert not page.locator(".app-chart-instead").first.is_visible()
    screenshot(page, "national-1024")
    page.set_viewport_size({"width": 320, "height": 640})

    page.select_option("#filter-framework", "hmip-yjs-2021")
    page.focus("#filter-year")
    page.keyboard.press("Tab")  # through the other filters to the button, by keyboard
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/national/?framework=hmip-yjs-2021*")
    assert "6 inspections" in page.locator("main").inner_text()
    assert fits(page, 320)
    page.goto(workspace["url"] + f"/inspections/{workspace['mock'].pk}/position/")
    assert "against 6 published inspections" in page.locator("main").inner_text()
    assert serious_violations(page) == [] and fits(page, 320)
    screenshot(page, "national-position-320")
    # The refused upload's 400 is the only console message: no script or style was blocked.
    assert [e for e in errors if "status of 400" not in e] == []
    context.close()


def test_position_page_at_320(browser, workspace, sign_in):
    page = sign_in("lead")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(workspace["url"] + f"/inspections/{workspace['essex'].pk}/ratings/")
    page.get_by_role("link", name="Where these ratings stand nationally").click()
    page.get_by_role("heading", name="Where this inspection stands nationally").wait_for()
    text = page.locator("main").inner_text()
    assert "nothing to compare with" in text
    page.goto(workspace["url"] + f"/inspections/{workspace['mock'].pk}/position/")
    assert serious_violations(page) == [] and fits(page, 320)
    screenshot(page, "national-position-none-320")
