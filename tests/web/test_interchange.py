"""A rating done in the workspace and one done with `yjinspect rate` are interchangeable."""

import html

import yaml

from yjinspect.ratings import rate_file
from yjinspect.web.workspace.evidence import rate_inspection
from yjinspect.web.workspace.models import Case, CaseAssessment


def test_exported_results_rate_the_same_on_the_command_line(demo, as_user, tmp_path):
    essex = demo["essex"]
    response = as_user("inspector").get(f"/inspections/{essex.pk}/results.yaml")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    exported = tmp_path / "essex.yaml"
    exported.write_bytes(response.content)
    on_the_command_line = rate_file(exported)
    standards, overall = rate_inspection(essex)
    assert [s.rating for s in on_the_command_line.standards] == [s.rating for s in standards]
    assert on_the_command_line.overall == overall
    assert len(yaml.safe_load(response.content)["cases"]) == 71


def test_only_the_inspection_team_downloads_case_answers(demo, as_user):
    url = f"/inspections/{demo['essex'].pk}/results.yaml"
    assert as_user("viewer").get(url).status_code == 404
    assert as_user("assessor").get(url).status_code == 404


def results_for(cases, **extra):
    data = {"framework": "hmip-yjs-2021", "service": {"name": "Demo Youth Justice Service"}}
    data["cases"] = [
        {"id": c.case_ref, "disposal": c.stream, "answers": {"2.1.1": "yes", "2.1.2": "no"}}
        if c.stream == "court"
        else {"id": c.case_ref, "disposal": c.stream, "answers": {"3.1.1": "yes"}}
        for c in cases
    ]
    data.update(extra)
    return yaml.safe_dump(data).encode()


def upload(client, inspection, content, name="results.yaml"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/inspections/{inspection.pk}/results/",
        {"results": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_importing_per_case_answers_accepts_them(demo, as_user):
    mock = demo["mock"]
    cases = list(Case.objects.filter(inspection=mock, selection="sample", stream="court")[:2])
    page = upload(as_user("lead"), mock, results_for(cases, judgements={"1.1": "Good"}))
    assert "Imported results.yaml: 2 case assessments." in page.content.decode()
    assessment = CaseAssessment.objects.get(case=cases[0])
    assert assessment.status == "accepted"
    assert assessment.history.first().history_change_reason == "imported from results.yaml"
    assert mock.judgements.get(standard="1.1").rating == "Good"
    tally = rate_inspection(mock)[0][4].key_questions[0].tally  # 2.1.1
    assert (tally.yes, tally.no) == (2, 0)


def test_a_bad_import_changes_nothing(demo, as_user):
    mock = demo["mock"]
    cases = list(Case.objects.filter(inspection=mock, selection="sample", stream="court")[:1])
    content = results_for(cases, judgements={"1.1": "Good"})
    content = content.replace(cases[0].case_ref.encode(), b"NOT-SAMPLED")
    page = html.unescape(upload(as_user("lead"), mock, content).content.decode())
    assert (
        "Nothing was imported. results.yaml: cases[0].id: 'NOT-SAMPLED' is not a sampled case"
        in page
    )
    assert not mock.judgements.exists()
    assert not CaseAssessment.objects.filter(case__inspection=mock).exists()


def test_counts_and_another_framework_are_refused(demo, as_user):
    mock = demo["mock"]
    content = yaml.safe_dump(
        {"framework": "hmip-yos-2018", "service": {"name": "x"},
         "key_questions": {"2.1.1": {"yes": 3}}}
    ).encode()  # fmt: skip
    page = html.unescape(upload(as_user("lead"), mock, content).content.decode())
    assert "framework: is hmip-yos-2018; this inspection uses hmip-yjs-2021" in page
    assert "aggregated counts cannot become case assessments" in page
    broken = html.unescape(upload(as_user("lead"), mock, b"framework: [\n").content.decode())
    assert "Nothing was imported. results.yaml" in broken and "malformed YAML" in broken
    assert as_user("inspector").post(f"/inspections/{mock.pk}/results/").status_code == 404


def test_an_imported_good_practice_title_is_kept_with_its_text(demo, as_user):
    mock = demo["mock"]
    cases = list(Case.objects.filter(inspection=mock, selection="sample", stream="court")[:1])
    findings = {
        "1.4": {"good_practice": [{"title": "risk register", "text": "Kept up to date."}, "Bare."]}
    }
    page = upload(as_user("lead"), mock, results_for(cases, findings=findings))
    assert "Imported results.yaml" in page.content.decode()
    kept = list(mock.findings.filter(standard="1.4").values_list("text", flat=True))
    assert kept == ["risk register: Kept up to date.", "Bare."]
