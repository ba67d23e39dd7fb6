"""The commands a user runs, on the bundled examples and frameworks."""

import json
import subprocess

import pytest

from ..conftest import EXAMPLES


def test_frameworks_lists_the_bundled_ones(cli):
    result = cli("frameworks")
    assert result.exit_code == 0
    for framework_id in ("hmip-yos-2018", "hmip-yjs-2021", "hmip-cci-2009"):
        assert framework_id in result.stdout


def test_framework_show_json_holds_every_question_and_flag(cli):
    result = cli("framework", "show", "hmip-yjs-2021", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    standards = [s for d in data["domains"] for s in d["standards"]]
    assert len(standards) == 13
    resettlement = standards[-1]
    assert resettlement["id"] == "4.1"
    assert (resettlement["counted"], resettlement["rated_by"]) == (False, "judgement")
    assert "title only" in resettlement["provenance_flag"]
    question = standards[0]["key_questions"][0]
    assert question["id"] == "1.1.1"
    assert question["provenance_flag"] == "assumed unchanged from 2018"


@pytest.mark.parametrize("framework_id", ["hmip-yos-2018", "hmip-yjs-2021", "hmip-cci-2009"])
def test_framework_show_yaml_is_a_framework_file_that_loads_back_equal(cli, tmp_path, framework_id):
    from yjinspect.frameworks import load_framework, load_framework_file

    result = cli("framework", "show", framework_id, "--format", "yaml")
    assert result.exit_code == 0, result.output
    written = tmp_path / "framework.yaml"
    written.write_text(result.stdout, encoding="utf-8")
    assert load_framework_file(written) == load_framework(framework_id)
    again = cli("framework", "show", written, "--format", "yaml")  # and again, unchanged
    assert again.stdout == result.stdout


def test_framework_show_table_shows_provenance(cli):
    result = cli("framework", "show", "hmip-yjs-2021")
    assert result.exit_code == 0
    assert "assumed unchanged from 2018" in result.stdout
    assert "no (rated separately)" in result.stdout


def test_framework_show_accepts_a_path(cli):
    from yjinspect.frameworks.loader import BUNDLED_DIR

    result = cli("framework", "show", BUNDLED_DIR / "hmip-cci-2009.yaml", "--format", "json")
    assert json.loads(result.stdout)["id"] == "hmip-cci-2009"


def test_rate_table_shows_overall_and_the_footnote(cli):
    result = cli("rate", EXAMPLES / "essex-2018.yaml")
    assert result.exit_code == 0
    assert "Overall rating: Outstanding (33 of 36)" in result.stdout
    assert "Good [1]" in result.stdout
    assert "Standard 3.4 is rated Good rather than Requires improvement" in result.stdout


def test_rate_json_is_the_documented_interface(cli):
    data = json.loads(cli("rate", EXAMPLES / "essex-2018.yaml", "--format", "json").stdout)
    assert {"framework", "service", "standards", "score", "max_score", "overall_rating"} <= set(
        data
    )
    assert (data["score"], data["max_score"], data["overall_rating"]) == (33, 36, "Outstanding")
    joint = next(s for s in data["standards"] if s["id"] == "3.4")
    assert {"id", "title", "rating", "points", "counted", "discretion", "key_questions"} <= set(
        joint
    )
    assert joint["discretion"]["footnote"] == 1 and joint["discretion"]["forced"] is False
    question = joint["key_questions"][1]
    assert {k: question[k] for k in ("id", "percent", "yes", "no", "not_applicable")} == {
        "id": "3.4.2",
        "percent": 63,
        "yes": 17,
        "no": 10,
        "not_applicable": 1,
    }
    assert question["ci_low"] < 63 < question["ci_high"]
    assert data["footnotes"][0]["standard"] == "3.4"
    assert any("Wilson" in note for note in data["assumptions"])


def test_rate_json_for_the_core_case_inspection(cli):
    data = json.loads(cli("rate", EXAMPLES / "essex-2012.yaml", "--format", "json").stdout)
    headline = {h["id"]: (h["score"], h["comment"]) for h in data["headlines"]}
    assert headline["risk_of_harm"] == (68, "MODERATE")
    assert {c["id"] for c in data["criteria"]} >= {"1.1", "3.2"}
    assert [s["score"] for s in data["sections"]] == [72, 76, 75]
    assert any("not published" in note for note in data["assumptions"])


def test_rate_markdown(cli):
    result = cli("rate", EXAMPLES / "essex-2018.yaml", "--format", "markdown")
    assert result.stdout.startswith("# Essex Youth Offending Service")
    assert "| 3.4 | Joint working | Good \\[1\\] | 2 |" in result.stdout  # shows "[1]"
    assert "## Professional discretion" in result.stdout


def test_framework_override_rates_under_another_framework(cli):
    result = cli("rate", EXAMPLES / "essex-2018.yaml", "--framework", "hmip-yjs-2021")
    # 3.4 is a judgement standard in 2021, so the 2018 counts and discretion no longer fit.
    assert result.exit_code == 2
    assert "unknown key question '3.4.1' in framework hmip-yjs-2021" in result.stderr
    assert "discretion applies to standards rated by key questions; 3.4" in result.stderr


def test_validate_reports_success(cli):
    result = cli("validate", EXAMPLES / "essex-2018.yaml")
    assert result.exit_code == 0
    assert "valid against hmip-yos-2018" in result.stdout


def test_per_case_answers_are_tallied(cli, write):
    path = write(
        "cases.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Mock YOS}
        cases:
          - {id: C01, disposal: court, answers: {"2.1.1": yes, "2.1.2": no, "2.1.3": n/a}}
          - {id: C02, disposal: court, answers: {"2.1.1": yes, "2.1.2": yes, "2.1.3": yes}}
        """,
    )
    data = json.loads(cli("rate", path, "--format", "json").stdout)
    assessment = next(s for s in data["standards"] if s["id"] == "2.1")
    counts = [(q["yes"], q["no"], q["not_applicable"]) for q in assessment["key_questions"]]
    assert counts == [(2, 0, 0), (1, 1, 0), (1, 0, 1)]
    assert assessment["rating"] == "Requires improvement"  # 2.1.2 at 50%
    assert data["overall_rating"] is None and "1.1" in data["missing"]


def test_the_installed_console_script_runs():
    done = subprocess.run(
        ["yjinspect", "rate", str(EXAMPLES / "essex-2018.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["overall_rating"] == "Outstanding"
