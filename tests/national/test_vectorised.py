"""The ratings on arrays equal the engine's `rate()`, inspection by inspection, on generated
evidence that includes results exactly at the 50%, 65% and 80% band edges."""

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from yjinspect.datafile import DataFile
from yjinspect.frameworks import load_framework
from yjinspect.national.model import NONE, overall_names, question_ids
from yjinspect.national.sources import engine_codes
from yjinspect.national.vectorised import empty_judgements, rate_arrays
from yjinspect.ratings import rate
from yjinspect.results import LoadedResults, RatedEvidence
from yjinspect.results.schema import ResultsFile, Service
from yjinspect.results.tally import Tally

FRAMEWORKS = {f: load_framework(f) for f in ("hmip-yos-2018", "hmip-yjs-2021")}


@st.composite
def at_an_edge(draw):
    """A tally exactly at, or one answer either side of, a band edge."""
    applicable = 20 * draw(st.integers(1, 6))
    edge = draw(st.sampled_from([50, 65, 80]))
    yes = edge * applicable // 100 + draw(st.sampled_from([-1, 0, 0, 1]))
    return Tally(yes, applicable - yes, draw(st.integers(0, 3)))


tallies = st.one_of(
    at_an_edge(),
    st.builds(Tally, st.integers(0, 45), st.integers(0, 45), st.integers(0, 5)),
    st.just(Tally()),
    st.builds(Tally, st.just(0), st.just(0), st.integers(1, 4)),
)


@st.composite
def evidence(draw, framework_id):
    framework = FRAMEWORKS[framework_id]
    questions = question_ids(framework)
    given_tallies = draw(st.dictionaries(st.sampled_from(questions), tallies)) if questions else {}
    judgements = {}
    for _, standard in framework.standards():
        if standard.rated_by != "judgement":
            continue
        choices = [*framework.rating_names, *([None] if standard.may_be_not_rated else [])]
        if draw(st.integers(0, 9)):  # now and then no judgement yet
            judgements[standard.id] = draw(st.sampled_from(choices))
    return RatedEvidence(given_tallies, judgements)


def engine(framework_id, found):
    framework = FRAMEWORKS[framework_id]
    results = ResultsFile(framework=framework_id, service=Service(name="Generated"))
    loaded = LoadedResults(DataFile(Path("generated.yaml"), {}, None), results, framework, found)
    return engine_codes(rate(loaded))


def on_arrays(framework_id, inspections):
    framework = FRAMEWORKS[framework_id]
    questions = question_ids(framework)
    yes = np.zeros((len(inspections), len(questions)), np.int64)
    applicable = np.zeros_like(yes)
    judgements = empty_judgements(framework, len(inspections))
    column = {s.id: i for i, (_, s) in enumerate(framework.standards())}
    for row, found in enumerate(inspections):
        for q, tally in found.tallies.items():
            yes[row, questions.index(q)] = tally.yes
            applicable[row, questions.index(q)] = tally.applicable
        for standard_id, rating in found.judgements.items():
            if rating is not None:
                judgements[row, column[standard_id]] = framework.rating_names.index(rating)
    return rate_arrays(framework, yes, applicable, judgements)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(list(FRAMEWORKS)).flatmap(
    lambda f: st.tuples(st.just(f), st.lists(evidence(f), min_size=1, max_size=12))
))  # fmt: skip
def test_arrays_rate_every_inspection_as_the_engine_does(case):
    framework_id, inspections = case
    rated = on_arrays(framework_id, inspections)
    for row, found in enumerate(inspections):
        standards, overall, score, questions = engine(framework_id, found)
        assert rated.standards[row].tolist() == standards
        assert rated.key_questions[row].tolist() == questions
        assert int(rated.overall[row]) == overall
        assert int(rated.scores[row]) == score


def test_exactly_at_each_edge_is_the_higher_band():
    framework = FRAMEWORKS["hmip-yos-2018"]
    yes = np.array([[10, 13, 16, 9, 12, 15]])
    applicable = np.full_like(yes, 20)  # 50%, 65%, 80% and one answer below each
    codes = on_arrays_codes(framework, yes, applicable)
    names = framework.rating_names
    assert [names[c] for c in codes] == [
        "Requires improvement", "Good", "Outstanding", "Inadequate", "Requires improvement", "Good"
    ]  # fmt: skip


def on_arrays_codes(framework, yes, applicable):
    questions = question_ids(framework)
    full_yes = np.zeros((1, len(questions)), np.int64)
    full_app = np.zeros_like(full_yes)
    full_yes[0, : yes.shape[1]], full_app[0, : yes.shape[1]] = yes[0], applicable[0]
    rated = rate_arrays(framework, full_yes, full_app, empty_judgements(framework, 1))
    return rated.key_questions[0, : yes.shape[1]].tolist()


def test_an_unrated_counted_standard_leaves_no_overall_rating():
    framework = FRAMEWORKS["hmip-yjs-2021"]
    rated = on_arrays("hmip-yjs-2021", [RatedEvidence({}, {})])
    assert int(rated.overall[0]) == NONE and int(rated.scores[0]) == NONE
    assert len(overall_names(framework)) == 4
