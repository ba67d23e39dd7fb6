"""The report and press release in the workspace: the same core as the command line."""

import io

import pytest
from pypdf import PdfReader

from yjinspect.ratings import rate
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.results import load_results
from yjinspect.web.workspace.models import Recommendation

from .conftest import download


def report_urls(inspection):
    base = f"/inspections/{inspection.pk}"
    return [f"{base}/report/", f"{base}/report.html", f"{base}/report.pdf", f"{base}/report.md",
            f"{base}/press-release.md", f"{base}/press-release.txt"]  # fmt: skip


def test_the_demo_report_is_the_essex_report(demo, as_user):
    response = download(as_user("lead"), f"/inspections/{demo['essex'].pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Overall rating (score 33 of 36) Outstanding" in text
    assert "The Youth Justice Board should: 4. support and guide youth offending teams" in text
    assert "we surveyed 52 case managers and 36 volunteers" in text
    assert "We inspected 43 cases. Court disposals" in text
    assert "Age at disposal" in text  # the caseload profile from the drawn sample


def test_the_workspace_report_matches_the_cli_report_of_its_results_file(demo, as_user, tmp_path):
    lead = as_user("lead")
    results = tmp_path / "results.yaml"
    results.write_bytes(lead.get(f"/inspections/{demo['essex'].pk}/results.yaml").content)
    loaded = load_results(results)
    from_cli = render_report(build(rate(loaded), loaded.results), ReportFormat.md).decode()
    from_web = lead.get(f"/inspections/{demo['essex'].pk}/report.md").content.decode()
    # The workspace knows the service's previous inspection (the 2012 Core Case Inspection);
    # a results file alone does not: that section apart, the two are the same.
    before, since = from_web.split("## Since the last inspection\n")
    assert "published 1 May 2012" in since.split("## Overall findings")[0]
    assert before + "## Overall findings" + since.split("## Overall findings")[1] == from_cli
    assert "Essex County Council and the YOS Management Board should:" in from_web


def test_html_preview_is_shown_with_its_own_styles_allowed(demo, as_user):
    response = as_user("viewer").get(f"/inspections/{demo['essex'].pk}/report.html")
    assert response.status_code == 200
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert b"<h1>An inspection of youth offending services in Essex</h1>" in response.content


def test_foreword_and_quotes_entered_by_the_lead_appear(demo, as_user):
    lead = as_user("lead")
    mock = demo["mock"]
    url = f"/inspections/{mock.pk}/content/"
    lead.post(url, {"form": "text", "foreword": "First paragraph.\n\nSecond paragraph.",
                    "foreword_signed": "Lead Inspector", "press_headline": "",
                    "report_url": ""})  # fmt: skip
    lead.post(url, {"form": "quote", "speaker": "The lead inspector", "text": "Words as typed.",
                    "order": 1})  # fmt: skip
    report = lead.get(f"/inspections/{mock.pk}/report.md").content.decode()
    assert "## Foreword\n\nFirst paragraph.\n\nSecond paragraph.\n\n*Lead Inspector*" in report
    release = lead.get(f"/inspections/{mock.pk}/press-release.txt").content.decode()
    assert "The lead inspector said: “Words as typed.”" in release
    page = lead.get(f"/inspections/{mock.pk}/report/").content.decode()
    assert "Words as typed." in page


def test_a_key_finding_must_be_on_a_domain(demo, as_user):
    lead = as_user("lead")
    url = f"/inspections/{demo['mock'].pk}/content/"
    response = lead.post(url, {"form": "finding", "kind": "key_finding", "standard": "2.1",
                               "text": "x"})  # fmt: skip
    assert response.status_code == 400
    assert b"A key finding belongs to a domain." in response.content


def test_importing_a_results_file_brings_its_words(demo, as_user, tmp_path):
    lead = as_user("lead")
    essex = demo["essex"]
    exported = lead.get(f"/inspections/{essex.pk}/results.yaml").content.decode()
    changed = exported.replace("- addressee: The Youth Justice Board",
                               "- addressee: The Home Office")  # fmt: skip
    assert changed != exported
    essex.status = essex.Status.DRAFTING
    essex.save()
    upload = io.BytesIO(changed.encode())
    upload.name = "changed.yaml"
    lead.post(f"/inspections/{essex.pk}/results/", {"results": upload})
    addressees = list(
        Recommendation.objects.filter(inspection=essex).values_list("addressee", flat=True)
    )
    assert addressees[3] == "The Home Office" and len(addressees) == 5


@pytest.mark.parametrize("role", ["admin", "assessor"])
def test_no_access_means_404_on_every_report_url(demo, as_user, role):
    client = as_user(role)
    for url in report_urls(demo["essex"]):
        assert client.get(url).status_code == 404, url


def test_a_service_viewer_sees_no_report_before_publication(demo, as_user, django_user_model):
    from yjinspect.web.workspace.models import Assignment, Role

    viewer = django_user_model.objects.get(username="viewer")
    Assignment.objects.create(inspection=demo["mock"], user=viewer, role=Role.SERVICE_VIEWER)
    client = as_user("viewer")
    for url in report_urls(demo["mock"]):
        assert client.get(url).status_code == 404, url
    assert download(client, f"/inspections/{demo['essex'].pk}/report.pdf").status_code == 200


def test_unknown_formats_are_404(demo, as_user):
    lead = as_user("lead")
    assert lead.get(f"/inspections/{demo['essex'].pk}/report.odt").status_code == 404
    assert lead.get(f"/inspections/{demo['essex'].pk}/press-release.pdf").status_code == 404
