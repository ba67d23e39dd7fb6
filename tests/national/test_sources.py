"""Sources: results files and folders of them, rated on arrays unless they ask for discretion."""

import shutil

from yjinspect.national import read_sources
from yjinspect.national.sources import engine_codes
from yjinspect.ratings import rate_file

from ..conftest import EXAMPLES


def codes_of(rated, row):
    return (
        rated.standards[row].tolist(),
        int(rated.overall[row]),
        int(rated.scores[row]),
        rated.key_questions[row].tolist(),
    )


def test_a_folder_of_results_files_is_rated_as_the_engine_rates_each(tmp_path):
    text = (EXAMPLES / "essex-2018.yaml").read_text("utf-8")
    discretion = text[text.index("\ndiscretion:") : text.index("\n# --- The report's words")]
    assert "3.4" in discretion
    # Without its discretion request it is rated on arrays; 3.4 stays as the evidence rates it.
    text = text.replace(discretion, "").replace(
        "name: Essex Youth Offending Service", "name: Plain", 1
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, "utf-8")
    shutil.copy(EXAMPLES / "essex-2018.yaml", tmp_path / "with-discretion.yaml")
    shutil.copy(EXAMPLES / "essex-2012.yaml", tmp_path / "core-case.yaml")
    national = read_sources([tmp_path])
    [rated] = national.sets.values()
    by_name = {about.service: row for row, about in enumerate(rated.about)}
    assert len(rated) == 2
    assert codes_of(rated, by_name["Plain"]) == tuple(engine_codes(rate_file(plain)))
    with_discretion = engine_codes(rate_file(tmp_path / "with-discretion.yaml"))
    assert codes_of(rated, by_name["Essex Youth Offending Service"]) == tuple(with_discretion)
    names = rated.framework.rating_names
    assert names[rated.standards[by_name["Plain"], -1]] == "Requires improvement"
    assert names[rated.standards[by_name["Essex Youth Offending Service"], -1]] == "Good"
    [problem] = national.problems
    assert problem.file.endswith("core-case.yaml")
    assert "scored framework" in problem.message and "left out" in problem.message
