"""The national picture page: published data only, the same figures as `yjinspect national`,
uploads all or nothing, downloads, and a service's position for inspections the user may see."""

import html
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yjinspect.web.national.models import PublishedResults

D2I = Path(__file__).parents[1] / "national" / "data-to-insight-invented.csv"

# Invented rows in the documented published-results layout (no real service's results).
PUBLISHED = (
    "service,published,framework,overall,score,service_type,region,1.1,1.2,1.3,2.1,2.2,2.3,"
    "3.1,3.2,3.3,3.4\n"
    "Northfold YJS,2019-03-01,hmip-yos-2018,Good,25,YJS,North East,Good,Good,Good,Good,Good,"
    "Good,Requires improvement,Good,Good,Good\n"
    "Eastmere YOS,2019-07-01,hmip-yos-2018,Requires improvement,16,YOS,East,Good,"
    "Requires improvement,Good,Requires improvement,Requires improvement,Requires improvement,"
    "Inadequate,Good,Requires improvement,Good\n"
)
BAD = (
    "service,published,framework,overall,score,1.1\n"
    "Northfold YJS,2019-03-01,hmip-yos-2018,Good,,Good\n"
    "Eastmere YOS,2019-13-01,hmip-yos-2018,Good,,Splendid\n"
)


def upload(client, name, text):
    return client.post(
        reverse("national-upload"), {"results": SimpleUploadedFile(name, text.encode())}
    )


def page_json(client, query=""):
    response = client.get(reverse("national-file", args=["json"]) + query)
    assert response.status_code == 200
    return json.loads(response.content)


def test_any_signed_in_user_sees_the_picture_of_published_inspections_only(demo, as_user):
    # The mock inspection (fieldwork) is not published; the 2012 inspection is scored.
    for name in ("assessor", "viewer", "lead"):
        data = page_json(as_user(name))
        assert data["inspections"] == 1
        assert data["frameworks"] == {"hmip-yos-2018": 1}
        assert data["overall"]["Outstanding"] == 1  # Essex 2018: Outstanding, 33 of 36


def test_page_figures_equal_the_cli_json_for_the_same_sources(
    demo, as_user, cli, tmp_path, monkeypatch
):
    lead = as_user("lead")
    assert upload(lead, "published.csv", PUBLISHED).status_code == 302
    assert upload(lead, "data-to-insight.csv", D2I.read_text()).status_code == 302
    # The same sources on disk: the files as uploaded and Essex's results file as exported.
    monkeypatch.chdir(tmp_path)
    Path("published.csv").write_text(PUBLISHED)
    Path("data-to-insight.csv").write_text(D2I.read_text())
    essex = lead.get(reverse("results-download", args=[demo["essex"].pk]))
    Path("essex.yaml").write_bytes(essex.content)
    for query, options in (
        ("", []),
        ("?framework=hmip-yos-2018&year=2019", ["--framework", "hmip-yos-2018", "--year", "2019"]),
        ("?region=East", ["--region", "East"]),
    ):
        result = cli("national", "data-to-insight.csv", "published.csv", "essex.yaml",
                     "--format", "json", *options)  # fmt: skip
        assert result.exit_code == 0, result.output
        expected = json.loads(result.stdout)
        assert page_json(lead, query) == expected
    assert expected["inspections"] == 1  # Eastmere


def test_a_bad_csv_adds_nothing_and_names_each_line_and_column(demo, as_user):
    lead = as_user("lead")
    before = page_json(lead)
    response = upload(lead, "bad.csv", BAD)
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "There is a problem" in text and "bad.csv has 2 problems; nothing was imported" in text
    assert "bad.csv:3: published: '2019-13-01' is not a date" in text
    assert "bad.csv:3: [\"1.1\"]: 'Splendid' is not a rating" in text
    assert PublishedResults.objects.count() == 0
    assert page_json(lead) == before


