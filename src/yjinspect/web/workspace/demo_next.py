"""The demo's later inspection of Essex: made up for trying yjinspect out (its foreword says so),
never a published inspection. It is at drafting under the 2021 standards, with enough rated
evidence that its page and report compare it with the published 2018 inspection: per standard
then and now, and what became of each 2018 recommendation (from the 2018 plan). Dates count from
the day the demo is built, as the 2018 plan's do."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from simple_history.utils import bulk_create_with_history

from yjinspect.frameworks import load_framework
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.population import read_population
from yjinspect.sampling.synthetic import write_synthetic
from yjinspect.web.plans.models import Recurrence
from yjinspect.web.workspace.models import (
    Answer,
    Assignment,
    Case,
    CaseAssessment,
    Inspection,
    Recommendation,
    ReportText,
    Role,
    Service,
    StandardJudgement,
)
from yjinspect.web.workspace.sampling import store_sample

FRAMEWORK = "hmip-yjs-2021"  # in force from May 2022, so at any date the demo is built
# The share of "yes" answers to every key question of a case-based standard: its rating is the
# band of its lowest key question (80% Outstanding, 65% Good, 50% Requires improvement).
SHARES = {"2.1": 0.72, "2.2": 0.58, "2.3": 0.85, "2.4": 0.72, "3.1": 0.9, "3.2": 0.7,
          "3.3": 0.88}  # fmt: skip
# The judged standards: rating, evidence summary and rationale (made up for the demo).
JUDGEMENTS = {
    "1.1": ("Good", "Board minutes, the youth justice plan and interviews with board members.",
            "The board knows the service's performance; its oversight of education is newer."),
    "1.2": ("Outstanding", "Staff survey, supervision records and caseload figures.",
            "Staff are skilled, supervised well and carry manageable caseloads."),
    "1.3": ("Outstanding", "Partnership agreements and meetings with health and education.",
            "Partners provide the services children need, and quickly."),
    "1.4": ("Good", "Policies, the case management system and the office visits.",
            "Information is shared well; some policies were out of date."),
    "3.4": ("Outstanding", "Joint cases read with children's social care and the police.",
            "Agencies plan together around each child and review the plans."),
    "4.1": ("Good", "Resettlement plans of the children who left custody this year.",
            "Plans start early; accommodation was found late for one child in three."),
}  # fmt: skip
FOREWORD = (
    "Demonstration data: this later inspection of Essex is made up for the yjinspect demo. It "
    "was never carried out or published, and its ratings and words are not HM Inspectorate of "
    "Probation's.\n\nIt shows how the next inspection of a service is compared with the last "
    "one: the ratings then and now, and what became of each recommendation."
)
# (addressee, text, the 2018 recommendation it repeats or None)
RECOMMENDATIONS = (
    ("Essex County Council and the YOS Management Board",
     "make sure that every child known to the service receives their full entitlement to "
     "education, training or employment", 2),
    ("Essex YOS", "make sure that plans for children on court disposals address their safety "
     "and wellbeing and the safety of other people", None),
    ("The YOS Management Board", "review resettlement provision for children leaving custody, "
     "so that accommodation is found before release", None),
)  # fmt: skip


def build_next_inspection(service: Service, users: dict[str, Any]) -> Inspection:
    """The later inspection of `service` (whose 2018 inspection is published), at drafting."""
    framework = load_framework(FRAMEWORK)
    start = date.today() - timedelta(weeks=7)
    inspection = Inspection.objects.create(
        service=service,
        framework_id=framework.id,
        framework_version=framework.version,
        fieldwork_start=start,
        fieldwork_end=start + timedelta(days=4),
        status=Inspection.Status.DRAFTING,
    )
    for name, role in (("lead", Role.LEAD), ("inspector", Role.INSPECTOR),
                       ("viewer", Role.SERVICE_VIEWER)):  # fmt: skip
        Assignment.objects.create(inspection=inspection, user=users[name], role=role)
    with tempfile.TemporaryDirectory() as folder:
        path = write_synthetic(Path(folder) / "essex-later.csv", 300, start, 7, "ESL")
        population = read_population(path)
    store_sample(inspection, draw_sample(population, framework.sampling, start, 7),
                 population.source)  # fmt: skip
    _answer(inspection, framework, users)
    for standard, (rating, summary, rationale) in JUDGEMENTS.items():
        StandardJudgement.objects.create(
            inspection=inspection, standard=standard, rating=rating,
            evidence_summary=summary, rationale=rationale,
        )  # fmt: skip
    ReportText.objects.create(inspection=inspection, foreword=FOREWORD)
    previous = Inspection.objects.get(service=service, framework_id="hmip-yos-2018")
    for order, (addressee, text, repeats) in enumerate(RECOMMENDATIONS, start=1):
        made = Recommendation.objects.create(
            inspection=inspection, addressee=addressee, text=text, order=order
        )
        if repeats is not None:
            Recurrence.objects.create(
                inspection=inspection, previous=previous, number=repeats, recommendation=made
            )
    return inspection


def _answer(inspection: Inspection, framework: Any, users: dict[str, Any]) -> None:
    """Every sampled case allocated and accepted, its key questions answered to `SHARES`."""
    by_stream: dict[str, list[Case]] = {}
    sample = inspection.cases.filter(selection=Case.Selection.SAMPLE).order_by("stream", "order")
    for index, case in enumerate(sample):
        case.allocated_to = users["inspector" if index % 2 else "lead"]
        by_stream.setdefault(case.stream, []).append(case)
    Case.objects.bulk_update(sample, ["allocated_to"])
    bulk_create_with_history(
        [CaseAssessment(case=case, status=CaseAssessment.Status.ACCEPTED) for case in sample],
        CaseAssessment,
    )
    assessments = {a.case_id: a for a in CaseAssessment.objects.filter(case__inspection=inspection)}
    answers = []
    for domain, standard, question in framework.key_questions():
        if standard.id not in SHARES or domain.case_stream is None:
            continue
        cases = by_stream.get(domain.case_stream, [])
        yes = round(SHARES[standard.id] * len(cases))
        answers += [
            Answer(assessment=assessments[case.pk], key_question=question.id,
                   value="yes" if index < yes else "no")
            for index, case in enumerate(cases)
        ]  # fmt: skip
    bulk_create_with_history(answers, Answer)
