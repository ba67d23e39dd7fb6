"""The demo workspace: the Essex 2018 figures (with its improvement plan, the 2012 inspection
before it and a made-up later one, `demo_next`), a mock inspection drawn from the demo
population, and one user per role. For trying yjinspect out, never for real data."""

from __future__ import annotations

import secrets
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from yjinspect.examples import example
from yjinspect.frameworks import load_framework
from yjinspect.results import RatedEvidence, load_results
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.population import Population, read_population
from yjinspect.sampling.synthetic import write_synthetic
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.plans.demo import build_demo_plan
from yjinspect.web.qa.demo import add_service_staff
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.demo_next import build_next_inspection
from yjinspect.web.workspace.models import (
    Answer,
    Assignment,
    Case,
    CaseAssessment,
    Discretion,
    Inspection,
    Role,
    Service,
    StandardJudgement,
)
from yjinspect.web.workspace.narrative import apply_narrative
from yjinspect.web.workspace.sampling import store_sample

ESSEX_FIELDWORK = date(2018, 10, 1)
USERS = {
    "admin": None,
    "lead": Role.LEAD,
    "inspector": Role.INSPECTOR,
    "assessor": Role.LOCAL_ASSESSOR,
    "viewer": Role.SERVICE_VIEWER,
    "monitor": Role.MONITOR,
    # The demo service's own staff, for a deep-dive audit (`qa.demo`): no inspection role.
    "qalead": None,
    "manager1": None,
    "manager2": None,
}


def _administration_permissions() -> list[Permission]:
    """What an administrator manages in the admin site: users, services and who belongs to a
    service (inspections are set up in the workspace)."""
    return list(
        Permission.objects.filter(
            content_type__app_label__in=["auth", "workspace", "qa"],
            content_type__model__in=["user", "service", "servicemember"],
        )
    )


def _users() -> dict[str, tuple[object, str]]:
    """One user per role, each with a fresh random password (printed once by the CLI)."""
    model = get_user_model()
    found = {}
    for name in USERS:
        password = secrets.token_urlsafe(12)
        user, _ = model.objects.get_or_create(username=name)
        user.is_staff = name == "admin"
        if user.is_staff:
            user.user_permissions.set(_administration_permissions())
        user.set_password(password)
        user.save()
        found[name] = (user, password)
    return found


def _essex_population() -> Population:
    """A fictitious caseload with 2017-18 disposals, so a 2018 sample can be drawn from it."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_synthetic(Path(folder) / "essex.csv", 600, ESSEX_FIELDWORK, 2018, "ESX")
        return read_population(path)


def _answer_essex(inspection: Inspection, evidence: RatedEvidence) -> None:
    """Spread the published Essex counts over the sampled cases, all accepted."""
    framework = framework_for(inspection)
    by_stream: dict[str, list[Case]] = {}
    for case in inspection.cases.filter(selection=Case.Selection.SAMPLE):
        by_stream.setdefault(case.stream, []).append(case)
    answers = []
    for domain, _, question in framework.key_questions():
        tally = evidence.tallies.get(question.id)
        if tally is None or domain.case_stream is None:
            continue
        values = ["yes"] * tally.yes + ["no"] * tally.no + ["n/a"] * tally.not_applicable
        for case, value in zip(by_stream[domain.case_stream], values, strict=False):
            assessment, _ = CaseAssessment.objects.get_or_create(
                case=case, defaults={"status": CaseAssessment.Status.ACCEPTED}
            )
            answers.append(Answer(assessment=assessment, key_question=question.id, value=value))
    Answer.objects.bulk_create(answers)


@transaction.atomic
def build_demo() -> dict[str, str]:
    """Create (or reset) the demo data; returns each demo user's new password."""
    users = _users()
    if not Service.objects.exists():
        essex = _essex(users)
        _essex_2012(users, essex)
        named = {name: user for name, (user, _) in users.items()}
        build_next_inspection(essex, named)
        add_service_staff(_mock_inspection(users), named)
    return {name: password for name, (_, password) in users.items()}


