"""The QA pages' forms: checked on the server, errors shown the GOV.UK way, typed values kept."""

from __future__ import annotations

from typing import Any

from django import forms

from yjinspect.web.workspace.forms import limit_length
from yjinspect.web.workspace.limits import REASON

_SEED_MAX = 2**32 - 1


class MarkForm(forms.Form):
    """Mark one case for a second assessment by a chosen assessor."""

    case = forms.ChoiceField(label="Case", error_messages={"required": "Choose a case"})
    assessor = forms.ChoiceField(
        label="Second assessor", error_messages={"required": "Choose the second assessor"}
    )

    def __init__(self, *args: Any, cases: list, team: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "Choose a case")] + [
            (str(c.pk), f"{c.case_ref} (first assessor: {c.allocated_to})") for c in cases
        ]
        self.fields["assessor"].choices = [("", "Choose a person")] + [
            (str(u.pk), str(u)) for u in team
        ]


class DipForm(forms.Form):
    """A seeded dip sample: a share of each assessor's accepted cases."""

    share = forms.IntegerField(
        label="Share of each assessor's accepted cases, in per cent",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the share, a whole number from 1 to 100",
            "invalid": "The share must be a whole number from 1 to 100, like 20",
            "min_value": "The share must be a whole number from 1 to 100, like 20",
            "max_value": "The share must be a whole number from 1 to 100, like 20",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    seed = forms.IntegerField(
        label="Seed (any whole number: the same seed draws the same cases)",
        min_value=0,
        max_value=_SEED_MAX,
        error_messages={
            "required": "Enter a seed, a whole number like 20180601",
            "invalid": "The seed must be a whole number like 20180601",
            "min_value": "The seed must be a whole number like 20180601",
            "max_value": f"The seed must be a whole number from 0 to {_SEED_MAX}",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    assessors = forms.MultipleChoiceField(
        label="Second assessors",
        error_messages={"required": "Choose at least one second assessor"},
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, team: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessors"].choices = [(str(u.pk), str(u)) for u in team]


_REACHED = [("", "Not recorded"), ("yes", "Yes"), ("no", "No")]


class ViewsForm(forms.Form):
    """The views of the child and of the parent or carer, gathered by the second assessor; the
    texts within the shared limits (`limits`)."""

    child_reached = forms.ChoiceField(
        choices=_REACHED, required=False, label="Whether the child was reached"
    )
    child_views = forms.CharField(
        required=False, widget=forms.Textarea, label="The views of the child"
    )
    carer_reached = forms.ChoiceField(
        choices=_REACHED, required=False, label="Whether the parent or carer was reached"
    )
    carer_views = forms.CharField(
        required=False,
        widget=forms.Textarea,
        label="The views of the parent or carer",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit_length(field)


def reached_value(word: str) -> bool | None:
    return {"yes": True, "no": False}.get(word)


def reached_word(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class MoveForm(forms.Form):
    """Move a second assessment not yet submitted to another second assessor."""

    assessor = forms.ChoiceField(
        label="New second assessor", error_messages={"required": "Choose the new second assessor"}
    )
    move_reason = forms.CharField(label="Why (optional)", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, team: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_length(self.fields["move_reason"], REASON)
        self.fields["assessor"].choices = [("", "Choose a person")] + [
            (str(u.pk), str(u)) for u in team
        ]


class UnmarkForm(forms.Form):
    """Take a case off second assessment, with a reason kept in the history."""

    reason = forms.CharField(
        label="Why the case comes off second assessment",
        widget=forms.Textarea,
        error_messages={"required": "Say why the case comes off second assessment"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_length(self.fields["reason"], REASON)
