"""Every page passes axe (no serious or critical violations), for the roles that see it.

axe-core comes inside the axe-playwright-python package (a test dependency): nothing to fetch.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from yjinspect.web.workspace.models import Case

from .conftest import screenshot

AXE = Axe()


def pages(workspace):
    essex, mock = workspace["essex"], workspace["mock"]
    case = Case.objects.filter(inspection=mock, allocated_to__username="assessor").first()
    return {
        "home": "/",
        "inspection": f"/inspections/{mock.pk}/",
        "set-up": f"/inspections/{mock.pk}/set-up/",
        "sample": f"/inspections/{mock.pk}/sample/",
        "cases": f"/inspections/{mock.pk}/cases/",
        "assessment": f"/cases/{case.pk}/",
        "history": f"/cases/{case.pk}/history/",
        "judgements": f"/inspections/{mock.pk}/judgements/",
        "content": f"/inspections/{essex.pk}/content/",
        "ratings": f"/inspections/{essex.pk}/ratings/",
        "report page": f"/inspections/{essex.pk}/report/",
        "report": f"/inspections/{essex.pk}/report.html",
        "core case inspection": f"/inspections/{workspace['cci'].pk}/",
        "core case report": f"/inspections/{workspace['cci'].pk}/report.html",
        "published inspection": f"/inspections/{essex.pk}/",
        "national picture": "/national/",
        "national position": f"/inspections/{essex.pk}/position/",
    }


def serious_violations(page):
    found = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_the_sign_in_page(browser, workspace):
    context = browser.new_context()
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    assert serious_violations(page) == []
    screenshot(page, "sign-in")
    context.close()


@pytest.mark.parametrize("role", ["lead", "assessor", "viewer"])
def test_every_page_a_role_sees(browser, workspace, role):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", role)
    page.fill("#id_password", workspace["passwords"][role])
    page.click("button[type=submit]")
    checked = 0
    for name, url in pages(workspace).items():
        response = page.goto(workspace["url"] + url)
        if response.status == 404:
            continue  # not this role's page (the access matrix covers which)
        assert serious_violations(page) == [], f"{role}: {name}"
        if role == "lead":
            screenshot(page, f"page-{name.replace(' ', '-')}")
        checked += 1
    assert checked >= 3
    context.close()


def test_a_form_sent_back_with_errors(browser, workspace):
    """The error summary and messages pass axe, and the summary links to the field."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", workspace["passwords"]["lead"])
    page.click("button[type=submit]")
    page.goto(workspace["url"] + f"/inspections/{workspace['mock'].pk}/content/")
    # The browser's own checks would stop an empty addressee; submit() skips them, as an old
    # browser or a script would.
    page.eval_on_selector("#recommendation-addressee", "input => input.form.submit()")
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    assert serious_violations(page) == []
    screenshot(page, "content-error")
    page.click(".govuk-error-summary a")
    assert page.evaluate("document.activeElement.id") == "recommendation-addressee"
    page.fill("#recommendation-addressee", "The YJS management board")
    page.fill("#recommendation-text", "review the out-of-court disposal scheme")
    page.click("text=Add recommendation")
    banner = page.wait_for_selector(".govuk-notification-banner--success")
    assert "Saved." in banner.inner_text()
    assert serious_violations(page) == []
    context.close()


def test_every_page_fits_a_narrow_phone(browser, workspace):
    """At 320 px no page scrolls sideways: the report content page's long choices of standard,
    and the report previews' wide tables, included."""
    narrow = {
        **pages(workspace),
        "content, being written": f"/inspections/{workspace['mock'].pk}/content/",
        "later content": f"/inspections/{workspace['later'].pk}/content/",
    }
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(workspace["url"] + "/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", workspace["passwords"]["lead"])
    page.click("button[type=submit]")
    wide = {}
    for name, url in narrow.items():
        page.goto(workspace["url"] + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[name] = width
            screenshot(page, f"narrow-{name.replace(' ', '-').replace(',', '')}")
    assert wide == {}
    context.close()
