"""Forms for report content; standard ids are checked against the inspection's framework."""

from __future__ import annotations

from typing import Any

from django import forms

from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.models import (
    FieldworkRecord,
    Finding,
    Inspection,
    Recommendation,
    SurveyGroup,
)


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "standard", "text"]

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework = framework_of(inspection)
        places = [(d.id, f"Domain {d.id}: {d.title}") for d in framework.domains]
        places += [(s.id, f"{s.id} {s.title}") for _, s in framework.standards()]
        self.fields["standard"] = forms.ChoiceField(choices=places, label="Domain or standard")


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["addressee", "text", "order"]


class SurveyGroupForm(forms.ModelForm):
    class Meta:
        model = SurveyGroup
        fields = ["group", "surveyed"]


class FieldworkForm(forms.ModelForm):
    class Meta:
        model = FieldworkRecord
        fields = ["advance_evidence", "meetings_and_focus_groups", "other_activity"]