def test_an_upload_of_another_kind_or_twice_is_refused(demo, as_user):
    lead = as_user("lead")
    response = upload(lead, "essex.yaml", "service: x\n")
    assert response.status_code == 400 and "is not a CSV" in response.content.decode()
    assert upload(lead, "published.csv", PUBLISHED).status_code == 302
    response = upload(lead, "published.csv", PUBLISHED)
    assert response.status_code == 400 and "already in the picture" in response.content.decode()
    assert page_json(lead)["inspections"] == 3


def test_the_data_to_insight_repairs_are_listed_row_by_row(demo, as_user):
    lead = as_user("lead")
    upload(lead, "data-to-insight.csv", D2I.read_text())
    problems = page_json(lead)["problems"]
    assert problems and all(p["file"] == "data-to-insight.csv" for p in problems)
    page = lead.get(reverse("national")).content.decode()
    assert "Left out or repaired" in page
    for problem in problems:
        assert f"data-to-insight.csv:{problem['line']}" in page


def test_only_administrators_and_leads_add_or_remove_files(demo, as_user):
    for name in ("assessor", "viewer", "inspector"):
        client = as_user(name)
        assert upload(client, "published.csv", PUBLISHED).status_code == 404
        assert (
            "Add a published-results file" not in client.get(reverse("national")).content.decode()
        )
    admin = as_user("admin")
    assert upload(admin, "published.csv", PUBLISHED).status_code == 302
    kept = PublishedResults.objects.get()
    assert kept.uploaded_by.username == "admin"
    assert as_user("viewer").post(reverse("national-remove", args=[kept.pk])).status_code == 404
    assert as_user("lead").post(reverse("national-remove", args=[kept.pk])).status_code == 302
    assert not PublishedResults.objects.exists()
    assert [h.history_type for h in PublishedResults.history.order_by("history_id")] == ["+", "-"]


def test_a_filter_not_offered_is_an_error_summary_not_a_500(demo, as_user):
    response = as_user("viewer").get(reverse("national") + "?framework=nonsense&year=abc")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose a framework from the list" in text and "Choose a year" in text


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx"])
def test_downloads_carry_the_same_figures(demo, as_user, fmt):
    lead = as_user("lead")
    upload(lead, "published.csv", PUBLISHED)
    response = lead.get(reverse("national-file", args=[fmt]))
    assert response.status_code == 200
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        rows = list(book["overall"].iter_rows(min_row=2, values_only=True))
        assert ("hmip-yos-2018", "Requires improvement", 1) in rows
        assert ("hmip-yos-2018", "Outstanding", 1) in rows
    elif fmt == "html":
        assert "3 inspections" in response.content.decode()
    else:
        assert response["Content-Disposition"].endswith(f'national-picture.{fmt}"')


def test_position_of_an_unpublished_inspection_for_its_team_only(demo, as_user):
    lead = as_user("lead")
    upload(lead, "data-to-insight.csv", D2I.read_text())
    mock = demo["mock"]
    url = reverse("position", args=[mock.pk])
    page = lead.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "it is not published" in text and "6 published inspections" in text
    # Nothing is assessed in the mock yet: no rating, so no comparison.
    assert "3.1 Assessment: no rating, so no comparison" in text
    assert as_user("viewer").get(url).status_code == 404  # not assigned to the mock
    # A local assessor works on their allocated cases; the draft ratings are not theirs to see.
    assert as_user("assessor").get(url).status_code == 404


def test_position_of_a_published_inspection_leaves_itself_out(demo, as_user):
    lead = as_user("lead")
    upload(lead, "published.csv", PUBLISHED)
    essex = demo["essex"]
    ratings = lead.get(reverse("ratings", args=[essex.pk])).content.decode()
    assert reverse("position", args=[essex.pk]) in ratings
    text = lead.get(reverse("position", args=[essex.pk])).content.decode()
    assert "against 2 published inspections" in text
    # Itself left out: 2 of 2, not 3 of 3.
    assert "Overall rating: Outstanding; 2 of 2 services were rated the same or lower" in text
    assert "Score: 33 of 36; 2 of 2 services were scored the same or lower" in text


