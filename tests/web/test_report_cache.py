"""Report files served from their stored renderings, never stale, with PDFs and Word files
rendered off the request by the real task worker while the page says so (issue 15)."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from yjinspect.web.plans.models import Action
from yjinspect.web.reports.models import Rendering
from yjinspect.web.reports.versions import report_key
from yjinspect.web.workspace.models import (
    Answer,
    Assignment,
    Discretion,
    Finding,
    Inspection,
    PressQuote,
    Recommendation,
    Role,
    ScoredResults,
    StandardJudgement,
)

from .conftest import download, run_report_worker


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def add_finding(client, inspection, text):
    response = client.post(
        f"/inspections/{inspection.pk}/content/",
        {"form": "finding", "kind": "key_finding", "standard": "1", "text": text},
    )
    assert response.status_code == 302, response.content.decode()


def test_a_pdf_is_prepared_by_the_worker_and_a_changed_finding_makes_a_new_one(demo, as_user):
    lead, mock = as_user("lead"), demo["mock"]
    url = f"/inspections/{mock.pk}/report.pdf"
    add_finding(lead, mock, "Boards met every month.")
    waiting = lead.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "Preparing the PDF…" in page
    assert f'hx-get="{url}" hx-trigger="every 2s"' in page  # htmx asks again
    assert f'href="{url}" id="check"' in page  # and, without JavaScript, a link does
    assert lead.get(url).status_code == 202  # asked again before the worker ran: one task
    run_report_worker()
    first = lead.get(url)
    assert first["Content-Type"] == "application/pdf"
    assert "Boards met every month." in pdf_text(first.content)

    add_finding(lead, mock, "Volunteers were trained well.")
    assert lead.get(url).status_code == 202  # never the stale file
    run_report_worker()
    second = pdf_text(lead.get(url).content)
    assert "Volunteers were trained well." in second and "Boards met every month." in second
    assert Rendering.objects.filter(inspection=mock, output="report.pdf").count() == 1


def test_a_version_changed_before_the_worker_came_is_not_rendered(demo, as_user):
    lead, mock = as_user("lead"), demo["mock"]
    url = f"/inspections/{mock.pk}/report.pdf"
    assert lead.get(url).status_code == 202
    add_finding(lead, mock, "Written while the first was waiting.")
    assert lead.get(url).status_code == 202
    assert Rendering.objects.filter(inspection=mock, output="report.pdf").count() == 2
    run_report_worker()  # renders the newer version only, and drops the older one
    served = lead.get(url)
    assert served["Content-Type"] == "application/pdf"
    assert "Written while the first was waiting." in pdf_text(served.content)
    assert Rendering.objects.filter(inspection=mock, output="report.pdf").count() == 1


def test_the_page_polled_by_htmx_offers_the_file_when_it_is_ready(demo, as_user):
    lead, essex = as_user("lead"), demo["essex"]
    url = f"/inspections/{essex.pk}/report.docx"
    polled = lead.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 202
    assert "<html" not in polled.content.decode()  # the part of the page that changes
    assert "Preparing the Word document…" in polled.content.decode()
    run_report_worker()
    ready = lead.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "The Word document is ready" in ready and f'href="{url}" id="download"' in ready
    assert "hx-trigger" not in ready  # polling stops
    word = lead.get(url)
    assert (
        word["Content-Disposition"] == f'attachment; filename="report-inspection-{essex.pk}.docx"'
    )


def test_a_report_that_cannot_be_built_says_why_and_can_be_tried_again(demo, as_user):
    lead, cci = as_user("lead"), demo["cci"]
    ScoredResults.objects.filter(inspection=cci).delete()
    url = f"/inspections/{cci.pk}/report.pdf"
    assert lead.get(url).status_code == 202
    run_report_worker()
    shown = lead.get(url)
    assert shown.status_code == 200
    page = shown.content.decode()
    assert "The PDF could not be prepared" in page
    assert "No report: Import this inspection&#x27;s results file first." in page
    assert 'class="govuk-error-summary"' in page
    again = lead.post(url)
    assert again.status_code == 302 and again["Location"] == url
    assert lead.get(url).status_code == 202  # queued again


def test_an_unchanged_report_is_served_from_its_rendering(
    demo, as_user, django_assert_max_num_queries
):
    lead, essex = as_user("lead"), demo["essex"]
    url = f"/inspections/{essex.pk}/report.md"
    first = lead.get(url).content
    # The user (from the session), the inspection with the user's role and whether they hold
    # a second assessment, the key (`versions.report_key`), the stored rendering.
    with django_assert_max_num_queries(4):
        again = lead.get(url)
    assert again.content == first
    pdf = download(lead, f"/inspections/{essex.pk}/report.pdf")
    with django_assert_max_num_queries(4):
        assert lead.get(f"/inspections/{essex.pk}/report.pdf").content == pdf.content


def test_press_release_and_preview_follow_a_new_quote(demo, as_user):
    lead, mock = as_user("lead"), demo["mock"]
    release = f"/inspections/{mock.pk}/press-release.txt"
    before = lead.get(release).content.decode()
    quote = {"form": "quote", "speaker": "The lead inspector", "text": "New words.", "order": 1}
    lead.post(f"/inspections/{mock.pk}/content/", quote)
    assert "New words." not in before
    assert "New words." in lead.get(release).content.decode()
    assert "New words." not in lead.get(f"/inspections/{mock.pk}/report.html").content.decode()


def _answer(inspection):
    answer = Answer.objects.filter(assessment__case__inspection=inspection).first()
    answer.value = "no" if answer.value == "yes" else "yes"
    answer.save()


def _judgement(inspection):
    judgement = StandardJudgement.objects.filter(inspection=inspection).first()
    judgement.rationale += " More."
    judgement.save()


def _finding_deleted(inspection):
    Finding.objects.filter(inspection=inspection).first().delete()


def _reopened(inspection):
    assert inspection.status == Inspection.Status.PUBLISHED
    inspection.status = Inspection.Status.DRAFTING
    inspection.save()


def _service_renamed(inspection):
    inspection.service.name += " (renamed)"
    inspection.service.save()


def _quote(inspection):
    PressQuote.objects.create(inspection=inspection, speaker="Chair", text="Words.", order=9)


def _recommendation_reworded(inspection):
    recommendation = Recommendation.objects.filter(inspection=inspection).first()
    recommendation.text += " Within six months."
    recommendation.save()


def _discretion(inspection):
    Discretion.objects.create(
        inspection=inspection, standard="1.3", rating="Good", reason="Seen in the case files."
    )


@pytest.mark.parametrize(
    "change",
    [_answer, _judgement, _discretion, _finding_deleted, _recommendation_reworded, _reopened,
     _service_renamed, _quote],
)  # fmt: skip
def test_the_key_changes_with_everything_the_report_is_built_from(demo, as_user, change):
    essex = demo["essex"]
    before = report_key(essex)
    as_user("lead").get(f"/inspections/{essex.pk}/report/")  # reading changes nothing
    assert report_key(essex) == before
    change(Inspection.objects.get(pk=essex.pk))
    assert report_key(Inspection.objects.get(pk=essex.pk)) != before


@pytest.mark.parametrize("change", [_judgement, _answer, _reopened])
def test_the_later_inspections_key_follows_the_previous_ones_evidence(demo, change):
    """The next inspection's report compares its ratings with the previous one's: the key
    reads the previous inspection's evidence too (or its absence, once reopened)."""
    later = demo["later"]
    before = report_key(later)
    change(Inspection.objects.get(pk=demo["essex"].pk))
    assert report_key(Inspection.objects.get(pk=later.pk)) != before


