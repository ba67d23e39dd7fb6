"""The sample page's forms: checked on the server (the page's forms are `novalidate`), errors
shown the GOV.UK way, and what was typed kept."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from yjinspect.web.workspace.forms import GovukPlainForm

_SEED_MAX = 2**32 - 1  # as `yjinspect sample` draws one when none is given


def _whole_number(label: str, low: int, high: int, example: str) -> forms.IntegerField:
    wording = f"{label} must be a whole number from {low} to {high}, like {example}"
    return forms.IntegerField(
        required=False,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid": wording, "min_value": wording, "max_value": wording},
    )


def _profile() -> forms.FileField:
    """The mapping profile: the export's own column names, codes and date format, and the
    columns that identify a child, dropped unread."""
    return forms.FileField(
        label="Mapping profile (optional)",
        help_text="YAML, as in yjinspect's examples/profile-example.yaml: for an export with "
        "its own column names, codes, date format or name columns",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
    )


class DrawForm(GovukPlainForm):
    widths: ClassVar[dict[str, int]] = {"seed": 10, "size": 10}
    population = forms.FileField(
        label="Population export",
        help_text="CSV or Excel: the service's export of eligible cases",
        error_messages={"required": "Choose the population export to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )
    profile = _profile()
    seed = _whole_number("The seed", 0, _SEED_MAX, "20180601")
    size = _whole_number("The sample size", 1, 10_000, "60")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seed"].label = "Seed (optional, to repeat a draw)"
        self.fields["size"].label = "Sample size (optional)"
        self.fields["size"].help_text = "Leave blank for the size the framework's precision needs"


class ImportForm(GovukPlainForm):
    key = "import"
    sample = forms.FileField(
        label="Sample file",
        help_text="The sample.csv that yjinspect sample writes, or the service's own export of "
        "the cases chosen (read through a mapping profile, below)",
        error_messages={"required": "Choose the sample file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )
    reserve = forms.FileField(
        label="Reserve list (optional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )
    profile = _profile()
