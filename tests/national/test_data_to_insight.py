"""The data-to-insight layout: each of its known defects in invented rows, repaired where the
score allows it and otherwise reported by line and column (fixture: data-to-insight-invented.csv,
invented services in the scrape's column layout, no published data)."""

from pathlib import Path

import pytest

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework
from yjinspect.national import read_sources
from yjinspect.national.data_to_insight import read_data_to_insight, slug

FIXTURE = Path(__file__).with_name("data-to-insight-invented.csv")
FRAMEWORKS = [load_framework("hmip-yos-2018"), load_framework("hmip-yjs-2021")]


@pytest.fixture(scope="module")
def imported():
    sets, notes = read_data_to_insight(FIXTURE, FRAMEWORKS)
    rows = {}
    for rated in sets.values():
        names = rated.framework.rating_names
        ids = [s.id for _, s in rated.framework.standards()]
        for index, about in enumerate(rated.about):
            codes = rated.standards[index]
            rows[about.service] = {
                "framework": rated.framework.id,
                "line": about.line,
                "published": about.published,
                "score": int(rated.scores[index]),
                "overall": names[rated.overall[index]] if rated.overall[index] >= 0 else None,
                "standards": {
                    i: names[c] if c >= 0 else None for i, c in zip(ids, codes, strict=True)
                },
            }
    return rows, notes


def notes_on(notes, line):
    return [(n.column, n.message) for n in notes if n.line == line]


def test_slugs_are_the_scrapes_column_names():
    assert slug("Out-of-court disposal policy and provision") == (
        "outofcourt_disposal_policy_and_provision"
    )
    assert slug("Resettlement policy and provision") == "resettlement_policy_and_provision"


def test_a_shared_column_for_two_standards_places_neither(imported):
    rows, notes = imported
    brindle = rows["Brindle"]["standards"]
    assert brindle["2.1"] is None and brindle["3.1"] is None
    shared = (
        "assessment",
        "one column for 2.1 Assessment and 3.1 Assessment (the same name in different domains): "
        "its rating Good cannot be placed, so neither is known",
    )
    assert shared in notes_on(notes, 3)


def test_a_dropped_requires_improvement_is_reported_when_the_score_cannot_place_it(imported):
    rows, notes = imported
    assert rows["Brindle"]["standards"]["1.2"] is None
    assert rows["Brindle"]["score"] == 19 and rows["Brindle"]["overall"] == "Good"
    [(_, message)] = [n for n in notes_on(notes, 3) if n[0] is None]
    assert message.startswith("no rating for 1.2 Staff, 2.1 Assessment")
    assert "drops 'Requires improvement'" in message and "9 points" in message


def test_the_score_fills_standards_when_it_allows_only_one_way(imported):
    rows, notes = imported
    ashcombe = rows["Ashcombe"]
    assert set(ashcombe["standards"].values()) == {"Outstanding"}
    assert ashcombe["score"] == 36
    assert any("the only ratings the score allows" in m for _, m in notes_on(notes, 2))


def test_a_footnote_row_is_left_out_and_reported(imported):
    rows, notes = imported
    assert all(row["line"] != 4 for row in rows.values())
    [(column, message)] = notes_on(notes, 4)
    assert column is None and message.startswith("a footnote, not an inspection")


def test_a_footnote_in_the_overall_cell_is_replaced_by_the_scores_rating(imported):
    rows, notes = imported
    assert rows["Carrow"]["overall"] == "Good"  # 61.11% = 22 of 36 points
    assert rows["Carrow"]["published"].isoformat() == "2022-06-21"  # dd/mm/yy
    assert any(c == "overall_rating" and "taken from the score (Good)" in m
               for c, m in notes_on(notes, 5))  # fmt: skip


def test_stray_spaces_and_capitals_in_ratings_are_read(imported):
    rows, _ = imported
    assert rows["Dunmere"]["overall"] == "Inadequate"
    assert rows["Eastholm"]["overall"] == "Requires improvement"
    assert rows["Fernley"]["overall"] == "Requires improvement"


def test_the_framework_follows_the_columns_then_the_date(imported):
    rows, _ = imported
    assert rows["Eastholm"]["framework"] == "hmip-yos-2018"  # joint_working is a 2018 standard
    assert rows["Eastholm"]["standards"]["3.4"] == "Good"
    assert rows["Carrow"]["framework"] == "hmip-yjs-2021"
    assert rows["Carrow"]["standards"]["3.4"] == "Good"  # out-of-court policy and provision


def test_service_names_lose_the_reports_title(imported):
    rows, _ = imported
    assert "Eastholm" in rows


def test_a_score_that_is_not_whole_points_is_left_out(imported):
    rows, notes = imported
    assert rows["Fernley"]["score"] == -1
    assert (
        "score_%",
        "4.56% is not a whole number of points out of 36: the score is left out",
    ) in (notes_on(notes, 8))


def test_a_column_that_names_no_standard_is_reported(imported):
    _, notes = imported
    assert any(c == "policy_and_provision" for c, _ in notes_on(notes, 9))


def test_a_bad_number_or_date_refuses_the_whole_file(tmp_path):
    text = FIXTURE.read_text("utf-8").splitlines()
    text[1] = text[1].replace("100.0", "lots")
    text[2] = text[2].replace("02/05/2023", "2 May")
    bad = tmp_path / "scrape.csv"
    bad.write_text("\n".join(text) + "\n", "utf-8")
    with pytest.raises(InputError) as refused:
        read_sources([bad])
    described = refused.value.describe()
    assert f"{bad}:2: [\"score_%\"]: 'lots' is not a number" in described
    assert f"{bad}:3: publication_date: '2 May' is not a date" in described


def test_a_score_the_ratings_contradict_gives_no_overall_rating(tmp_path):
    header = FIXTURE.read_text("utf-8").splitlines()[0]
    row = (
        "Hadley,hadley,8.33,Rating,01/02/2024,,Outstanding,Outstanding,Outstanding,,,,,,"
        "Outstanding,Good,,"
    )
    path = tmp_path / "scrape.csv"
    path.write_text(f"{header}\n{row}\n", "utf-8")
    sets, notes = read_data_to_insight(path, FRAMEWORKS)
    [rated] = sets.values()
    assert int(rated.overall[0]) == -1 and int(rated.scores[0]) == -1
    messages = [n.message for n in notes]
    assert any("add up to 14 points" in m and "the score is left out" in m for m in messages)
    assert "'Rating' is not an overall rating and there is no score: unknown" in messages