def _previous_recommendation_reworded(previous, later):
    _recommendation_reworded(previous)


def _newer_inspection_published(previous, later):
    Inspection.objects.create(
        service=previous.service, framework_id=previous.framework_id,
        framework_version=previous.framework_version,
        fieldwork_start=previous.fieldwork_start + timedelta(days=1),
        fieldwork_end=previous.fieldwork_start + timedelta(days=2),
        status=Inspection.Status.PUBLISHED,
    )  # fmt: skip


def _fieldwork_moved_before_the_previous(previous, later):
    later.fieldwork_start = previous.fieldwork_start - timedelta(days=1)
    later.save()


def _previous_framework_changed(previous, later):
    previous.framework_version += ".1"
    previous.save()


@pytest.mark.parametrize(
    "change",
    [_previous_recommendation_reworded, _newer_inspection_published,
     _fieldwork_moved_before_the_previous, _previous_framework_changed],
)  # fmt: skip
def test_the_later_inspections_key_follows_which_inspection_is_the_previous_one(demo, change):
    """The previous inspection is found in the key's own query (the service's latest published
    one with earlier fieldwork): its words, its framework, and a newer one taking its place, or
    none once the fieldwork moves before it, each make a new key."""
    later = demo["later"]
    before = report_key(later)
    change(Inspection.objects.get(pk=demo["essex"].pk), Inspection.objects.get(pk=later.pk))
    assert report_key(Inspection.objects.get(pk=later.pk)) != before


