"""The service's comment and the lead's answer, drawn the GOV.UK way."""

from __future__ import annotations

from typing import Any

from django import forms

from yjinspect.reporting.accuracy import Part
from yjinspect.web.workspace.forms import govuk_dates

MAX_TEXT = 5000  # characters: a comment is a passage, not a document

_CLASSES = {forms.Select: "govuk-select", forms.Textarea: "govuk-textarea",
            forms.NumberInput: "govuk-input govuk-input--width-3"}  # fmt: skip


class _Govuk(forms.Form):
    """Fields drawn with GOV.UK classes, and their error variants once the form is checked."""

    def full_clean(self) -> None:
        super().full_clean()
        self._style()

    def _style(self) -> None:
        for name, field in self.fields.items():
            found = _CLASSES.get(type(field.widget))
            if found is None:
                continue
            if self.is_bound and name in self.errors:
                found += f" {found.split(' ')[0]}--error"
            field.widget.attrs["class"] = found


class CommentForm(_Govuk):
    part = forms.ChoiceField(
        label="Section of the report",
        error_messages={"required": "Choose the section your comment is about.",
                        "invalid_choice": "Choose a section of this report."},
    )  # fmt: skip
    paragraph = forms.IntegerField(
        label="Paragraph (optional)", required=False, min_value=1, max_value=999,
        help_text="Count the paragraphs from the section's heading; leave blank for the whole "
        "section",
    )  # fmt: skip
    text = forms.CharField(
        label="Your comment", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What is factually inaccurate, and what it should say",
        error_messages={"required": "Write your comment."},
    )  # fmt: skip

    def __init__(self, *args: Any, parts: list[Part], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.parts = {part.anchor: part.title for part in parts}
        self.fields["part"].choices = [("", "Choose a section"), *self.parts.items()]
        self._style()

    def chosen(self) -> tuple[str, str]:
        anchor = self.cleaned_data["part"]
        return anchor, self.parts[anchor]


class AnswerForm(_Govuk):
    answer = forms.ChoiceField(
        label="Your answer", widget=forms.RadioSelect,
        choices=[("accepted", "Accepted: the report is changed"),
                 ("not_accepted", "Not accepted")],
        error_messages={"required": "Choose whether the comment is accepted."},
    )  # fmt: skip
    response = forms.CharField(
        label="The change made, or why it is not accepted",
        max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was changed, or why it is not accepted."},
    )  # fmt: skip

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"answer-{number}-%s")
        super().__init__(*args, **kwargs)
        self._style()


class SendForm(_Govuk):
    comments_due = forms.DateField(
        label="Comments due", required=False,
        help_text="Leave blank for the framework's timetable",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "send-%s")
        super().__init__(*args, **kwargs)
        govuk_dates(self)
        self._style()
