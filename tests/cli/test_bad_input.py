"""Every kind of bad input, through the CLI: one message naming file, place and problem; exit 2."""

import json

import pytest

from ..conftest import EXAMPLES

HEADER = """\
framework: hmip-yos-2018
service: {name: Test YOS}
"""


def assert_refused(result, *expected):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for text in expected:
        assert text in result.stderr, result.stderr


@pytest.mark.parametrize("command", ["rate", "validate"])
def test_missing_file(cli, tmp_path, command):
    missing = tmp_path / "nowhere.yaml"
    assert_refused(cli(command, missing), f"error: {missing}: no such file")


def test_unknown_framework(cli, write):
    path = write("r.yaml", HEADER.replace("hmip-yos-2018", "hmip-yos-2017"))
    assert_refused(
        cli("rate", path),
        f"{path}:1: framework: 'hmip-yos-2017' is not a bundled framework (hmip-cci-2009, ",
    )


def test_unknown_framework_on_the_command_line(cli):
    """The error names the id given, wherever it was given."""
    expected = "error: nope: not a bundled framework (hmip-cci-2009, hmip-yjs-2021, hmip-yos-2018)"
    assert_refused(cli("rate", EXAMPLES / "essex-2018.yaml", "--framework", "nope"), expected)
    assert_refused(cli("framework", "show", "nope"), expected)
    sample = ("sample", EXAMPLES / "population-demo.csv", "--fieldwork-start", "2026-06-01")
    assert_refused(cli(*sample, "--out", "unused", "--framework", "nope"), expected)


def test_problems_are_listed_in_line_order(cli, write):
    """The report's words are checked after the evidence; the user reads problems top down."""
    words = 'key_findings: {"7": [a]}\n'
    path = write("r.yaml", HEADER + words + 'key_questions:\n  "2.1.9": {yes: 1, no: 0}\n')
    result = cli("rate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [
        f"  {path}:3: key_findings[\"7\"]: unknown domain '7'",
        f"  {path}:5: key_questions[\"2.1.9\"]: unknown key question '2.1.9' in framework "
        "hmip-yos-2018",
    ]


def test_unknown_key_question(cli, write):
    path = write("r.yaml", HEADER + 'key_questions:\n  "2.1.9": {yes: 1, no: 0}\n')
    assert_refused(
        cli("rate", path),
        f"{path}:4: key_questions[\"2.1.9\"]: unknown key question '2.1.9' in framework",
    )


def test_count_below_zero(cli, write):
    path = write("r.yaml", HEADER + 'key_questions:\n  "2.1.1": {yes: -1, no: 2}\n')
    assert_refused(cli("rate", path), f'{path}:4: key_questions["2.1.1"].yes: must not be below 0')


@pytest.mark.parametrize("value", ["41.5", '"41"', "true"])
def test_count_not_a_whole_number(cli, write, value):
    path = write("r.yaml", HEADER + f'key_questions:\n  "2.1.1": {{yes: {value}, no: 2}}\n')
    assert_refused(cli("rate", path), 'key_questions["2.1.1"].yes: must be a whole number')


def test_rating_word_not_one_of_the_four(cli, write):
    path = write("r.yaml", HEADER + 'judgements:\n  "1.1": Excellent\n')
    assert_refused(
        cli("rate", path),
        f"{path}:4: judgements[\"1.1\"]: 'Excellent' is not a rating: use one of Outstanding, "
        "Good, Requires improvement, Inadequate",
    )


def test_rating_words_are_spelled_exactly(cli, write):
    path = write("r.yaml", HEADER + 'judgements:\n  "1.1": outstanding\n')
    assert_refused(cli("rate", path), "'outstanding' is not a rating")


def test_judgement_for_a_case_based_standard(cli, write):
    path = write("r.yaml", HEADER + 'judgements:\n  "2.1": Good\n')
    assert_refused(
        cli("rate", path),
        f'{path}:4: judgements["2.1"]: standard 2.1 is rated by key questions, not by judgement',
    )


def test_counts_for_a_judgement_standard(cli, write):
    path = write("r.yaml", HEADER + 'key_questions:\n  "1.1.1": {yes: 3}\n')
    assert_refused(cli("rate", path), "belongs to standard 1.1, which is rated by judgement")


def test_malformed_yaml(cli, write):
    path = write("r.yaml", HEADER + "key_questions: {2.1.1: [\n")
    assert_refused(cli("rate", path), f"{path}:", "malformed YAML")


def test_malformed_json(cli, write):
    path = write("r.json", '{"framework": "hmip-yos-2018",\n "service": }\n')
    assert_refused(cli("validate", path), f"{path}:2: malformed JSON: Expecting value")


def test_unknown_field_is_named(cli, write):
    path = write("r.yaml", HEADER + "judgments: {}\n")
    assert_refused(cli("rate", path), f"{path}:3: judgments: unknown field")


def test_case_answer_for_the_wrong_stream(cli, write):
    path = write(
        "r.yaml",
        HEADER + 'cases:\n  - {id: C1, disposal: court, answers: {"3.1.1": yes}}\n',
    )
    assert_refused(
        cli("rate", path),
        f'{path}:4: cases[0].answers["3.1.1"]: key question 3.1.1 is for out_of_court cases',
    )


def test_an_answer_that_is_not_yes_no_or_na(cli, write):
    path = write(
        "r.yaml", HEADER + 'cases:\n  - {id: C1, disposal: court, answers: {"2.1.1": maybe}}\n'
    )
    assert_refused(cli("rate", path), 'cases[0].answers["2.1.1"]: Input should be')


def test_counts_and_cases_for_one_standard(cli, write):
    text = HEADER + (
        'key_questions:\n  "2.1.1": {yes: 3}\n'
        'cases:\n  - {id: C1, disposal: court, answers: {"2.1.2": yes}}\n'
    )
    path = write("r.yaml", text)
    assert_refused(cli("rate", path), "standard 2.1 has both counts and per-case answers")


def test_discretion_outside_the_margin(cli, write):
    text = HEADER + (
        'key_questions:\n  "3.4.2": {yes: 5, no: 5}\n'
        'discretion:\n  "3.4": {rating: Good, reason: a review}\n'
    )
    path = write("r.yaml", text)
    assert_refused(
        cli("rate", path),
        f'{path}:6: discretion["3.4"]: key question 3.4.2 at 50.0% is 15.0 percentage points',
    )


def test_every_problem_is_listed_at_once(cli, write):
    text = HEADER + 'judgements:\n  "1.1": Great\n  "2.1": Good\n  "9.9": Good\n'
    result = cli("rate", write("r.yaml", text))
    assert_refused(result, "3 problems:", '"1.1"', '"2.1"', '"9.9"')


def test_cci_fields_under_a_rated_framework(cli, write):
    path = write("r.yaml", HEADER + 'criteria:\n  "1.1": {sufficient: 1}\n')
    assert_refused(cli("rate", path), "criteria: not used by a rated framework")


def test_a_bad_framework_file_given_by_path(cli, write):
    framework = write("fw.yaml", "kind: rated\nid: x\n")
    result = cli("rate", EXAMPLES / "essex-2018.yaml", "--framework", framework)
    assert_refused(result, f"{framework}:1: title: this field is required")


def test_json_results_file_is_accepted(cli, write):
    data = {"framework": "hmip-yos-2018", "service": {"name": "T"}, "judgements": {"1.1": "Good"}}
    result = cli("validate", write("r.json", json.dumps(data)))
    assert result.exit_code == 0, result.output
