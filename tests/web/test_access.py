"""Every page for every role: allowed, or a 404 that reveals nothing; sign-in everywhere."""

import pytest

from .conftest import allocated_case

ROLES = ["admin", "lead", "inspector", "assessor", "viewer"]


def urls(demo):
    essex, mock = demo["essex"], demo["mock"]
    mine = allocated_case(mock, "assessor")
    theirs = allocated_case(mock, "inspector")
    essex_case = essex.cases.first()
    return {
        "home": "/",
        "essex": f"/inspections/{essex.pk}/",
        "essex ratings": f"/inspections/{essex.pk}/ratings/",
        "essex judgements": f"/inspections/{essex.pk}/judgements/",
        "essex sample": f"/inspections/{essex.pk}/sample/",
        "essex content": f"/inspections/{essex.pk}/content/",
        "essex cases": f"/inspections/{essex.pk}/cases/",
        "essex case": f"/cases/{essex_case.pk}/",
        "mock": f"/inspections/{mock.pk}/",
        "mock cases": f"/inspections/{mock.pk}/cases/",
        "mock ratings": f"/inspections/{mock.pk}/ratings/",
        "mock judgements": f"/inspections/{mock.pk}/judgements/",
        "mock sample": f"/inspections/{mock.pk}/sample/",
        "assessor's case": f"/cases/{mine.pk}/",
        "assessor's case history": f"/cases/{mine.pk}/history/",
        "inspector's case": f"/cases/{theirs.pk}/",
    }


# What each role may open; everything else must be a 404.
ALLOWED = {
    "admin": {"home"},  # administrators manage users and services, not inspections
    "lead": {"home", "essex", "essex ratings", "essex judgements", "essex sample", "mock sample",
             "essex content",
             "essex cases", "essex case",
             "mock", "mock cases", "mock ratings", "mock judgements", "assessor's case",
             "assessor's case history", "inspector's case"},
    "inspector": {"home", "essex", "essex ratings", "essex judgements", "essex sample",
                  "essex content",
                  "mock sample", "essex cases",
                  "essex case", "mock", "mock cases", "mock ratings", "mock judgements",
                  "assessor's case", "assessor's case history", "inspector's case"},
    "assessor": {"home", "mock", "mock cases", "mock ratings", "mock judgements", "mock sample",
                 "assessor's case", "assessor's case history"},
    "viewer": {"home", "essex", "essex ratings", "essex judgements", "essex content"},
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(demo, as_user, role):
    client = as_user(role)
    found = {name: client.get(url).status_code for name, url in urls(demo).items()}
    expected = {name: 200 if name in ALLOWED[role] else 404 for name in found}
    assert found == expected


def test_everything_needs_sign_in(demo, client):
    for url in urls(demo).values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_local_assessor_sees_only_their_cases(demo, as_user):
    page = as_user("assessor").get(f"/inspections/{demo['mock'].pk}/cases/").content.decode()
    mine = allocated_case(demo["mock"], "assessor").case_ref
    theirs = allocated_case(demo["mock"], "inspector").case_ref
    assert mine in page and theirs not in page


def test_service_viewer_cannot_see_an_unpublished_inspection(demo, as_user, django_user_model):
    from yjinspect.web.workspace.models import Assignment, Role

    viewer = django_user_model.objects.get(username="viewer")
    Assignment.objects.create(inspection=demo["mock"], user=viewer, role=Role.SERVICE_VIEWER)
    assert as_user("viewer").get(f"/inspections/{demo['mock'].pk}/").status_code == 404
