"""Every free text a user types has a limit (issue 13: 2 MB of evidence was accepted, and no
exported cell may exceed Excel's 32,767 characters). Over it: the GOV.UK error, nothing saved,
nothing cut short, never a 500. At it: saved."""

from __future__ import annotations

import html

from yjinspect.web.workspace.limits import LONG_TEXT, REASON
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Discretion, Finding

from .conftest import allocated_case
from .test_assessment import answer, key_questions

OVER = "x" * (LONG_TEXT + 1)
AT = "y" * LONG_TEXT


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_an_evidence_note_over_the_limit_is_refused_in_place(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    question = key_questions(case)[0]
    refused = answer(client, case, question, "yes", 0, evidence=OVER)
    assert refused.status_code == 422  # drawn by htmx in place of "Saved" (base.html)
    assert "govuk-error-message" in _text(refused)
    assert (
        f"Not saved: the evidence note for {question} must be 32,767 characters or fewer "
        "(it has 32,768)." in _text(refused)
    )
    assert not Answer.objects.filter(assessment__case=case).exists()
    assert answer(client, case, question, "yes", 0, evidence=AT).status_code == 200
    assert Answer.objects.get(assessment__case=case).evidence == AT  # kept whole


def test_an_overall_comment_over_the_limit_is_refused(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    sent = {"overall_comment": OVER, "version": 0}
    refused = client.post(f"/cases/{case.pk}/comment/", sent, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    assert "the overall comment must be 32,767 characters or fewer" in _text(refused)
    assert not CaseAssessment.objects.filter(case=case, overall_comment=OVER).exists()


def test_a_finding_over_the_limit_is_a_form_error(demo, as_user):
    mock = demo["mock"]
    refused = as_user("lead").post(f"/inspections/{mock.pk}/content/", {
        "form": "finding", "kind": "strength", "standard": "2.1", "text": OVER,
    })  # fmt: skip
    assert refused.status_code == 400
    page = _text(refused)
    assert "must be 32,767 characters or fewer (it has 32768)" in page
    assert "govuk-error-summary" in page and 'maxlength="' not in page
    assert not Finding.objects.filter(inspection=mock).exists()


def test_a_one_line_field_says_its_own_limit(demo, as_user):
    mock = demo["mock"]
    refused = as_user("lead").post(f"/inspections/{mock.pk}/content/", {
        "form": "recommendation", "addressee": "a" * 301, "text": "t", "order": 1,
    })  # fmt: skip
    assert refused.status_code == 400
    assert "must be 300 characters or fewer (it has 301)" in _text(refused)


def test_judgements_and_reasons_over_their_limits_are_refused(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    refused = lead.post(f"/inspections/{mock.pk}/judgements/", {
        "rating-1.1": "Good", "summary-1.1": OVER, "rationale-1.1": "Minutes",
    })  # fmt: skip
    assert refused.status_code == 400
    assert "the evidence summary for 1.1 must be 32,767 characters" in _text(refused).lower()
    assert not mock.judgements.exists()
    long_reason = "r" * (REASON + 1)
    refused = lead.post(f"/inspections/{mock.pk}/discretion/",
                        {"standard": "2.1", "rating": "Good", "reason": long_reason})  # fmt: skip
    assert "the reason must be 5,000 characters or fewer" in _text(refused).lower()
    assert not Discretion.objects.filter(inspection=mock).exists()
    case = Case.objects.filter(inspection=mock, selection="sample").first()
    refused = lead.post(f"/cases/{case.pk}/replace/", {"reason": long_reason})
    assert refused.status_code == 400
    assert "the reason must be 5,000 characters or fewer" in _text(refused).lower()
    case.refresh_from_db()
    assert case.selection == "sample"


def test_return_and_reopen_reasons_over_their_limit_are_refused(demo, as_user):
    long_reason = "r" * (REASON + 1)
    case = allocated_case(demo["mock"], "assessor")
    assessor = as_user("assessor")
    for question in key_questions(case):
        answer(assessor, case, question, "yes", 0)
    version = CaseAssessment.objects.get(case=case).version
    assessor.post(f"/cases/{case.pk}/status/", {"action": "submit", "version": version})
    lead = as_user("lead")
    version = CaseAssessment.objects.get(case=case).version
    sent = {"action": "return", "version": version, "reason": long_reason}
    refused = lead.post(f"/cases/{case.pk}/status/", sent)
    assert refused.status_code == 400
    assert "The reason must be 5,000 characters or fewer (it has 5,001)" in _text(refused)
    assert CaseAssessment.objects.get(case=case).status == "submitted"
    essex = demo["essex"]
    lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": long_reason})
    essex.refresh_from_db()
    assert essex.status == "published"
