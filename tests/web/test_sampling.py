"""Drawing, allocating and replacing cases in the workspace: the same core as the CLI."""

import html
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yjinspect.web.workspace.models import (
    Answer,
    Assignment,
    Case,
    CaseAssessment,
    Inspection,
    Role,
    Service,
)

from ..conftest import EXAMPLES
from .conftest import allocated_case


@pytest.fixture
def fresh(demo, django_user_model):
    """A new inspection with no sample yet, led by the demo lead."""
    service = Service.objects.create(name="Fresh YJS", local_authority="Fresh", nation="England",
                                     kind="YJS")  # fmt: skip
    inspection = Inspection.objects.create(
        service=service, framework_id="hmip-yos-2018", framework_version="2018",
        fieldwork_start=date(2026, 6, 1), status="planning",
    )  # fmt: skip
    for name, role in (("lead", Role.LEAD), ("assessor", Role.LOCAL_ASSESSOR)):
        Assignment.objects.create(
            inspection=inspection, user=django_user_model.objects.get(username=name), role=role
        )
    return inspection


def upload(client, inspection, content, name="population.csv", **fields):
    files = {"population": SimpleUploadedFile(name, content)}
    return client.post(f"/inspections/{inspection.pk}/sample/", {**files, **fields}, follow=True)


def test_the_lead_draws_the_sample_from_an_export(fresh, as_user):
    content = (EXAMPLES / "population-demo.csv").read_bytes()
    page = upload(as_user("lead"), fresh, content, seed="1").content.decode()
    assert "Sample drawn." in page and "Eligible cases" in page and "Balance" in page
    assert fresh.cases.filter(selection="sample").count() == 79
    assert fresh.cases.filter(selection="reserve").count() == 20
    assert fresh.sampling.report["size"]["court"] == 48
    # Until work starts the lead may draw again (a new seed, a corrected export) ...
    again = upload(as_user("lead"), fresh, content, seed="2")
    assert "Sample drawn." in again.content.decode()
    assert fresh.cases.filter(selection="sample").count() == 79
    # ... but not once a case is allocated: nothing changes.
    kept = fresh.cases.filter(selection="sample").first()
    kept.allocated_to = Assignment.objects.get(inspection=fresh, role=Role.LOCAL_ASSESSOR).user
    kept.save()
    refused = upload(as_user("lead"), fresh, content, seed="3")
    assert refused.status_code == 400
    assert "work on this sample has started" in refused.content.decode()
    assert Case.objects.filter(pk=kept.pk).exists()
    # The whole sample is the team's: a local assessor sees their own cases, not the sample.
    assert as_user("assessor").get(f"/inspections/{fresh.pk}/sample/").status_code == 404


def test_an_identifying_column_is_refused_and_nothing_is_stored(fresh, as_user):
    content = b"case_ref,surname\nC1,Invented\n"
    response = upload(as_user("lead"), fresh, content)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "population.csv: column 'surname' would identify a child" in page
    assert not fresh.cases.exists()


def test_only_the_lead_draws(fresh, as_user):
    content = (EXAMPLES / "population-demo.csv").read_bytes()
    assert upload(as_user("assessor"), fresh, content).status_code == 404


def test_allocation_by_the_lead_decides_what_an_assessor_sees(demo, as_user, django_user_model):
    mock = demo["mock"]
    case = Case.objects.filter(inspection=mock, selection="sample", allocated_to=None).first()
    assessor = django_user_model.objects.get(username="assessor")
    assert as_user("assessor").get(f"/cases/{case.pk}/").status_code == 404
    allocate = f"/inspections/{mock.pk}/allocate/"
    as_user("lead").post(allocate, {"cases": [case.pk], "allocate_to": assessor.pk})
    assert as_user("assessor").get(f"/cases/{case.pk}/").status_code == 200
    viewer = django_user_model.objects.get(username="viewer")  # not on this inspection's team
    as_user("lead").post(allocate, {"cases": [case.pk], "allocate_to": viewer.pk})
    case.refresh_from_db()
    assert case.allocated_to == assessor
    assert as_user("inspector").post(f"/inspections/{mock.pk}/allocate/").status_code == 404


def test_replacing_a_case_from_the_reserve(demo, as_user):
    mock = demo["mock"]
    leaving = allocated_case(mock, "assessor")
    response = as_user("lead").post(f"/cases/{leaving.pk}/replace/", {"reason": "Transferred out"})
    leaving.refresh_from_db()
    assert leaving.selection == "replaced" and leaving.replaced_reason == "Transferred out"
    incoming = Case.objects.get(pk=int(response.url.strip("/").split("/")[-1]))
    assert (incoming.selection, incoming.order, incoming.stream) == (
        "sample", leaving.order, leaving.stream,
    )  # fmt: skip
    assert incoming.allocated_to.username == "assessor"
    assert leaving.history.first().history_change_reason.startswith(
        f"replaced by {incoming.case_ref}: Transferred out"
    )
    refused = as_user("lead").post(f"/cases/{incoming.pk}/replace/", {"reason": ""})
    assert refused.status_code == 400
    answered = CaseAssessment.objects.create(case=incoming)
    Answer.objects.create(assessment=answered, key_question="2.1.1", value="yes")
    refused = as_user("lead").post(f"/cases/{incoming.pk}/replace/", {"reason": "File lost"})
    page = refused.content.decode()
    assert refused.status_code == 400 and "already has answers" in page
    assert '<details class="govuk-details" open>' in page  # the reason typed is shown back
    assert 'name="reason">File lost</textarea>' in page


