"""The picture's figures against a straightforward count over generated inspections, and one
service's position among them."""

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from yjinspect.frameworks import load_framework
from yjinspect.national import About, Filters, RatedSet, build_picture, position_of, read_sources
from yjinspect.national.model import overall_names
from yjinspect.national.sources import National
from yjinspect.ratings.overall import overall_band

FRAMEWORK = load_framework("hmip-yjs-2021")
STANDARDS = [s.id for _, s in FRAMEWORK.standards()]
NAMES = FRAMEWORK.rating_names
OVERALL = overall_names(FRAMEWORK)

inspection = st.tuples(
    st.lists(st.integers(-1, 3), min_size=len(STANDARDS), max_size=len(STANDARDS)),
    st.one_of(st.none(), st.integers(2021, 2025)),
    st.sampled_from(["YJS", "YOS", "Youth offending team", "Secure school", None]),
)
# One kind of service under three names (service_types.yaml); any other name is its own kind.
YOUTH_JUSTICE = {"YJS", "YOS", "Youth offending team"}


def same_kind(found, wanted):
    return found == wanted or {found, wanted} <= YOUTH_JUSTICE


def generated(rows):
    about = [
        About(f"Service {i}", date(year, 6, 1) if year else None, "generated.csv", i + 2, kind)
        for i, (_, year, kind) in enumerate(rows)
    ]
    standards = [codes for codes, _, _ in rows]
    counted = [s.counted for _, s in FRAMEWORK.standards()]
    scores, overall = [], []
    for codes in standards:
        if all(c >= 0 for c, k in zip(codes, counted, strict=True) if k):
            score = sum(
                FRAMEWORK.rules.bands[c].points for c, k in zip(codes, counted, strict=True) if k
            )
            scores.append(score)
            overall.append(OVERALL.index(overall_band(FRAMEWORK, score)))
        else:
            scores.append(-1)
            overall.append(-1)
    rated = RatedSet.from_rows(FRAMEWORK, about, standards, overall, scores)
    return National({FRAMEWORK.id: rated}, ()), standards, scores, overall


@settings(max_examples=60, deadline=None)
@given(st.lists(inspection, min_size=1, max_size=40), st.sampled_from([None, 2022, 2024]),
       st.sampled_from([None, "YJS", "yot", "Secure school"]))  # fmt: skip
def test_figures_equal_a_straightforward_count(rows, year, kind):
    national, standards, scores, overall = generated(rows)
    picture = build_picture(national, Filters(year=year, service_type=kind))
    chosen = [
        i
        for i, (_, y, k) in enumerate(rows)
        if (year is None or y == year)
        and (kind is None or same_kind(k, {"yot": "YOS"}.get(kind, kind)))
    ]
    kept = [i for i in chosen if any(c >= 0 for c in standards[i])]  # never one rated nothing
    assert picture.unrated == len(chosen) - len(kept)
    if not kept:
        assert picture.frameworks == ()
        return
    [part] = picture.frameworks
    assert part.inspections == picture.inspections == len(kept)
    assert picture.overall() == {
        name: sum(1 for i in kept if overall[i] == index) for index, name in enumerate(OVERALL)
    }
    assert part.scores == dict(Counter(scores[i] for i in kept if scores[i] >= 0))
    for column, standard in enumerate(STANDARDS):
        found = Counter(standards[i][column] for i in kept if standards[i][column] >= 0)
        assert part.standards[standard] == {n: found[index] for index, n in enumerate(NAMES)}
    by_year = Counter((rows[i][1], overall[i]) for i in kept if rows[i][1] and overall[i] >= 0)
    years = sorted({rows[i][1] for i in kept if rows[i][1]})
    assert picture.by_year() == {
        y: {n: by_year[(y, index)] for index, n in enumerate(OVERALL)} for y in years
    }
    for weak in part.weakest:
        if weak.kind == "standard":
            column = STANDARDS.index(weak.id)
            codes = [standards[i][column] for i in kept if standards[i][column] >= 0]
            assert (weak.below, weak.of) == (sum(1 for c in codes if c >= 2), len(codes))
    shares = [w.share for w in part.weakest]
    assert shares == sorted(shares, reverse=True)


