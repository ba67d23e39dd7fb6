"""How users' YAML is read: ids stay text, answers stay words, places map to lines."""

import pytest

from yjinspect.datafile import load_data_file
from yjinspect.errors import InputError


def test_ids_and_answers_stay_as_written(write):
    source = load_data_file(
        write(
            "r.yaml",
            """\
            judgements: {1.1: Good, 1.10: Good}
            answers: {2.1.1: yes, 2.1.2: no, 2.1.3: n/a}
            force: true
            date: 2018-10-01
            """,
        )
    )
    assert list(source.data["judgements"]) == ["1.1", "1.10"]
    assert source.data["answers"] == {"2.1.1": "yes", "2.1.2": "no", "2.1.3": "n/a"}
    assert source.data["force"] is True
    assert source.data["date"].isoformat() == "2018-10-01"


def test_places_are_found_on_their_lines(write):
    source = load_data_file(write("r.yaml", "a:\n  b:\n    - x\n    - {c: 1}\n"))
    assert source.line_of(("a", "b", 1, "c")) == 4
    assert source.line_of(("a", "missing", "deeper")) == 2  # the nearest enclosing place


def test_json_places_have_lines_too(write):
    source = load_data_file(write("r.json", '{\n "a": {\n  "b": 1\n }\n}\n'))
    assert source.line_of(("a", "b")) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "expected YAML or JSON fields"), ("- 1\n", "is not a results or framework file")],
)
def test_a_file_that_is_not_a_mapping(write, text, message):
    with pytest.raises(InputError, match=message):
        load_data_file(write("r.yaml", text))


@pytest.mark.parametrize(
    "name", ["essex-2018.yaml", "../src/yjinspect/frameworks/data/hmip-yos-2018.yaml"]
)
def test_libyaml_reads_exactly_as_the_python_reader(name):
    """Files without an alias are read by libyaml (in C, for a quick start-up): the same data
    and the same line for every place as the Python reader gives."""
    import yaml

    from yjinspect import datafile

    from ..conftest import EXAMPLES

    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert "*" not in text
    fast, slow = datafile._FastLoader(text), datafile._Loader(text)
    fast_root, slow_root = fast.get_single_node(), slow.get_single_node()
    assert fast.construct_document(fast_root) == slow.construct_document(slow_root)

    def lines(node):
        children = node.value if isinstance(node.value, list) else []
        flat = [c for child in children for c in (child if isinstance(child, tuple) else (child,))]
        return [node.start_mark.line] + [line for c in flat for line in lines(c)]

    assert lines(fast_root) == lines(slow_root)
    assert datafile._FastLoader is not datafile._Loader and yaml.__with_libyaml__


def test_a_deeply_nested_file_is_refused_not_a_crash(tmp_path):
    """libyaml composes nodes by recursing in C: 100,000 brackets crashed the whole process
    (Python's recursion limit never fires there). Run apart, so a crash fails this test."""
    import subprocess
    import sys

    path = tmp_path / "r.yaml"
    path.write_text("framework: hmip-yos-2018\ncases: " + "[" * 100_000 + "]" * 100_000)
    script = (
        "import sys\n"
        "from yjinspect.datafile import load_data_file\n"
        "from yjinspect.errors import InputError\n"
        "try:\n"
        "    load_data_file(sys.argv[1])\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "nested too deeply" in done.stdout
