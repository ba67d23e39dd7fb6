"""The inspection's set-up: service, framework (chosen from a list), dates and team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from yjinspect.errors import InputError
from yjinspect.frameworks import Framework
from yjinspect.web.inspections import frameworks
from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.workspace.forms import GovukForm
from yjinspect.web.workspace.models import Inspection, Role


def framework_choices() -> list[tuple[str, str]]:
    """The frameworks an inspection can use, bundled and uploaded, by title (never an id typed
    by hand)."""
    return [(offer.value, offer.words) for offer in frameworks.offered()]


class InspectionForm(GovukForm):
    key = "inspection"

    class Meta:
        model = Inspection
        fields = [
            "service",
            "framework_id",
            "fieldwork_start",
            "fieldwork_end",
            "provisional_findings_date",
            "draft_sent_date",
            "comments_due_date",
            "publication_date",
        ]
        labels = {
            "service": "Service inspected",
            "framework_id": "Framework",
            "fieldwork_start": "Fieldwork starts",
            "fieldwork_end": "Fieldwork ends",
            "provisional_findings_date": "Provisional findings given to the service",
            "draft_sent_date": "Draft report sent to the service",
            "comments_due_date": "Service's comments on the draft due",
            "publication_date": "Publication date",
        }
        help_texts = {
            "provisional_findings_date": "Leave blank until it is planned; the task list "
            "expects it from the framework's timetable",
            "draft_sent_date": "Set for you when you send the draft; a date planned before then",
            "comments_due_date": "Leave blank for the framework's timetable",
            "publication_date": "The report and press release give this date; leave blank "
            "until it is decided",
        }

    def __init__(
        self,
        *args: Any,
        framework_fixed: bool = False,
        kind: str = "inspection",
        services: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):  # the dates its kind has
            if isinstance(field, forms.DateField) and name not in KINDS[kind].dates:
                del self.fields[name]
        if services is not None:  # those the user may start this kind of work on
            self.fields["service"].queryset = services
            if len(services) == 1:
                self.fields["service"].empty_label = None
        if KINDS[kind].own_staff:  # the service's own work, not an inspection of it
            self.fields["service"].label = "Service"
        for name, label in KINDS[kind].date_words.items():
            self.fields[name].label = label
        self.fields["framework_id"] = forms.ChoiceField(
            choices=framework_choices(), label="Framework"
        )
        self.framework: Framework | None = None  # the one chosen, once the form is valid
        if self.instance.pk:
            self.initial["framework_id"] = frameworks.choice_value(
                self.instance.framework_id, self.instance.framework_version
            )
        else:  # the one in force today, not the first listed
            self.initial["framework_id"] = frameworks.in_force_for_cases(timezone.localdate())
        self.fields["fieldwork_end"].required = True
        if self.instance.pk:
            del self.fields["service"]  # the service inspected does not change
        if framework_fixed:  # cases are drawn under it
            del self.fields["framework_id"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("framework_id"):
            try:
                self.framework = frameworks.chosen(data["framework_id"])
            except InputError:  # withdrawn since the page was drawn
                self.add_error("framework_id", "Choose one of the frameworks listed.")
            else:
                data["framework_id"] = self.framework.id
        start, end = data.get("fieldwork_start"), data.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", "Fieldwork must end on or after the day it starts.")
        order = [
            ("provisional_findings_date", end, "Provisional findings come after fieldwork ends."),
            ("draft_sent_date", end, "The draft report is sent after fieldwork ends."),
            ("comments_due_date", data.get("draft_sent_date") or end,
             "Comments are due after the draft report is sent."),
            ("publication_date", data.get("draft_sent_date") or end,
             "Publication comes after the fieldwork ends and the draft report is sent."),
        ]  # fmt: skip
        for name, earliest, message in order:
            when = data.get(name)
            if when and earliest and when < earliest:
                self.add_error(name, message)
        return data


ROLES = [("", "No role"), *Role.choices]


class TeamForm(forms.Form):
    """One role (or none) per user; exactly one lead (inspector, or its kind's word for it)."""

    def __init__(
        self,
        *args: Any,
        current: dict[int, str],
        acting: Any,
        users: Any = None,
        roles: tuple[str, ...] | None = None,
        words: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "team-%s")
        words = words or {}
        super().__init__(*args, **kwargs)
        self.acting = acting
        named = words.get(Role.LEAD, Role.LEAD.label)  # "Lead inspector", "Lead of the audit"
        self.lead_word = named[:1].lower() + named[1:]
        users = get_user_model().objects.all() if users is None else users
        users = users.filter(is_active=True).order_by("username")
        self.users = {f"user-{user.pk}": user for user in users}
        offered = [
            (value, words.get(value, label))
            for value, label in ROLES
            if roles is None or value in ("", *roles)
        ]
        for name, user in self.users.items():
            self.fields[name] = forms.ChoiceField(
                choices=offered, required=False, initial=current.get(user.pk, ""),
                label=user.get_full_name() or user.get_username(),
            )  # fmt: skip
            self.fields[name].widget.attrs["class"] = "govuk-select"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        leads = [name for name, user in self.users.items() if data.get(name) == Role.LEAD]
        if len(leads) != 1:
            raise forms.ValidationError(f"Choose exactly one {self.lead_word}.")
        own = f"user-{self.acting.pk}"
        if self.acting.is_staff and data.get(own):
            # A role would let them read case answers: someone else assigns it.
            self.add_error(own, "An administrator cannot give themselves a role.")
        elif not self.acting.is_staff and own in self.fields and data.get(own) != Role.LEAD:
            self.add_error(own, f"You stay the {self.lead_word}: you set it up.")
        return data

    def roles(self) -> dict[Any, str]:
        """The chosen role of every user who has one."""
        return {user: self.cleaned_data[name] for name, user in self.users.items()
                if self.cleaned_data.get(name)}  # fmt: skip
