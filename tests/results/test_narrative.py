"""The report's words in a results file are checked like the evidence: every problem, placed."""

import pytest

from yjinspect.errors import InputError
from yjinspect.results import load_results


def test_narrative_ids_must_name_parts_of_the_framework(write):
    path = write(
        "results.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Test YOS}
        key_findings:
          "9": [Something]
        findings:
          "2.9": {strengths: [Good work]}
        recommendations:
          - {addressee: The YOS, text: do better}
          - {addressee: "", text: no one}
        """,
    )
    with pytest.raises(InputError) as caught:
        load_results(path)
    message = caught.value.describe()
    assert "recommendations[1].addressee" in message
    # Shape errors come first; once the shape is right, ids are checked against the framework.
    path.write_text(path.read_text().replace('addressee: ""', "addressee: Someone"))
    with pytest.raises(InputError) as caught:
        load_results(path)
    message = caught.value.describe()
    assert "results.yaml:4: key_findings[\"9\"]: unknown domain '9'" in message
    assert "findings[\"2.9\"]: unknown standard or criterion '2.9'" in message


def test_questionnaire_counts_must_add_up(write):
    path = write(
        "cci.yaml",
        """\
        framework: hmip-cci-2009
        service: {name: Test YOS}
        questionnaires:
          - group: victims
            respondents: 5
            questions:
              - {text: Satisfied, yes: 6, answered: 6}
              - {text: Helped, yes: 3, answered: 4}
          - group: children and young people
            respondents: 2
            questions:
              - {text: Listened to, yes: 1, answered: 3}
        """,
    )
    with pytest.raises(InputError) as caught:
        load_results(path)
    message = caught.value.describe()
    assert "questionnaires[0].questions[0].answered: 6 answered, but only 5 respondents" in message
    assert "questions[1]" not in message
    path.write_text(path.read_text().replace("yes: 6, answered: 6", "yes: 5, answered: 5"))
    with pytest.raises(InputError, match=r"questionnaires\[1\]\.questions\[0\]\.answered: 3 "
                       r"answered, but only 2 respondents"):  # fmt: skip
        load_results(path)


def test_more_yes_than_answered_is_refused(write):
    path = write(
        "cci.yaml",
        """\
        framework: hmip-cci-2009
        service: {name: Test YOS}
        questionnaires:
          - {group: victims, respondents: 5, questions: [{text: Satisfied, yes: 4, answered: 3}]}
        """,
    )
    with pytest.raises(InputError, match=r"yes \(4\) is more than answered \(3\)"):
        load_results(path)


def test_a_sampling_report_supplies_the_caseload(write, tmp_path):
    results = write("r.yaml", "framework: hmip-yos-2018\nservice: {name: Test YOS}\n")
    report = write("sampling-report.json", '{"caseload": {"gender": {"male": 8, "female": 2}}}')
    loaded = load_results(results, sampling_report=report)
    assert loaded.results.caseload.gender == {"male": 8, "female": 2}
    bad = write("bad.json", '{"caseload": {"gender": {"male": -1}}}')
    with pytest.raises(InputError, match=r"bad.json.*caseload\.gender\.male"):
        load_results(results, sampling_report=bad)
    with pytest.raises(InputError, match="has no caseload profile"):
        load_results(results, sampling_report=write("other.json", "{}"))


def test_schema_and_evidence_problems_are_reported_in_one_run(write):
    """Validation stopped at the schema's problems; fixing them revealed the evidence's, one
    round after another. Now both come at once, in line order."""
    path = write("rounds.yaml", """\
        framework: hmip-yos-2018
        service: {name: Test YOS}
        judgements:
          "1.1": Brilliant
        key_questions:
          "2.1.1": {yes: many, no: 1}
          "2.1.2": {yes: 3, no: 1}
          "9.9.9": {yes: 3}
        inspection: {fieldwork_start: 2018-10-01, colour: blue}
        """)  # fmt: skip
    with pytest.raises(InputError) as caught:
        load_results(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "'Brilliant' is not a rating: use one of Outstanding, Good, Requires improvement, "
            "Inadequate"),
        (6, "must be a whole number"),
        (8, "unknown key question '9.9.9' in framework hmip-yos-2018"),
        (9, "unknown field"),
    ]  # fmt: skip
