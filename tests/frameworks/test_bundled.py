"""The bundled frameworks hold what the reference documents publish, and flag what they don't."""

from yjinspect.frameworks import RatedFramework, ScoredFramework, bundled_ids, load_framework
from yjinspect.ratings.standards import rating_scale
from yjinspect.reporting.frameworks import framework_to_dict

from ..conftest import normalise


def test_three_frameworks_are_bundled():
    assert bundled_ids() == ["hmip-cci-2009", "hmip-yjs-2021", "hmip-yos-2018"]


def test_2018_has_three_domains_and_twelve_standards():
    framework = load_framework("hmip-yos-2018")
    assert isinstance(framework, RatedFramework)
    assert [d.title for d in framework.domains] == [
        "Organisational delivery",
        "Court disposals",
        "Out-of-court disposals",
    ]
    standards = [s.id for _, s in framework.standards()]
    expected = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"]
    assert standards == expected
    questions = [q.id for _, _, q in framework.key_questions()]
    assert questions[0] == "1.1.1" and questions[-1] == "3.4.2" and len(questions) == 37
    methods = {d.id: {s.rated_by for s in d.standards} for d in framework.domains}
    assert methods == {"1": {"judgement"}, "2": {"key_questions"}, "3": {"key_questions"}}
    assert framework.max_score == 36


def test_2018_texts_are_verbatim_from_annex_2(annex2_2018):
    framework = load_framework("hmip-yos-2018")
    for _, standard in framework.standards():
        assert f"{standard.id}. {standard.title}" in annex2_2018
        assert normalise(standard.description) in annex2_2018, standard.id
        assert standard.provenance_flag is None
    for _, _, question in framework.key_questions():
        assert f"{question.id}. {normalise(question.text)}" in annex2_2018, question.id


def test_2018_rating_bands_are_the_published_edges():
    scale = rating_scale(load_framework("hmip-yos-2018"))
    assert [(b.name, b.min_percent) for b in scale.bands] == [
        ("Outstanding", 80),
        ("Good", 65),
        ("Requires improvement", 50),
        ("Inadequate", 0),
    ]


def test_2021_has_thirteen_standards_with_resettlement_apart():
    framework = load_framework("hmip-yjs-2021")
    assert isinstance(framework, RatedFramework)
    standards = {s.id: s for _, s in framework.standards()}
    assert len(standards) == 13
    assert standards["3.4"].title == "Out-of-court disposal policy and provision"
    assert standards["3.4"].rated_by == "judgement"
    resettlement = standards["4.1"]
    assert resettlement.title == "Resettlement policy and provision"
    assert (resettlement.counted, resettlement.may_be_not_rated) == (False, True)
    assert framework.max_score == 36


def test_2021_flags_every_text_not_in_the_reference_documents():
    framework = load_framework("hmip-yjs-2021")
    for _, standard in framework.standards():
        assert standard.provenance_flag, standard.id
        for question in standard.key_questions:
            assert question.provenance_flag == "assumed unchanged from 2018"
    data = framework_to_dict(framework)
    flags = [s["provenance_flag"] for d in data["domains"] for s in d["standards"]]
    assert flags.count("assumed unchanged from 2018") == 11
    assert sum("title only" in flag for flag in flags) == 2


def test_core_case_inspection_structure():
    framework = load_framework("hmip-cci-2009")
    assert isinstance(framework, ScoredFramework)
    criteria = [c.id for _, c in framework.criteria()]
    assert criteria == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2"]
    assert [h.id for h in framework.headlines] == [
        "safeguarding",
        "risk_of_harm",
        "likelihood_of_reoffending",
    ]
    bands = [(b.comment, b.min_percent) for b in framework.rules.comment_bands]
    assert bands == [("MINIMUM", 75), ("MODERATE", 60), ("SUBSTANTIAL", 40), ("DRASTIC", 0)]
    assert framework.rules.assumption, "the comment band edges are not published"
    assert all(q.provenance_flag for _, q in framework.questions())
