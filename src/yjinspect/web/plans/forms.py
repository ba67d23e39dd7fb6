"""The plan's forms: an action, its status, a progress update, a comment, a progress report."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import URLValidator

from yjinspect.plans.rag import Status
from yjinspect.reporting.words import long_date
from yjinspect.web.plans import attachments
from yjinspect.web.plans.models import Action, PlanComment, ProgressUpdate
from yjinspect.web.workspace.forms import GovukForm, govuk_dates, limit_length


class _WebLink(forms.URLField):
    """A web address: http or https only (one check, so one message)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


# Long enough for a paragraph; an Excel cell holds 32,767 characters.
LIMITS = {"what": 1000, "success": 1000, "reason": 2000, "note": 5000, "text": 5000}


def _limit(form: forms.Form) -> None:
    for name, most in LIMITS.items():
        if name in form.fields:
            limit_length(form.fields[name], most)


class _PlanForm(GovukForm):
    """A plan form that knows the inspection's publication date: nothing in the plan is dated
    before it."""

    def __init__(self, *args: Any, published: date, **kwargs: Any) -> None:
        self.published = published
        super().__init__(*args, **kwargs)
        _limit(self)

    def _not_before_publication(self, name: str) -> None:
        day = self.cleaned_data.get(name)
        if day and day < self.published:
            self.add_error(
                name, f"This is before the report was published ({long_date(self.published)})."
            )


class ActionForm(_PlanForm):
    key = "action"

    class Meta:
        model = Action
        fields = ["what", "responsible", "due", "success"]
        help_texts = {
            "responsible": "A role or team, for example Head of service or Education team; "
            "never a child",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._not_before_publication("due")
        return data


class StatusForm(_PlanForm):
    key = "status"

    class Meta:
        model = Action
        fields = ["status", "reason", "what", "responsible", "due", "success"]
        help_texts = {"reason": "Only when the action is not being done"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._not_before_publication("due")
        if data.get("status") == Status.NOT_DONE and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the action is not being done.")
        elif data.get("status") and data.get("status") != Status.NOT_DONE:
            data["reason"] = ""
        return data


class UpdateForm(_PlanForm):
    key = "update"
    attachment = forms.FileField(
        label="Attach evidence (optional)",
        required=False,
        help_text="PDF, Word, Excel, PNG, JPEG, text or CSV, up to 2 MB",
    )
    link = _WebLink(
        label="Link to evidence (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example the address of a report on the council's site",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["day", "note", "link"]
        labels = {"note": "What has happened"}

    def _get_validation_exclusions(self) -> set[str]:
        """The link is checked here (web addresses only); the model's own check would say
        the same again."""
        return super()._get_validation_exclusions() | {"link"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._not_before_publication("day")
        day = data.get("day")
        if day and day > date.today():
            self.add_error("day", "A progress update cannot be dated in the future.")
        upload = data.get("attachment")
        if upload:
            if upload.size > attachments.MAX_BYTES:
                self.add_error("attachment", "The file is larger than 2 MB.")
                return data
            content = upload.read(attachments.MAX_BYTES + 1)
            try:
                data["file"] = (*attachments.check(upload.name, content), content)
            except attachments.Refused as refusal:
                self.add_error("attachment", str(refusal))
        return data


class CommentForm(_PlanForm):
    key = "comment"

    class Meta:
        model = PlanComment
        fields = ["text"]
        labels = {"text": "Comment on the plan"}


class ReportForm(forms.Form):
    """The date a progress report is drawn at."""

    template_name = "workspace/govuk_form.html"
    as_of = forms.DateField(label="Progress at")

    def __init__(self, *args: Any, published: date, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        self.published = published
        govuk_dates(self)

    def clean_as_of(self) -> date:
        day = self.cleaned_data["as_of"]
        if day < self.published:
            raise forms.ValidationError("This is before the report was published.")
        if day > date.today():
            raise forms.ValidationError("A progress report cannot be drawn at a future date.")
        return day
