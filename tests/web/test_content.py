"""Report content: findings, good practice, recommendations and fieldwork evidence."""

import html

from yjinspect.web.workspace.models import Finding


def post(client, inspection, **data):
    return client.post(f"/inspections/{inspection.pk}/content/", data)


def test_the_essex_demo_holds_its_published_fieldwork_and_recommendations(demo, as_user):
    page = as_user("viewer").get(f"/inspections/{demo['essex'].pk}/content/").content.decode()
    assert "52 case managers" in page and "36 volunteers" in page
    assert page.count("should:") == 5
    assert "The Youth Justice Board</strong> should:" in page


def test_the_lead_adds_and_removes_findings(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    added = post(lead, mock, form="finding", kind="strength", standard="2.1",
                 text="Assessments draw on all agencies")  # fmt: skip
    assert added.status_code == 302
    finding = Finding.objects.get(inspection=mock)
    assert (finding.kind, finding.standard) == ("strength", "2.1")
    refused = post(lead, mock, form="finding", kind="strength", standard="9.9", text="x")
    assert refused.status_code == 400
    assert "Select a valid choice" in html.unescape(refused.content.decode())
    post(lead, mock, form="delete", what="finding", id=finding.pk)
    assert not Finding.objects.filter(inspection=mock).exists()


def test_recommendations_keep_their_order(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    post(lead, mock, form="recommendation", addressee="The YJS board", text="second", order=2)
    post(lead, mock, form="recommendation", addressee="The police", text="first", order=1)
    assert [r.text for r in mock.recommendations.all()] == ["first", "second"]


def test_fieldwork_evidence_and_read_only_for_others(demo, as_user):
    mock = demo["mock"]
    post(as_user("lead"), mock, form="fieldwork", meetings_and_focus_groups=9,
         advance_evidence="Self-assessment", other_activity="")  # fmt: skip
    assert mock.fieldwork.meetings_and_focus_groups == 9
    assert post(as_user("inspector"), mock, form="survey", group="x", surveyed=1).status_code == 404
    assert (
        post(as_user("lead"), demo["essex"], form="survey", group="x", surveyed=1).status_code
        == 404
    )


def test_meetings_left_blank_are_left_out_of_the_report(demo, as_user):
    mock, lead = demo["mock"], as_user("lead")
    post(lead, mock, form="fieldwork", meetings_and_focus_groups="",
         advance_evidence="Self-assessment", other_activity="")  # fmt: skip
    assert mock.fieldwork.meetings_and_focus_groups is None
    report = lead.get(f"/inspections/{mock.pk}/report.md").content.decode()
    assert "Self-assessment" in report and "We held" not in report
    post(lead, mock, form="fieldwork", meetings_and_focus_groups=1,
         advance_evidence="Self-assessment", other_activity="")  # fmt: skip
    report = lead.get(f"/inspections/{mock.pk}/report.md").content.decode()
    assert "We held 1 meeting or focus group to test" in report


def test_content_forms_use_gov_uk_fields_and_name_their_errors(demo, as_user):
    mock, lead = demo["mock"], as_user("lead")
    page = lead.get(f"/inspections/{mock.pk}/content/").content.decode()
    assert '<label class="govuk-label govuk-label--s" for="fieldwork-advance_evidence">' in page
    assert 'class="govuk-textarea"' in page and 'class="govuk-select"' in page
    refused = post(lead, mock, form="recommendation", addressee="", text="x", order=1)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'class="govuk-form-group govuk-form-group--error"' in page
    assert (
        'aria-describedby="recommendation-addressee_helptext recommendation-addressee_error"'
        in page
    )
    assert '<p class="govuk-error-message" id="recommendation-addressee_error">' in page
    assert "<title>Error: Report content" in page
    assert '<a href="#recommendation-addressee">Addressed to: This field is required.</a>' in page


def test_a_foreword_saved_meanwhile_is_not_overwritten(demo, as_user):
    import re

    mock, lead = demo["mock"], as_user("lead")
    url = f"/inspections/{mock.pk}/content/"

    def seen(page):
        found = re.search(r'value="text"><input type="hidden" name="seen" value="(\d+)"', page)
        return found.group(1)

    first, second = seen(lead.get(url).content.decode()), seen(lead.get(url).content.decode())
    words = {"form": "text", "foreword_signed": "", "press_headline": "", "report_url": ""}
    assert lead.post(url, words | {"seen": first, "foreword": "From tab one."}).status_code == 302
    refused = lead.post(url, words | {"seen": second, "foreword": "From tab two."})
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 409
    # The page had nothing saved yet (opening it writes nothing): tab one's save recorded it.
    assert "lead recorded the foreword and press details" in page
    assert "From tab two." in page  # still in the form, not lost
    mock.report_text.refresh_from_db()
    assert mock.report_text.foreword == "From tab one."
    again = lead.post(url, words | {"seen": seen(page), "foreword": "From tab two."})
    assert again.status_code == 302
