"""The lead inspector's decisions: judgements, discretion checked by the engine, stages."""

import html

import pytest

from yjinspect.web.workspace.evidence import rate_inspection
from yjinspect.web.workspace.models import Inspection


def test_judgements_are_recorded_by_the_lead_only(demo, as_user):
    mock = demo["mock"]
    url = f"/inspections/{mock.pk}/judgements/"
    form = {"rating-1.1": "Good", "summary-1.1": "Board minutes", "rationale-1.1": "Clear vision"}
    assert as_user("inspector").post(url, form).status_code == 404
    assert as_user("lead").post(url, form).status_code == 302
    judgement = mock.judgements.get(standard="1.1")
    assert (judgement.rating, judgement.rationale) == ("Good", "Clear vision")
    assert judgement.history.first().history_user.username == "lead"
    refused = as_user("lead").post(url, {"rating-1.1": "Outstanding", "rating-1.2": "Excellent"})
    assert refused.status_code == 400
    assert "'Excellent' is not a rating for 1.2" in html.unescape(refused.content.decode())
    assert mock.judgements.get(standard="1.1").rating == "Good"  # nothing saved


def test_resettlement_may_be_not_rated(demo, as_user):
    mock = demo["mock"]
    ratings = f"/inspections/{mock.pk}/ratings/"
    assert "Not yet rated" in as_user("lead").get(ratings).content.decode()
    decided = {"rating-4.1": "Not rated", "summary-4.1": "Two cases", "rationale-4.1": "Too few"}
    as_user("lead").post(f"/inspections/{mock.pk}/judgements/", decided)
    assert mock.judgements.get(standard="4.1").rating == "Not rated"
    page = as_user("lead").get(ratings).content.decode()
    row = page[page.index('id="standard-41"') :].split("</tr>")[0]
    assert "Not rated" in row and "Not yet rated" not in row


def test_a_published_inspection_takes_no_new_judgements(demo, as_user):
    url = f"/inspections/{demo['essex'].pk}/judgements/"
    assert as_user("lead").get(url).status_code == 200
    assert as_user("lead").post(url, {"rating-1.3": "Outstanding"}).status_code == 404


def reopen(client, inspection, reason="Correcting a finding"):
    return client.post(
        f"/inspections/{inspection.pk}/status/", {"action": "reopen", "reason": reason}
    )