def test_a_sample_drawn_on_the_command_line_is_imported(fresh, as_user, cli, tmp_path):
    assert cli("sample", EXAMPLES / "population-demo.csv", "--fieldwork-start", "2026-06-01",
               "--out", tmp_path, "--seed", "7").exit_code == 0  # fmt: skip
    files = {
        "sample": SimpleUploadedFile("sample.csv", (tmp_path / "sample.csv").read_bytes()),
        "reserve": SimpleUploadedFile("reserve.csv", (tmp_path / "reserve.csv").read_bytes()),
    }
    page = as_user("lead").post(f"/inspections/{fresh.pk}/sample/", files, follow=True)
    text = page.content.decode()
    assert "Sample imported." in text and "Imported from sample.csv with the reserve list" in text
    assert fresh.cases.filter(selection="sample").count() == 79
    assert fresh.cases.filter(selection="reserve").count() == 20
    leaving = fresh.cases.filter(selection="sample").first()
    replaced = as_user("lead").post(f"/cases/{leaving.pk}/replace/", {"reason": "Moved away"})
    assert replaced.status_code == 302


def test_an_imported_sample_is_checked_like_any_population(fresh, as_user):
    bad = b"case_ref,stream,disposal_type,disposal_date,gender,age,rosh,safety_wellbeing\n" \
          b"C1,court,referral_order,2018-02-01,boy,15,low,low\n"  # fmt: skip
    response = as_user("lead").post(
        f"/inspections/{fresh.pk}/sample/", {"sample": SimpleUploadedFile("s.csv", bad)}
    )
    assert response.status_code == 400
    assert "gender: unknown code" in html.unescape(response.content.decode())
    assert not fresh.cases.exists()


@pytest.mark.parametrize(
    ("seed", "size", "field", "message"),
    [
        ("abc", "", "seed", "The seed must be a whole number from 0 to 4294967295"),
        ("", "-5", "size", "The sample size must be a whole number from 1 to 10000"),
        ("1.5", "", "seed", "The seed must be a whole number"),
        ("99999999999999999999999", "", "seed", "The seed must be a whole number"),
        ("", "ten", "size", "The sample size must be a whole number"),
    ],
)
def test_a_bad_seed_or_size_is_a_field_error_keeping_what_was_typed(
    fresh, as_user, seed, size, field, message
):
    """Defect 3: 'invalid literal for int()' and 'nsample must be nonnegative.' were shown,
    the form was cleared and no field was marked."""
    content = (EXAMPLES / "population-demo.csv").read_bytes()
    files = {"population": SimpleUploadedFile("population.csv", content)}
    response = as_user("lead").post(
        f"/inspections/{fresh.pk}/sample/", {**files, "form": "draw", "seed": seed, "size": size}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "invalid literal" not in page and "nonnegative" not in page
    assert f'<a href="#id_{field}">' in page and message in page  # the summary links to it
    assert f'id="id_{field}_error"' in page and "govuk-input--error" in page
    assert f'value="{seed or size}"' in page  # what was typed is kept
    assert "novalidate" in page
    assert not fresh.cases.exists()


def test_no_file_is_a_field_error(fresh, as_user):
    response = as_user("lead").post(f"/inspections/{fresh.pk}/sample/", {"form": "draw"})
    assert response.status_code == 400
    assert "Choose the population export to upload" in response.content.decode()


def test_an_empty_population_does_not_leave_the_inspection_stuck(fresh, as_user):
    """Issue 13, item 5: after a header-only CSV every later upload was a 500 (the sampling
    record existed already)."""
    header = (EXAMPLES / "population-demo.csv").read_bytes().splitlines()[0] + b"\n"
    empty = upload(as_user("lead"), fresh, header)
    assert empty.status_code in (200, 400)
    content = (EXAMPLES / "population-demo.csv").read_bytes()
    drawn = upload(as_user("lead"), fresh, content, seed="1")
    assert drawn.status_code == 200 and "Sample drawn." in drawn.content.decode()
    assert fresh.cases.filter(selection="sample").count() == 79


def test_the_sample_page_shows_words_and_dates_not_codes(demo, as_user):
    page = as_user("lead").get(f"/inspections/{demo['mock'].pk}/sample/").content.decode()
    assert "youth_rehabilitation_order" not in page and "referral_order" not in page


def test_a_refused_draw_names_the_upload_not_a_server_path(fresh, as_user):
    fresh.fieldwork_start = date(2036, 6, 1)  # ten years after every case in the export
    fresh.save()
    content = (EXAMPLES / "population-demo.csv").read_bytes()
    page = upload(as_user("lead"), fresh, content, name="export.csv").content.decode()
    assert "export.csv: no eligible case" in page
    assert "/tmp" not in page


def test_a_sample_in_the_services_own_export_is_imported_through_its_profile(fresh, as_user):
    """An audit's cases come as the service's own export (its column names, UK dates, name
    columns present): the import takes the same mapping profile the draw does."""
    export = (EXAMPLES / "population-cms-export.csv").read_bytes()
    profile = (EXAMPLES / "profile-example.yaml").read_bytes()
    lead = as_user("lead")
    page = lead.get(f"/inspections/{fresh.pk}/sample/").content.decode()
    assert page.count('name="profile"') == 2  # on both the draw and the import
    refused = lead.post(f"/inspections/{fresh.pk}/sample/",
                        {"sample": SimpleUploadedFile("export.csv", export)})  # fmt: skip
    assert refused.status_code == 400 and not fresh.cases.exists()
    response = lead.post(f"/inspections/{fresh.pk}/sample/", {
        "form": "import", "sample": SimpleUploadedFile("export.csv", export),
        "profile": SimpleUploadedFile("profile.yaml", profile),
    }, follow=True)  # fmt: skip
    assert "Sample imported." in response.content.decode()
    assert fresh.cases.filter(selection="sample").exists()
