"""Hypothesis strategies for evidence under a bundled rated framework."""

from hypothesis import strategies as st

from yjinspect.frameworks import load_framework
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.tally import Tally

FRAMEWORK = load_framework("hmip-yos-2018")
CASE_QUESTIONS = [q.id for _, s, q in FRAMEWORK.key_questions() if s.rated_by == "key_questions"]
JUDGED = [s.id for _, s in FRAMEWORK.standards() if s.rated_by == "judgement"]
RATINGS = FRAMEWORK.rating_names

tallies = st.builds(
    Tally,
    yes=st.integers(0, 45),
    no=st.integers(0, 45),
    not_applicable=st.integers(0, 5),
)
answered_tallies = tallies.filter(lambda tally: tally.applicable > 0)

evidence = st.builds(
    RatedEvidence,
    tallies=st.fixed_dictionaries({question: answered_tallies for question in CASE_QUESTIONS}),
    judgements=st.fixed_dictionaries({standard: st.sampled_from(RATINGS) for standard in JUDGED}),
)
