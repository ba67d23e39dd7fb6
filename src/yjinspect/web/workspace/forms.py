"""The GOV.UK base forms every app draws its forms with, and the forms for report content
(standard ids checked against the inspection's framework)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxLengthValidator

from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.limits import LONG_TEXT, nul_message
from yjinspect.web.workspace.models import (
    FieldworkRecord,
    Finding,
    Inspection,
    PressQuote,
    Recommendation,
    ReportText,
    SurveyGroup,
)

# GOV.UK Frontend's class for each kind of widget (the first match in the widget's ancestry).
_GOVUK_CLASSES = (
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.NumberInput, "govuk-input govuk-input--width-5"),
    (forms.widgets.Input, "govuk-input"),
)


def limit_length(field: forms.Field, most: int | None = None) -> None:
    """Every typed text has a limit (`limits`): `most` if given, else a one-line field its
    model's `max_length` and a text area Excel's cell limit. Over it, the GOV.UK error says the
    limit and the length; a NUL character (refused by Django's own validator) is said in
    `limits`' words."""
    if not isinstance(field, forms.CharField):
        return
    label = str(field.label or "this")
    field.error_messages["null_characters_not_allowed"] = _capitalised(nul_message(label))
    if most is not None or (field.max_length is None and isinstance(field.widget, forms.Textarea)):
        field.max_length = most or LONG_TEXT
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.validators.append(MaxLengthValidator(field.max_length))
    if field.max_length is not None:
        field.error_messages["max_length"] = (
            f"{_capitalised(label)} must be {field.max_length:,} characters or fewer "
            "(it has %(show_value)d)"
        )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# The months by name: one typed as its name or at least its first three letters ("March",
# "mar", "Sept") is taken as its number, as GOV.UK's date input pattern asks.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip


def _month(typed: str) -> str:
    word = typed.lower()
    found = [n for n, name in enumerate(_MONTHS, 1) if len(word) >= 3 and name.startswith(word)]
    return str(found[0]) if found else typed


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes named `<name>-day`, `-month`, `-year`.
    What was typed comes back as "year-month-day" (blank parts kept), so a date that is not real
    is refused by the field and the boxes show what was typed. Every date typed in the
    workspace is typed in these (the browser's own date picker orders it by its locale)."""

    template_name = "workspace/date_input.html"
    parts = (("-day", "Day", 2), ("-month", "Month", 2), ("-year", "Year", 4))

    def __init__(self) -> None:
        super().__init__(
            widgets={suffix: forms.TextInput(attrs={"inputmode": "numeric"})
                     for suffix, _, _ in self.parts}
        )  # fmt: skip

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        day, month, year = (str(data.get(f"{name}{suffix}", "")).strip()
                            for suffix, _, _ in self.parts)  # fmt: skip
        month = _month(month)
        return f"{year}-{month}-{day}" if any((day, month, year)) else ""

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}{suffix}" in data for suffix, _, _ in self.parts)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        """Each box named and identified as GOV.UK's pattern has it (`<name>-day`)."""
        context = super().get_context(name, value, attrs)
        # Django marks the widget of a field in error (aria-invalid): so are all three boxes.
        invalid = context["widget"]["attrs"].get("aria-invalid") == "true"
        error = " govuk-input--error" if invalid else ""
        identity = context["widget"]["attrs"].get("id", name)
        subwidgets = context["widget"]["subwidgets"]
        for sub, (suffix, label, width) in zip(subwidgets, self.parts, strict=True):
            sub["name"], sub["attrs"]["id"] = f"{name}{suffix}", f"{identity}{suffix}"
            sub["attrs"]["class"] = (
                f"govuk-input govuk-date-input__input govuk-input--width-{width}{error}"
            )
            sub["label"] = label
        return context


REAL_DATE = "Enter a real date: a day, a month and a 4-digit year."


def not_real(typed: Any) -> str:
    """Why a date typed ("year-month-day", from `GovukDateInput`) is refused: a day, month and
    year all typed as numbers that make no date are said back ("31 February 2027 does not
    exist"); anything else missing or not a number asks for all three."""
    parts = str(typed).split("-")
    if len(parts) != 3 or not all(part.isdecimal() for part in parts) or len(parts[0]) != 4:
        return REAL_DATE
    year, month, day = (int(part) for part in parts)
    if not 1 <= month <= 12:
        return f"Enter a real date: there is no month {month} (a month is 1 to 12)."
    return f"Enter a real date: {day} {_MONTHS[month - 1].capitalize()} {year} does not exist."


class GovukDateField(forms.DateField):
    """A date typed in GOV.UK's date input, refused in words that say what is wrong with it."""

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(not_real(value), code="invalid") from None


def govuk_dates(form: forms.BaseForm) -> None:
    """Draw every date field of `form` in GOV.UK's date input (`GovukDateField`), refusing a
    date that is not real in words that say what is wrong and what to type."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = GovukDateInput()
            if type(field) is forms.DateField:  # the model form's own field, as it is
                field.__class__ = GovukDateField


class _Govuk(forms.BaseForm):
    """Drawn the GOV.UK way: labels, hints and errors above each field, each widget with its
    GOV.UK class (an `--error` one when its field has an error)."""

    template_name = "workspace/govuk_form.html"
    key = ""  # the form's name on its page, also the start of its fields' ids
    widths: ClassVar[dict[str, int]] = {}  # a text input's GOV.UK width class, by field name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Several forms share a page, and field names ("text", "order") repeat between them.
        if self.key:
            kwargs.setdefault("auto_id", f"{self.key}-%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit_length(field)
        govuk_dates(self)

    def get_context(self) -> dict[str, Any]:
        """Classes are set when the form is drawn, so fields added in `__init__` get them too."""
        for name, field in self.fields.items():
            widget = field.widget
            found = next((c for kind, c in _GOVUK_CLASSES if isinstance(widget, kind)), None)
            if found is None or isinstance(widget, forms.HiddenInput):
                continue
            if name in self.widths:
                found += f" govuk-input--width-{self.widths[name]}"
            if self.is_bound and name in self.errors:
                found += f" {found.split(' ')[0]}--error"
            widget.attrs["class"] = found
            if isinstance(widget, forms.Textarea):
                widget.attrs["rows"] = 4
            # A browser's maxlength cuts pasted text short without a word: the limit is
            # checked when the form is sent, and said as an error instead.
            widget.attrs.pop("maxlength", None)
        return super().get_context()


class GovukForm(_Govuk, forms.ModelForm):
    """A model form drawn the GOV.UK way."""


class GovukPlainForm(_Govuk, forms.Form):
    """A form of no model (an upload, a draw) drawn the GOV.UK way."""


class FindingForm(GovukForm):
    key = "finding"

    class Meta:
        model = Finding
        fields = ["kind", "standard", "text"]
        labels = {"text": "Finding"}

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework = framework_of(inspection)
        places = [(d.id, f"Domain {d.id}: {d.title}") for d in framework.domains]
        places += [(s.id, f"{s.id} {s.title}") for _, s in framework.standards()]
        self.fields["standard"] = forms.ChoiceField(choices=places, label="Domain or standard")
        self._domains = {d.id for d in framework.domains}

    def clean(self) -> dict[str, Any]:
        """Key findings belong to a domain; everything else to a standard (as in the report)."""
        data = super().clean()
        kind, place = data.get("kind"), data.get("standard")
        if kind and place:
            on_domain = place in self._domains
            if kind == Finding.Kind.KEY_FINDING and not on_domain:
                self.add_error("standard", "A key finding belongs to a domain.")
            elif kind != Finding.Kind.KEY_FINDING and on_domain:
                self.add_error("standard", "Choose the standard this finding is about.")
        return data


class RecommendationForm(GovukForm):
    key = "recommendation"

    class Meta:
        model = Recommendation
        fields = ["addressee", "text", "order"]
        labels = {"addressee": "Addressed to", "text": "Recommendation", "order": "Number"}


class SurveyGroupForm(GovukForm):
    key = "survey"

    class Meta:
        model = SurveyGroup
        fields = ["group", "surveyed"]
        labels = {"group": "Staff group", "surveyed": "Number surveyed"}


class FieldworkForm(GovukForm):
    key = "fieldwork"

    class Meta:
        model = FieldworkRecord
        fields = ["advance_evidence", "meetings_and_focus_groups", "other_activity"]


class ReportTextForm(GovukForm):
    key = "text"

    report_url = forms.URLField(
        label="Report URL",
        required=False,
        assume_scheme="https",
        help_text="Where the report will be published",
    )

    class Meta:
        model = ReportText
        fields = ["foreword", "foreword_signed", "press_headline", "report_url"]
        labels = {"foreword_signed": "Signed by (name and role)"}


class PressQuoteForm(GovukForm):
    key = "quote"

    class Meta:
        model = PressQuote
        fields = ["speaker", "text", "order"]
        labels = {"text": "Quote, exactly as it should appear"}
