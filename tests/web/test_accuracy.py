"""The factual accuracy check: the lead sends the draft, the service comments on it and sees
nothing else of the inspection, the lead answers each comment, and publishing is refused while
one is unanswered unless the lead gives a reason."""

import csv
import io
import json
import re
from datetime import date, timedelta

import openpyxl
import pytest

from yjinspect.web.accuracy.models import DraftComment
from yjinspect.web.workspace.models import Assignment, Inspection, Role, StandardJudgement

from .conftest import allocated_case, as_date_inputs, judge_one_standard

STAGES = [status for status, _ in Inspection.Status.choices]


@pytest.fixture
def mock(demo, django_user_model):
    """The mock inspection with the demo's service viewer (and a second one) on it."""
    inspection = demo["mock"]
    for name in ("viewer", "viewer2"):
        user, _ = django_user_model.objects.get_or_create(username=name)
        Assignment.objects.create(inspection=inspection, user=user, role=Role.SERVICE_VIEWER)
    judge_one_standard(inspection)  # a draft says something: one standard is rated
    return inspection


def at(inspection, status):
    inspection.status = status
    inspection.save()
    return inspection


def sent(mock, as_user):
    at(mock, Inspection.Status.DRAFTING)
    response = as_user("lead").post(f"/inspections/{mock.pk}/accuracy/send/", {})
    assert response.status_code == 302
    mock.refresh_from_db()
    return mock


def comment(client, inspection, text="The caseload figure is 412, not 421.", part="ratings"):
    return client.post(
        f"/inspections/{inspection.pk}/accuracy/comment/",
        {"part": part, "paragraph": "2", "text": text},
    )


def pages(inspection):
    """Everything of the inspection a service viewer might try, by name."""
    case = allocated_case(inspection, "assessor")
    pk = inspection.pk
    return {
        "inspection": f"/inspections/{pk}/",
        "ratings": f"/inspections/{pk}/ratings/",
        "judgements": f"/inspections/{pk}/judgements/",
        "content": f"/inspections/{pk}/content/",
        "cases": f"/inspections/{pk}/cases/",
        "case": f"/cases/{case.pk}/",
        "sample": f"/inspections/{pk}/sample/",
        "report page": f"/inspections/{pk}/report/",
        "report preview": f"/inspections/{pk}/report.html",
        "press release": f"/inspections/{pk}/press-release.txt",
        "results file": f"/inspections/{pk}/results.yaml",
        "export": f"/inspections/{pk}/export/all.json",
        "check": f"/inspections/{pk}/accuracy/",
        "draft report": f"/inspections/{pk}/accuracy/draft.html",
        "comments log": f"/inspections/{pk}/accuracy/comments.csv",
    }


# What the service's viewer opens at each stage; everything else of the inspection is a 404.
SERVICE_SEES = {
    "planning": set(),
    "fieldwork": set(),
    "rating": set(),
    "drafting": set(),
    "accuracy": {"check", "draft report", "comments log"},
    "published": {"inspection", "ratings", "judgements", "content", "report page",
                  "report preview", "press release", "check", "comments log"},
}  # fmt: skip


@pytest.mark.parametrize("stage", STAGES)
def test_the_service_sees_only_the_draft_while_it_is_theirs_to_check(mock, as_user, stage):
    at(mock, stage)
    client = as_user("viewer")
    found = {name: client.get(url).status_code for name, url in pages(mock).items()}
    assert found == {name: 200 if name in SERVICE_SEES[stage] else 404 for name in found}
    may_comment = comment(client, mock).status_code != 404
    assert may_comment == (stage == "accuracy")