def test_a_reopened_inspection_leaves_the_picture_and_returns_rated_afresh(demo, as_user):
    from yjinspect.web.inspections import stages
    from yjinspect.web.workspace.models import StandardJudgement

    lead = as_user("lead")
    essex = demo["essex"]
    judgement = StandardJudgement.objects.get(inspection=essex, standard="1.1")
    assert page_json(lead)["standards"]["hmip-yos-2018"]["1.1"][judgement.rating] == 1
    stages.reopen(essex, "a correction")
    assert page_json(lead)["inspections"] == 0
    judgement.rating = "Inadequate"
    judgement.save()
    essex.status = essex.Status.PUBLISHED
    essex._change_reason = "published"
    essex.save()
    assert page_json(lead)["standards"]["hmip-yos-2018"]["1.1"]["Inadequate"] == 1


def test_the_html_download_may_use_its_inline_styles(demo, as_user):
    response = as_user("viewer").get(reverse("national-file", args=["html"]))
    assert "'unsafe-inline'" in response["Content-Security-Policy"].split("style-src")[1]


def test_a_framework_is_named_by_id_never_read_from_a_server_path(demo, as_user, tmp_path):
    """A path in the framework column read any file the server could (and opening the database
    itself broke SQLite's locks): an upload names a framework by id, bundled or uploaded."""
    import sqlite3

    database = tmp_path / "yjinspect.sqlite3"
    sqlite3.connect(database).close()
    lead = as_user("lead")
    said = set()
    for framework in ("/etc/passwd", str(database), "../../../etc/passwd", "/no/such/file"):
        response = upload(lead, "published.csv", PUBLISHED.replace("hmip-yos-2018", framework, 1))
        assert response.status_code == 400
        text = html.unescape(response.content.decode())
        said |= {row.strip() for row in text.splitlines() if "published.csv:2: framework:" in row}
    # The same words whether the file exists or not: nothing was opened.
    assert len(said) == 1 and "not a bundled framework" in said.pop()
    assert PublishedResults.objects.count() == 0
    assert lead.get("/health/").status_code == 200


def test_a_published_inspection_with_nothing_rated_is_left_out_and_said(demo, as_user):
    """As one published before publishing needed a rating: never counted, always listed."""
    mock = demo["mock"]
    mock.status = mock.Status.PUBLISHED
    mock.save()
    lead = as_user("lead")
    data = page_json(lead)
    assert (data["inspections"], data["unrated"]) == (1, 1)  # Essex 2018 only
    assert data["frameworks"] == {"hmip-yos-2018": 1}
    [problem] = [p for p in data["problems"] if p["file"] == f"workspace inspection {mock.pk}"]
    assert "nothing rated" in problem["message"]
    page = html.unescape(lead.get(reverse("national")).content.decode())
    assert "1 inspection left out, with nothing rated" in page


def test_one_service_type_option_for_yos_yot_and_yjs_and_a_framework_named_by_title(demo, as_user):
    lead = as_user("lead")
    # Northfold YJS and Eastmere YOS in the file; Essex, a workspace YOS, published.
    assert upload(lead, "published.csv", PUBLISHED).status_code == 302
    page = html.unescape(lead.get(reverse("national")).content.decode())
    select = page[page.index('id="filter-service_type"') : page.index("</select>", page.index(
        'id="filter-service_type"'))]  # fmt: skip
    options = select.count("<option")
    assert options == 2 and ">Youth justice service (YOS, YOT, YJS)</option>" in select
    chosen = lead.get(reverse("national") + "?service_type=Youth+justice+service+(YOS,+YOT,+YJS)"
                      "&framework=hmip-yos-2018")  # fmt: skip
    said = html.unescape(chosen.content.decode())
    assert chosen.status_code == 200 and "3 inspections" in said
    assert (
        "Only inspections under Inspection of youth offending services (2018 standards) and "
        "with service type Youth justice service (YOS, YOT, YJS)." in said
    )
