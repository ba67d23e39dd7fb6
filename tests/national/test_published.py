"""The documented CSV of published results: read whole, or refused with every problem placed."""

import pytest

from yjinspect.errors import InputError
from yjinspect.national import read_sources

HEADER = "service,published,framework,overall,score,service_type,region,1.1,2.1,4.1\n"


def test_rows_are_read_by_framework_with_their_ratings(write):
    path = write(
        "published.csv",
        HEADER
        + "Ashford YJS,2024-03-01,hmip-yjs-2021,Good,,YJS,South East,Good,requires improvement,\n"
        + "Barford YOS,2019-05-01,hmip-yos-2018,,,,,Outstanding,,\n"
        + "Carford YJS,2023-11-20,hmip-yjs-2021,,,,,,,Not rated\n",
    )
    national = read_sources([path])
    assert {k: len(v) for k, v in national.sets.items()} == {"hmip-yjs-2021": 2, "hmip-yos-2018": 1}
    rated = national.sets["hmip-yjs-2021"]
    names = rated.framework.rating_names
    first = dict(
        zip([s.id for _, s in rated.framework.standards()], rated.standards[0], strict=True)
    )
    assert names[first["2.1"]] == "Requires improvement" and first["4.1"] == -1
    assert rated.about[0].region == "South East" and rated.about[0].line == 2
    assert national.problems == ()


def test_every_problem_is_reported_with_line_and_column_and_nothing_is_read(write):
    path = write(
        "published.csv",
        HEADER
        + "Ashford YJS,2024-13-01,hmip-yjs-2021,Good,,,,Great,,\n"
        + ",2024-01-01,hmip-yjs-2021,,99,,,,,\n"
        + "Carford YJS,,no-such-framework,,,,,,,\n"
        + "Dunford YOS,,hmip-yos-2018,,,,,,,Good\n"
        + "Exford YJS,,hmip-yjs-2021,Outstanding,12,,,,,\n",
    )
    with pytest.raises(InputError) as refused:
        read_sources([path])
    described = refused.value.describe()
    for expected in (
        f"{path}:2: published: '2024-13-01' is not a date (YYYY-MM-DD)",
        f"{path}:2: [\"1.1\"]: 'Great' is not a rating",
        f"{path}:3: service: is empty",
        f"{path}:3: score: '99' is not a whole number 0-36",
        f"{path}:4: framework:",
        f'{path}:5: ["4.1"]: is not a standard of hmip-yos-2018',
        f"{path}:6: overall: a score of 12 is rated Requires improvement, not Outstanding",
    ):
        assert expected in described


def test_a_missing_column_is_reported_on_the_header_line(write):
    path = write("published.csv", "service,framework\nAshford,hmip-yjs-2021\n")
    with pytest.raises(
        InputError, match=r"published.csv:1: header: missing columns: published, overall, score"
    ):
        read_sources([path])


def test_a_header_of_many_repeated_columns_is_refused_briefly(write):
    """Counting each name by scanning the header took 93 s for 100,000 columns; the refusal
    lists ten names and how many more, not 25,000."""
    repeated = [f"x{n}" for n in range(25_000)] * 2
    path = write("published.csv", ",".join([*HEADER.strip().split(","), *repeated]) + "\n")
    with pytest.raises(InputError) as refused:
        read_sources([path])
    described = refused.value.describe()
    assert "column(s) named twice: x0, x1, x10, x100, x1000," in described
    assert "and 24990 more" in described and len(described) < 500