def test_the_service_keeps_its_comments_log_when_the_lead_reopens_to_drafting(mock, as_user):
    """Reopened after publication: the service still reads what it said and the answers (read
    only, on the check's page and in the log's files); the draft stays hidden until sent again."""
    sent(mock, as_user)
    comment(as_user("viewer"), mock, text="The caseload is 412.")
    lead = as_user("lead")
    found = DraftComment.objects.get()
    lead.post(f"/inspections/{mock.pk}/accuracy/comments/{found.pk}/answer/",
              {"answer": "accepted", "response": "Changed to 412."})  # fmt: skip
    at(mock, Inspection.Status.PUBLISHED)
    lead.post(f"/inspections/{mock.pk}/status/", {"action": "reopen", "reason": "A correction"})
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.DRAFTING
    viewer = as_user("viewer")
    seen = {name: viewer.get(url).status_code for name, url in pages(mock).items()}
    assert seen == {name: 200 if name in ("check", "comments log") else 404 for name in seen}
    page = viewer.get(f"/inspections/{mock.pk}/accuracy/").content.decode()
    assert "The caseload is 412." in page and "Changed to 412." in page
    assert "withdrawn until the lead inspector sends it to you again" in page
    assert f'action="/inspections/{mock.pk}/accuracy/comment/"' not in page  # read only
    assert comment(viewer, mock).status_code == 404
    assert f'href="/inspections/{mock.pk}/accuracy/"' in viewer.get("/").content.decode()
    # Sent again: the draft is theirs to read and comment on once more.
    sent(mock, as_user)
    assert viewer.get(pages(mock)["draft report"]).status_code == 200


@pytest.mark.parametrize("role", ["inspector", "assessor", "viewer"])
def test_only_the_lead_sends_the_draft_and_answers(mock, as_user, role):
    at(mock, Inspection.Status.DRAFTING)
    assert as_user(role).post(f"/inspections/{mock.pk}/accuracy/send/", {}).status_code == 404
    sent(mock, as_user)
    comment(as_user("viewer"), mock)
    found = DraftComment.objects.get()
    url = f"/inspections/{mock.pk}/accuracy/comments/{found.pk}/answer/"
    data = {"answer": "accepted", "response": "x"}
    assert as_user(role).post(url, data).status_code == 404
    assert as_user("lead").post(url, data).status_code == 302


def test_a_service_viewer_of_another_inspection_sees_nothing(demo, mock, as_user):
    sent(mock, as_user)
    essex_only = as_user("viewer")  # assigned here too; now take them off
    Assignment.objects.filter(inspection=mock, user__username="viewer").delete()
    for url in pages(mock).values():
        assert essex_only.get(url).status_code == 404
    home = essex_only.get("/").content.decode()
    assert f"/inspections/{mock.pk}/" not in home


def test_the_home_page_takes_the_service_to_the_check(mock, as_user):
    sent(mock, as_user)
    home = as_user("viewer").get("/").content.decode()
    assert f'href="/inspections/{mock.pk}/accuracy/"' in home


def test_a_draft_with_nothing_rated_is_not_sent(mock, as_user):
    StandardJudgement.objects.filter(inspection=mock).delete()
    at(mock, Inspection.Status.DRAFTING)  # as one moved on before drafting needed a rating
    refused = as_user("lead").post(f"/inspections/{mock.pk}/accuracy/send/", {})
    assert refused.status_code == 400
    assert "There is no report to send. No standard has a rating yet" in refused.content.decode()
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.DRAFTING and mock.draft_sent_date is None


def test_sending_needs_someone_from_the_service(demo, as_user):
    mock = at(demo["mock"], Inspection.Status.DRAFTING)
    judge_one_standard(mock)
    refused = as_user("lead").post(f"/inspections/{mock.pk}/accuracy/send/", {})
    assert refused.status_code == 400 and "service viewer role" in refused.content.decode()
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.DRAFTING and mock.draft_sent_date is None


def test_the_lead_sets_the_day_comments_are_due_in_govuk_date_inputs(mock, as_user):
    at(mock, Inspection.Status.DRAFTING)
    lead = as_user("lead")
    page = lead.get(f"/inspections/{mock.pk}/accuracy/").content.decode()
    assert 'name="comments_due-day"' in page and 'type="date"' not in page
    url = f"/inspections/{mock.pk}/accuracy/send/"
    refused = lead.post(url, as_date_inputs({"comments_due": "2099-02-31"}))
    assert refused.status_code == 400 and "Enter a real date" in refused.content.decode()
    due = date.today() + timedelta(days=20)
    assert lead.post(url, as_date_inputs({"comments_due": due.isoformat()})).status_code == 302
    mock.refresh_from_db()
    assert mock.comments_due_date == due


