"""Check a results file against its framework and tally its evidence.

Every problem is collected with its place in the file before anything is rated, so one run
reports all of them and nothing is rated from a half-valid file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from yjinspect.datafile import DataFile
from yjinspect.errors import Problem, raise_if_any
from yjinspect.frameworks.schema import Framework, RatedFramework, ScoredFramework
from yjinspect.results.narrative import check_narrative
from yjinspect.results.schema import ResultsFile, SufficiencyCounts
from yjinspect.results.tally import Tally

_ANSWER_TALLY = {"yes": Tally(yes=1), "no": Tally(no=1), "n/a": Tally(not_applicable=1)}


@dataclass(frozen=True)
class RatedEvidence:
    """Tallies per key question, judgements and discretion requests, keyed by id."""

    tallies: dict[str, Tally]
    judgements: dict[str, str | None]
    cases_by_stream: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredEvidence:
    """Tallies per criterion, section and headline theme, with where each came from."""

    criteria: dict[str, Tally]
    sections: dict[str, Tally]
    headlines: dict[str, Tally]
    case_count: int = 0


Evidence = RatedEvidence | ScoredEvidence


def _counts(counts: SufficiencyCounts) -> Tally:
    return Tally(counts.sufficient, counts.insufficient, counts.not_applicable)


def _unused(results: ResultsFile, source: DataFile, names: tuple[str, ...], kind: str):
    for name in names:
        if getattr(results, name):
            yield source.problem((name,), f"not used by a {kind} framework")


def gather_evidence(results: ResultsFile, framework: Framework, source: DataFile) -> Evidence:
    """Tally the evidence, raising one `InputError` that lists every problem in the file."""
    problems: list[Problem] = []
    if isinstance(framework, RatedFramework):
        evidence = _gather_rated(results, framework, source, problems)
    else:
        evidence = _gather_scored(results, framework, source, problems)
    problems += check_narrative(results, framework, source)
    raise_if_any(source.path, problems)
    return evidence


def _gather_rated(
    results: ResultsFile, framework: RatedFramework, source: DataFile, problems: list[Problem]
) -> RatedEvidence:
    problems += _unused(results, source, ("criteria", "sections", "headlines"), "rated")
    standards = {standard.id: (domain, standard) for domain, standard in framework.standards()}
    questions = {q.id: (d, s) for d, s, q in framework.key_questions()}
    ratings = framework.rating_names
    forms: dict[str, dict[str, tuple]] = defaultdict(dict)  # standard -> form -> first location
    tallies: dict[str, Tally] = defaultdict(Tally)

    def question_problem(question_id: str) -> str | None:
        if question_id not in questions:
            return f"unknown key question '{question_id}' in framework {framework.id}"
        _, standard = questions[question_id]
        if standard.rated_by == "judgement":
            return (
                f"key question {question_id} belongs to standard {standard.id}, which is rated "
                f'by judgement: give judgements: {{"{standard.id}": rating}} instead'
            )
        return None

    for question_id, counts in results.key_questions.items():
        location = ("key_questions", question_id)
        if message := question_problem(question_id):
            problems.append(source.problem(location, message))
            continue
        tallies[question_id] += Tally(counts.yes, counts.no, counts.not_applicable)
        forms[questions[question_id][1].id].setdefault("counts", location)

    cases_by_stream: dict[str, int] = defaultdict(int)
    seen_cases: set[str] = set()
    for index, case in enumerate(results.cases):
        if case.id in seen_cases:
            problems.append(source.problem(("cases", index, "id"), f"duplicate case '{case.id}'"))
        seen_cases.add(case.id)
        if case.disposal is not None:
            cases_by_stream[case.disposal] += 1
        for question_id, answer in case.answers.items():
            location = ("cases", index, "answers", question_id)
            if message := question_problem(question_id):
                problems.append(source.problem(location, message))
                continue
            domain, standard = questions[question_id]
            if case.disposal is None:
                problems.append(
                    source.problem(
                        ("cases", index),
                        "disposal is required (court or out_of_court) for a case with answers",
                    )
                )
                break
            if case.disposal != domain.case_stream:
                problems.append(
                    source.problem(
                        location,
                        f"key question {question_id} is for {domain.case_stream} cases, "
                        f"but this case's disposal is {case.disposal}",
                    )
                )
                continue
            tallies[question_id] += _ANSWER_TALLY[answer]
            forms[standard.id].setdefault("cases", location)

    for standard_id, found in forms.items():
        if len(found) > 1:
            problems.append(
                source.problem(
                    found["counts"],
                    f"standard {standard_id} has both counts and per-case answers; "
                    "give one form of evidence per standard",
                )
            )

    judgements: dict[str, str | None] = {}
    for standard_id, rating in results.judgements.items():
        location = ("judgements", standard_id)
        if standard_id not in standards:
            problems.append(
                source.problem(location, f"unknown standard '{standard_id}' in {framework.id}")
            )
            continue
        _, standard = standards[standard_id]
        if standard.rated_by != "judgement":
            problems.append(
                source.problem(
                    location,
                    f"standard {standard_id} is rated by key questions, not by judgement; "
                    "give its key questions' answers or counts instead",
                )
            )
        elif rating == framework.rules.not_rated and standard.may_be_not_rated:
            judgements[standard_id] = None
        elif rating not in ratings:
            allowed = ratings + ([framework.rules.not_rated] if standard.may_be_not_rated else [])
            problems.append(
                source.problem(
                    location, f"'{rating}' is not a rating: use one of {', '.join(allowed)}"
                )
            )
        else:
            judgements[standard_id] = rating

    for standard_id, request in results.discretion.items():
        location = ("discretion", standard_id)
        if standard_id not in standards:
            problems.append(
                source.problem(location, f"unknown standard '{standard_id}' in {framework.id}")
            )
        elif standards[standard_id][1].rated_by != "key_questions":
            problems.append(
                source.problem(
                    location,
                    f"professional discretion applies to standards rated by key questions; "
                    f"{standard_id} is rated by judgement",
                )
            )
        elif request.rating not in ratings:
            problems.append(
                source.problem(
                    (*location, "rating"),
                    f"'{request.rating}' is not a rating: use one of {', '.join(ratings)}",
                )
            )
    return RatedEvidence(dict(tallies), judgements, dict(cases_by_stream))


def _gather_scored(
    results: ResultsFile, framework: ScoredFramework, source: DataFile, problems: list[Problem]
) -> ScoredEvidence:
    problems += _unused(results, source, ("key_questions", "judgements", "discretion"), "scored")
    criterion_ids = {criterion.id for _, criterion in framework.criteria()}
    section_ids = {section.id for section in framework.sections}
    headline_ids = {headline.id for headline in framework.headlines}
    questions = {
        question.id: (criterion, question) for criterion, question in framework.questions()
    }

    def counted(table: dict[str, SufficiencyCounts], known: set[str], name: str, what: str):
        tallies = {}
        for key, counts in table.items():
            if key not in known:
                problems.append(
                    source.problem(
                        (name, key),
                        f"unknown {what} '{key}'; {framework.id} has {', '.join(sorted(known))}",
                    )
                )
            else:
                tallies[key] = _counts(counts)
        return tallies

    criteria = counted(results.criteria, criterion_ids, "criteria", "general criterion")
    sections = counted(results.sections, section_ids, "sections", "section")
    headlines = counted(results.headlines, headline_ids, "headlines", "headline theme")

    from_cases_criteria: dict[str, Tally] = defaultdict(Tally)
    from_cases_headlines: dict[str, Tally] = defaultdict(Tally)
    for index, case in enumerate(results.cases):
        for question_id, answer in case.answers.items():
            if question_id not in questions:
                problems.append(
                    source.problem(
                        ("cases", index, "answers", question_id),
                        f"unknown scoring question '{question_id}' in {framework.id}",
                    )
                )
                continue
            criterion, question = questions[question_id]
            from_cases_criteria[criterion.id] += _ANSWER_TALLY[answer]
            for headline in question.headlines:
                from_cases_headlines[headline] += _ANSWER_TALLY[answer]

    for name, given, derived in (
        ("criteria", criteria, from_cases_criteria),
        ("headlines", headlines, from_cases_headlines),
    ):
        for key in given.keys() & derived.keys():
            problems.append(
                source.problem(
                    (name, key), f"'{key}' has both counts and per-case answers; give one"
                )
            )
        given.update({key: tally for key, tally in derived.items() if key not in given})
    return ScoredEvidence(criteria, sections, headlines, len(results.cases))