def test_an_older_published_inspection_leaves_the_later_key_alone(demo):
    """Only the latest published inspection before the fieldwork is the previous one."""
    essex = demo["essex"]
    before = report_key(demo["later"])
    Inspection.objects.create(
        service=essex.service, framework_id=essex.framework_id,
        framework_version=essex.framework_version,
        fieldwork_start=essex.fieldwork_start - timedelta(days=400),
        fieldwork_end=essex.fieldwork_start - timedelta(days=396),
        status=Inspection.Status.PUBLISHED,
    )  # fmt: skip
    assert report_key(Inspection.objects.get(pk=demo["later"].pk)) == before


def test_the_key_of_an_inspection_deleted_meanwhile_is_still_a_key(demo):
    """The worker reads the key of the inspection whose rendering it picked up, to drop one
    no longer wanted: an inspection deleted since gives a key that matches nothing, not a
    crash."""
    essex = Inspection.objects.get(pk=demo["essex"].pk)
    before = report_key(essex)
    Inspection.objects.filter(pk=essex.pk).delete()
    assert report_key(essex) != before


def test_another_inspection_changing_leaves_the_key_alone(demo):
    essex = demo["essex"]
    before = report_key(essex)
    _quote(demo["mock"])
    demo["mock"].save()
    assert report_key(essex) == before


def test_the_health_check_answers_without_signing_in(client, db):
    response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok")


def test_a_render_finishing_late_leaves_a_newer_version_asked_for_since(demo, as_user):
    from yjinspect.web.reports import rendering

    lead, mock = as_user("lead"), demo["mock"]
    url = f"/inspections/{mock.pk}/report.pdf"
    assert lead.get(url).status_code == 202
    older = Rendering.objects.get(inspection=mock, output="report.pdf")
    add_finding(lead, mock, "Written while the first was rendering.")
    assert lead.get(url).status_code == 202
    rendering.store(mock, "report.pdf", older.key, b"%PDF older")  # the first one finishes
    assert Rendering.objects.filter(inspection=mock, output="report.pdf").count() == 2
    run_report_worker()
    served = lead.get(url)
    assert "Written while the first was rendering." in pdf_text(served.content)
    assert Rendering.objects.filter(inspection=mock, output="report.pdf").count() == 1


