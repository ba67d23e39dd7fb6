"""Quality assurance access and blindness, as the attacker tried them (issues/qa-attack.md):
a person taken off the team, what a blind second assessor may work a hidden case out of, who
moderates, who may be a case's second assessor, and a second assessment on a replaced case."""

import re

import pytest
import rules
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.qa.rules import blind_cases
from yjinspect.web.workspace.assessments import NotAllowed
from yjinspect.web.workspace.models import (
    Assignment,
    Case,
    CaseAssessment,
    Inspection,
    Role,
    inspection_read_by,
)

from .conftest import allocated_case
from .test_assessment import text
from .test_qa import first_assessment, key_questions, qa_lead, second_answers

User = get_user_model()


@pytest.fixture
def double(demo):
    """A mock case: first assessor "assessor", second assessor "inspector"."""
    case = allocated_case(demo["mock"], "assessor")
    allocation.allocate(case, User.objects.get(username="inspector"))
    return case


def both_submitted(case, client):
    values = {kq: "yes" for kq in key_questions(case)}
    first_assessment(case, values)
    assert second_answers(client, case, values).status_code == 302


def row_of(page, case_ref):
    """The QA page's table row of one case."""
    return next(row for row in page.split("<tr") if case_ref in row)


# Finding 1: a removed person keeps nothing.


@pytest.mark.parametrize("removed", ["inspector", "assessor"])
def test_a_person_taken_off_the_team_keeps_nothing_of_the_comparison(double, as_user, removed):
    both_submitted(double, as_user("inspector"))
    Assignment.objects.filter(inspection=double.inspection, user__username=removed).delete()
    client = as_user(removed)
    for page in ("second/", "second/history/", "compare/"):
        assert client.get(f"/cases/{double.pk}/{page}").status_code == 404, page
    assert client.get(f"/inspections/{double.inspection.pk}/quality/").status_code == 404


def test_a_removed_second_assessor_can_no_longer_write(double, as_user):
    question = key_questions(double)[0]
    client = as_user("inspector")
    assert second_answers(client, double, {question: "yes"}).status_code == 400  # still open
    Assignment.objects.filter(inspection=double.inspection, user__username="inspector").delete()
    sent = {"key_question": question, f"value-{question}": "no", "version": 1}
    assert client.post(f"/cases/{double.pk}/second/answer/", sent).status_code == 404
    views = {"child_reached": "yes", "child_views": "Heard", "carer_reached": "", "carer_views": ""}
    assert client.post(f"/cases/{double.pk}/second/views/", views).status_code == 404
    assert SecondAnswer.objects.get(key_question=question).value == "yes"
    assert SecondAssessment.objects.get(case=double).child_views == ""


QA_PERMS = ("view_second_assessment", "assess_second", "compare_case", "moderate_case",
            "open_qa", "see_first_status", "see_second_status", "change_second")  # fmt: skip


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    removed=st.sampled_from(["inspector", "assessor"]),
    first=st.sampled_from([None, "draft", "submitted", "returned", "accepted"]),
    second=st.sampled_from(["draft", "submitted"]),
)
def test_off_the_team_no_qa_permission_is_left(double, removed, first, second):
    """Whatever the two statuses, someone taken off the team holds no QA permission on the
    case they assessed, nor on its inspection."""
    with transaction.atomic():
        if first:
            first_assessment(double, {}, status=first)
        SecondAssessment.objects.filter(case=double).update(status=second)
        Assignment.objects.filter(inspection=double.inspection, user__username=removed).delete()
        case = Case.objects.get(pk=double.pk)
        user = User.objects.get(username=removed)
        for perm in QA_PERMS:
            assert not rules.has_perm(f"workspace.{perm}", user, case), perm
        assert not rules.has_perm("workspace.open_qa", user, case.inspection)
        transaction.set_rollback(True)


# Finding 2: nothing counted from the first assessments while blind, saying why.


def test_a_blind_second_assessor_is_told_why_the_counted_pages_are_refused(double, as_user):
    first_assessment(double, {kq: "no" for kq in key_questions(double)})  # submitted
    inspection = double.inspection.pk
    client = as_user("inspector")
    for page in ("ratings/", "report/", "report.html", "results.yaml", "position/"):
        response = client.get(f"/inspections/{inspection}/{page}")
        assert response.status_code == 403, page
        assert double.case_ref in text(response) and "until both assessments" in text(response)
    home = text(client.get(f"/inspections/{inspection}/"))
    assert double.case_ref in home and "Not shown while blind" in home
    assert " accepted" not in home  # the task list's count of accepted cases
    assert " accepted" in text(as_user("lead").get(f"/inspections/{inspection}/"))
    # Once both have submitted, everything is back.
    SecondAssessment.objects.filter(case=double).update(status="submitted")
    assert client.get(f"/inspections/{inspection}/ratings/").status_code == 200
    assert "Not shown while blind" not in text(client.get(f"/inspections/{inspection}/"))


