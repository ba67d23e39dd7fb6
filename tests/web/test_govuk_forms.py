"""One GOV.UK base form (`workspace.forms`): every upload, model form or not, draws the GOV.UK
file upload, with its error class when its file is missing."""

from datetime import date

import pytest

from yjinspect.web.national.forms import UploadForm
from yjinspect.web.plans.forms import UpdateForm
from yjinspect.web.sampling.forms import DrawForm, ImportForm


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (lambda: UploadForm({}, {}), "results"),
        (lambda: DrawForm({}, {}), "population"),
        (lambda: ImportForm({}, {}), "sample"),
        (lambda: UpdateForm({}, {}, published=date(2026, 1, 5)), "attachment"),
    ],
)
def test_every_file_field_is_a_govuk_file_upload(db, form, field):
    drawn = form()
    drawn.is_valid()
    widget = drawn[field].field.widget
    drawn.render()
    classes = widget.attrs["class"].split()
    assert classes[0] == "govuk-file-upload"
    assert ("govuk-file-upload--error" in classes) == (field in drawn.errors)


def test_a_draws_numbers_are_narrow_inputs_and_its_ids_unchanged():
    drawn = DrawForm({"seed": "abc"}, {})
    drawn.is_valid()
    page = drawn.render()
    assert 'class="govuk-input govuk-input--width-10 govuk-input--error"' in page
    assert 'id="id_seed"' in page and 'id="import-sample"' in ImportForm().render()


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("7", "March", "2027", date(2027, 3, 7)),
        ("07", "mar", "2027", date(2027, 3, 7)),
        (" 7 ", " SEPT ", "2027", date(2027, 9, 7)),
        ("7", "3", "2027", date(2027, 3, 7)),
    ],
)
def test_a_date_takes_the_month_as_a_number_or_its_name(day, month, year, expected):
    """GOV.UK's date input pattern: accept month names and their abbreviations as well."""
    from django import forms

    from yjinspect.web.workspace.forms import GovukDateInput

    field = forms.DateField(widget=GovukDateInput())
    data = {"due-day": day, "due-month": month, "due-year": year}
    assert field.clean(field.widget.value_from_datadict(data, {}, "due")) == expected


def test_a_month_that_is_no_month_is_still_refused():
    from django import forms

    from yjinspect.web.workspace.forms import GovukDateInput

    field = forms.DateField(widget=GovukDateInput())
    with pytest.raises(forms.ValidationError):
        field.clean(
            field.widget.value_from_datadict(
                {"due-day": "7", "due-month": "Marchember", "due-year": "2027"}, {}, "due"
            )
        )


@pytest.mark.parametrize(
    ("day", "month", "year", "said"),
    [
        ("31", "2", "2027", "Enter a real date: 31 February 2027 does not exist."),
        ("29", "feb", "2027", "Enter a real date: 29 February 2027 does not exist."),
        ("7", "13", "2027", "Enter a real date: there is no month 13 (a month is 1 to 12)."),
        ("7", "3", "27", "Enter a real date: a day, a month and a 4-digit year."),
        ("", "3", "2027", "Enter a real date: a day, a month and a 4-digit year."),
        ("7", "Marchember", "2027", "Enter a real date: a day, a month and a 4-digit year."),
        ("²", "3", "2027", "Enter a real date: a day, a month and a 4-digit year."),  # no 500
        ("7", "3", "2027" + "9" * 5000, "Enter a real date: a day, a month and a 4-digit year."),
    ],
)
def test_every_date_typed_that_is_not_real_is_said_what_is_wrong(day, month, year, said):
    """Every GOV.UK form's date field (`govuk_dates`), a model form's or a plain one's."""
    from django import forms

    from yjinspect.web.workspace.forms import GovukPlainForm

    class Dated(GovukPlainForm):
        due = forms.DateField()

    drawn = Dated({"due-day": day, "due-month": month, "due-year": year})
    assert not drawn.is_valid()
    assert drawn.errors["due"] == [said]
