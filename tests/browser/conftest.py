"""Browser tests: the demo workspace served live, driven by Playwright in Debian's Chromium.

No browser is downloaded: Chromium comes from the machine (scripts/test installs Debian's package).
Screenshots of the main pages are kept in test-artefacts/ for people to look at.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs it (Debian's chromium package)")
    # Playwright's sync API runs an event loop, which Django's async-safety check mistakes for
    # async code calling the database; allowed for these tests only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield launched
            launched.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def workspace(transactional_db, live_server):
    """The demo data behind a live server, and a way to open a signed-in page per user."""
    from yjinspect.web.workspace.demo import build_demo
    from yjinspect.web.workspace.models import Inspection

    passwords = build_demo()
    return {
        "url": live_server.url,
        "passwords": passwords,
        "essex": Inspection.objects.get(framework_id="hmip-yos-2018"),
        "mock": Inspection.objects.get(service__name="Demo Youth Justice Service"),
        "cci": Inspection.objects.get(framework_id="hmip-cci-2009"),
        "later": Inspection.objects.get(
            service__name__startswith="Essex", framework_id="hmip-yjs-2021"
        ),
    }


@pytest.fixture
def sign_in(browser, workspace):
    contexts = []

    def open_as(username):
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(workspace["url"] + "/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", workspace["passwords"][username])
        page.click("button[type=submit]")
        page.wait_for_url(workspace["url"] + "/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def console_errors(page) -> list[str]:
    """A list that fills with the page's console errors as they happen."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