def test_the_report_follows_the_previous_inspections_plan(demo, as_user, django_user_model):
    """The report of the next inspection says what became of the previous one's
    recommendations, from its improvement plan: a changed action makes a new report."""
    essex = demo["essex"]
    again = Inspection.objects.create(
        service=essex.service, framework_id=essex.framework_id,
        framework_version=essex.framework_version, fieldwork_start=date(2021, 5, 3),
        fieldwork_end=date(2021, 5, 7), status=Inspection.Status.DRAFTING,
    )  # fmt: skip
    lead = django_user_model.objects.get(username="lead")
    Assignment.objects.create(inspection=again, user=lead, role=Role.LEAD)
    client, url = as_user("lead"), f"/inspections/{again.pk}/report.html"
    for action in Action.objects.filter(recommendation__inspection=essex):
        action.status = "in_progress"
        action.save()
    before = client.get(url).content.decode()
    assert " complete)" in before and "(All " not in before
    for action in Action.objects.filter(recommendation__inspection=essex):
        action.status = "complete"
        action.save()
    assert re.search(r"\(All \d+ actions complete\)|\(1 of 1 action complete\)",
                     client.get(url).content.decode())  # fmt: skip


def _task_left(rendering, status, minutes_ago):
    """The rendering's task as a worker left it: `status` since `minutes_ago` (a worker killed
    mid-render leaves it RUNNING; none running leaves it READY)."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    then = timezone.now() - timedelta(minutes=minutes_ago)
    task = DBTaskResult.objects.filter(pk=rendering.task_id)
    assert task.update(status=status, started_at=then, worker_ids=["killed"]) == 1
    if status == "READY":
        task.update(enqueued_at=then, started_at=None, worker_ids=[])


@pytest.mark.parametrize("status", ["RUNNING", "READY"])
def test_a_render_whose_worker_was_lost_is_offered_again_and_a_retry_makes_the_file(
    demo, as_user, settings, status
):
    settings.YJINSPECT_REPORT_RENDER_TIMEOUT = 600
    lead, mock = as_user("lead"), demo["mock"]
    url = f"/inspections/{mock.pk}/report.pdf"
    assert lead.get(url).status_code == 202
    waiting = Rendering.objects.get(inspection=mock, output="report.pdf")

    _task_left(waiting, status, minutes_ago=5)  # within the limit: still being prepared
    assert "Preparing the PDF…" in lead.get(url).content.decode()

    _task_left(waiting, status, minutes_ago=11)  # the worker is gone: never stuck
    shown = lead.get(url)
    page = shown.content.decode()
    assert shown.status_code == 200 and "Preparing the PDF…" not in page
    assert "The PDF could not be prepared" in page and "Try again</button>" in page
    polled = lead.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Try again</button>" in polled and "hx-trigger" not in polled  # htmx stops asking

    again = lead.post(url)
    assert again.status_code == 302 and again["Location"] == url
    assert lead.get(url).status_code == 202  # queued again, as a new task
    run_report_worker()
    served = lead.get(url)
    assert served["Content-Type"] == "application/pdf"
    assert pdf_text(served.content).strip()


def test_the_report_page_builds_the_draft_press_release_once_per_version(
    demo, as_user, monkeypatch
):
    """The page's draft press release is kept by the report's key: a second view of an
    unchanged inspection does not build it again; a change to its evidence or words does."""
    from yjinspect.web.workspace import reports

    built = []
    build = reports.inspection_press_release
    monkeypatch.setattr(reports, "inspection_press_release", lambda i: built.append(i) or build(i))
    lead, essex = as_user("lead"), demo["essex"]
    url = f"/inspections/{essex.pk}/report/"

    def release(page):
        return page.content.decode().split('id="press-release"')[1].split("</div>")[0]

    first = release(lead.get(url))
    assert len(built) == 1 and "Essex" in first
    assert release(lead.get(url)) == first
    assert len(built) == 1  # served from the cache

    _answer(Inspection.objects.get(pk=essex.pk))
    lead.get(url)
    assert len(built) == 2  # the evidence changed: built afresh
    _quote(Inspection.objects.get(pk=essex.pk))
    assert "Words." in release(lead.get(url)) and len(built) == 3
