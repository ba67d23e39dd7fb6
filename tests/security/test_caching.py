"""Pages, exports and reports with case data are never kept by a browser or proxy cache
(issue 13, item 16)."""

from __future__ import annotations


def _case_data_urls(essex) -> list[str]:
    pk, case = essex.pk, essex.cases.first().pk
    return [
        "/",
        f"/inspections/{pk}/",
        f"/inspections/{pk}/cases/",
        f"/cases/{case}/",
        f"/cases/{case}/history/",
        f"/inspections/{pk}/ratings/",
        f"/inspections/{pk}/sample/",
        f"/inspections/{pk}/report/",
        f"/inspections/{pk}/report.html",
        f"/inspections/{pk}/report.md",
        f"/inspections/{pk}/press-release.txt",
        f"/inspections/{pk}/export/all.xlsx",
        f"/inspections/{pk}/export/case_answers.csv",
        f"/inspections/{pk}/results.yaml",
    ]


def test_signed_in_responses_are_not_stored(demo, as_user):
    lead = as_user("lead")
    for url in _case_data_urls(demo["essex"]):
        response = lead.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url
        assert "private" in response.get("Cache-Control", ""), url


def test_a_refused_page_is_not_stored_either(demo, as_user):
    response = as_user("viewer").get(f"/cases/{demo['essex'].cases.first().pk}/")
    assert response.status_code == 404
    assert "no-store" in response.get("Cache-Control", "")