def test_trend_gives_the_change_in_good_or_better_since_the_year_before():
    rows = [([1] * 13, 2023, None)] * 3 + [([2] * 13, 2023, None)] + [([1] * 13, 2024, None)] * 2
    national, *_ = generated(rows)
    [part] = build_picture(national).frameworks
    first, second = part.trend
    assert (first.year, first.inspections, first.at_least, first.change) == (2023, 4, 3, None)
    assert (second.at_least, second.inspections, second.change) == (2, 2, 25)
    assert part.at_least_word == "Good or better"


ESSEX = "examples/essex-2018.yaml"


def test_a_services_position_counts_those_rated_the_same_or_lower(write):
    # Essex 2018 is rated Outstanding overall (33 of 36), with 1.3, 3.3 and 3.4 Good.
    rows = "".join(
        f"Service {i},2020-01-0{i},hmip-yos-2018,,,,,{rating},{rating}\n"
        for i, rating in enumerate(
            ["Outstanding", "Good", "Good", "Requires improvement", "Inadequate"], 1
        )
    )
    path = write(
        "published.csv",
        "service,published,framework,overall,score,service_type,region,1.3,3.4\n" + rows,
    )
    national = read_sources([path, ESSEX])
    position = position_of(national, Filters(), ESSEX)
    standing = {s.id: s for s in position.standards}
    assert (standing["3.4"].rating, standing["3.4"].same_or_lower, standing["3.4"].of) == (
        "Good", 4, 5
    )  # fmt: skip
    assert (standing["2.1"].rating, standing["2.1"].of) == ("Outstanding", 0)
    assert position.compared == 5  # Essex itself is one of the sources and is left out
    assert position.overall.of == 0  # the published rows give no overall rating


def test_the_filters_are_said_in_words_not_codes():
    from yjinspect.reporting.national import national_document

    national, *_ = generated([([2] * len(STANDARDS), 2022, "YJS")])
    document = national_document(build_picture(national, Filters(framework=FRAMEWORK.id)))
    said = " ".join(document.lead)
    assert f"Only inspections under {FRAMEWORK.title}." in said and FRAMEWORK.id not in said


def test_an_inspection_with_nothing_rated_is_left_out_and_said():
    """Published: 'rests on 0 of 1 inspections' was the newcomer's finding. An inspection
    without a single rating is counted nowhere, and the page says how many and why."""
    from yjinspect.reporting.national import national_document, national_to_dict

    rated, unrated = [2] * len(STANDARDS), [-1] * len(STANDARDS)
    national, *_ = generated([(rated, 2022, "YJS"), (unrated, 2022, "YJS"), (unrated, None, None)])
    picture = build_picture(national)
    [part] = picture.frameworks
    assert part.inspections == picture.inspections == 1 and sum(part.overall.values()) == 1
    assert picture.unrated == 2 and national_to_dict(picture)["unrated"] == 2
    assert [p.line for p in picture.problems] == [3, 4]
    assert "nothing rated" in picture.problems[0].message
    said = " ".join(national_document(picture).lead)
    assert "2 inspections left out, with nothing rated" in said
    assert build_picture(national, Filters(year=2022)).unrated == 1  # only those chosen


def test_a_csv_row_with_nothing_rated_is_not_compared_with(write):
    path = write(
        "published.csv",
        "service,published,framework,overall,score,3.4\n"
        "Rated,2020-01-01,hmip-yos-2018,,,Good\n"
        "Nothing,2020-01-02,hmip-yos-2018,,,\n",
    )
    national = read_sources([path])
    assert build_picture(national).inspections == 1
    assert position_of(national, Filters(), ESSEX).compared == 1


def test_a_youth_justice_service_is_one_kind_whatever_a_source_calls_it():
    from yjinspect.national.service_types import service_kind
    from yjinspect.reporting.national import national_document

    kinds = ["YOS", "YOT", "YJS", "Youth offending service", "youth offending  TEAM"]
    assert {service_kind(k) for k in kinds} == {"Youth justice service (YOS, YOT, YJS)"}
    assert service_kind("Secure school") == "Secure school"
    rows = [([2] * len(STANDARDS), 2022, k) for k in [*kinds, "Secure school"]]
    national, *_ = generated(rows)
    picture = build_picture(national, Filters(service_type="Youth offending team"))
    assert picture.inspections == len(kinds)
    said = " ".join(national_document(picture).lead)
    assert "with service type Youth justice service (YOS, YOT, YJS)." in said
