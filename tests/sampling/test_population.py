"""Importing a population export: formats, profiles, and every kind of bad value."""

from datetime import date

import pytest
from openpyxl import Workbook

from yjinspect.errors import InputError
from yjinspect.sampling.population import PopulationRejected, read_population
from yjinspect.sampling.profile import load_profile

from ..conftest import EXAMPLES
from .helpers import case, write_population

TODAY = date(2026, 11, 23)


def rejected(path, **options) -> PopulationRejected:
    with pytest.raises(PopulationRejected) as caught:
        read_population(path, today=TODAY, **options)
    return caught.value


def test_the_demo_population_is_valid_and_fictitious():
    population = read_population(EXAMPLES / "population-demo.csv", today=TODAY)
    assert len(population) == 600
    assert population.frame["case_ref"].str.startswith("DEMO-").all()
    assert set(population.frame["stream"]) == {"court", "out_of_court"}


def test_semicolons_and_windows_1252_are_detected(tmp_path):
    rows = [case("C1", team="Équipe Nord"), case("C2", team="Team B")]
    path = write_population(tmp_path / "p.csv", rows, delimiter=";", encoding="cp1252")
    population = read_population(path, today=TODAY)
    assert (population.source.delimiter, population.source.encoding) == (";", "cp1252")
    assert population.frame["team"].tolist() == ["Équipe Nord", "Team B"]


def test_a_utf8_bom_and_tabs(tmp_path):
    path = write_population(tmp_path / "p.tsv", [case("C1")], delimiter="\t", encoding="utf-8-sig")
    population = read_population(path, today=TODAY)
    assert population.source.delimiter == "\t"
    assert population.frame["case_ref"].tolist() == ["C1"]


def test_numeric_references_keep_their_leading_zeros(tmp_path):
    path = write_population(tmp_path / "p.csv", [case("00123"), case("00456")])
    assert read_population(path, today=TODAY).frame["case_ref"].tolist() == ["00123", "00456"]


def test_codes_are_read_in_plain_words(tmp_path):
    rows = [case("C1", stream="Out of court", disposal_type="Youth Conditional Caution",
                 rosh="Very high", gender="Female")]  # fmt: skip
    frame = read_population(write_population(tmp_path / "p.csv", rows), today=TODAY).frame
    assert frame.iloc[0][["stream", "disposal_type", "rosh", "gender"]].tolist() == [
        "out_of_court",
        "youth_conditional_caution",
        "very_high",
        "female",
    ]


def test_excel_with_real_date_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["case_ref", "stream", "disposal_type", "disposal_date", "gender", "age",
                  "rosh", "safety_wellbeing"])  # fmt: skip
    sheet.append([101, "court", "referral_order", date(2018, 2, 1), "male", 15, "low", "low"])
    sheet.append([None] * 8)
    sheet.append(["C2", "court", "referral_order", "2018-03-01", "female", 16.0, "high", "low"])
    book.save(tmp_path / "p.xlsx")
    population = read_population(tmp_path / "p.xlsx", today=TODAY)
    frame = population.frame
    assert frame["case_ref"].tolist() == ["101", "C2"]
    assert frame["row"].tolist() == [2, 4]
    assert frame["age"].tolist() == [15, 16]
    assert str(frame["disposal_date"].iloc[0].date()) == "2018-02-01"


def test_every_bad_value_is_listed_by_row_and_column(tmp_path):
    rows = [
        case("C1"),
        case("C2", disposal_date="2018-13-01"),
        case("C3", gender="boy"),
        case("C1"),
        case("C5", disposal_date="2027-01-01"),
        case("C6", age="9"),
        case("C7", stream="out_of_court", disposal_type="referral_order"),
        case("", rosh=""),
    ]
    error = rejected(write_population(tmp_path / "p.csv", rows))
    found = {(bad.row, bad.column, bad.reason) for bad in error.bad}
    assert found == {
        (3, "disposal_date", "not a date (YYYY-MM-DD)"),
        (4, "gender", "unknown code; expected one of male, female, other, not_known"),
        (5, "case_ref", "duplicate case reference (first on line 2)"),
        (6, "disposal_date", "in the future (after 2026-11-23)"),
        (7, "age", "outside 10 to 18"),
        (8, "disposal_type", "not a out_of_court disposal"),
        (9, "case_ref", "missing value"),
        (9, "rosh", "missing value"),
    }
    message = error.describe()
    assert f"{tmp_path / 'p.csv'}: 8 bad values in 7 rows, nothing used:" in message
    assert "  disposal_date: not a date (YYYY-MM-DD) (1): line 3 '2018-13-01'" in message


