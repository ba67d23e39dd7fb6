"""The national picture's forms: filters chosen from what the published data holds (a GET
form), and the upload of a published-results CSV. Errors are shown the GOV.UK way."""

from __future__ import annotations

from typing import Any

from django import forms

from yjinspect.national import Filters, National
from yjinspect.national.service_types import service_kind
from yjinspect.web.workspace.forms import GovukPlainForm

_ANY = [("", "Any")]


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=_ANY + choices,
        error_messages={"invalid_choice": f"Choose a {label.lower()} from the list"},
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class FilterForm(forms.Form):
    """Only what the sources hold is offered, so every choice finds inspections."""

    def __init__(self, data: Any, national: National) -> None:
        super().__init__(data or None, auto_id="filter-%s")
        abouts = [a for rated in national.sets.values() for a in rated.about]
        self.fields["framework"] = _choice(
            "Framework",
            [(fid, rated.framework.title) for fid, rated in sorted(national.sets.items())],
        )
        years = sorted({a.published.year for a in abouts if a.published}, reverse=True)
        self.fields["year"] = _choice("Year of publication", [(str(y), str(y)) for y in years])
        kinds = sorted({service_kind(a.service_type) for a in abouts if a.service_type})
        self.fields["service_type"] = _choice("Service type", [(k, k) for k in kinds])
        regions = sorted({a.region for a in abouts if a.region})
        self.fields["region"] = _choice("Region", [(r, r) for r in regions])

    def filters(self) -> Filters:
        """The filters chosen; call after `is_valid()` (an unbound form filters nothing)."""
        if not self.is_bound:
            return Filters()
        chosen = self.cleaned_data
        return Filters(
            chosen["framework"] or None,
            int(chosen["year"]) if chosen["year"] else None,
            chosen["service_type"] or None,
            chosen["region"] or None,
        )


class UploadForm(GovukPlainForm):
    key = "upload"
    results = forms.FileField(
        label="Published-results CSV",
        help_text="The documented layout (service, published, framework, overall, score, one "
        "column per standard) or the data-to-insight scrape",
        error_messages={"required": "Choose the published-results CSV to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