def test_a_blind_lead_is_kept_from_the_ratings_and_publication(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    allocation.allocate(case, User.objects.get(username="lead"))
    response = as_user("lead").get(f"/inspections/{demo['mock'].pk}/ratings/")
    assert response.status_code == 403 and case.case_ref in text(response)
    assert as_user("inspector").get(f"/inspections/{demo['mock'].pk}/ratings/").status_code == 200
    # Nor does the lead publish (what is outstanding counts the cases) until blindness ends.
    Inspection.objects.filter(pk=demo["mock"].pk).update(status="drafting")
    home = text(as_user("lead").get(f"/inspections/{demo['mock'].pk}/"))
    assert "What is outstanding is not shown while you are blind" in home
    refused = as_user("lead").post(f"/inspections/{demo['mock'].pk}/publish/", {"reason": "x"})
    assert refused.status_code == 403
    assert Inspection.objects.get(pk=demo["mock"].pk).status == "drafting"


# Finding 4: a moderator assessed neither side; nobody accepts their own assessment.


def test_a_lead_who_assessed_the_case_does_not_moderate_it(demo, as_user):
    case = allocated_case(demo["mock"], "inspector")
    Case.objects.filter(pk=case.pk).update(allocated_to=User.objects.get(username="lead"))
    case.refresh_from_db()
    allocation.allocate(case, User.objects.get(username="inspector"))
    qa_lead(demo["mock"])
    questions = key_questions(case)
    first = {kq: "yes" for kq in questions}
    first_assessment(case, first, status=CaseAssessment.Status.ACCEPTED)
    second_answers(as_user("inspector"), case, {**first, questions[0]: "no"})
    url = f"/cases/{case.pk}/compare/"
    page = text(as_user("lead").get(url))
    assert "qalead can settle this difference" in page
    assert "Record the agreed answer" not in page
    sent = {"key_question": questions[0], "value": "yes", "reason": "Mine was right"}
    assert as_user("lead").post(url, sent).status_code == 404
    assert not AgreedAnswer.objects.exists()
    assert as_user("qalead").post(url, sent).status_code == 302
    assert AgreedAnswer.objects.get().value == "yes"


def test_a_lead_does_not_accept_their_own_assessment(demo, as_user):
    case = allocated_case(demo["mock"], "inspector")
    Case.objects.filter(pk=case.pk).update(allocated_to=User.objects.get(username="lead"))
    first_assessment(case, {})  # submitted, version 1
    lead = as_user("lead")
    page = text(lead.get(f"/cases/{case.pk}/"))
    assert "another lead inspector accepts or returns it" in page
    assert 'value="accept"' not in page
    response = lead.post(f"/cases/{case.pk}/status/", {"action": "accept", "version": 1})
    assert response.status_code == 404
    assert CaseAssessment.objects.get(case=case).status == "submitted"


# Finding 5: reallocation never makes the second assessor the first.


def test_allocation_refuses_to_make_the_second_assessor_the_first(double, as_user):
    inspector = User.objects.get(username="inspector")
    other = allocated_case(double.inspection, "inspector")
    response = as_user("lead").post(
        f"/inspections/{double.inspection.pk}/allocate/",
        {"cases": [double.pk, other.pk], "allocate_to": inspector.pk},
        follow=True,
    )
    page = text(response)
    assert f"Nothing allocated: inspector is the second assessor of {double.case_ref}" in page
    assert Case.objects.get(pk=double.pk).allocated_to.username == "assessor"


# Finding 8: a lead who is one of the two assessors sees neither's status on the QA page.


def test_the_qa_page_hides_the_other_side_from_a_lead_who_assessed(demo, as_user):
    inspection = demo["mock"]
    lead, inspector = (User.objects.get(username=n) for n in ("lead", "inspector"))
    mine = allocated_case(inspection, "inspector")
    Case.objects.filter(pk=mine.pk).update(allocated_to=lead)
    mine.refresh_from_db()
    first_assessment(mine, {})  # the lead's own first assessment, submitted
    allocation.allocate(mine, inspector)
    theirs = allocated_case(inspection, "assessor")
    first_assessment(theirs, {})  # submitted by the assessor
    allocation.allocate(theirs, lead)
    page = text(as_user("lead").get(f"/inspections/{inspection.pk}/quality/"))
    assert "Second assessment draft" not in row_of(page, mine.case_ref)
    assert "Blind until both submit" in row_of(page, mine.case_ref)
    assert "Submitted" not in row_of(page, theirs.case_ref)
    assert "Not shown while blind" in row_of(page, theirs.case_ref)
    # A QA lead who assessed neither still sees both.
    qa_lead(inspection)
    page = text(as_user("qalead").get(f"/inspections/{inspection.pk}/quality/"))
    assert "Second assessment draft" in row_of(page, mine.case_ref)
    assert "Submitted" in row_of(page, theirs.case_ref)


# Finding 9: whoever accepted or returned the first assessment is not its blind second.


def test_a_reviewer_of_the_first_assessment_is_not_its_second_assessor(demo, as_user):
    inspection = demo["mock"]
    case = allocated_case(inspection, "assessor")
    first_assessment(case, {})  # submitted, version 1
    lead = as_user("lead")
    assert (
        lead.post(f"/cases/{case.pk}/status/", {"action": "accept", "version": 1}).status_code
        == 302
    )
    lead_user = User.objects.get(username="lead")
    refused = lead.post(
        f"/inspections/{inspection.pk}/quality/",
        {"form": "mark", "case": case.pk, "assessor": lead_user.pk},
    )
    assert refused.status_code == 400
    assert f"accepted or returned the first assessment of {case.case_ref}" in text(refused)
    with pytest.raises(NotAllowed, match=case.case_ref):
        allocation.dip_sample(inspection, 1.0, 7, [lead_user])
    assert not SecondAssessment.objects.exists()
    made = allocation.dip_sample(
        inspection, 1.0, 7, [lead_user, User.objects.get(username="inspector")]
    )
    assert [(s.case_id, s.assessor.username) for s in made] == [(case.pk, "inspector")]


# Finding 10: a replaced case takes its empty second assessment with it, or is not replaced.


def test_a_case_with_second_answers_is_not_replaced(double, as_user):
    second_answers(as_user("inspector"), double, {key_questions(double)[0]: "yes"})
    response = as_user("lead").post(f"/cases/{double.pk}/replace/", {"reason": "Transferred out"})
    assert response.status_code == 400
    assert "has a second assessment with answers or views by inspector" in text(response)
    assert Case.objects.get(pk=double.pk).selection == Case.Selection.SAMPLE
    assert SecondAssessment.objects.filter(case=double).exists()


def test_replacing_a_case_closes_its_empty_second_assessment(double, as_user):
    response = as_user("lead").post(f"/cases/{double.pk}/replace/", {"reason": "Transferred out"})
    assert response.status_code == 302
    assert not SecondAssessment.objects.filter(case=double).exists()
    gone = SecondAssessment.history.filter(case_id=double.pk, history_type="-").get()
    assert "Transferred out" in gone.history_change_reason
    page = text(as_user("lead").get(f"/inspections/{double.inspection.pk}/quality/"))
    assert not [row for row in page.split("<tr")[1:] if double.case_ref in row]  # no orphan row
    # The second assessor is no longer blind in the inspection.
    assert (
        as_user("inspector").get(f"/inspections/{double.inspection.pk}/ratings/").status_code == 200
    )


def test_the_qa_rows_say_nothing_more_than_their_permissions(double, as_user):
    """The second assessor's own row: their own status, never the first's."""
    first_assessment(double, {}, status=CaseAssessment.Status.ACCEPTED)
    page = text(as_user("inspector").get(f"/inspections/{double.inspection.pk}/quality/"))
    row = row_of(page, double.case_ref)
    assert "Second assessment draft" in row and "ccepted" not in row
    assert not re.search(r"First assessment", page)


@pytest.mark.parametrize("read_for", ["lead", "inspector"])
def test_an_inspection_read_with_one_persons_access_answers_for_another_from_their_own(
    double, read_for
):
    """A page reads the inspection with the requesting person's role and whether they hold a
    second assessment (`inspection_read_by`); asked about someone else, it must not lend them
    those: the blind second assessor stays blind, the lead keeps the ratings."""
    lead, inspector = (User.objects.get(username=name) for name in ("lead", "inspector"))
    inspection = inspection_read_by(User.objects.get(username=read_for), double.inspection_id)
    assert (inspection.role_of(lead), inspection.role_of(inspector)) == (Role.LEAD, Role.INSPECTOR)
    assert blind_cases(inspector, inspection) == [double.case_ref]
    assert blind_cases(lead, inspection) == []
    assert rules.has_perm("workspace.read_ratings", lead, inspection)
    assert not rules.has_perm("workspace.read_ratings", inspector, inspection)


def test_a_second_assessment_allocated_after_a_read_counts_at_the_next_read(demo):
    """The second assessment is looked for when the inspection is read: a person allocated one
    since is blind on the next page they open."""
    lead = User.objects.get(username="lead")
    assert rules.has_perm("workspace.read_ratings", lead, inspection_read_by(lead, demo["mock"].pk))
    case = allocated_case(demo["mock"], "assessor")
    allocation.allocate(case, lead)
    again = inspection_read_by(lead, demo["mock"].pk)
    assert blind_cases(lead, again) == [case.case_ref]
    assert not rules.has_perm("workspace.read_ratings", lead, again)
