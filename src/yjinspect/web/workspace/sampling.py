"""Drawing an inspection's sample in the workspace: the same core as `yjinspect sample`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction

from yjinspect.reporting.sampling import sampling_report
from yjinspect.sampling.draw import BalanceRow, CaseSample, best_replacement
from yjinspect.sampling.draw import draw_sample as draw
from yjinspect.sampling.population import SourceInfo, read_population
from yjinspect.sampling.profile import DEFAULT_PROFILE, load_profile
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.limits import REASON, text_problem
from yjinspect.web.workspace.loading import load_sample
from yjinspect.web.workspace.models import Case, Inspection, SamplingRecord
from yjinspect.web.workspace.uploads import uploads


class Refused(Exception):
    pass


def can_replace_sample(inspection: Inspection) -> bool:
    """A sample may be drawn or imported again until work on it starts: while no case is
    allocated and no case has an assessment (an empty sample is always replaceable)."""
    cases = inspection.cases.all()
    return not (
        cases.filter(allocated_to__isnull=False).exists()
        or cases.filter(assessment__isnull=False).exists()
    )


def _clear(inspection: Inspection) -> None:
    """Remove a sample nobody has started on, inside the transaction that stores its
    replacement (so a refused file leaves the old sample as it was)."""
    if not can_replace_sample(inspection):
        raise Refused("work on this sample has started (cases are allocated or assessed)")
    inspection.cases.all().delete()
    SamplingRecord.objects.filter(inspection=inspection).delete()


def draw_inspection_sample(
    inspection: Inspection,
    population: tuple[str, bytes],
    profile: tuple[str, bytes] | None = None,
    seed: int | None = None,
    size: int | None = None,
) -> SamplingRecord:
    """Import the population export, draw the sample and store it, replacing a sample nobody
    has started on; all or nothing."""
    if not can_replace_sample(inspection):
        raise Refused("work on this sample has started (cases are allocated or assessed)")
    framework = framework_of(inspection)
    if framework.sampling is None:
        raise Refused(f"framework {framework.id} has no sampling rules")
    with uploads() as save:  # the draw too: its refusal names the upload, not a server path
        rules = load_profile(save(*profile)) if profile else DEFAULT_PROFILE
        found = read_population(save(*population), rules)
        drawn = draw(found, framework.sampling, inspection.fieldwork_start, seed, size)
    return store_sample(inspection, drawn, found.source)


def import_sample_files(
    inspection: Inspection,
    sample: tuple[str, bytes],
    reserve: tuple[str, bytes] | None = None,
    profile: tuple[str, bytes] | None = None,
) -> SamplingRecord:
    """Take a sample drawn elsewhere (such as `yjinspect sample`'s sample.csv), checked like any
    population file, with an optional reserve list; all or nothing, replacing a sample nobody
    has started on."""
    if not can_replace_sample(inspection):
        raise Refused("work on this sample has started (cases are allocated or assessed)")
    frames = []
    with uploads() as save:
        rules = load_profile(save(*profile)) if profile else DEFAULT_PROFILE
        for upload in (sample, reserve):
            if upload is not None:
                frames.append(read_population(save(*upload), rules).frame)
    chosen = frames[0]
    spare = frames[1] if reserve else chosen.iloc[0:0]
    overlap = set(chosen["case_ref"]) & set(spare["case_ref"])
    if overlap:
        raise Refused(
            f"cases on both the sample and the reserve list: {', '.join(sorted(overlap))}"
        )
    report = {
        "imported": {
            "sample": Path(sample[0]).name,
            "reserve": Path(reserve[0]).name if reserve else None,
        },
        "size": {"total": len(chosen), **chosen["stream"].value_counts().to_dict()},
        "reserve": spare["stream"].value_counts().to_dict(),
    }
    with transaction.atomic():
        _clear(inspection)
        load_sample(inspection, chosen, spare)
        return SamplingRecord.objects.create(inspection=inspection, report=report)


@transaction.atomic
def store_sample(inspection: Inspection, drawn: CaseSample, source: SourceInfo) -> SamplingRecord:
    """Keep the drawn sample, its reserve and its sampling report with the inspection."""
    _clear(inspection)
    load_sample(inspection, drawn.sample, drawn.reserve)
    report = sampling_report(drawn, source, framework_of(inspection), inspection.service.name)
    return SamplingRecord.objects.create(inspection=inspection, report=report)


def _written(second: Any) -> bool:
    """Whether a second assessment holds anything its assessor wrote."""
    texts = (second.overall_comment, second.child_views, second.carer_views)
    reached = (second.child_reached, second.carer_reached)
    return (
        any(texts)
        or any(r is not None for r in reached)
        or second.answers.exclude(value="", evidence="").exists()
    )


@transaction.atomic
def replace_from_reserve(case: Case, reason: str) -> Case:
    """Swap an unusable sampled case for the reserve case that best keeps the balance. A second
    assessment with nothing in it goes with the case (audited, with the reason); one with
    answers or views refuses the swap, so nothing written is lost."""
    if not reason.strip():
        raise Refused("say why the case cannot be used")
    if problem := text_problem(reason.strip(), REASON, "the reason"):
        raise Refused(problem)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.selection != Case.Selection.SAMPLE:
        raise Refused(f"{case.case_ref} is not in the sample")
    if hasattr(case, "assessment") and case.assessment.answers.exclude(value="").exists():
        raise Refused(f"{case.case_ref} already has answers; it cannot be replaced")
    second = getattr(case, "second_assessment", None)
    if second is not None and _written(second):
        raise Refused(
            f"{case.case_ref} has a second assessment with answers or views by "
            f"{second.assessor}; it cannot be replaced"
        )
    inspection = case.inspection
    columns = ["case_ref", "stream", "gender", "disposal_type", "rosh", "safety_wellbeing"]
    sample = pd.DataFrame(inspection.cases.filter(selection=Case.Selection.SAMPLE).values(*columns))
    reserve_cases = list(inspection.cases.filter(selection=Case.Selection.RESERVE))
    reserve = pd.DataFrame([{c: getattr(r, c) for c in columns} for r in reserve_cases])
    # An imported sample has no balance rows; its reserve is then taken in order.
    balance = [BalanceRow(**row) for row in inspection.sampling.report.get("balance", [])]
    position = best_replacement(sample, reserve, case.case_ref, balance) if len(reserve) else -1
    if position < 0:
        raise Refused(f"no {case.get_stream_display().lower()} case is left on the reserve list")
    incoming = reserve_cases[position]
    incoming.selection, incoming.order = Case.Selection.SAMPLE, case.order
    incoming.allocated_to = case.allocated_to
    incoming._change_reason = f"replaces {case.case_ref}"
    incoming.save()
    if second is not None:  # empty: closed with the case, kept in the history
        for answer in second.answers.all():
            answer.delete()
        second._change_reason = f"case replaced by {incoming.case_ref}: {reason.strip()}"
        second.delete()
    case.selection, case.replaced_reason = Case.Selection.REPLACED, reason.strip()
    case.allocated_to = None
    case._change_reason = f"replaced by {incoming.case_ref}: {reason.strip()}"
    case.save()
    return incoming
