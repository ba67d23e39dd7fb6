"""Files built to break the command line: each is refused with exit status 2 and a message
naming the file, or shown as the words it holds; never a traceback, a hang or terminal control.
"""

from __future__ import annotations

from ..conftest import EXAMPLES

ESSEX = (EXAMPLES / "essex-2018.yaml").read_text(encoding="utf-8")


def _essex_with(write, old: str, new: str):
    assert old in ESSEX
    return write("hostile.yaml", ESSEX.replace(old, new, 1))


def test_an_alias_bomb_is_refused_at_once(cli, write):
    lines = [
        "framework: hmip-yos-2018",
        "service: {name: X}",
        "a0: &a0 [" + ", ".join(["x"] * 10) + "]",
    ]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "bomb.yaml:4: malformed YAML: an alias (*name) repeats another part" in result.output


def test_nesting_too_deep_is_refused(cli, write):
    deep_json = '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    for name, text in (("deep.yaml", "x: " + "[" * 5000 + "]" * 5000), ("deep.json", deep_json)):
        result = cli("validate", write(name, text))
        assert result.exit_code == 2, result.output
        assert f"{name}: is nested too deeply" in result.output


def test_impossible_dates_and_numbers_are_refused(cli, write):
    date = _essex_with(write, "fieldwork_start: 2018-10-01", "fieldwork_start: 2018-02-30")
    result = cli("rate", date)
    assert result.exit_code == 2 and "day is out of range for month" in result.output
    huge = _essex_with(
        write, '"2.1.1": {yes: 41, no: 2}', '"2.1.1": {yes: ' + "9" * 400 + ", no: 2}"
    )
    result = cli("rate", huge)
    assert result.exit_code == 2 and "less than or equal to 1000000000" in result.output


def test_terminal_control_and_rich_markup_are_shown_as_words(cli, write):
    path = _essex_with(
        write,
        "reason: Following a review of the cases.",
        'reason: "[link=https://evil.example/]see[/link] [/bold] \\e]0;PWNED\\a\\e[2J"',
    )
    result = cli("rate", path)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "[link=https://evil.example/]see[/link] [/bold]" in result.output


def test_an_error_quoting_a_value_carries_no_terminal_control(cli, write):
    path = _essex_with(write, '"1.1": Outstanding', '"1.1": "Excellent\\e[2J\\e]0;PWNED\\a"')
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "Excellent" in result.output


def test_a_dollar_in_a_chart_label_is_text_not_maths(cli, write, tmp_path):
    path = write(
        "caseload.yaml",
        ESSEX + '\ncaseload:\n  age: {"$\\\\frac{1}{$": 34, "15 to 17": 115}\n',
    )
    result = cli("report", path, "--out", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "frac{1}" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_word_output_drops_control_characters(cli, write, tmp_path):
    path = _essex_with(
        write, "reason: Following a review of the cases.", 'reason: "x \\e[31m review"'
    )
    result = cli("report", path, "--out", tmp_path / "r.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.docx").stat().st_size > 0


def test_an_output_never_replaces_a_folder_pipe_or_link(cli, tmp_path):
    import os

    pipe, folder = tmp_path / "pipe.md", tmp_path / "folder"
    os.mkfifo(pipe)
    folder.mkdir()
    for target, kind in ((pipe, "is not an ordinary file"), (folder, "is a folder")):
        result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", "md", "--out", target)
        assert result.exit_code == 2 and kind in result.output
    assert pipe.is_fifo() and folder.is_dir()
    real, link = tmp_path / "real.md", tmp_path / "link.md"
    real.write_text("old")
    link.symlink_to(real)
    assert (
        cli("report", EXAMPLES / "essex-2018.yaml", "--format", "md", "--out", link).exit_code == 0
    )
    assert link.is_symlink() and real.read_text().startswith("# An inspection")


def test_a_sample_folder_that_is_a_file_and_a_negative_seed_are_refused(cli, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("")
    population = EXAMPLES / "population-demo.csv"
    result = cli("sample", population, "--fieldwork-start", "2026-06-01", "--out", taken)
    assert result.exit_code == 2 and "is a file" in result.output
    result = cli("sample", population, "--fieldwork-start", "2026-06-01", "--out",
                 tmp_path / "s", "--seed", "-1")  # fmt: skip
    assert result.exit_code == 2


def test_a_device_is_not_read_and_a_profile_names_only_text_encodings(cli, write):
    result = cli("report", EXAMPLES / "essex-2012.yaml", "--format", "md", "--compare", "/dev/zero")
    assert result.exit_code == 2 and "/dev/zero: is not an ordinary file" in result.output
    profile = write("profile.yaml", "name: odd\nencoding: rot13\n")
    result = cli("population", "check", EXAMPLES / "population-demo.csv", "--profile", profile)
    assert result.exit_code == 2 and "'rot13' is not a text encoding" in result.output


def test_numbers_and_dates_mean_what_a_reader_sees(cli, write):
    for written in ("1:30", "0x29", "017"):  # YAML 1.1 reads 90, 41 and 15
        path = _essex_with(
            write, '"2.1.1": {yes: 41, no: 2}', f'"2.1.1": {{yes: {written}, no: 2}}'
        )
        result = cli("validate", path)
        assert result.exit_code == 2, (written, result.output)
        assert "2.1.1" in result.output
    backwards = _essex_with(write, "fieldwork_end: 2018-10-31", "fieldwork_end: 2018-09-30")
    result = cli("validate", backwards)
    assert result.exit_code == 2 and "fieldwork_end is before fieldwork_start" in result.output