def test_identifying_columns_are_refused_unless_dropped(tmp_path):
    rows = [case("C1") | {"Surname": "Fictitious", "Date of Birth": "2003-01-01"}]
    header = ["case_ref", "Surname", "Date of Birth", *list(case("x"))[:-1]]
    path = write_population(tmp_path / "p.csv", rows, header=list(dict.fromkeys(header)))
    message = rejected(path).describe()
    assert "column 'Surname' would identify a child" in message
    assert "column 'Date of Birth' would identify a child" in message

    profile = tmp_path / "profile.yaml"
    profile.write_text("drop: [Surname, Date of Birth]\n")
    population = read_population(path, load_profile(profile), today=TODAY)
    assert population.source.dropped == ("Surname", "Date of Birth")
    assert "Surname" not in population.frame.columns


def test_missing_columns_are_named(tmp_path):
    path = write_population(tmp_path / "p.csv", [case("C1")], header=["case_ref", "stream"])
    assert "missing column(s) disposal_type, disposal_date, gender, age, rosh" in (
        rejected(path).describe()
    )


def test_the_example_profile_reads_a_case_management_export(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "Case Reference;Forename;Surname;Date of Birth;Outcome Group;Outcome;Outcome Date;Sex;"
        "Age at Outcome;RoSH;Safety & Wellbeing;Team;Ethnicity;LAC\n"
        "YJ-0001;Fictitious;Person;01/01/2003;Court;YRO;05/02/2018;M;15;M;H;North;White;N\n"
        "YJ-0002;Made;Up;01/01/2004;Pre-court;YCC;01/06/2018;F;14;L;VH;South;Mixed;Y\n",
        encoding="cp1252",
    )
    profile = load_profile(EXAMPLES / "profile-example.yaml")
    frame = read_population(export, profile, today=TODAY).frame
    assert frame[["case_ref", "stream", "disposal_type", "gender", "rosh"]].values.tolist() == [
        ["YJ-0001", "court", "youth_rehabilitation_order", "male", "medium"],
        ["YJ-0002", "out_of_court", "youth_conditional_caution", "female", "low"],
    ]
    assert frame["looked_after"].tolist() == ["no", "yes"]
    assert str(frame["disposal_date"].iloc[0].date()) == "2018-02-05"


