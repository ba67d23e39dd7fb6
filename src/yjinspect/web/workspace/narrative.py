"""The report's words as stored in the workspace, to and from a results file's narrative.

Results-file export and import, the demo and the report all go through here, so the words
in a report are the same whichever way they arrived.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from yjinspect.reporting.inspection import paragraphs
from yjinspect.results.narrative import (
    Caseload,
    DomainOne,
    Findings,
    Foreword,
    GoodPractice,
    PressRelease,
    Quote,
    Recommendation,
    SurveyGroup,
)
from yjinspect.results.schema import ResultsFile
from yjinspect.web.workspace import models

_LISTS = {
    models.Finding.Kind.STRENGTH: "strengths",
    models.Finding.Kind.AREA_FOR_IMPROVEMENT: "areas_for_improvement",
    models.Finding.Kind.GOOD_PRACTICE: "good_practice",
}


def _words(item: str | GoodPractice) -> str:
    """A finding as the workspace keeps it: a good-practice example's title leads its text."""
    if isinstance(item, str):
        return item
    return f"{item.title}: {item.text}" if item.title else item.text


def _findings(inspection: models.Inspection) -> tuple[dict, dict]:
    key_findings: dict[str, list[str]] = defaultdict(list)
    per_standard: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    for finding in inspection.findings.order_by("order", "pk"):
        if finding.kind == models.Finding.Kind.KEY_FINDING:
            key_findings[finding.standard].append(finding.text)
        elif finding.kind == models.Finding.Kind.NARRATIVE:
            per_standard[finding.standard]["paragraphs"].append(finding.text)
        else:
            per_standard[finding.standard][_LISTS[finding.kind]].append(finding.text)
    findings = {
        standard: Findings(
            text="\n\n".join(found.pop("paragraphs", [])),
            **{name: items for name, items in found.items()},
        )
        for standard, found in per_standard.items()
    }
    return dict(key_findings), findings


def narrative_of(inspection: models.Inspection) -> dict[str, Any]:
    """The results file's narrative fields, from what the workspace holds."""
    key_findings, findings = _findings(inspection)
    text = getattr(inspection, "report_text", None)
    fieldwork = getattr(inspection, "fieldwork", None)
    sampling = getattr(inspection, "sampling", None)
    surveys = [SurveyGroup(group=s.group, surveyed=s.surveyed) for s in inspection.surveys.all()]
    quotes = [Quote(speaker=q.speaker, text=q.text) for q in inspection.quotes.all()]
    narrative: dict[str, Any] = {
        "key_findings": key_findings,
        "findings": findings,
        "recommendations": [
            Recommendation(addressee=r.addressee, text=r.text)
            for r in inspection.recommendations.all()
        ],
    }
    if text is not None and text.foreword.strip():
        narrative["foreword"] = Foreword(text=text.foreword, signed=text.foreword_signed or None)
    if fieldwork is not None or surveys:
        narrative["domain_one"] = DomainOne(
            advance_evidence=fieldwork.advance_evidence if fieldwork else "",
            surveys=surveys,
            meetings_and_focus_groups=fieldwork.meetings_and_focus_groups if fieldwork else None,
            other_activity=fieldwork.other_activity if fieldwork else "",
        )
    if sampling is not None and sampling.report.get("caseload"):
        narrative["caseload"] = Caseload.model_validate(sampling.report["caseload"])
    if quotes or (text is not None and (text.press_headline or text.report_url)):
        narrative["press_release"] = PressRelease(
            headline=(text.press_headline or None) if text else None,
            quotes=quotes,
            report_url=(text.report_url or None) if text else None,
        )
    return narrative


@transaction.atomic
def apply_narrative(inspection: models.Inspection, results: ResultsFile) -> None:
    """Replace each narrative section the results file has; leave the others alone."""
    if results.key_findings or results.findings:
        inspection.findings.all().delete()
        rows = [
            (models.Finding.Kind.KEY_FINDING, domain, text)
            for domain, texts in results.key_findings.items()
            for text in texts
        ]
        for standard, found in results.findings.items():
            rows += [(models.Finding.Kind.NARRATIVE, standard, p) for p in paragraphs(found.text)]
            for kind, name in _LISTS.items():
                rows += [(kind, standard, _words(item)) for item in getattr(found, name)]
        for order, (kind, place, text) in enumerate(rows):
            models.Finding.objects.create(
                inspection=inspection, kind=kind, standard=place, text=text, order=order
            )
    if results.recommendations:
        inspection.recommendations.all().delete()
        for order, item in enumerate(results.recommendations, 1):
            models.Recommendation.objects.create(
                inspection=inspection, addressee=item.addressee, text=item.text, order=order
            )
    if results.domain_one is not None:
        evidence = results.domain_one
        inspection.surveys.all().delete()
        for group in evidence.surveys:
            models.SurveyGroup.objects.create(
                inspection=inspection, group=group.group, surveyed=group.surveyed
            )
        models.FieldworkRecord.objects.update_or_create(
            inspection=inspection,
            defaults={
                "advance_evidence": evidence.advance_evidence,
                "meetings_and_focus_groups": evidence.meetings_and_focus_groups,
                "other_activity": evidence.other_activity,
            },
        )
    text_fields: dict[str, str] = {}
    if results.foreword is not None:
        text_fields |= {
            "foreword": results.foreword.text,
            "foreword_signed": results.foreword.signed or "",
        }
    if results.press_release is not None:
        release = results.press_release
        text_fields |= {
            "press_headline": release.headline or "",
            "report_url": release.report_url or "",
        }
        inspection.quotes.all().delete()
        for order, quote in enumerate(release.quotes):
            models.PressQuote.objects.create(
                inspection=inspection, speaker=quote.speaker, text=quote.text, order=order
            )
    if text_fields:
        models.ReportText.objects.update_or_create(inspection=inspection, defaults=text_fields)
