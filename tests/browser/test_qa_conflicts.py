"""Two tabs on one second assessment, at human pace: the views typed in the second tab never
overwrite those saved from the first after it opened; the refusal says who changed what, in
place of "Saved", and the words typed stay in the box."""

from django.contrib.auth import get_user_model

from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import SecondAssessment
from yjinspect.web.workspace.models import Case

from .conftest import screenshot
from .test_assessor_journey import HUMAN

User = get_user_model()


def test_the_views_typed_in_an_old_tab_never_overwrite_the_newer(sign_in, workspace):
    mock, url = workspace["mock"], workspace["url"]
    case = Case.objects.filter(inspection=mock, allocated_to__username="assessor").first()
    allocation.allocate(case, User.objects.get(username="inspector"))
    first_tab, second_tab = sign_in("inspector"), sign_in("inspector")
    for tab in (first_tab, second_tab):
        tab.goto(f"{url}/cases/{case.pk}/second/")
    views = first_tab.locator("#child-views")
    views.click()
    views.press_sequentially("Felt heard", delay=HUMAN)
    first_tab.locator("#status-views").get_by_text("Saved").wait_for()
    views = second_tab.locator("#child-views")
    views.click()
    views.press_sequentially("Felt ignored", delay=HUMAN)
    conflict = second_tab.locator("#views-conflict")
    conflict.wait_for()
    assert "changed the views of the child" in conflict.inner_text()
    assert second_tab.locator("#child-views").input_value() == "Felt ignored"
    assert SecondAssessment.objects.get(case=case).child_views == "Felt heard"
    second_tab.locator("#views").scroll_into_view_if_needed()
    screenshot(second_tab, "qa-views-conflict")
    # Typing on saves it now, as the conflict said: the page holds the newest version.
    views.press_sequentially(" at first", delay=HUMAN)
    second_tab.locator("#status-views").get_by_text("Saved", exact=True).wait_for()
    assert SecondAssessment.objects.get(case=case).child_views == "Felt ignored at first"
