"""Changing a second assessment before it is submitted (taking the case off, or moving it to
another second assessor, never the first), refused after; and the quality assurance lead, who
runs the QA work without being the lead inspector."""

import pytest
from django.contrib.auth import get_user_model

from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.workspace.assessments import NotAllowed
from yjinspect.web.workspace.models import Assignment, Role

from .conftest import allocated_case
from .test_assessment import text
from .test_qa import first_assessment, key_questions, qa_lead, second_answers

User = get_user_model()


@pytest.fixture
def marked(demo):
    """A mock case, first assessor "assessor", second "inspector", second answers begun."""
    case = allocated_case(demo["mock"], "assessor")
    second = allocation.allocate(case, User.objects.get(username="inspector"))
    SecondAnswer.objects.create(assessment=second, key_question=key_questions(case)[0], value="no")
    qa_lead(demo["mock"])
    return case


@pytest.mark.parametrize("who", ["lead", "qalead"])
def test_a_case_comes_off_second_assessment_with_a_reason_kept(marked, as_user, who):
    response = as_user(who).post(
        f"/cases/{marked.pk}/second/change/", {"form": "unmark", "reason": "Child moved area"}
    )
    assert response.status_code == 302
    assert not SecondAssessment.objects.filter(case=marked).exists()
    assert not SecondAnswer.objects.exists()
    deleted = SecondAssessment.history.filter(case_id=marked.pk, history_type="-").get()
    assert deleted.history_change_reason == "taken off second assessment: Child moved area"
    assert deleted.history_user.username == who


def test_taking_a_case_off_needs_a_reason(marked, as_user):
    response = as_user("lead").post(
        f"/cases/{marked.pk}/second/change/", {"form": "unmark", "reason": "  "}
    )
    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert "Say why the case comes off second assessment" in text(response)
    assert SecondAssessment.objects.filter(case=marked).exists()


def test_a_second_assessment_moves_to_another_second_assessor(marked, as_user, demo):
    other = User.objects.create(username="another_manager")
    Assignment.objects.create(inspection=demo["mock"], user=other, role=Role.LOCAL_ASSESSOR)
    response = as_user("qalead").post(
        f"/cases/{marked.pk}/second/change/",
        {"form": "move", "assessor": other.pk, "move_reason": "Leave"},
    )
    assert response.status_code == 302
    second = SecondAssessment.objects.get(case=marked)
    assert second.assessor == other
    assert second.answers.count() == 1  # what was written goes with it
    assert second.history.first().history_change_reason == "moved to another_manager: Leave"
    # The new second assessor opens it; the old one no longer can.
    assert as_user("another_manager").get(f"/cases/{marked.pk}/second/").status_code == 200
    assert as_user("inspector").get(f"/cases/{marked.pk}/second/").status_code == 404


def test_a_second_assessment_never_moves_to_the_first_assessor(marked, as_user):
    page = text(as_user("lead").get(f"/cases/{marked.pk}/second/change/"))
    assert f'value="{marked.allocated_to_id}"' not in page  # not offered
    response = as_user("lead").post(
        f"/cases/{marked.pk}/second/change/", {"form": "move", "assessor": marked.allocated_to_id}
    )
    assert response.status_code == 400
    with pytest.raises(NotAllowed, match="is the first assessor"):
        allocation.reallocate(marked, marked.allocated_to)
    assert SecondAssessment.objects.get(case=marked).assessor.username == "inspector"


def test_a_submitted_second_assessment_is_neither_moved_nor_taken_off(marked, as_user):
    values = {kq: "yes" for kq in key_questions(marked)}
    assert second_answers(as_user("inspector"), marked, values).status_code == 302
    client = as_user("lead")
    page = text(client.get(f"/cases/{marked.pk}/second/change/"))
    assert "can no longer be moved or taken off" in page
    for sent in (
        {"form": "unmark", "reason": "Too late"},
        {"form": "move", "assessor": User.objects.get(username="lead").pk},
    ):
        response = client.post(f"/cases/{marked.pk}/second/change/", sent)
        assert response.status_code == 400
        assert "is submitted, so it stays" in text(response)
    second = SecondAssessment.objects.get(case=marked)
    assert (second.assessor.username, second.status) == ("inspector", "submitted")


@pytest.mark.parametrize("who", ["inspector", "assessor", "viewer"])
def test_only_the_lead_or_qa_lead_changes_a_second_assessment(marked, as_user, who):
    client = as_user(who)
    assert client.get(f"/cases/{marked.pk}/second/change/").status_code == 404
    sent = {"form": "unmark", "reason": "Mine"}
    assert client.post(f"/cases/{marked.pk}/second/change/", sent).status_code == 404
    assert SecondAssessment.objects.filter(case=marked).exists()


def test_the_qa_lead_marks_draws_and_moderates(demo, as_user):
    """Marking and moderating, without the lead inspector's role or the first assessments."""
    mock = demo["mock"]
    qa_lead(mock)
    case = allocated_case(mock, "assessor")
    client = as_user("qalead")
    inspector = User.objects.get(username="inspector")
    sent = {"form": "mark", "case": case.pk, "assessor": inspector.pk}
    assert client.post(f"/inspections/{mock.pk}/quality/", sent).status_code == 302
    questions = key_questions(case)
    first_assessment(case, {kq: "yes" for kq in questions})
    values = {kq: "yes" for kq in questions} | {questions[0]: "no"}
    second_answers(as_user("inspector"), case, values)
    client = as_user("qalead")
    assert client.get(f"/cases/{case.pk}/").status_code == 404  # not the first assessment
    sent = {"key_question": questions[0], "value": "yes", "reason": "Plan was reviewed"}
    assert client.post(f"/cases/{case.pk}/compare/", sent).status_code == 302
    agreed = AgreedAnswer.objects.get(case=case)
    assert (agreed.value, agreed.history.first().history_user.username) == ("yes", "qalead")
    assert client.get(f"/inspections/{mock.pk}/agreement/").status_code == 200
