"""Assessing a case: autosave merged against what the page showed, precise conflicts, submit
from the same page, the status moves, the history; no page view writes."""

import html

from yjinspect.web.workspace.assessments import questions_for
from yjinspect.web.workspace.evidence import inspection_evidence
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment

from .conftest import allocated_case


def answer(client, case, question, value, version, evidence="", page_version=None):
    sent = {"key_question": question, f"value-{question}": value,
            f"evidence-{question}": evidence, "version": version}  # fmt: skip
    if page_version is not None:
        sent["page_version"] = page_version
    return client.post(f"/cases/{case.pk}/answer/", sent, HTTP_HX_REQUEST="true")


def submit(client, case, version, **extra):
    return client.post(
        f"/cases/{case.pk}/status/", {"action": "submit", "version": version}, **extra
    )


def key_questions(case):
    return [q.id for _, qs in questions_for(case) for q in qs]


def text(response):
    return html.unescape(response.content.decode())


def test_viewing_a_case_writes_nothing(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    history_before = CaseAssessment.history.count()
    for page in ("", "history/", "print/"):
        assert as_user("assessor").get(f"/cases/{case.pk}/{page}").status_code == 200
    assert not CaseAssessment.objects.filter(case=case).exists()
    assert CaseAssessment.history.count() == history_before


def test_autosave_creates_the_assessment_and_bumps_the_version(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="page-version" name="page_version" value="0"' in page
    question = key_questions(case)[0]
    response = answer(client, case, question, "yes", 0, "Clear analysis", page_version=0)
    assert response.status_code == 200 and "Saved" in response.content.decode()
    saved = CaseAssessment.objects.get(case=case)
    assert saved.version == 1
    assert saved.answers.get(key_question=question).evidence == "Clear analysis"
    # The page's controls that carry the version are brought up to date.
    slug = question.replace(".", "-")
    assert f'id="version-{slug}" name="version" value="1" hx-swap-oob="true"' in text(response)
    assert 'id="page-version" name="page_version" value="1" hx-swap-oob="true"' in text(response)
    assert 'id="assessment-status" hx-swap-oob="true">Draft<' in text(response)


def test_submit_after_answering_on_the_same_page(demo, as_user):
    """Defect 1: every answer was autosaved from a page drawn at version 0; Submit sent that
    version and was refused as 'someone else changed this assessment'."""
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    for question in key_questions(case):
        assert answer(client, case, question, "yes", 0).status_code == 200
    response = submit(client, case, 0, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, text(response)
    assert "Submitted for review." in text(response)
    assert CaseAssessment.objects.get(case=case).status == "submitted"


def test_submit_names_every_unanswered_key_question(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    questions = key_questions(case)
    answer(client, case, questions[0], "no", 0)
    refused = submit(client, case, 0)
    assert refused.status_code == 400
    page = text(refused)
    assert f"Not submitted: {len(questions) - 1} key questions not answered" in page
    for question in questions[1:]:
        assert f'href="#question-{question.replace(".", "-")}"' in page
    assert CaseAssessment.objects.get(case=case).status == "draft"


def test_the_same_user_in_two_tabs_is_merged_not_refused(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    first, second = key_questions(case)[:2]
    assert answer(client, case, first, "yes", 0).status_code == 200  # tab A
    assert answer(client, case, second, "no", 0).status_code == 200  # tab B, drawn earlier
    # Tab B changes only the evidence of the first question: A's answer is kept.
    assert answer(client, case, first, "", 0, "Seen in the file").status_code == 200
    stored = CaseAssessment.objects.get(case=case).answers.get(key_question=first)
    assert (stored.value, stored.evidence) == ("yes", "Seen in the file")
    # Tab B now sets a different answer over A's: refused, and said exactly.
    refused = answer(client, case, first, "no", 0, "Seen in the file")
    assert refused.status_code == 409
    assert f"you (in another tab or window) set {first} to Yes" in text(refused)


def test_a_conflict_says_what_changed_once_and_keeps_the_refused_text(demo, as_user):
    """Defect 4: an evidence edit was reported as 'set 2.1.1 to yes', twice, and the text
    refused was lost on the reload the message asked for."""
    case = allocated_case(demo["mock"], "inspector")
    question = key_questions(case)[0]
    lead, inspector = as_user("lead"), None
    assert answer(lead, case, question, "yes", 0, "First note").status_code == 200
    assert answer(lead, case, question, "yes", 1, "Second note").status_code == 200
    inspector = as_user("inspector")
    refused = answer(inspector, case, question, "no", 0, "My own careful note")
    assert refused.status_code == 409
    page = text(refused)
    assert page.count(f"lead set {question} to Yes") == 1
    assert page.count(f"lead changed the evidence note for {question}") == 2
    assert "My own careful note" in page and "Second note" in page
    assert "Reload" not in page
    stored = CaseAssessment.objects.get(case=case).answers.get(key_question=question)
    assert (stored.value, stored.evidence) == ("yes", "Second note")
    # The version the message carries lets the editor save theirs knowingly.
    assert answer(inspector, case, question, "no", 2, "My own careful note").status_code == 200


def test_submit_is_refused_for_changes_by_someone_else_only(demo, as_user):
    case = allocated_case(demo["mock"], "inspector")
    questions = key_questions(case)
    inspector = as_user("inspector")
    for question in questions:
        answer(inspector, case, question, "yes", 0)
    lead = as_user("lead")
    answer(lead, case, questions[-1], "no", len(questions))
    refused = submit(as_user("inspector"), case, len(questions))
    assert refused.status_code == 409
    assert f"lead set {questions[-1]} to No" in text(refused)
    assert submit(as_user("inspector"), case, len(questions) + 1).status_code == 302


def test_submit_return_and_accept_change_the_ratings(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    assessor = as_user("assessor")
    questions = key_questions(case)
    for question in questions:
        answer(assessor, case, question, "yes", 0)
    version = len(questions)
    assert submit(assessor, case, version).status_code == 302
    version += 1
    move = f"/cases/{case.pk}/status/"
    assert assessor.post(move, {"action": "accept", "version": version}).status_code == 404
    lead = as_user("lead")
    no_reason = lead.post(move, {"action": "return", "version": version})
    assert "Say why the assessment is returned" in no_reason.content.decode()
    lead.post(move, {"action": "return", "version": version, "reason": "Add evidence for 2.1.1"})
    version += 1
    page = as_user("assessor").get(f"/cases/{case.pk}/").content.decode()
    assert "Returned:</strong> Add evidence for 2.1.1" in page
    submit(as_user("assessor"), case, version)
    version += 1
    before = inspection_evidence(demo["mock"]).tallies.get(questions[0])
    as_user("lead").post(move, {"action": "accept", "version": version})
    after = inspection_evidence(demo["mock"]).tallies[questions[0]]
    assert before is None and after.yes == 1


def test_history_shows_answers_moves_reasons_comment_and_allocation(demo, as_user):
    """Issue 13, item 14: the history showed answers only."""
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    questions = key_questions(case)
    answer(client, case, questions[0], "no", 0, "Thin")
    for question in questions:
        answer(client, case, question, "yes", 1)
    client.post(f"/cases/{case.pk}/comment/", {"overall_comment": "Solid work", "version": 0})
    submit(client, case, 0)
    seen = CaseAssessment.objects.get(case=case).version
    as_user("lead").post(
        f"/cases/{case.pk}/status/", {"action": "return", "version": seen, "reason": "More on risk"}
    )
    page = text(as_user("lead").get(f"/cases/{case.pk}/history/"))
    shown = [f"Key question {questions[0]}", "<del>No</del>", "<ins>Yes</ins>",
             f"Evidence note for {questions[0]}", "Overall comment", "Solid work",
             "<ins>Submitted</ins>", "<ins>Returned</ins>", "Reason: More on risk"]  # fmt: skip
    assert [line for line in shown if line not in page] == []


def test_history_shows_allocation_and_replacement(demo, as_user, django_user_model):
    mock = demo["mock"]
    case = Case.objects.filter(inspection=mock, selection="sample", allocated_to=None).first()
    inspector = django_user_model.objects.get(username="inspector")
    lead = as_user("lead")
    lead.post(
        f"/inspections/{mock.pk}/allocate/", {"cases": [case.pk], "allocate_to": inspector.pk}
    )
    replaced = lead.post(f"/cases/{case.pk}/replace/", {"reason": "Transferred out"})
    incoming = replaced.url.strip("/").split("/")[-1]
    page = text(lead.get(f"/cases/{case.pk}/history/"))
    assert "Allocated to" in page and "<ins>inspector</ins>" in page
    assert "<ins>Replaced</ins>" in page and "Transferred out" in page
    assert "replaces" in text(lead.get(f"/cases/{incoming}/history/"))


def test_a_published_inspection_is_read_only(demo, as_user):
    case = demo["essex"].cases.filter(selection="sample").first()
    lead = as_user("lead")
    question = key_questions(case)[0]
    assert answer(lead, case, question, "no", 1).status_code == 404


def test_a_save_after_submitting_in_another_tab_says_so(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    questions = key_questions(case)
    for question in questions:
        answer(client, case, question, "yes", 0)
    submit(client, case, 0)
    late = answer(client, case, questions[0], "no", 0)
    assert late.status_code == 409 and "this assessment is submitted now" in text(late)


def test_the_overall_comment_is_merged_like_an_answer(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    url = f"/cases/{case.pk}/comment/"
    assert client.post(url, {"overall_comment": "Good work", "version": 0}).status_code == 200
    assert client.post(url, {"overall_comment": "Good work.", "version": 1}).status_code == 200
    stale = as_user("lead").post(url, {"overall_comment": "Lead's words", "version": 0})
    assert stale.status_code == 409
    assert "assessor changed the overall comment" in text(stale)
    assert "Lead&#x27;s words" in stale.content.decode() or "Lead's words" in text(stale)
    assert CaseAssessment.objects.get(case=case).overall_comment == "Good work."


def test_a_reserve_case_is_never_assessed_or_counted(demo, as_user):
    """Issue 13, item 6: a reserve case was answered, submitted, accepted and moved a rating."""
    mock = demo["mock"]
    reserve = mock.cases.filter(selection="reserve").first()
    question = key_questions(reserve)[0]
    lead = as_user("lead")
    assert answer(lead, reserve, question, "yes", 0).status_code == 404
    assert submit(lead, reserve, 0).status_code == 404
    assert not CaseAssessment.objects.filter(case=reserve).exists()
    # Even an accepted assessment stored for it (say, imported) is not evidence.
    before = inspection_evidence(mock).tallies.get(question)
    stored = CaseAssessment.objects.create(case=reserve, status="accepted")
    Answer.objects.create(assessment=stored, key_question=question, value="no")
    assert inspection_evidence(mock).tallies.get(question) == before


def test_a_save_that_waited_out_the_busy_timeout_is_a_conflict_not_a_500(
    demo, as_user, monkeypatch
):
    """Defect 2: 'database is locked' was an HTTP 500; it is a 409 saying what to do."""
    from django.db import OperationalError

    from yjinspect.web.workspace import assessments

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(assessments, "save_answer", locked)
    monkeypatch.setattr(assessments, "move", locked)
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    refused = answer(client, case, key_questions(case)[0], "yes", 0)
    assert refused.status_code == 409 and "many saves arrived at once" in text(refused)
    refused = submit(client, case, 0, HTTP_HX_REQUEST="true")
    assert refused.status_code == 409 and "many saves arrived at once" in text(refused)
