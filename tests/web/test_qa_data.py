"""Data integrity around quality assurance: a NUL character refused wherever text is typed, agreed
answers tied to the disagreement they settled, the results file and exports carrying what the
ratings count, the shared length limits and conflict checks on the QA forms, QA events in the
histories, and upload messages of a bounded size."""

import csv
import io

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from yjinspect.ratings.engine import rate_file
from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.workspace.evidence import (
    agreed_answer_counts,
    evidence_version,
    rate_inspection,
    unsettled_disagreements,
)
from yjinspect.web.workspace.limits import LONG_TEXT, REASON
from yjinspect.web.workspace.models import Answer, CaseAssessment, Finding

from .conftest import allocated_case
from .test_assessment import text
from .test_qa import first_assessment, key_questions, moderated_case, qa_lead

NUL = "hidden NUL character"
HTMX = {"HTTP_HX_REQUEST": "true"}
User = get_user_model()


@pytest.fixture
def double(demo):
    """A mock case: first assessor "assessor", second "inspector", and a QA lead (as test_qa)."""
    case = allocated_case(demo["mock"], "assessor")
    allocation.allocate(case, User.objects.get(username="inspector"))
    qa_lead(demo["mock"])
    return case


def no_nul_stored(*models):
    for model in models:
        for row in model.objects.values():
            assert not any("\x00" in str(value) for value in row.values()), row


# --- 3: NUL ---------------------------------------------------------------------------------


def test_a_nul_is_refused_in_place_by_every_autosave(double, as_user):
    kq = key_questions(double)[0]
    first_case = allocated_case(double.inspection, "assessor")
    second = as_user("inspector")
    for url, data in (
        (f"/cases/{double.pk}/second/answer/",
         {"key_question": kq, f"value-{kq}": "yes", f"evidence-{kq}": "a\x00b", "version": 0}),
        (f"/cases/{double.pk}/second/comment/", {"overall_comment": "a\x00b", "version": 0}),
        (f"/cases/{double.pk}/second/views/",
         {"child_reached": "yes", "child_views": "a\x00b", "carer_reached": "",
          "carer_views": "", "version": 1}),
    ):  # fmt: skip
        response = second.post(url, data, **HTMX)
        assert response.status_code == 422, (url, response.status_code)
        assert "Not saved:" in text(response) and NUL in text(response), url
    first = as_user("assessor")
    for url, data in (
        (f"/cases/{first_case.pk}/answer/",
         {"key_question": kq, f"value-{kq}": "no", f"evidence-{kq}": "x\x00", "version": 0}),
        (f"/cases/{first_case.pk}/comment/", {"overall_comment": "\x00", "version": 0}),
    ):  # fmt: skip
        response = first.post(url, data, **HTMX)
        assert response.status_code == 422 and NUL in text(response), url
    no_nul_stored(Answer, CaseAssessment, SecondAnswer, SecondAssessment)


def test_the_views_form_without_scripts_shows_a_nul_as_an_error_keeping_the_words(double, as_user):
    sent = {"child_reached": "yes", "child_views": "She felt\x00 heard", "carer_reached": "no",
            "carer_views": "Not reached", "version": 1}  # fmt: skip
    response = as_user("inspector").post(f"/cases/{double.pk}/second/views/", sent)
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and NUL in page
    assert "Not reached" in page  # what was typed is drawn again, not lost
    assert SecondAssessment.objects.get(case=double).carer_views == ""


