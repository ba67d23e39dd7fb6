"""Assessing a case: autosave, refusing a stale save, the status moves and the history."""

from yjinspect.web.workspace.assessments import questions_for
from yjinspect.web.workspace.evidence import inspection_evidence
from yjinspect.web.workspace.models import CaseAssessment

from .conftest import allocated_case


def answer(client, case, question, value, version, evidence=""):
    return client.post(
        f"/cases/{case.pk}/answer/",
        {"key_question": question, f"value-{question}": value,
         f"evidence-{question}": evidence, "version": version},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip


def test_autosave_saves_and_bumps_the_version(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    client.get(f"/cases/{case.pk}/")
    question = questions_for(case)[0][1][0].id
    response = answer(client, case, question, "yes", 1, "Clear analysis")
    assert response.status_code == 200 and "Saved" in response.content.decode()
    saved = CaseAssessment.objects.get(case=case)
    assert saved.version == 2
    assert saved.answers.get(key_question=question).evidence == "Clear analysis"


def test_a_stale_save_is_refused_naming_what_changed(demo, as_user):
    case = allocated_case(demo["mock"], "inspector")
    question = questions_for(case)[0][1][0].id
    lead, inspector = as_user("lead"), None
    assert answer(lead, case, question, "no", 1).status_code == 200
    inspector = as_user("inspector")
    refused = answer(inspector, case, question, "yes", 1)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Not saved: someone else changed this assessment" in text
    assert f"lead set {question} to no" in text
    assert "to blank" not in text  # creating the answer is one change, not two
    assessment = CaseAssessment.objects.get(case=case)
    assert assessment.answers.get(key_question=question).value == "no"


def test_submit_return_and_accept_change_the_ratings(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    assessor = as_user("assessor")
    questions = [q.id for _, qs in questions_for(case) for q in qs]
    version = 1
    refused = assessor.post(f"/cases/{case.pk}/status/", {"action": "submit", "version": 1})
    assert (
        refused.status_code == 400 and "answer every key question first" in refused.content.decode()
    )
    for question in questions:
        answer(assessor, case, question, "yes", version)
        version += 1
    assert (
        assessor.post(
            f"/cases/{case.pk}/status/", {"action": "submit", "version": version}
        ).status_code
        == 302
    )
    version += 1
    # Only the lead reviews; an empty reason is refused.
    assert (
        assessor.post(
            f"/cases/{case.pk}/status/", {"action": "accept", "version": version}
        ).status_code
        == 404
    )
    lead = as_user("lead")
    no_reason = lead.post(f"/cases/{case.pk}/status/", {"action": "return", "version": version})
    assert "say why the assessment is returned" in no_reason.content.decode()
    lead.post(
        f"/cases/{case.pk}/status/",
        {"action": "return", "version": version, "reason": "Add evidence for 2.1.1"},
    )
    version += 1
    page = as_user("assessor").get(f"/cases/{case.pk}/").content.decode()
    assert "Returned:</strong> Add evidence for 2.1.1" in page

    assessor = as_user("assessor")
    assessor.post(f"/cases/{case.pk}/status/", {"action": "submit", "version": version})
    version += 1
    before = inspection_evidence(demo["mock"]).tallies.get(questions[0])
    as_user("lead").post(f"/cases/{case.pk}/status/", {"action": "accept", "version": version})
    after = inspection_evidence(demo["mock"]).tallies[questions[0]]
    assert before is None and after.yes == 1


def test_history_shows_who_changed_which_answer(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    question = questions_for(case)[0][1][0].id
    answer(client, case, question, "no", 1)
    answer(client, case, question, "yes", 2)
    page = client.get(f"/cases/{case.pk}/history/").content.decode()
    assert page.count(question) >= 2
    assert "assessor" in page and "<del>no</del>" in page and "<ins>yes</ins>" in page


def test_a_published_inspection_is_read_only(demo, as_user):
    case = demo["essex"].cases.filter(selection="sample").first()
    lead = as_user("lead")
    question = questions_for(case)[0][1][0].id
    assert answer(lead, case, question, "no", 1).status_code == 404


def test_the_overall_comment_autosaves_under_the_same_lock(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    client.get(f"/cases/{case.pk}/")
    saved = client.post(
        f"/cases/{case.pk}/comment/", {"overall_comment": "Good work", "version": 1}
    )
    assert saved.status_code == 200
    stale = client.post(f"/cases/{case.pk}/comment/", {"overall_comment": "x", "version": 1})
    assert stale.status_code == 409
    assert CaseAssessment.objects.get(case=case).overall_comment == "Good work"
