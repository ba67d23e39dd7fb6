"""Frameworks uploaded at set-up: checked by the frameworks loader (all or nothing, problems by
line and field), kept with their history, offered beside the bundled ones, and found by every
page of an inspection run under one."""

import html
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from yjinspect.frameworks.loader import BUNDLED_DIR
from yjinspect.web.inspections.models import UploadedFramework
from yjinspect.web.workspace.models import Inspection, Role

from .conftest import as_date_inputs

BUNDLED = (BUNDLED_DIR / "hmip-yjs-2021.yaml").read_text(encoding="utf-8")


def framework_file(text=None, name="county.yaml", **changes):
    """The 2021 framework as a service's own: a new id, title and version unless told."""
    text = BUNDLED if text is None else text
    values = {"id": "county-yjs-2025", "title": "County self-assessment", "version": "'1'"}
    values.update(changes)
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        lines.append(
            f"{key}: {values[key]}" if key in values and not line.startswith(" ") else line
        )
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"))


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def starter(demo, as_user, django_user_model):
    """The lead, allowed to start inspections (as an administrator is)."""
    lead = django_user_model.objects.get(username="lead")
    lead.user_permissions.add(Permission.objects.get(codename="add_inspection"))
    return as_user("lead")


def test_an_uploaded_framework_is_kept_with_its_history_and_offered_at_set_up(starter):
    response = starter.post("/frameworks/", {"framework": framework_file()})
    assert response.status_code == 302
    stored = UploadedFramework.objects.get(framework_id="county-yjs-2025")
    assert stored.version == "1" and stored.uploaded_by.username == "lead"
    record = stored.history.get()
    assert record.history_user.username == "lead"
    assert record.history_change_reason == "uploaded from county.yaml"
    listed = text_of(starter.get("/frameworks/"))
    assert "County self-assessment" in listed and "Comes with yjinspect" in listed
    set_up = text_of(starter.get("/inspections/new/"))
    assert "County self-assessment (version 1, uploaded)" in set_up
    assert "Inspection of youth justice services (2021 standards) (version 2021, bundled)" in set_up


def test_every_page_of_an_inspection_finds_its_uploaded_framework(
    demo, starter, as_user, django_user_model
):
    starter.post("/frameworks/", {"framework": framework_file()})
    users = {u.username: u for u in django_user_model.objects.all()}
    form = {
        "service": demo["mock"].service.pk,
        "framework_id": "county-yjs-2025@1",
        "fieldwork_start": "2026-09-07",
        "fieldwork_end": "2026-09-11",
        f"user-{users['lead'].pk}": Role.LEAD,
        f"user-{users['inspector'].pk}": Role.INSPECTOR,
    }
    assert starter.post("/inspections/new/", as_date_inputs(form)).status_code == 302
    created = Inspection.objects.get(framework_id="county-yjs-2025")
    assert created.framework_version == "1"
    page = text_of(starter.get(f"/inspections/{created.pk}/"))
    assert "County self-assessment, version 1" in page and "cannot be used" not in page
    for part in ("", "set-up/", "ratings/", "judgements/", "content/", "report/", "sample/",
                 "cases/", "results.yaml", "export/all.xlsx", "report.html"):  # fmt: skip
        url = f"/inspections/{created.pk}/{part}"
        assert starter.get(url).status_code == 200, url
    assert 'value="county-yjs-2025@1" selected' in text_of(
        starter.get(f"/inspections/{created.pk}/set-up/")
    )
    # Its results file goes back in against the same uploaded framework.
    exported = starter.get(f"/inspections/{created.pk}/results.yaml").content
    upload = SimpleUploadedFile("results.yaml", exported)
    back = starter.post(f"/inspections/{created.pk}/results/", {"results": upload})
    assert back.status_code == 302, text_of(back)


def test_a_bad_framework_file_is_refused_naming_line_and_field_and_nothing_is_kept(starter):
    bad = framework_file(version="'1'\nrules: 7")  # a second `rules` key
    response = starter.post("/frameworks/", {"framework": bad})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and 'href="#framework-file"' in page
    assert "county.yaml, line 402: 'rules' is written twice (first on line 8)" in page
    assert not UploadedFramework.objects.exists()
    wrong = framework_file(title="")
    page = text_of(starter.post("/frameworks/", {"framework": wrong}))
    assert "county.yaml, line 6, title: must be text" in page
    assert "Choose a framework file" in text_of(starter.post("/frameworks/", {}))
    assert not UploadedFramework.objects.exists()


def test_an_id_of_a_bundled_framework_or_an_id_and_version_held_is_refused(starter):
    clash = starter.post("/frameworks/", {"framework": framework_file(id="hmip-yjs-2021")})
    assert clash.status_code == 400
    assert "'hmip-yjs-2021' is a bundled framework's id" in text_of(clash)
    assert starter.post("/frameworks/", {"framework": framework_file()}).status_code == 302
    again = starter.post("/frameworks/", {"framework": framework_file()})
    assert again.status_code == 400 and "already uploaded" in text_of(again)
    newer = starter.post("/frameworks/", {"framework": framework_file(version="'2'")})
    assert newer.status_code == 302
    assert UploadedFramework.objects.filter(framework_id="county-yjs-2025").count() == 2


def test_only_those_who_start_inspections_upload_frameworks(demo, as_user):
    for name in ("lead", "inspector", "assessor", "viewer"):
        assert as_user(name).get("/frameworks/").status_code == 404
        assert (
            as_user(name).post("/frameworks/", {"framework": framework_file()}).status_code == 404
        )
    assert as_user("admin").get("/frameworks/").status_code == 200
    assert not UploadedFramework.objects.exists()


def test_an_inspection_id_is_never_read_as_a_path_on_the_server(demo, as_user):
    mock = demo["mock"]
    path = str(Path(BUNDLED_DIR / "hmip-yjs-2021.yaml"))
    Inspection.objects.filter(pk=mock.pk).update(framework_id=path)
    page = text_of(as_user("lead").get(f"/inspections/{mock.pk}/"))
    assert "cannot be used" in page and "nor one uploaded to the workspace" in page


def test_the_home_page_links_to_frameworks_for_those_who_upload_them(starter, as_user):
    assert 'href="/frameworks/"' in starter.get("/").content.decode()
    assert 'href="/frameworks/"' not in as_user("inspector").get("/").content.decode()


def test_a_framework_shown_as_yaml_uploads_once_given_its_own_id(starter, cli):
    """`framework show --format yaml` writes a framework file: the upload reads it back."""
    from yjinspect.frameworks import load_framework
    from yjinspect.web.inspections.frameworks import find_framework

    shown = cli("framework", "show", "hmip-yjs-2021", "--format", "yaml").stdout
    assert starter.post("/frameworks/", {"framework": framework_file(shown)}).status_code == 302
    uploaded = find_framework("county-yjs-2025", "1")
    changed = {"id": "county-yjs-2025", "title": "County self-assessment", "version": "1"}
    assert uploaded == load_framework("hmip-yjs-2021").model_copy(update=changed)
