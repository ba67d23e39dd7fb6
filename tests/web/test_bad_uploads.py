"""The catalogue's files through the workspace's upload forms: the same messages as the CLI
(tests/files/test_cli.py),
nothing stored, never a 500."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from yjinspect.web.workspace.models import Inspection, PublishedScore

from ..files.catalogue import HEADER, by_kind, row
from .test_sampling import fresh  # noqa: F401 (a fixture)

POPULATION = by_kind("population")
SCORES = by_kind("scores")
RESULTS = by_kind("results")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def shows(response, message: str) -> bool:
    """The page lists a message of several lines as one item per line."""
    text = page_text(response)
    return all(line.strip() in text for line in message.splitlines())


@pytest.mark.parametrize("bad", POPULATION, ids=[bad.id for bad in POPULATION])
def test_a_bad_population_upload(fresh, as_user, bad):  # noqa: F811
    upload = SimpleUploadedFile(bad.name, bad.content())
    lead = as_user("lead")
    response = lead.post(f"/inspections/{fresh.pk}/sample/", {"population": upload})
    assert response.status_code == 400
    assert shows(response, f"{bad.name}{bad.message}")
    upload = SimpleUploadedFile(bad.name, bad.content())
    response = lead.post(f"/inspections/{fresh.pk}/sample/", {"sample": upload})
    assert response.status_code == 400
    assert shows(response, f"{bad.name}{bad.message}")
    assert not fresh.cases.exists()


@pytest.mark.parametrize("bad", SCORES, ids=[bad.id for bad in SCORES])
def test_a_bad_published_scores_upload(demo, as_user, bad):
    cci = demo["cci"]
    cci.status = Inspection.Status.DRAFTING
    cci.save()
    before = PublishedScore.objects.count()
    upload = SimpleUploadedFile(bad.name, bad.content())
    url = f"/inspections/{cci.pk}/published-scores/"
    response = as_user("lead").post(url, {"scores": upload}, follow=True)
    assert f"Nothing was imported. {bad.name}{bad.message}" in page_text(response)
    assert PublishedScore.objects.count() == before


@pytest.mark.parametrize("bad", RESULTS, ids=[bad.id for bad in RESULTS])
def test_a_bad_results_upload(demo, as_user, bad):
    upload = SimpleUploadedFile(bad.name, bad.content())
    url = f"/inspections/{demo['mock'].pk}/results/"
    response = as_user("lead").post(url, {"results": upload}, follow=True)
    assert f"Nothing was imported. {bad.name}{bad.message}" in page_text(response)


@override_settings(YJINSPECT_MAX_UPLOAD_MB=0.001)
def test_an_upload_over_the_size_limit_is_refused_unread(fresh, as_user):  # noqa: F811
    content = (HEADER + row("YJ-001") * 20).encode()
    upload = SimpleUploadedFile("big.csv", content)
    response = as_user("lead").post(f"/inspections/{fresh.pk}/sample/", {"population": upload})
    assert response.status_code == 400
    message = f"big.csv: is {len(content) / 1024 / 1024:.1f} MB; the largest file accepted is "
    assert message + "0.001 MB (the YJINSPECT_MAX_UPLOAD_MB setting)" in page_text(response)
    assert not fresh.cases.exists()
