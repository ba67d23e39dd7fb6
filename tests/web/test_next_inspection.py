"""The demo's later inspection of Essex (made up, at drafting under the 2021 standards) compared
with the published 2018 one: per standard then and now, what the 2018 plan says became of each
recommendation, and whether it recurs, which the lead marks (audited)."""

import html
import re

from yjinspect.web.plans.models import Recurrence
from yjinspect.web.workspace.models import Inspection, StandardJudgement

from .conftest import download


def _page(client, inspection):
    return client.get(f"/inspections/{inspection.pk}/").content.decode()


def test_the_later_inspection_shows_what_moved_since_2018(demo, as_user):
    later = demo["later"]
    page = _page(as_user("lead"), later)
    assert "Demonstration data" in later.report_text.foreword  # never taken for a real one
    assert "published 6 December 2018" in page and "standards are matched by their numbers" in page
    movement = page.split('id="movement"')[1].split("</dl>")[0]
    assert re.search(
        r"2\.2 Planning</dt>\s*<dd[^>]*>Outstanding then, Requires improvement now", movement
    )
    for word in ("Improved", "Declined", "Unchanged", "New standard"):
        assert word in movement
    listed = page.split('id="previous-recommendations"')[1].split("</ol>")[0]
    # From the 2018 plan, in one wording; each outcome a tag on its own line, red when overdue.
    tag = r'<p [^>]*><span class="govuk-visually-hidden">Improvement plan: </span>'
    tag += r'<strong class="govuk-tag govuk-tag--'
    assert re.search(tag + r'grey">1 of 2 actions complete<', listed)
    assert re.search(tag + r'grey">1 of 1 action complete<', listed)
    assert re.search(
        tag + r'red">0 of 1 action complete, 1 overdue<',
        listed,
    )
    assert "Completed" not in listed and "should: " in listed
    # The "Repeated by" choices are short enough for a 320 px screen.
    choices = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", page)
    assert choices and all(len(choice) <= 80 for choice in choices), choices
    assert listed.count('<option value="" selected>Not repeated</option>') == 4
    assert "Recurs: yes – recommendation 1 of this report" in listed
    assert listed.count("Recurs: no") == 4
    report = download(as_user("lead"), f"/inspections/{later.pk}/report.html").content.decode()
    declined = r">Outstanding</td><td [^>]*>Requires improvement</td><td [^>]*>Declined<"
    assert re.search(declined, report)
    assert "Recurs: yes – recommendation 1 of this report" in report


def test_the_lead_marks_which_recommendation_repeats_one_and_it_is_audited(demo, as_user):
    later, lead = demo["later"], as_user("lead")
    url = f"/inspections/{later.pk}/previous/recurs/"
    report_url = f"/inspections/{later.pk}/report.html"
    assert "recommendation 2 of this report" not in download(lead, report_url).content.decode()
    saved = lead.post(url, {"number": "5", "recurs_as": "2"})
    # Back where the lead was: at the recommendation just marked, not the list's top.
    assert saved.status_code == 302 and saved.url.endswith("#recurs-5")
    mark = Recurrence.objects.get(inspection=later, number=5)
    assert mark.recommendation == later.recommendations.all()[1]
    assert mark.history.latest().history_user.username == "lead"
    assert "Recurs: yes – recommendation 2 of this report" in _page(lead, later)
    report = download(lead, report_url).content.decode()
    assert "Recurs: yes – recommendation 2 of this report" in report  # rendered again
    # Taken back: recorded as deleted, and the page says it does not recur.
    assert lead.post(url, {"number": "5", "recurs_as": ""}).status_code == 302
    assert not Recurrence.objects.filter(inspection=later, number=5).exists()
    assert Recurrence.history.filter(number=5, history_type="-").exists()
    assert re.search(r'id="recurs-5">Recurs: no<', _page(lead, later))
    # Not one of this report's recommendations: said, and nothing changes.
    for wrong in ("9", "x", "9" * 5000):
        refused = lead.post(url, {"number": "1", "recurs_as": wrong}, follow=True)
        assert "Choose one of this report" in refused.content.decode()
    assert not Recurrence.objects.filter(inspection=later, number=1).exists()
    # 2018 made five recommendations: there is no sixth to mark.
    for number in ("6", "0", "9" * 5000):
        assert lead.post(url, {"number": number, "recurs_as": "1"}).status_code == 404


def test_only_the_lead_marks_and_only_before_publication(demo, as_user):
    later = demo["later"]
    url = f"/inspections/{later.pk}/previous/recurs/"
    assert "Repeated by" not in _page(as_user("inspector"), later)
    assert as_user("inspector").post(url, {"number": "1", "recurs_as": "1"}).status_code == 404
    assert as_user("viewer").post(url, {"number": "1", "recurs_as": "1"}).status_code == 404
    Inspection.objects.filter(pk=later.pk).update(status=Inspection.Status.PUBLISHED)
    assert as_user("lead").post(url, {"number": "1", "recurs_as": "1"}).status_code == 404
    assert not Recurrence.objects.filter(inspection=later, number=1).exists()


def _recurrence_form(page, number):
    """The hidden fields of the "Repeated by" form of previous recommendation `number`, as a
    browser would send them with the page."""
    form = next(f for f in page.split("<form") if f'name="number" value="{number}"' in f)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="(\d*)">', form))


def test_a_mark_made_in_another_tab_is_not_overwritten(demo, as_user):
    """Attack 7: a stale page's "Repeated by" replaced a mark made since, silently."""
    later, lead = demo["later"], as_user("lead")
    url = f"/inspections/{later.pk}/previous/recurs/"
    page = _page(lead, later)
    stale = {n: _recurrence_form(page, n) for n in (4, 5)}
    assert lead.post(url, {**stale[5], "recurs_as": "2"}).status_code == 302
    refused = lead.post(url, {**stale[5], "recurs_as": "1"}, follow=True)
    assert "Not saved: previous recommendation 5 was marked after you opened the page" in (
        html.unescape(refused.content.decode())
    )
    assert (
        Recurrence.objects.get(inspection=later, number=5).recommendation
        == (later.recommendations.all()[1])
    )
    # Another previous recommendation's mark is no conflict; the page drawn now saves.
    assert lead.post(url, {**stale[4], "recurs_as": "1"}).status_code == 302
    fresh = _recurrence_form(_page(lead, later), 5)
    assert lead.post(url, {**fresh, "recurs_as": "1"}).status_code == 302
    assert (
        Recurrence.objects.get(inspection=later, number=5).recommendation
        == (later.recommendations.all()[0])
    )


def test_the_later_inspections_judgements_can_be_saved_as_the_demo_leaves_them(demo):
    """The task list counts its six standards judged: each has the evidence summary and the
    rationale the judgements page asks for, so saving the page unchanged is not refused."""
    judged = StandardJudgement.objects.filter(inspection=demo["later"]).exclude(rating="")
    assert judged.count() == 6
    assert all(j.evidence_summary.strip() and j.rationale.strip() for j in judged)
