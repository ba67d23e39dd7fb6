"""Core Case Inspections in the workspace: scored from the results file, compared with
published scores and with the workspace's other published inspections."""

import io

import pytest
from pypdf import PdfReader

from yjinspect.web.workspace.models import Inspection, PublishedScore

from ..conftest import EXAMPLES
from .conftest import download


def pdf_text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def upload(name: str, text: str) -> io.BytesIO:
    handle = io.BytesIO(text.encode())
    handle.name = name
    return handle


def test_the_demo_2012_report_compares_with_the_imported_scores(demo, as_user):
    text = pdf_text(download(as_user("viewer"), f"/inspections/{demo['cci'].pk}/report.pdf"))
    assert "Safeguarding (action to protect the young person) 37% 91% 67% 73% MODERATE" in text
    assert "three earlier inspections under this framework" in text
    assert text.count("(YOS Head of Service)") == 5


def test_another_published_inspection_in_the_workspace_joins_the_comparison(demo, as_user):
    cci = demo["cci"]
    other = Inspection.objects.create(
        service=cci.service.__class__.objects.create(
            name="Another YOS", local_authority="Elsewhere", nation="England", kind="YOS"
        ),
        framework_id=cci.framework_id,
        framework_version=cci.framework_version,
        fieldwork_start=cci.fieldwork_start,
        status=Inspection.Status.FIELDWORK,
    )
    from yjinspect.web.workspace import scored

    scored.import_scored(other, "other.yaml", (
        b"framework: hmip-cci-2009\nservice: {name: Another YOS}\n"
        b"headlines:\n  safeguarding: {sufficient: 99, insufficient: 1}\n"
    ))  # fmt: skip
    lead = as_user("lead")
    unpublished = pdf_text(download(lead, f"/inspections/{cci.pk}/report.pdf"))
    assert "37% 91% 67% 73%" in unpublished  # an unpublished inspection's scores stay private
    other.status = Inspection.Status.PUBLISHED
    other.save()
    published = pdf_text(download(lead, f"/inspections/{cci.pk}/report.pdf"))
    assert "37% 99% 75% 73%" in published  # (37 + 91 + 73 + 99) / 4 = 75
    assert "four earlier inspections under this framework" in published


def test_published_scores_import_is_all_or_nothing(demo, as_user):
    lead = as_user("lead")
    cci = demo["cci"]
    cci.status = Inspection.Status.DRAFTING
    cci.save()
    before = PublishedScore.objects.count()
    bad = (
        "service,published,safeguarding,risk_of_harm,likelihood_of_reoffending\n"
        "D,2011-01-01,50,60,70\nE,,x,60,70\n"
    )
    url = f"/inspections/{cci.pk}/published-scores/"
    response = lead.post(url, {"scores": upload("s.csv", bad)}, follow=True)
    message = "Nothing was imported. s.csv:3: safeguarding: &#x27;x&#x27; is not a percentage"
    assert message in response.content.decode()
    assert PublishedScore.objects.count() == before
    good = bad.replace(",x,", ",55,")
    lead.post(url, {"scores": upload("s.csv", good)})
    assert PublishedScore.objects.count() == before + 2


def test_a_results_file_for_another_framework_is_refused(demo, as_user):
    lead = as_user("lead")
    cci = demo["cci"]
    cci.status = Inspection.Status.DRAFTING
    cci.save()
    wrong = (EXAMPLES / "essex-2018.yaml").read_text()
    response = lead.post(
        f"/inspections/{cci.pk}/results/", {"results": upload("e.yaml", wrong)}, follow=True
    )
    assert "Nothing was imported. e.yaml: framework: is hmip-yos-2018" in response.content.decode()
    assert cci.scored_results.name == "essex-2012.yaml"


@pytest.mark.parametrize(
    "page", ["cases/", "ratings/", "judgements/", "sample/", "content/", "export/all.xlsx",
             "press-release.md"],
)  # fmt: skip
def test_pages_about_cases_and_ratings_do_not_exist_for_a_scored_inspection(demo, as_user, page):
    assert as_user("lead").get(f"/inspections/{demo['cci'].pk}/{page}").status_code == 404


def test_the_inspection_page_offers_the_report_and_the_scores_import(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['cci'].pk}/").content.decode()
    assert "Results file and report</a>" in page
    assert "3 published scores held for this framework" in page
    assert "Case assessments" not in page
    assert as_user("lead").get(f"/inspections/{demo['cci'].pk}/results.yaml").status_code == 200


@pytest.mark.parametrize("role", ["admin", "assessor"])
def test_no_access_means_404(demo, as_user, role):
    client = as_user(role)
    for url in ("", "report/", "report.pdf", "results.yaml"):
        assert client.get(f"/inspections/{demo['cci'].pk}/{url}").status_code == 404
    assert client.post(f"/inspections/{demo['cci'].pk}/published-scores/").status_code == 404


def test_the_demo_2012_inspection_is_published_when_its_report_says(demo, as_user):
    """The inspection page, its plan's due date and the 2018 report's "since the last
    inspection" all read the publication date the 2012 report gives (May 2012)."""
    cci = demo["cci"]
    assert str(cci.publication_date) == "2012-05-01"
    page = as_user("lead").get(f"/inspections/{demo['essex'].pk}/report.html").content.decode()
    assert "not held here" not in page
