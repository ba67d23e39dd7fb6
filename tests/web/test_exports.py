"""Workspace exports: every table, the same access rules as the pages."""

import io
import json

import pytest
from openpyxl import load_workbook

from yjinspect.web.workspace.exports import EXPORT_NAMES


def urls(inspection):
    base = f"/inspections/{inspection.pk}/export"
    return [f"{base}/all.xlsx", f"{base}/all.json"] + [f"{base}/{n}.csv" for n in EXPORT_NAMES]


def test_the_workbook_holds_every_table_with_the_essex_numbers(demo, as_user):
    response = as_user("lead").get(f"/inspections/{demo['essex'].pk}/export/all.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == list(EXPORT_NAMES)
    assert all(book[name].freeze_panes == "A2" for name in EXPORT_NAMES)
    questions = {r[1]: r for r in book["key_questions"].iter_rows(min_row=2, values_only=True)}
    assert questions["3.4.2"][2:4] == (63, 17)
    sample = list(book["sample"].iter_rows(min_row=2, values_only=True))
    assert sum(1 for row in sample if row[8] == "sample") == 71
    assert hasattr(sample[0][3], "year")  # a real date cell
    assert book["recommendations"].max_row == 6  # header and five
    answers = list(book["case_answers"].iter_rows(min_row=2, values_only=True))
    yes_342 = sum(1 for r in answers if r[3] == "3.4.2" and r[4] == "yes")
    assert yes_342 == 17  # the per-case answers add up to the published result
    assert {r[4] for r in answers} <= {"yes", "no", "n/a"}


def test_json_and_csv(demo, as_user):
    lead = as_user("lead")
    data = json.loads(lead.get(f"/inspections/{demo['essex'].pk}/export/all.json").content)
    assert data["ratings"][-1]["points"] == 33
    csv_text = lead.get(f"/inspections/{demo['essex'].pk}/export/findings.csv").content.decode()
    assert csv_text.splitlines()[0] == "where,kind,text"
    assert lead.get(f"/inspections/{demo['essex'].pk}/export/nothing.csv").status_code == 404


@pytest.mark.parametrize("role", ["admin", "assessor", "viewer"])
def test_no_access_means_404_on_every_export(demo, as_user, role):
    client = as_user(role)
    for url in urls(demo["essex"]):
        assert client.get(url).status_code == 404, url
