"""The ratings are computed once per change of their evidence (issue 15): whatever feeds them
changes, the page shows the new rating at once; unchanged, it is served from the cache."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from yjinspect.web.workspace import evidence
from yjinspect.web.workspace.evidence import evidence_version, feeds_ratings
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Finding


def _row(client, inspection, row_id):
    page = client.get(f"/inspections/{inspection.pk}/ratings/").content.decode()
    row = page[page.index(f'id="{row_id}"') :].split("</tr>")[0]
    return re.sub(r"<[^>]+>", " ", row)


def _yes_no(client, inspection):
    """3.4.2's yes and no counts as the page shows them."""
    cells = re.findall(r"\s(\d+)\s", _row(client, inspection, "kq-342"))
    return int(cells[0]), int(cells[1])


def _accepted_answer(inspection, value):
    return (
        Answer.objects.filter(
            assessment__case__inspection=inspection,
            assessment__case__selection=Case.Selection.SAMPLE,
            assessment__status=CaseAssessment.Status.ACCEPTED,
            key_question="3.4.2",
            value=value,
        )
        .select_related("assessment__case")
        .first()
    )


def test_every_change_of_evidence_shows_at_once(demo, as_user):
    essex, client = demo["essex"], as_user("lead")
    assert "Good" in _row(client, essex, "standard-34")
    # Discretion withdrawn first (changed counts could refuse it).
    discretion = essex.discretion.get(standard="3.4")
    discretion.delete()
    assert "Requires improvement" in _row(client, essex, "standard-34")

    yes, no = _yes_no(client, essex)
    answer = _accepted_answer(essex, "no")  # an answer changed
    answer.value = "yes"
    answer.save()
    assert _yes_no(client, essex) == (yes + 1, no - 1)

    assessment = answer.assessment  # an assessment returned to its assessor: not counted
    assessment.status = CaseAssessment.Status.RETURNED
    assessment.save()
    assert _yes_no(client, essex) == (yes, no - 1)

    case = _accepted_answer(essex, "yes").assessment.case  # a case taken out of the sample
    case.selection = Case.Selection.REPLACED
    case.save()
    assert _yes_no(client, essex) == (yes - 1, no - 1)

    judgement = essex.judgements.get(standard="1.1")  # a judgement changed
    judgement.rating = "Inadequate"
    judgement.save()
    assert "Inadequate" in _row(client, essex, "standard-11")

    before = evidence_version(essex)  # the framework (or its version) changed
    essex.framework_version = "2018.1"
    essex.save()
    assert evidence_version(essex) != before


def test_an_unchanged_inspection_is_rated_from_the_cache(demo, as_user):
    client, address = as_user("lead"), f"/inspections/{demo['essex'].pk}/ratings/"
    client.get(address)
    with CaptureQueriesContext(connection) as cached:
        page = client.get(address)
    assert "Overall: Outstanding" in page.content.decode()
    rated = [q["sql"] for q in cached.captured_queries if "workspace_answer" in q["sql"]]
    assert all("historical" in sql for sql in rated), rated  # no tally of the answers


def test_another_app_adds_its_table_to_the_key(demo):
    """As the moderation of answers will: a table registered with `feeds_ratings` changes the
    key when its rows change."""
    essex = demo["essex"]
    before = evidence_version(essex)
    Finding.objects.create(inspection=essex, standard="1.1", kind="strength", text="Clear")
    assert evidence_version(essex) == before
    feeds_ratings("findings")(lambda pk: Finding.history.filter(inspection_id=pk))
    try:
        registered = evidence_version(essex)
        Finding.objects.create(inspection=essex, standard="1.1", kind="strength", text="More")
        assert evidence_version(essex) != registered
    finally:
        del evidence._FEEDS["findings"]


def test_the_key_is_one_query(demo):
    with CaptureQueriesContext(connection) as queries:
        evidence_version(demo["essex"])
    assert len(queries.captured_queries) == 1