def test_a_bad_profile_is_named_by_place(tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("columns:\n  Sex: sex\nvalues:\n  rosh: {VH: extreme}\n")
    with pytest.raises(InputError) as caught:
        load_profile(profile)
    message = caught.value.describe()
    assert f"{profile}:2: columns.Sex: 'sex' is not a canonical column" in message
    assert f"{profile}:4: values.rosh.VH: 'extreme' is not a rosh code" in message


def test_a_name_written_as_a_case_reference_is_refused(tmp_path):
    """References are pseudonymous: one without a digit is a name typed in the wrong column
    (or a name column mapped onto case_ref), never stored."""
    rows = [case("YJ-1"), case("Jane Smith"), case("Smith, John"), case("0042"), case("AB/7")]
    error = rejected(write_population(tmp_path / "p.csv", rows))
    reason = "not a pseudonymous reference: it has no digit (is it a name?)"
    assert {(bad.row, bad.column, bad.reason) for bad in error.bad} == {
        (3, "case_ref", reason), (4, "case_ref", reason),
    }  # fmt: skip


def test_a_profiles_date_format_is_shown_in_words_and_counts_agree_in_number(tmp_path):
    """People read "DD/MM/YYYY", not strptime's "%d/%m/%Y"; one bad value is "1 bad value"."""
    from yjinspect.sampling.profile import MappingProfile

    path = write_population(tmp_path / "p.csv", [case("C1", disposal_date="2025-12-31")])
    error = rejected(path, profile=MappingProfile(date_format="%d/%m/%Y"))
    message = error.describe()
    assert f"{tmp_path / 'p.csv'}: 1 bad value in 1 row, nothing used:" in message
    assert "  disposal_date: not a date (DD/MM/YYYY) (1): line 2 '2025-12-31'" in message
    assert "%" not in message


def test_a_short_record_balanced_by_a_long_one_is_still_refused_line_by_line(tmp_path, monkeypatch):
    """The scan may check a chunk on its totals alone; a record one field short beside one a
    field over adds up, and pandas' refusal of the long one sends the file to be read line by
    line, where each is named."""
    from yjinspect import files

    monkeypatch.setattr(files, "_CHUNK", 256)  # the header and three cases, then the rest
    rows = [case(f"C{n}") for n in range(1, 9)]
    path = write_population(tmp_path / "p.csv", rows)
    lines = path.read_text().splitlines(keepends=True)
    lines[4] = lines[4].replace(",15,", ",15,extra,")  # line 5: one field over
    lines[7] = lines[7].replace(",15,", ",")  # line 8: one field short
    path.write_text("".join(lines))
    assert files.clean_record_lines(path, "utf-8", 0, ",", 8, True) is not None  # on totals
    with pytest.raises(InputError) as refused:
        read_population(path, today=TODAY)
    said = [(problem.line, problem.message) for problem in refused.value.problems]
    assert [line for line, _ in said] == [5, 8]
    assert "9 fields, but the header has 8" in said[0][1]
    assert "7 fields, but the header has 8" in said[1][1]


def test_codes_as_written_and_as_people_write_them_read_the_same(tmp_path):
    """A coded column written exactly as its codes is looked up among them; one with any other
    spelling is read value by value: both give the same codes."""
    exact = [case(f"C{n}", rosh=rosh) for n, rosh in enumerate(["low", "high", "very_high"])]
    spoken = [case(f"C{n}", rosh=rosh) for n, rosh in enumerate(["Low", " HIGH", "very high"])]
    read = [
        read_population(write_population(tmp_path / f"{name}.csv", rows), today=TODAY)
        for name, rows in (("exact", exact), ("spoken", spoken))
    ]
    assert [population.frame["rosh"].tolist() for population in read] == [
        ["low", "high", "very_high"]
    ] * 2


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("cut", ["header", "first record"])
def test_a_first_record_one_field_over_is_refused_wherever_the_chunks_fall(
    tmp_path, monkeypatch, newline, cut
):
    """pandas takes a first record one field over as an index column, shifting every column
    after it, where a later one would be refused: the first record is counted itself, even
    when the header ends the first chunk, so a short record beside it in the next chunk cannot
    make that chunk's totals add up."""
    from yjinspect import files

    path = write_population(tmp_path / "p.csv", [case(f"C{n}") for n in range(1, 9)])
    title = "Cases for the inspection, exported from the case management system " * 3
    lines = [title.strip(), *path.read_text().splitlines()]  # the header on line 2
    lines[2] = "X," + lines[2]  # line 3: one field over
    lines[3] = lines[3].replace(",15,", ",")  # line 4: one field short
    path.write_bytes(newline.join(lines).encode() + newline.encode())
    ends = {"header": 2, "first record": 3}[cut]
    monkeypatch.setattr(files, "_CHUNK", sum(len(line) + len(newline) for line in lines[:ends]))
    profile = tmp_path / "profile.yaml"
    profile.write_text("header_row: 2\n")
    with pytest.raises(InputError) as refused:
        read_population(path, load_profile(profile), today=TODAY)
    assert [problem.line for problem in refused.value.problems] == [3, 4]
