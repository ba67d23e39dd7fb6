"""The press release draft: facts from the data, quotes only as written."""

import pytest

from yjinspect.ratings import rate
from yjinspect.reporting.press import (
    MISSING_QUOTE,
    build_press_release,
    press_release_markdown,
    press_release_text,
)
from yjinspect.results import load_results

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def essex():
    loaded = load_results(EXAMPLES / "essex-2018.yaml")
    return loaded, rate(loaded)


def test_essex_release_states_the_published_facts(essex):
    loaded, rating = essex
    release = build_press_release(rating, loaded.results, "Press office, 020 7946 0000")
    markdown = press_release_markdown(release)
    assert markdown.startswith(
        "# Essex Youth Offending Service rated ‘Outstanding’ by HM Inspectorate of Probation"
    )
    assert "overall rating of ‘Outstanding’" in markdown
    assert "nine of the twelve standards ‘Outstanding’" in markdown
    assert "five recommendations: one to Essex YOS and Essex Constabulary" in markdown
    assert "one to the Youth Justice Board" in markdown
    notes = markdown[markdown.index("## Notes to editors") :]
    assert "1. The report is available at 00.01 on 6 December 2018." in notes
    assert "children aged 10 to 18" in notes
    assert (
        "four-point scale: ‘Outstanding’, ‘Good’, ‘Requires improvement’ and ‘Inadequate’" in notes
    )
    assert "Fieldwork for this inspection took place in October 2018." in notes
    assert "Media enquiries: Press office, 020 7946 0000." in notes


def test_quotes_are_never_generated(essex):
    loaded, rating = essex
    release = build_press_release(rating, loaded.results)
    assert release.quotes == ()
    assert MISSING_QUOTE in press_release_markdown(release)
    assert "said:" not in press_release_text(release)


def test_quotes_caseload_and_contact_come_from_the_results_file(write):
    path = write(
        "release.yaml",
        """\
        framework: hmip-yjs-2021
        service: {name: Thurrock Youth Offending Service}
        inspection: {fieldwork_start: 2022-05-09, publication_date: 2022-08-23}
        judgements: {"1.1": Outstanding, "3.4": Requires improvement, "4.1": Outstanding}
        caseload:
          age: {"10 to 14": 23, "15 to 17": 77}
          gender: {male: 87, female: 13}
          ethnicity: {white: 62, black: 20, mixed: 18}
        press_release:
          quotes:
            - {speaker: The Chief Inspector, text: "Children are at the heart of this work."}
          media_contact: media@example.org
        """,
    )
    loaded = load_results(path)
    release = build_press_release(rate(loaded), loaded.results, "ignored when the file has one")
    text = press_release_text(release)
    assert "The Chief Inspector said: “Children are at the heart of this work.”" in text
    assert "aged 15 to 17 (77%), male (87%) and white (62%)" in " ".join(text.split())
    assert "Media enquiries: media@example.org." in text
    assert (
        "Work on out-of-court disposal policy and provision was rated ‘Requires improvement’."
        in " ".join(text.split())
    )
    assert "Resettlement policy and provision was rated separately, as ‘Outstanding’" in " ".join(
        text.split()
    )
    assert "The report is available at 00.01 on 23 August 2022." in text


def test_a_standard_not_yet_rated_is_left_out_of_the_release(write):
    body = """\
        framework: hmip-yjs-2021
        service: {name: Bare YJS, area: Bareshire}
        judgements: {JUDGEMENT}
        """
    for judgement, expected in (("{}", None), ('{"4.1": Not rated}', "as ‘Not rated’")):
        path = write("release.yaml", body.replace("{JUDGEMENT}", judgement))
        loaded = load_results(path)
        text = " ".join(
            press_release_text(build_press_release(rate(loaded), loaded.results)).split()
        )
        separately = "Resettlement policy and provision was rated separately"
        if expected is None:
            assert separately not in text
        else:
            assert f"{separately}, {expected}" in text


def test_standards_of_note_read_as_a_person_writes_them(essex):
    loaded, rating = essex
    text = " ".join(press_release_text(build_press_release(rating, loaded.results)).split())
    # Essex 2018: 2.1 to 2.4 all Outstanding (published ratings).
    assert (
        "Inspectors rated nine of the twelve standards ‘Outstanding’, including all four court "
        "disposal standards." in text
    )
    assert "Inspectors examined 43 court disposal cases and 28 out-of-court disposal cases." in text


def test_standards_sharing_a_title_are_named_with_their_domain(write):
    path = write(
        "shared.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Some YOS}
        key_questions:
          "2.1.1": {yes: 5, no: 5}
          "3.1.1": {yes: 5, no: 5}
        """,
    )
    loaded = load_results(path)
    text = " ".join(press_release_text(build_press_release(rate(loaded), loaded.results)).split())
    assert "assessment and assessment" not in text
    assert (
        "Work on assessment for court disposals and assessment for out-of-court disposals was "
        "rated ‘Requires improvement’." in text
    )


def test_the_quote_is_the_second_paragraph_attributed_as_published(write):
    path = write(
        "quoted.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Some YOS}
        judgements: {"1.1": Good}
        recommendations:
          - {addressee: Some YOS, text: do one thing}
          - {addressee: The Youth Justice Board, text: do another}
          - {addressee: Some YOS, text: do a third}
        press_release:
          quotes:
            - {speaker: A. Name, role: HM Chief Inspector of Probation, text: First words.}
            - {speaker: A. Name, text: Later words.}
        """,
    )
    loaded = load_results(path)
    release = build_press_release(rate(loaded), loaded.results)
    body = release.body
    assert body[0].startswith("Some YOS has been inspected by")
    assert body[1] == "A. Name, HM Chief Inspector of Probation, said: “First words.”"
    assert body[-1] == "A. Name said: “Later words.”"
    assert (
        "The inspectorate has made three recommendations: two to Some YOS and one to the Youth "
        "Justice Board." in body
    )
    markdown = press_release_markdown(release)
    assert markdown.index("First words") < markdown.index("three recommendations")


def test_notes_to_editors_name_the_independent_inspectorate_and_the_caseload(write):
    path = write(
        "notes.yaml",
        """\
        framework: hmip-yjs-2021
        service: {name: Some YJS}
        caseload:
          gender: {male: 87, female: 13}
        """,
    )
    loaded = load_results(path)
    notes = build_press_release(rate(loaded), loaded.results).notes
    assert any("independently of government" in note for note in notes)
    assert (
        "The eligible caseload from which the inspected cases were drawn numbered 100 children."
        in notes
    )


def test_a_single_best_standard_is_named_not_included(write):
    from yjinspect.ratings import rate
    from yjinspect.reporting.press import build_press_release, press_release_text
    from yjinspect.results import load_results

    lines = ["framework: hmip-yos-2018", "service: {name: Demo YOS}", "cases:",
             "  - id: YJ-001", "    disposal: court", "    answers:"]  # fmt: skip
    lines += [f'      "2.2.{i}": yes' for i in (1, 2, 3)]
    path = write("one.yaml", "\n".join(lines) + "\n")
    loaded = load_results(path)
    text = press_release_text(build_press_release(rate(loaded), loaded.results))
    assert "one of the twelve standards ‘Outstanding’: planning" in " ".join(text.split())
    assert "including" not in text.split("Outstanding’:")[1].split(".")[0]