def _essex(users: dict) -> Service:
    loaded = load_results(example("essex-2018.yaml"))
    service = Service.objects.create(
        name="Essex Youth Offending Service (demo)",
        local_authority="Essex",
        nation="England",
        kind=Service.Kind.YOS,
    )
    inspection = Inspection.objects.create(
        service=service,
        framework_id=loaded.framework.id,
        framework_version=loaded.framework.version,
        fieldwork_start=ESSEX_FIELDWORK,
        fieldwork_end=date(2018, 10, 31),
        publication_date=date(2018, 12, 6),
        status=Inspection.Status.PUBLISHED,
    )
    population = _essex_population()
    drawn = draw_sample(population, loaded.framework.sampling, inspection.fieldwork_start, 2018, 71)
    store_sample(inspection, drawn, population.source)
    # Published, so every sampled case was allocated and assessed: the lead and the inspector.
    sample = list(
        inspection.cases.filter(selection=Case.Selection.SAMPLE).order_by("stream", "order")
    )
    for index, case in enumerate(sample):
        case.allocated_to = users["inspector" if index % 2 else "lead"][0]
    Case.objects.bulk_update(sample, ["allocated_to"])
    _answer_essex(inspection, loaded.evidence)
    for standard, rating in loaded.results.judgements.items():
        StandardJudgement.objects.create(inspection=inspection, standard=standard, rating=rating)
    for standard, request in loaded.results.discretion.items():
        Discretion.objects.create(
            inspection=inspection, standard=standard, rating=request.rating, reason=request.reason
        )
    for name in ("lead", "inspector", "viewer", "monitor"):
        Assignment.objects.create(inspection=inspection, user=users[name][0], role=USERS[name])
    apply_narrative(inspection, loaded.results)  # the example's words and Annex 1 facts
    build_demo_plan(inspection, {name: user for name, (user, _) in users.items()})
    return service


def _essex_2012(users: dict, service: Service) -> None:
    """The 2012 Core Case Inspection, scored from its example results file and compared with
    three illustrative published scores."""
    inspection = Inspection.objects.create(
        service=service,
        framework_id="hmip-cci-2009",
        framework_version=load_framework("hmip-cci-2009").version,
        fieldwork_start=date(2012, 2, 1),
        fieldwork_end=date(2012, 2, 29),
        publication_date=date(2012, 5, 1),  # as its results file says (May 2012)
        status=Inspection.Status.PUBLISHED,
    )
    for name in ("essex-2012.yaml", "cci-published-scores.csv"):
        content = example(name).read_bytes()
        if name.endswith(".csv"):
            scored.import_published_scores(inspection, name, content)
        else:
            scored.import_scored(inspection, name, content)
    for name in ("lead", "inspector", "viewer"):
        Assignment.objects.create(inspection=inspection, user=users[name][0], role=USERS[name])


def _mock_inspection(users: dict) -> Service:
    framework = load_framework("hmip-yjs-2021")
    service = Service.objects.create(
        name="Demo Youth Justice Service", local_authority="Demoshire", nation="England",
        kind=Service.Kind.YJS,
    )  # fmt: skip
    start = date(2026, 6, 1)
    inspection = Inspection.objects.create(
        service=service,
        framework_id=framework.id,
        framework_version=framework.version,
        fieldwork_start=start,
        fieldwork_end=start + timedelta(days=4),
        status=Inspection.Status.FIELDWORK,
    )
    population = read_population(example("population-demo.csv"))
    drawn = draw_sample(population, framework.sampling, start, seed=1)
    store_sample(inspection, drawn, population.source)
    for name in ("lead", "inspector", "assessor"):
        Assignment.objects.create(inspection=inspection, user=users[name][0], role=USERS[name])
    sample = inspection.cases.filter(selection=Case.Selection.SAMPLE).order_by("stream", "order")
    for index, case in enumerate(sample[:12]):
        case.allocated_to = users["assessor" if index % 2 else "inspector"][0]
        case.save()
    return service
