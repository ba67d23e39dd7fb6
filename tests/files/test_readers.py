"""The shared readers: one decoding routine, one CSV reader, for every file the project reads."""

from datetime import date

import pytest

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework
from yjinspect.reporting.comparison import read_published_scores
from yjinspect.sampling.population import read_population
from yjinspect.sampling.profile import load_profile

from .catalogue import HEADER, row

TODAY = date(2026, 11, 23)
SCORES_HEADER = "service;published;safeguarding;risk_of_harm;likelihood_of_reoffending\n"


def test_a_profile_sets_the_header_row_delimiter_and_encoding(tmp_path):
    """An export with two title lines above its header, in a delimiter and encoding that
    detection alone would not choose (every line has as many commas as semicolons)."""
    line = row("YJ-001", team="TEAM").replace(",", ";").replace("TEAM", "Équipe, Nord")
    body = HEADER.replace(",", ";") + line
    text = "Caseload report, run 1 June 2026;\nService: Invented YJS;\n" + body
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("latin-1"))
    profile = tmp_path / "profile.yaml"
    profile.write_text("header_row: 3\ndelimiter: ';'\nencoding: latin-1\n")
    population = read_population(path, load_profile(profile), today=TODAY)
    assert population.frame["team"].tolist() == ["Équipe, Nord"]
    assert population.frame["row"].tolist() == [4]
    assert (population.source.delimiter, population.source.encoding) == (";", "latin-1")


def test_excel_sep_line_names_the_delimiter(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("sep=;\n" + HEADER.replace(",", ";") + row("YJ-001").replace(",", ";"))
    population = read_population(path, today=TODAY)
    assert population.source.delimiter == ";" and population.frame["row"].tolist() == [3]


def test_a_profile_encoding_that_does_not_fit_names_the_line(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + row("YJ-001", team="£")).encode("utf-8"))
    profile = tmp_path / "profile.yaml"
    profile.write_text("encoding: ascii\n")
    with pytest.raises(InputError) as caught:
        read_population(path, load_profile(profile), today=TODAY)
    assert caught.value.describe() == f"{path}:2: byte 0xC2 is not ascii text"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_compare_reads_what_the_population_import_reads(tmp_path, encoding):
    path = tmp_path / "scores.csv"
    text = SCORES_HEADER + "Área £ A, north;2010-06-15;37;36;43\r\n"
    path.write_bytes(text.encode(encoding))
    scores = read_published_scores(path, load_framework("hmip-cci-2009"))
    assert [(s.service, s.headlines["safeguarding"]) for s in scores] == [("Área £ A, north", 37)]


def test_a_line_break_inside_quotes_keeps_line_numbers_in_compare(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(SCORES_HEADER.replace(";", ",") + '"Area\nA",2010-06-15,37,36,43\n'
                    "B,2011-01-01,x,36,43\n")  # fmt: skip
    with pytest.raises(InputError) as caught:
        read_published_scores(path, load_framework("hmip-cci-2009"))
    assert caught.value.describe() == f"{path}:4: safeguarding: 'x' is not a percentage 0-100"


def test_a_results_file_in_windows_1252_is_read(tmp_path):
    from yjinspect.results import load_results

    path = tmp_path / "r.yaml"
    path.write_bytes("framework: hmip-yos-2018\nservice: {name: Café YOS}\n".encode("cp1252"))
    assert load_results(path).results.service.name == "Café YOS"


def test_a_file_of_bad_rows_is_counted_not_kept(tmp_path):
    """A 60 MB file of bad values once took 121 s and 2.4 GB: every bad value was kept, and
    each distinct one scanned every row again."""
    path = tmp_path / "bad.csv"
    lines = (f"YJ-{n},courtx,x,2018-13-{n % 28 + 1:02d},boy,x{n},lo,med,N\n" for n in range(30_000))
    path.write_text(HEADER + "".join(lines) + "YJ-1,court,referral_order,2018-02-01,male,15,low,"
                    "low,N\n")  # fmt: skip
    with pytest.raises(InputError) as caught:
        read_population(path, today=TODAY)
    error = caught.value
    assert len(error.bad) <= 8 * 200
    message = error.describe()
    assert "210001 bad values in 30001 rows, nothing used:" in message
    assert "  age: not a whole number (30000): line 2 'x0', line 3 'x1'," in message
    assert "line 21 'x19', and 29980 more" in message
    assert "case_ref: duplicate case reference (first on line 3) (1): line 30002 'YJ-1'" in message


def test_every_problem_in_a_large_mapping_finds_its_line_in_one_pass(tmp_path):
    """30,000 problems in one mapping took 94 s: each problem's line was looked up by scanning
    the mapping. The mapping is now read once, however many places in it are looked up."""
    from yjinspect.datafile import load_data_file

    path = tmp_path / "many.yaml"
    path.write_text("key_questions:\n" + "".join(f"  q{n}: {{yes: x}}\n" for n in range(3000)))
    source = load_data_file(path)
    mapping = source._root.value[0][1]
    scans = []

    class Counted(list):
        def __iter__(self):
            scans.append(1)
            return super().__iter__()

    mapping.value = Counted(mapping.value)
    lines = [source.line_of(("key_questions", f"q{n}", "yes")) for n in range(3000)]
    assert lines == list(range(2, 3002))
    assert len(scans) == 1