def test_a_nul_in_a_return_reason_or_a_moderation_reason_is_refused(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    lead = as_user("lead")
    sent = {"key_question": questions[0], "value": "no", "reason": "Plan\x00 lacks", "seen": 0}
    response = lead.post(f"/cases/{double.pk}/compare/", sent)
    assert response.status_code == 400 and NUL in text(response)
    assert not AgreedAnswer.objects.exists()
    case = allocated_case(double.inspection, "inspector")
    first_assessment(case, {}, status=CaseAssessment.Status.SUBMITTED)
    sent = {"action": "return", "reason": "Redo\x00", "version": 1}
    response = lead.post(f"/cases/{case.pk}/status/", sent)
    assert response.status_code == 400 and NUL in text(response)
    assert CaseAssessment.objects.get(case=case).status == CaseAssessment.Status.SUBMITTED


def test_a_nul_in_a_form_is_a_govuk_error(demo, as_user):
    mock = demo["mock"]
    sent = {"form": "finding", "kind": "strength", "standard": "2.1", "text": "Good\x00 work"}
    response = as_user("lead").post(f"/inspections/{mock.pk}/content/", sent)
    assert response.status_code == 400
    assert "There is a problem" in text(response) and f"Finding contains a {NUL}" in text(response)
    assert not Finding.objects.filter(inspection=mock, text__contains="Good").exists()


# --- 6: an agreed answer settles one disagreement ---------------------------------------------


def settle(client, case, question, value, reason, seen=0):
    sent = {"key_question": question, "value": value, "reason": reason, "seen": seen}
    return client.post(f"/cases/{case.pk}/compare/", sent)


def test_an_agreed_answer_stops_counting_once_either_answer_changes(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    lead = as_user("lead")
    assert settle(lead, double, questions[0], "no", "Plan lacks").status_code == 302
    assert agreed_answer_counts(double.inspection)[questions[0]] == {"yes": 0, "no": 1}
    before = evidence_version(double.inspection)
    rate_inspection(double.inspection)  # cached under `before`
    # A results upload changes the first answer: another disagreement.
    kq = questions[0]
    answers = f"{{'{kq}': n/a}}"
    case = f"{{id: {double.case_ref}, disposal: {double.stream}, answers: {answers}}}"
    body = (f"framework: {double.inspection.framework_id}\nservice: {{name: Demo}}\ncases:\n"
            f"  - {case}\n")  # fmt: skip
    upload = SimpleUploadedFile("again.yaml", body.encode())
    page = text(lead.post(f"/inspections/{double.inspection.pk}/results/", {"results": upload},
                          follow=True))  # fmt: skip
    assert "Imported again.yaml" in page, page
    # The old decision settled "yes" against "no": it does not settle "n/a" against "no".
    assert evidence_version(double.inspection) != before
    assert agreed_answer_counts(double.inspection)[questions[0]] == {"n/a": 0}
    assert unsettled_disagreements(double.inspection) == [double.case_ref]
    page = text(lead.get(f"/cases/{double.pk}/compare/"))
    assert "Not yet settled" in page and "1 not yet settled" in page
    assert "Earlier decision, no longer counted" in page and "Plan lacks" in page
    # Settling the new disagreement counts again, and keeps the old one in the history.
    seen = AgreedAnswer.history.order_by("-history_id").first().history_id
    assert settle(lead, double, kq, "n/a", "Not relevant here", seen).status_code == 302
    assert agreed_answer_counts(double.inspection)[questions[0]] == {"n/a": 1}
    agreed = AgreedAnswer.objects.get()
    assert (agreed.first, agreed.second, agreed.value) == ("n/a", "no", "n/a")
    assert agreed.history.count() == 2


# --- 7: the results file and exports carry what the ratings count -----------------------------


def test_rating_the_downloaded_results_file_gives_the_workspace_ratings(double, as_user, tmp_path):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no", questions[1]: "no"})
    lead = as_user("lead")
    assert settle(lead, double, questions[0], "no", "Plan lacks").status_code == 302
    body = lead.get(f"/inspections/{double.inspection.pk}/results.yaml").content.decode()
    note = " ".join(line for line in body.splitlines() if line.startswith("# "))
    assert note.startswith("# Unsettled disagreements") and double.case_ref in note
    case = next(c for c in yaml.safe_load(body)["cases"] if c["id"] == double.case_ref)
    assert case["answers"][questions[0]] == "no"  # the agreed answer
    assert questions[1] not in case["answers"]  # unsettled: counted for neither, as the ratings
    path = tmp_path / "results.yaml"
    path.write_text(body)
    standards, overall = rate_inspection(double.inspection)
    rated = rate_file(path)
    assert rated.standards == standards and rated.overall == overall
    exported = lead.get(f"/inspections/{double.inspection.pk}/export/case_answers.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    mine = {r["key_question"]: r for r in rows if r["case_ref"] == double.case_ref}
    assert (mine[questions[0]]["answer"], mine[questions[0]]["rated_answer"]) == ("yes", "no")
    assert mine[questions[0]]["moderation"].startswith("agreed answer")
    assert mine[questions[1]]["rated_answer"] == ""
    assert mine[questions[1]]["moderation"].startswith("unsettled disagreement")
    assert mine[questions[2]]["rated_answer"] == "yes"


# --- 11: shared length limits ------------------------------------------------------------------


def test_the_views_and_the_moderation_reason_keep_to_the_shared_limits(double, as_user):
    sent = {"child_reached": "yes", "child_views": "x" * (LONG_TEXT + 1), "carer_reached": "",
            "carer_views": "", "version": 1}  # fmt: skip
    response = as_user("inspector").post(f"/cases/{double.pk}/second/views/", sent, **HTMX)
    assert response.status_code == 422
    assert f"must be {LONG_TEXT:,} characters or fewer" in text(response)
    assert SecondAssessment.objects.get(case=double).child_views == ""
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    response = settle(as_user("lead"), double, questions[0], "no", "x" * (REASON + 1))
    assert response.status_code == 400
    assert f"must be {REASON:,} characters or fewer" in text(response)
    assert not AgreedAnswer.objects.exists()


# --- 12: edits made meanwhile -------------------------------------------------------------------


def views(child_views, carer_views="", version=0):
    return {"child_reached": "yes", "child_views": child_views, "carer_reached": "",
            "carer_views": carer_views, "version": version}  # fmt: skip


def test_the_views_form_never_overwrites_a_change_made_meanwhile(double, as_user):
    tab = as_user("inspector")
    url = f"/cases/{double.pk}/second/views/"
    assert tab.post(url, views("Felt heard"), **HTMX).status_code == 200
    # A second tab, opened before that save, changes the same words: refused, saying why.
    refused = tab.post(url, views("Felt ignored"), **HTMX)
    assert refused.status_code == 409
    assert "changed the views of the child" in text(refused)
    assert SecondAssessment.objects.get(case=double).child_views == "Felt heard"
    # Another field from the old page merges without loss.
    merged = tab.post(url, views("", carer_views="Carer pleased"), **HTMX)
    assert merged.status_code == 200
    second = SecondAssessment.objects.get(case=double)
    assert (second.child_views, second.carer_views) == ("Felt heard", "Carer pleased")


def test_two_moderators_do_not_silently_overwrite_each_other(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    assert settle(as_user("lead"), double, questions[0], "no", "Plan lacks").status_code == 302
    refused = settle(as_user("qalead"), double, questions[0], "yes", "Plan fine", seen=0)
    assert refused.status_code == 409
    assert "lead recorded the agreed answer to" in text(refused)
    assert "Plan fine" in text(refused)  # the refused reason is shown back
    assert AgreedAnswer.objects.get().value == "no"


# --- 13: QA events in the histories ---------------------------------------------------------------


def test_the_histories_show_qa_events_without_breaking_blindness(double, as_user, demo):
    questions = key_questions(double)
    url = f"/cases/{double.pk}/second/views/"
    as_user("inspector").post(url, views("Felt heard"), **HTMX)
    second_history = text(as_user("inspector").get(f"/cases/{double.pk}/second/history/"))
    assert "marked, second assessor inspector (chosen by the lead)" in second_history
    assert "Views of the child" in second_history and "Felt heard" in second_history
    lead_history = text(as_user("lead").get(f"/cases/{double.pk}/history/"))
    assert "marked, second assessor inspector" in lead_history
    blind = text(as_user("assessor").get(f"/cases/{double.pk}/history/"))
    assert "Second assessment" not in blind and "Agreed answer" not in blind
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    assert settle(as_user("lead"), double, questions[0], "no", "Plan lacks").status_code == 302
    for who, page in (("assessor", f"/cases/{double.pk}/history/"),
                      ("inspector", f"/cases/{double.pk}/second/history/")):  # fmt: skip
        history = text(as_user(who).get(page))
        assert f"Agreed answer to {questions[0]}" in history, who
        assert "Reason: Plan lacks" in history and "first assessor's Yes" in history, who
    inspection = text(as_user("lead").get(f"/inspections/{double.inspection.pk}/history/"))
    assert f"Case {double.case_ref}: Second assessment" in inspection
    assert f"Case {double.case_ref}: Agreed answer to {questions[0]}" in inspection


def test_moving_and_taking_off_a_second_assessment_are_in_the_history(double, as_user):
    lead = as_user("lead")
    url = f"/cases/{double.pk}/second/change/"
    qalead = double.inspection.assignments.get(user__username="qalead").user
    sent = {"form": "move", "assessor": qalead.pk, "move_reason": "Inspector is away"}
    assert lead.post(url, sent).status_code == 302
    sent = {"form": "unmark", "reason": "Case closed early"}
    assert lead.post(url, sent).status_code == 302
    history = text(lead.get(f"/inspections/{double.inspection.pk}/history/"))
    assert f"Case {double.case_ref}: Second assessor" in history
    assert "moved to qalead: Inspector is away" in history
    assert "taken off second assessment: Case closed early" in history


# --- 14: bounded messages ---------------------------------------------------------------------


def test_an_upload_with_many_problems_lists_fifty_and_counts_the_rest(demo, as_user):
    cases = "".join(f"  - {{id: NOPE-{n:03d}, disposal: court}}\n" for n in range(120))
    framework = demo["mock"].framework_id
    content = f"framework: {framework}\nservice: {{name: Demo}}\ncases:\n{cases}".encode()
    upload = SimpleUploadedFile("many.yaml", content)
    url = f"/inspections/{demo['mock'].pk}/results/"
    page = text(as_user("lead").post(url, {"results": upload}, follow=True))
    assert "Nothing was imported. 120 problems:" in page
    assert "NOPE-049" in page and "NOPE-050" not in page
    assert "and 70 more problems" in page


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_a_data_file_problem_still_names_its_line(tmp_path, suffix):
    """The JSON node tree is composed only when a line is wanted: it still is."""
    from yjinspect.errors import InputError
    from yjinspect.results.loader import load_results

    body = ('{"framework": "hmip-yos-2018",\n "service": {"name": "Demo"},\n'
            ' "cases": [{"id": "A", "answers": {"2.1.1": "maybe"}}]}')  # fmt: skip
    path = tmp_path / f"bad.{suffix}"
    path.write_text(body)
    with pytest.raises(InputError) as refusal:
        load_results(path)
    assert refusal.value.problems[0].line == 3
