"""The improvement plan in the workspace: written by the service after publication, reviewed by
the lead and the monitoring body, reported to the management board; everything audited."""

import io
from datetime import date, timedelta

from docx import Document
from openpyxl import load_workbook

from yjinspect.web.plans.models import Action, Plan, ProgressReport, ProgressUpdate

from .conftest import as_date_inputs


def _plan(demo):
    return f"/inspections/{demo['essex'].pk}/plan"


def _first_recommendation(demo):
    return demo["essex"].recommendations.first()


def test_the_service_adds_an_action_to_a_published_inspection_and_it_is_audited(demo, as_user):
    client = as_user("viewer")
    recommendation = _first_recommendation(demo)
    url = f"{_plan(demo)}/recommendations/{recommendation.pk}/add/"
    data = {"what": "Write the protocol", "responsible": "Head of service", "due": "2027-01-31",
            "success": "Signed by the board"}  # fmt: skip
    response = client.post(url, as_date_inputs(data))
    assert response.status_code == 302
    action = Action.objects.get(what="Write the protocol")
    assert action.due == date(2027, 1, 31)
    assert action.recommendation == recommendation and action.status == "not_started"
    assert action.history.get().history_user.username == "viewer"
    # The inspection itself stays read-only for everyone.
    demo["essex"].refresh_from_db()
    assert demo["essex"].status == "published"
    assert (
        client.post(f"/inspections/{demo['essex'].pk}/content/", {"form": "survey"}).status_code
        == 404
    )


def test_bad_input_is_a_styled_error_and_changes_nothing(demo, as_user):
    client = as_user("viewer")
    recommendation = _first_recommendation(demo)
    before = Action.objects.count()
    page = client.post(f"{_plan(demo)}/recommendations/{recommendation.pk}/add/",
                       as_date_inputs({"what": "x" * 1001, "responsible": "Team",
                                       "due": "2018-01-01", "success": ""}))  # fmt: skip
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text and "before the report was published" in text
    assert "must be 1,000 characters or fewer" in text
    action = Action.objects.filter(recommendation__inspection=demo["essex"]).first()
    data = {
        "form": "status", "status": "not_done", "reason": " ", "what": action.what,
        "responsible": action.responsible, "due": action.due.isoformat(),
        "success": action.success,
    }  # fmt: skip
    page = client.post(f"/plan/actions/{action.pk}/", as_date_inputs(data))
    assert (
        page.status_code == 400 and "Say why the action is not being done" in page.content.decode()
    )
    assert Action.objects.count() == before
    action.refresh_from_db()
    assert action.status != "not_done"


def test_a_status_saved_meanwhile_is_not_overwritten(demo, as_user):
    client = as_user("viewer")
    action = Action.objects.filter(
        recommendation__inspection=demo["essex"], status="in_progress"
    ).first()
    fields = as_date_inputs({"form": "status", "what": action.what,
                             "responsible": action.responsible, "due": action.due.isoformat(),
                             "success": action.success, "reason": ""})  # fmt: skip
    page = client.get(f"/plan/actions/{action.pk}/").content.decode()
    seen = page.split('name="seen" value="')[1].split('"')[0]
    assert (
        client.post(
            f"/plan/actions/{action.pk}/", {**fields, "seen": seen, "status": "complete"}
        ).status_code
        == 302
    )
    stale = client.post(
        f"/plan/actions/{action.pk}/", {**fields, "seen": seen, "status": "not_started"}
    )
    assert stale.status_code == 400 and "changed after you opened it" in stale.content.decode()
    action.refresh_from_db()
    assert action.status == "complete"


