"""Per-case answers and counts become tallies, checked against the framework."""

from yjinspect.results import RatedEvidence, load_results
from yjinspect.results.tally import Tally


def test_case_answers_are_tallied_per_key_question_and_stream(write):
    loaded = load_results(
        write(
            "r.yaml",
            """\
            framework: hmip-yos-2018
            service: {name: Mock YOS}
            cases:
              - {id: C1, disposal: court, answers: {"2.1.1": yes, "2.1.2": Not applicable}}
              - {id: C2, disposal: court, answers: {"2.1.1": no}}
              - {id: O1, disposal: out_of_court, answers: {"3.1.1": NA}}
            key_questions:
              "2.2.1": {yes: 4, no: 1}
            """,
        )
    )
    evidence = loaded.evidence
    assert isinstance(evidence, RatedEvidence)
    assert evidence.tallies["2.1.1"] == Tally(1, 1, 0)
    assert evidence.tallies["2.1.2"] == Tally(0, 0, 1)
    assert evidence.tallies["3.1.1"] == Tally(0, 0, 1)
    assert evidence.tallies["2.2.1"] == Tally(4, 1, 0)
    assert evidence.cases_by_stream == {"court": 2, "out_of_court": 1}


def test_a_framework_path_is_relative_to_the_results_file(write, tmp_path):
    from yjinspect.frameworks.loader import BUNDLED_DIR

    (tmp_path / "fw").mkdir()
    copy = tmp_path / "fw" / "mine.yaml"
    copy.write_text((BUNDLED_DIR / "hmip-yos-2018.yaml").read_text(encoding="utf-8"))
    loaded = load_results(write("r.yaml", "framework: fw/mine.yaml\nservice: {name: T}\n"))
    assert loaded.framework.id == "hmip-yos-2018"


def test_a_written_results_file_reads_back_to_the_same_rating(tmp_path):
    from yjinspect.ratings import rate_file
    from yjinspect.reporting.ratings import rating_to_dict
    from yjinspect.results.writer import dump_results

    from ..conftest import EXAMPLES

    original = load_results(EXAMPLES / "essex-2018.yaml")
    copy = tmp_path / "copy.yaml"
    copy.write_text(dump_results(original.results))
    assert rating_to_dict(rate_file(copy)) == rating_to_dict(
        rate_file(EXAMPLES / "essex-2018.yaml")
    )