def test_sending_sets_the_dates_and_keeps_the_reason(mock, as_user):
    mock = sent(mock, as_user)
    assert mock.status == Inspection.Status.ACCURACY
    assert mock.comments_due_date is not None and mock.draft_sent_date is not None
    # Two weeks by default (an assumption: the reports do not say)
    assert (mock.comments_due_date - mock.draft_sent_date).days == 14
    assert "factual accuracy check" in mock.history.first().history_change_reason


def test_a_comment_names_a_section_of_the_report_or_is_refused(mock, as_user):
    sent(mock, as_user)
    client = as_user("viewer")
    refused = comment(client, mock, part="foreword")  # the mock's draft has no foreword yet
    assert refused.status_code == 400 and "There is a problem" in refused.content.decode()
    empty = comment(client, mock, text="  ")
    assert empty.status_code == 400
    assert not DraftComment.objects.exists()
    assert comment(client, mock, part="standard-1.1").status_code == 302
    saved = DraftComment.objects.get()
    assert saved.part_title.startswith("1.1 ") and saved.paragraph == 2


def test_the_lead_answers_with_the_change_or_the_reason_and_the_log_keeps_both(mock, as_user):
    sent(mock, as_user)
    comment(as_user("viewer"), mock)
    found = DraftComment.objects.get()
    lead = as_user("lead")
    url = f"/inspections/{mock.pk}/accuracy/comments/{found.pk}/answer/"
    refused = lead.post(url, {"answer": "not_accepted", "response": " "})
    assert refused.status_code == 400
    found.refresh_from_db()
    assert found.answer == ""
    lead.post(url, {"answer": "not_accepted", "response": "The figure is from the YJB return."})
    lead.post(url, {"answer": "accepted", "response": "Corrected to 412 in the foreword."})
    found.refresh_from_db()
    assert (found.answer, found.answered_by.username) == ("accepted", "lead")
    reasons = [h.history_change_reason for h in found.history.order_by("history_date")]
    assert reasons == ["comment on the draft report", "answered: not accepted",
                       "answered: accepted"]  # fmt: skip
    page = as_user("viewer").get(f"/inspections/{mock.pk}/accuracy/").content.decode()
    assert "Corrected to 412 in the foreword." in page and "Accepted" in page


def test_publishing_is_refused_while_a_comment_is_unanswered_unless_the_lead_says_why(
    mock, as_user
):
    sent(mock, as_user)
    comment(as_user("viewer"), mock)
    lead = as_user("lead")
    check = lead.get(f"/inspections/{mock.pk}/publish/").content.decode()
    assert "1 of the service&#x27;s 1 comments on the draft report is not answered" in check
    refused = lead.post(f"/inspections/{mock.pk}/publish/", {"reason": ""})
    assert refused.status_code == 400
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.ACCURACY
    why = "The service agreed by telephone; the answer follows."
    assert lead.post(f"/inspections/{mock.pk}/publish/", {"reason": why}).status_code == 302
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.PUBLISHED
    kept = mock.history.first().history_change_reason
    assert "comments on the draft report is not answered" in kept and why in kept


def test_the_log_exports_are_inert_in_a_spreadsheet(mock, as_user):
    sent(mock, as_user)
    comment(as_user("viewer"), mock, text='=HYPERLINK("http://x.example","click")')
    client = as_user("viewer")
    rows = list(csv.reader(io.StringIO(client.get(
        f"/inspections/{mock.pk}/accuracy/comments.csv").content.decode())))  # fmt: skip
    assert rows[0][:4] == ["number", "section", "paragraph", "comment"]
    assert rows[1][3] == '\'=HYPERLINK("http://x.example","click")'
    assert rows[1][6] == "Not yet answered"
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        f"/inspections/{mock.pk}/accuracy/comments.xlsx").content))  # fmt: skip
    sheet = book.worksheets[0]
    # A typed cell: the text as written, as a string, never a formula.
    assert sheet.cell(2, 4).value.startswith("=HYPERLINK") and sheet.cell(2, 4).data_type == "s"
    data = json.loads(client.get(f"/inspections/{mock.pk}/accuracy/comments.json").content)
    assert data  # the same table as JSON