def _update(client, action, name, content, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = as_date_inputs({"form": "update", "day": date.today().isoformat(), "note": "Done",
                           **extra})  # fmt: skip
    if name:
        data["attachment"] = SimpleUploadedFile(name, content)
    return client.post(f"/plan/actions/{action.pk}/", data)


def test_evidence_files_are_checked_and_only_ever_downloaded(demo, as_user):
    client = as_user("viewer")
    action = Action.objects.filter(recommendation__inspection=demo["essex"]).first()
    before = ProgressUpdate.objects.count()
    for name, content, said in [
        ("page.html", b"<script>alert(1)</script>", "cannot be attached"),
        ("report.pdf", b"<html><script>alert(1)</script>", "is not a PDF file"),
        ("big.txt", b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
        ("notes.txt", b"\xff\xfe\x00bad", "not UTF-8"),
    ]:
        response = _update(client, action, name, content)
        assert response.status_code == 400 and said in response.content.decode(), name
    refused = _update(client, action, None, b"", link="javascript:alert(1)")
    assert refused.status_code == 400
    assert refused.content.decode().count("Enter a valid URL.") == 2  # the summary and the field
    future = (date.today() + timedelta(days=1)).isoformat()
    assert _update(client, action, None, b"", day=future).status_code == 400
    assert ProgressUpdate.objects.count() == before

    assert _update(client, action, '../../audit "1".pdf', b"%PDF-1.4 evidence").status_code == 302
    update = ProgressUpdate.objects.latest("pk")
    assert update.file_name == "audit _1_.pdf" and update.added_by.username == "viewer"
    response = client.get(f"/plan/updates/{update.pk}/file")
    assert response.status_code == 200 and response.content == b"%PDF-1.4 evidence"
    assert response["Content-Disposition"] == 'attachment; filename="audit _1_.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert as_user("inspector").get(f"/plan/updates/{update.pk}/file").status_code == 404


def test_the_lead_and_the_monitor_comment_and_accept(demo, as_user):
    monitor = as_user("monitor")
    assert (
        monitor.post(f"{_plan(demo)}/review/", {"action": "comment", "text": ""}).status_code == 400
    )
    assert (
        monitor.post(
            f"{_plan(demo)}/review/", {"action": "comment", "text": "Dates, please"}
        ).status_code
        == 302
    )
    lead = as_user("lead")
    assert lead.post(f"{_plan(demo)}/review/", {"action": "accept"}).status_code == 302
    plan = Plan.objects.get(inspection=demo["essex"])
    assert plan.accepted_on == date.today() and plan.accepted_by.username == "lead"
    assert plan.history.latest().history_change_reason == "Plan accepted"
    assert plan.comments.filter(author__username="monitor", text="Dates, please").exists()
    page = as_user("viewer").get(f"{_plan(demo)}/").content.decode()
    assert "Dates, please" in page and "Accepted " in page and "Mark the plan accepted" not in page


def test_progress_reports_say_exactly_what_changed_since_the_previous(demo, as_user):
    client = as_user("viewer")
    reports = f"{_plan(demo)}/reports/"
    today = date.today().isoformat()
    assert (
        client.post(reports, as_date_inputs({"as_of": "2018-01-01"})).status_code == 400
    )  # before publication
    future = (date.today() + timedelta(days=1)).isoformat()
    assert client.post(reports, as_date_inputs({"as_of": future})).status_code == 400
    assert client.post(reports, as_date_inputs({"as_of": today})).status_code == 302
    first = ProgressReport.objects.get()
    overdue = Action.objects.get(recommendation__inspection=demo["essex"], due__lt=date.today(),
                                 status="in_progress")  # fmt: skip
    overdue.status = "complete"
    overdue.save()
    _update(client, overdue, None, b"", note="Audit reported to the board")
    assert client.post(reports, as_date_inputs({"as_of": today})).status_code == 302
    second = ProgressReport.objects.exclude(pk=first.pk).get()
    assert second.previous == first
    page = client.get(f"/plan/reports/{second.pk}.html")
    assert "style-src 'self' 'unsafe-inline'" in page["Content-Security-Policy"]  # styles inline
    html = page.content.decode()
    assert "Status changed from in progress to complete." in html
    assert "Audit reported to the board" in html
    assert "0 new actions, 1 action with a new status and 1 progress update since" in html
    # The first report is kept as it was.
    assert "first progress report" in client.get(f"/plan/reports/{first.pk}.html").content.decode()
    # The way back, as on the plan's other pages.
    trail = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert f'href="/inspections/{demo["essex"].pk}/plan/reports/"' in trail
    assert f'href="/inspections/{demo["essex"].pk}/plan/"' in trail
    pdf = client.get(f"/plan/reports/{second.pk}.pdf")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    # Two reports made on one day at one date download under two names, in the order made.
    first_pdf = client.get(f"/plan/reports/{first.pk}.pdf")["Content-Disposition"]
    assert f"improvement-plan-progress-report-1-{today}.pdf" in first_pdf
    assert f"improvement-plan-progress-report-2-{today}.pdf" in pdf["Content-Disposition"]
    docx = Document(io.BytesIO(client.get(f"/plan/reports/{second.pk}.docx").content))
    assert any("Status changed" in p.text for p in docx.paragraphs) or any(
        "Status changed" in c.text for t in docx.tables for r in t.rows for c in r.cells
    )
    sheet = load_workbook(io.BytesIO(client.get(f"/plan/reports/{second.pk}.xlsx").content)).active
    assert any(
        "Audit reported to the board" in str(c)
        for row in sheet.iter_rows(values_only=True)
        for c in row
    )
    assert client.get(f"/plan/reports/{second.pk}.exe").status_code == 404


def test_the_follow_up_page_lists_overdue_actions_first(demo, as_user):
    page = as_user("monitor").get(f"/services/{demo['essex'].service_id}/plans/").content.decode()
    listed = page.split('id="follow-up-actions"')[1]
    assert listed.index("Overdue") < listed.index("Train case managers")
    assert listed.index("Audit the education") < listed.index("Train case managers")
    assert "1 overdue" in page
    # The lead also led the 2012 Core Case Inspection, which made no recommendations: no plan.
    lead = as_user("lead").get(f"/services/{demo['essex'].service_id}/plans/").content.decode()
    assert "October 2018" in lead and "February 2012" not in lead


def test_a_report_at_an_earlier_date_shows_the_plan_as_it_stood_then(demo, as_user):
    """Actions come from the audit trail at the end of the report's day: one added later, or
    a status changed later, is not in it."""
    from datetime import datetime

    from django.utils import timezone

    client = as_user("viewer")
    action = Action.objects.filter(
        recommendation__inspection=demo["essex"], status="in_progress"
    ).first()
    long_ago = timezone.make_aware(datetime(2019, 6, 1, 12))
    Action.history.update(history_date=long_ago, added=date(2019, 1, 2))
    ProgressUpdate.history.update(history_date=long_ago)
    action.status = "complete"
    action.save()  # today: after the report's date
    late = Action.objects.create(
        recommendation=action.recommendation, what="Later", responsible="Team",
        due=date(2030, 1, 1), success="Done",
    )  # fmt: skip
    assert (
        client.post(f"{_plan(demo)}/reports/", as_date_inputs({"as_of": "2019-07-01"})).status_code
        == 302
    )
    taken = ProgressReport.objects.get().snapshot
    actions = {a["id"]: a for r in taken["recommendations"] for a in r["actions"]}
    assert late.pk not in actions
    assert actions[action.pk]["status"] == "in_progress"


def test_the_plan_exports_as_csv_xlsx_and_json_to_its_readers_only(demo, as_user):
    import json

    client = as_user("viewer")
    action = Action.objects.filter(recommendation__inspection=demo["essex"]).first()
    action.what = "=cmd|' /C calc'!A0"
    action.save()
    base = f"{_plan(demo)}/export"
    actions = client.get(f"{base}/actions.csv")
    assert actions["Content-Type"] == "text/csv" and "attachment" in actions["Content-Disposition"]
    assert "'=cmd|' /C calc'!A0" in actions.content.decode()
    found = json.loads(client.get(f"{base}/all.json").content)
    assert len(found["actions"]) == 5 and len(found["updates"]) == 2
    assert found["comments"][0]["author"] == "monitor"
    book = load_workbook(io.BytesIO(client.get(f"{base}/all.xlsx").content))
    assert book.sheetnames == ["actions", "updates", "comments"]
    due = book["actions"]["E2"]  # the due date: a date cell a spreadsheet sorts as a date
    assert book["actions"]["E1"].value == "due" and due.is_date
    first = Action.objects.filter(recommendation__inspection=demo["essex"])
    first = first.order_by("recommendation__order", "recommendation", "due", "pk").first()
    assert due.value.date() == first.due
    assert due.number_format == "d mmmm yyyy" and book["updates"]["C2"].is_date
    assert client.get(f"{base}/nothing.csv").status_code == 404
    assert as_user("inspector").get(f"{base}/all.json").status_code == 404


def test_a_plan_without_actions_cannot_be_accepted(demo, as_user):
    Action.objects.filter(recommendation__inspection=demo["essex"]).delete()
    response = as_user("lead").post(f"{_plan(demo)}/review/", {"action": "accept"}, follow=True)
    assert "nothing to accept" in response.content.decode()
    assert Plan.objects.get(inspection=demo["essex"]).accepted_on is None
