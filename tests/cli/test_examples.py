"""The examples the README and docs point to work as they say."""

from ..conftest import EXAMPLES

EXPORT = EXAMPLES / "population-cms-export.csv"
PROFILE = EXAMPLES / "profile-example.yaml"


def test_the_example_export_is_read_whole_through_the_example_profile(cli):
    result = cli("population", "check", EXPORT, "--profile", PROFILE)
    assert result.exit_code == 0, result.output
    assert "population-cms-export.csv: 230 cases, all valid" in result.stdout
    assert "Dropped by the profile: Forename, Surname, Date of Birth" in result.stdout


def test_without_the_profile_the_export_is_refused_for_its_identifying_columns(cli):
    result = cli("population", "check", EXPORT)
    assert result.exit_code == 2
    assert "column 'Date of Birth' would identify a child" in result.stderr


def test_a_sample_is_drawn_from_the_example_export(cli, tmp_path):
    result = cli("sample", EXPORT, "--profile", PROFILE, "--fieldwork-start", "2026-06-01",
                 "--out", tmp_path, "--seed", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sample.csv").read_text().count("\n") == 1 + 41
