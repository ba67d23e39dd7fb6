"""A number sent in a form may be any text: "²" (a superscript two) is a digit to
`str.isdigit` but not a number to `int`, and `int` refuses a number of thousands of digits;
each made such fields a 500 (attack 7). Each is refused or ignored as any other non-number is,
and nothing changes."""

import pytest

from yjinspect.web.assessments.queue import natural_key
from yjinspect.web.plans.models import Action, Recurrence
from yjinspect.web.workspace.models import Case

from .conftest import allocated_case, as_date_inputs

ODD = "²"  # str.isdigit() is True, int() refuses it


def test_an_odd_version_on_a_case_page_is_never_a_server_error(demo, as_user):
    case = allocated_case(demo["mock"], "inspector")
    client = as_user("inspector")
    sent = {"key_question": "2.1.1", "value-2.1.1": "no", "version": ODD}
    assert client.post(f"/cases/{case.pk}/answer/", sent, HTTP_HX_REQUEST="true").status_code < 500
    moved = client.post(f"/cases/{case.pk}/status/", {"action": "submit", "version": ODD})
    assert moved.status_code < 500


def test_odd_numbers_in_the_leads_forms_are_refused(demo, as_user):
    client = as_user("lead")
    later, mock = demo["later"], demo["mock"]
    url = f"/inspections/{later.pk}/previous/recurs/"
    assert client.post(url, {"number": ODD, "recurs_as": ""}).status_code == 404
    assert client.post(url, {"number": "1", "recurs_as": ODD}).status_code == 302
    assert not Recurrence.objects.filter(inspection=later, number=1).exists()
    case = Case.objects.filter(inspection=mock, selection="sample").first()
    sent = {"cases": [ODD, case.pk], "allocate_to": case.allocated_to_id or ""}
    assert client.post(f"/inspections/{mock.pk}/allocate/", sent).status_code < 500
    judged = client.post(f"/inspections/{mock.pk}/judgements/", {"seen": ODD})
    assert judged.status_code < 500
    deleted = {"form": "delete", "what": "finding", "id": ODD}
    assert client.post(f"/inspections/{later.pk}/content/", deleted).status_code == 404


def test_an_odd_seen_marker_on_a_plan_action_is_never_a_server_error(demo, as_user):
    action = Action.objects.filter(recommendation__inspection=demo["essex"]).first()
    sent = as_date_inputs({"form": "status", "what": action.what, "due": action.due.isoformat(),
                           "responsible": action.responsible, "success": action.success,
                           "status": "complete", "reason": "", "seen": ODD})  # fmt: skip
    response = as_user("viewer").post(f"/plan/actions/{action.pk}/", sent)
    assert response.status_code < 500


@pytest.mark.parametrize("reference", ["1²", "A1²-3", "٣٤", "C10"])
def test_a_case_reference_with_any_digits_sorts(reference):
    assert natural_key(reference) <= natural_key(reference + "x")


def test_a_seen_marker_of_thousands_of_digits_is_never_a_server_error(demo, as_user):
    mock, lead = demo["mock"], as_user("lead")
    huge = "9" * 5000
    sent = {"rating-1.1": "Good", "summary-1.1": "Minutes", "rationale-1.1": "", "seen": huge}
    assert lead.post(f"/inspections/{mock.pk}/judgements/", sent).status_code < 500
    content = {"form": "delete", "what": "finding", "id": "1", "seen": huge}
    assert lead.post(f"/inspections/{mock.pk}/content/", content).status_code < 500