def test_the_task_list_shows_the_check_and_the_dates(mock, as_user):
    sent(mock, as_user)
    comment(as_user("viewer"), mock)
    page = as_user("lead").get(f"/inspections/{mock.pk}/").content.decode()
    assert "Factual accuracy check" in page and "0 of 1 comments answered" in page
    assert 'id="date-comments-due"' in page and "Improvement plan due" in page


def test_the_next_inspection_shows_per_standard_what_moved(demo, as_user, django_user_model):
    essex = demo["essex"]
    again = Inspection.objects.create(
        service=essex.service, framework_id=essex.framework_id,
        framework_version=essex.framework_version, fieldwork_start=date(2021, 5, 3),
        fieldwork_end=date(2021, 5, 7), status=Inspection.Status.DRAFTING,
    )  # fmt: skip
    lead = django_user_model.objects.get(username="lead")
    Assignment.objects.create(inspection=again, user=lead, role=Role.LEAD)
    StandardJudgement.objects.create(inspection=again, standard="1.1", rating="Good")
    page = as_user("lead").get(f"/inspections/{again.pk}/").content.decode()
    assert "Since the last inspection" in page and "published 6 December 2018" in page
    assert "Outstanding then, Good now" in page and "Declined" in page
    # The demo's plan for Essex 2018: what became of each recommendation, from its actions.
    assert "No improvement plan is held" not in page
    assert re.search(r"govuk-tag--(grey|red)\">(All \d+|\d+ of \d+) actions? complete", page)
    report = as_user("lead").get(f"/inspections/{again.pk}/report.html").content.decode()
    assert re.search(r">Outstanding</td><td [^>]*>Good</td><td [^>]*>Declined<", report)


def test_a_previous_inspection_under_another_framework_says_so(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['essex'].pk}/").content.decode()
    assert "scores work rather than rating standards" in page  # Essex 2012, Core Case
    assert "not published" not in page
    assert "published 1 May 2012" in page  # as its results file says


def set_up(inspection, **dates):
    form = {"framework_id": inspection.framework_id, "fieldwork_start": "2026-06-01",
            "fieldwork_end": "2026-06-05", **dates}  # fmt: skip
    form.update({f"user-{a.user_id}": a.role for a in inspection.assignments.all()})
    return as_date_inputs(form)


def test_the_lead_sets_the_dates_after_fieldwork_in_govuk_date_inputs(demo, as_user):
    mock, lead = demo["mock"], as_user("lead")
    url = f"/inspections/{mock.pk}/set-up/"
    form = set_up(mock, provisional_findings_date="2026-06-19")
    form.update({"comments_due_date-day": "31", "comments_due_date-month": "2",
                 "comments_due_date-year": "2026"})  # fmt: skip
    refused = lead.post(url, form)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Enter a real date: 31 February 2026 does not exist." in page
    assert 'href="#inspection-comments_due_date-day"' in page  # the summary goes to the day box
    assert re.search(r'name="comments_due_date-day"[^>]*value="31"', page)  # as typed
    early = lead.post(url, set_up(mock, provisional_findings_date="2026-05-30"))
    assert "Provisional findings come after fieldwork ends." in early.content.decode()
    mock.refresh_from_db()
    assert mock.provisional_findings_date is None  # nothing saved from either
    assert lead.post(url, set_up(mock, provisional_findings_date="2026-06-19")).status_code == 302
    mock.refresh_from_db()
    assert mock.provisional_findings_date == date(2026, 6, 19)
    dates = lead.get(f"/inspections/{mock.pk}/").content.decode()
    assert "19 June 2026" in dates and "Expected by 17 July 2026" in dates  # the draft: 6 weeks