def test_reopening_needs_a_reason_and_is_recorded(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    reopen(lead, essex, reason="")
    essex.refresh_from_db()
    assert essex.status == Inspection.Status.PUBLISHED
    reopen(lead, essex)
    essex.refresh_from_db()
    assert essex.status == Inspection.Status.DRAFTING
    assert essex.history.first().history_change_reason == "reopened: Correcting a finding"
    assert essex.history.first().history_user.username == "lead"


def test_stages_move_forward_one_at_a_time_by_the_lead(demo, as_user):
    mock = demo["mock"]
    assert as_user("inspector").post(f"/inspections/{mock.pk}/status/").status_code == 404
    as_user("lead").post(f"/inspections/{mock.pk}/status/", {"action": "advance"})
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.RATING


def test_discretion_is_checked_against_the_evidence(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    reopen(lead, essex)
    url = f"/inspections/{essex.pk}/discretion/"
    # 3.3.3 is at 73%: 7 points from the Outstanding edge, outside the margin.
    page = lead.post(url, {"standard": "3.3", "rating": "Outstanding", "reason": "Panel review"})
    assert page.status_code == 400
    text = html.unescape(page.content.decode())
    assert "outside the 5-point margin of error" in text
    assert not essex.discretion.filter(standard="3.3").exists()
    # Shown back as sent, so the reason typed is not lost.
    assert "Panel review</textarea>" in text
    assert '<option value="3.3" selected>' in text and "<option selected>Outstanding" in text
    # 2.4.3 is at 81%: within 5 points above the Outstanding edge, so it may move down.
    lead.post(url, {"standard": "2.4", "rating": "Good", "reason": "Review of cases"})
    standards, overall = rate_inspection(essex)
    assert next(s for s in standards if s.id == "2.4").rating == "Good"
    assert overall.score == 32
    lead.post(url, {"standard": "2.4", "withdraw": "1"})
    assert rate_inspection(essex)[1].score == 33


def test_forced_discretion_is_marked(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    reopen(lead, essex)
    lead.post(
        f"/inspections/{essex.pk}/discretion/",
        {"standard": "3.3", "rating": "Outstanding", "reason": "Exceptional work", "force": "on"},
    )
    page = lead.get(f"/inspections/{essex.pk}/ratings/").content.decode()
    assert "FORCED" in page


def _seen(page) -> str:
    import re

    return re.search(r'name="seen" value="(\d+)"', page.content.decode()).group(1)


def test_judgements_saved_meanwhile_are_not_overwritten(demo, as_user):
    mock, lead = demo["mock"], as_user("lead")
    url = f"/inspections/{mock.pk}/judgements/"
    lead.post(
        url, {"rating-1.1": "Good", "summary-1.1": "Minutes", "rationale-1.1": "First thoughts"}
    )
    first_tab, second_tab = _seen(lead.get(url)), _seen(lead.get(url))
    saved = lead.post(
        url,
        {
            "seen": first_tab,
            "rating-1.1": "Good",
            "summary-1.1": "Minutes",
            "rationale-1.1": "Tab one",
        },
    )
    assert saved.status_code == 302
    refused = lead.post(url, {"seen": second_tab, "rating-1.1": "Outstanding",
                              "summary-1.1": "Minutes", "rationale-1.1": "Tab two"})  # fmt: skip
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 409
    assert "Not saved: someone else saved this page" in page
    assert "lead changed rationale of standard 1.1" in page
    assert "Tab two" in page  # the refused words are shown back, not lost
    assert mock.judgements.get(standard="1.1").rationale == "Tab one"
    again = lead.post(url, {"seen": _seen(refused), "rating-1.1": "Outstanding",
                            "summary-1.1": "Minutes", "rationale-1.1": "Tab two"})  # fmt: skip
    assert again.status_code == 302
    assert mock.judgements.get(standard="1.1").rationale == "Tab two"


def test_a_refused_judgement_keeps_what_was_typed(demo, as_user):
    mock = demo["mock"]
    url = f"/inspections/{mock.pk}/judgements/"
    refused = as_user("lead").post(url, {"rating-1.1": "Good", "summary-1.1": "Board minutes read",
                                         "rating-1.2": "Excellent"})  # fmt: skip
    assert refused.status_code == 400
    assert "Board minutes read" in refused.content.decode()


def test_hostile_ids_and_unknown_standards_are_refused_not_errors(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    bad_id = lead.post(
        f"/inspections/{mock.pk}/content/", {"form": "delete", "what": "finding", "id": "abc"}
    )
    assert bad_id.status_code == 404
    huge = lead.post(f"/inspections/{mock.pk}/allocate/", {"allocate_to": "", "cases": ["9" * 30]})
    assert huge.status_code in (302, 400)
    refused = lead.post(
        f"/inspections/{mock.pk}/discretion/", {"standard": "9.9", "rating": "Good", "reason": "x"}
    )
    import html

    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and "'9.9' is not a standard" in page
    assert not mock.discretion.filter(standard="9.9").exists()


def test_opening_the_content_page_writes_nothing(demo, as_user):
    from yjinspect.web.workspace.models import FieldworkRecord, ReportText

    mock = demo["mock"]
    FieldworkRecord.objects.filter(inspection=mock).delete()
    ReportText.objects.filter(inspection=mock).delete()
    before = (FieldworkRecord.history.count(), ReportText.history.count())
    assert as_user("lead").get(f"/inspections/{mock.pk}/content/").status_code == 200
    assert not FieldworkRecord.objects.filter(inspection=mock).exists()
    assert not ReportText.objects.filter(inspection=mock).exists()
    assert (FieldworkRecord.history.count(), ReportText.history.count()) == before


@pytest.mark.parametrize("rating", ["", "Bogus", "good", "\x00"])
def test_a_discretion_rating_not_on_the_frameworks_scale_is_refused(demo, as_user, rating):
    """Attack 7: a rating the page does not offer reached the engine's scale (a 500)."""
    essex = demo["essex"]
    lead = as_user("lead")
    reopen(lead, essex)
    sent = {"standard": "2.4", "rating": rating, "reason": "Review of cases"}
    page = lead.post(f"/inspections/{essex.pk}/discretion/", sent)
    assert page.status_code == 400
    assert "choose a rating: Outstanding, Good" in html.unescape(page.content.decode())
    assert not essex.discretion.filter(standard="2.4").exists()


def test_a_standard_sent_with_a_nul_is_refused_before_any_query(demo, as_user):
    """A hidden field is not typed, but a crafted one must not reach the database: PostgreSQL
    refuses a NUL in a query with an error (a 500), SQLite would just find nothing."""
    mock = demo["mock"]
    lead = as_user("lead")
    url = f"/inspections/{mock.pk}/discretion/"
    recorded = lead.post(url, {"standard": "1.1\x00", "rating": "Good", "reason": "x"})
    assert recorded.status_code == 400 and "is not a standard" in recorded.content.decode()
    withdrawn = lead.post(url, {"standard": "1.1\x00", "withdraw": "1"})
    assert withdrawn.status_code == 400 and "is not a standard" in withdrawn.content.decode()


def test_a_nul_the_database_refuses_anywhere_is_a_bad_request_not_a_server_error(rf):
    """The safety net behind the checks: PostgreSQL's refusal of a NUL (a DataError) in a
    field no form checks is answered 400, naming it; any other DataError stays an error."""
    from django.db import DataError

    from yjinspect.web.inspections.middleware import BadInputMiddleware

    net = BadInputMiddleware(lambda request: None)
    sent = rf.post("/cases/1/answer/", {"key_question": "1.1\x00"})
    sent.resolver_match = None
    refused = net.process_exception(sent, DataError("text fields cannot contain NUL"))
    assert refused.status_code == 400 and "NUL character" in refused.content.decode()
    clean = rf.post("/cases/1/answer/", {"key_question": "1.1"})
    assert net.process_exception(clean, DataError("value too long")) is None
