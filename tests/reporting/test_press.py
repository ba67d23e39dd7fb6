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
