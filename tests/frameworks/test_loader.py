"""A malformed framework file is refused with its file, the place in it, and the problem."""

import itertools

import pytest

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework, load_framework_file

LOCAL_AUDIT = """\
kind: rated
id: local-audit
title: Local audit tool
version: "1"
publisher: A youth justice service
in_force: {from: 2024-01-01}
sources: [{document: our audit guidance}]
domains:
  - id: "A"
    title: Court work
    case_stream: court
    standards:
      - id: "A.1"
        title: Assessment
        rated_by: key_questions
        key_questions:
          - {id: "A.1.1", text: "Is the assessment good enough?"}
          - {id: "A.1.2", text: "Is it on time?"}
rules:
  bands:
    - {rating: Outstanding, points: 3, min_percent: 80}
    - {rating: Good, points: 2, min_percent: 65}
    - {rating: Requires improvement, points: 1, min_percent: 50}
    - {rating: Inadequate, points: 0, min_percent: 0}
  overall_bands:
    - {rating: Good, min_score: 2}
    - {rating: Inadequate, min_score: 0}
  basis: our own rules
"""


def test_a_users_own_framework_loads_from_a_path(write):
    path = write("audit.yaml", LOCAL_AUDIT)
    framework = load_framework(str(path))
    assert framework.id == "local-audit"
    assert framework.max_score == 3


def problems_of(path):
    with pytest.raises(InputError) as caught:
        load_framework_file(path)
    return caught.value.describe()


def test_a_missing_key_question_id_is_named_by_its_path_and_line(write):
    broken = LOCAL_AUDIT.replace('{id: "A.1.2", ', "{")
    path = write("audit.yaml", broken)
    message = problems_of(path)
    assert (
        message == f"{path}:18: domains[0].standards[0].key_questions[1].id: this field is required"
    )


def test_the_nested_path_reaches_deep_places(write):
    text = LOCAL_AUDIT.replace(
        "rules:",
        """  - id: "B"
    title: Out-of-court work
    case_stream: out_of_court
    standards:
      - id: "B.1"
        title: Planning
        rated_by: key_questions
        key_questions:
          - {id: "B.1.1", text: "Is planning good enough?"}
      - id: "B.2"
        title: Delivery
        rated_by: key_questions
      - id: "B.3"
        title: Review
        rated_by: key_questions
        key_questions:
          - {id: 7, text: "Is it reviewed?"}
rules:""",
    )
    message = problems_of(write("audit.yaml", text))
    assert message.endswith(":35: domains[1].standards[2].key_questions[0].id: must be text")
    # Types are checked first; consistency once the types are right.
    message = problems_of(write("audit.yaml", text.replace("id: 7", 'id: "B.3.1"')))
    assert message.endswith(
        "domains[1].standards[1].key_questions: a standard rated by key questions needs some"
    )


def test_duplicate_ids_and_unordered_bands_are_refused(write):
    text = LOCAL_AUDIT.replace('"A.1.2"', '"A.1.1"').replace("min_percent: 65", "min_percent: 85")
    message = problems_of(write("audit.yaml", text))
    assert "domains[0].standards[0].key_questions[1].id: duplicate key question id 'A.1.1'" in (
        message
    )
    assert "rules.bands: rating bands must be listed from highest to lowest" in message


def test_an_unknown_kind_and_malformed_yaml(write):
    assert "kind: must be one of rated, scored, not 'graded'" in problems_of(
        write("a.yaml", LOCAL_AUDIT.replace("kind: rated", "kind: graded"))
    )
    assert ":2: malformed YAML" in problems_of(write("b.yaml", "kind: rated\n  id: [\n"))


def test_an_unknown_framework_id_lists_the_bundled_ones():
    with pytest.raises(InputError) as caught:
        load_framework("hmip-yos-2019")
    assert str(caught.value) == (
        "hmip-yos-2019: not a bundled framework (hmip-cci-2009, hmip-yjs-2021, hmip-yos-2018) "
        "nor a framework file"
    )


def test_band_edges_written_as_fractions_are_refused_with_the_fix(write, cli):
    """`min_percent: 0.8` rated 30% Outstanding; `framework show` said "Outstanding 0.8%"."""
    text = (LOCAL_AUDIT.replace("min_percent: 80", "min_percent: 0.8")
            .replace("min_percent: 65", "min_percent: 0.65")
            .replace("min_percent: 50", "min_percent: 0.5"))  # fmt: skip
    path = write("audit.yaml", text)
    expected = (
        f"{path}:21: rules.bands: the rating band edges (0.8, 0.65, 0.5, 0) are all at or below "
        "1: min_percent is a percentage, not a fraction; write 80, 65, 50, 0"
    )
    assert expected in problems_of(path)
    result = cli("framework", "show", path)
    assert result.exit_code == 2 and expected in result.stderr


def test_points_must_fall_with_the_ratings(write):
    text = LOCAL_AUDIT.replace("points: 1, min_percent: 50", "points: 2, min_percent: 50")
    assert (
        "rules.bands: points must fall with the ratings: each band scores fewer points than the "
        "one above" in problems_of(write("audit.yaml", text))
    )


def test_a_key_written_twice_is_refused_with_both_lines(write):
    text = LOCAL_AUDIT.replace("  basis: our own rules\n", "  basis: our own rules\n  basis: x\n")
    assert ":29: rules: 'basis' is written twice (first on line 28); keep one" in problems_of(
        write("audit.yaml", text)
    )


def test_in_force_dates_must_run_forwards(write):
    backwards = LOCAL_AUDIT.replace("{from: 2024-01-01}", "{from: 2024-01-01, to: 2023-12-31}")
    path = write("audit.yaml", backwards)
    assert (
        problems_of(path) == f"{path}:6: in_force: 'to' (2023-12-31) is before 'from' (2024-01-01)"
    )


@pytest.mark.parametrize(("day", "expected"), [
    ("2018-10-01", "hmip-yos-2018"), ("2022-04-30", "hmip-yos-2018"),
    ("2022-05-01", "hmip-yjs-2021"), ("2026-06-01", "hmip-yjs-2021"),
])  # fmt: skip
def test_the_framework_in_force_on_the_fieldwork_start_is_chosen(day, expected):
    from datetime import date

    from yjinspect.frameworks import sampling_framework_on

    assert sampling_framework_on(date.fromisoformat(day)).id == expected


def test_bundled_sampling_frameworks_never_overlap():
    """Each day has at most one bundled framework to sample by: no guessing between two."""
    from yjinspect.frameworks import bundled_frameworks

    spans = sorted(
        (f.in_force.start, f.in_force.end) for f in bundled_frameworks() if f.sampling is not None
    )
    for (_, end), (next_start, _) in itertools.pairwise(spans):
        assert end is not None and end < next_start
