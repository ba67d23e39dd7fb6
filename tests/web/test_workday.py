"""A day's work (issue 12): every stage move confirmed, the report previewed before publishing,
the inspection's history, "select all" without scripts, previous/next following the list the
user came from, cases sorted by reference as people read them, and inspections of one service
told apart."""

import html
import re
from datetime import date

from yjinspect.web.assessments.queue import natural_key
from yjinspect.web.workspace.models import Case, Inspection, StandardJudgement


def text_of(response):
    return html.unescape(response.content.decode())


def test_every_stage_move_asks_for_confirmation_first(demo, as_user):
    mock = demo["mock"]  # at fieldwork
    lead = as_user("lead")
    task_list = text_of(lead.get(f"/inspections/{mock.pk}/"))
    # The task list's button opens the confirmation; nothing on it moves the stage at once.
    assert f'action="/inspections/{mock.pk}/status/"' not in task_list
    assert f'href="/inspections/{mock.pk}/status/"' in task_list
    page = lead.get(f"/inspections/{mock.pk}/status/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Move the inspection to rating?" in text and "Yes, move to rating" in text
    assert "{#" not in text and "{% comment" not in text  # no template comment shown
    main = text.split('id="main-content"')[1].split("</main>")[0]
    assert '<form method="post"' in main and "hx-" not in main  # a plain form, no scripts
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.FIELDWORK  # asking changes nothing
    assert lead.post(f"/inspections/{mock.pk}/status/", {"action": "advance"}).status_code == 302
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.RATING
    # Reopening a published inspection is confirmed too, with its reason on the same page.
    essex = demo["essex"]
    reopen = text_of(lead.get(f"/inspections/{essex.pk}/status/"))
    assert "Reopen the published inspection?" in reopen and 'name="reason"' in reopen
    refused = lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": ""})
    assert refused.status_code == 400 and "There is a problem" in text_of(refused)
    assert as_user("inspector").get(f"/inspections/{mock.pk}/status/").status_code == 404


def test_the_task_list_links_the_report_preview_before_publishing(demo, as_user):
    mock = demo["mock"]
    preview = f'href="/inspections/{mock.pk}/report.html"'
    for name in ("lead", "inspector"):
        assert preview in text_of(as_user(name).get(f"/inspections/{mock.pk}/")), name
    report = as_user("lead").get(f"/inspections/{mock.pk}/report.html")
    assert report.status_code == 200 and "Draft" in text_of(report)
    essex = demo["essex"]  # published: its report page is the report itself
    assert f'/inspections/{essex.pk}/report.html"' not in text_of(
        as_user("lead").get(f"/inspections/{essex.pk}/")
    )


def test_the_inspection_history_says_who_changed_what_with_the_reasons(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    case = mock.cases.filter(selection=Case.Selection.SAMPLE, allocated_to=None).first()
    lead.post(f"/inspections/{mock.pk}/allocate/", {"cases": [case.pk], "allocate_to":
              str(mock.assignments.get(user__username="inspector").user_id)})  # fmt: skip
    StandardJudgement.objects.create(
        inspection=mock, standard="1.1", rating="Good", evidence_summary="Board minutes"
    )
    for _ in range(2):
        lead.post(f"/inspections/{mock.pk}/status/", {"action": "advance"})
    lead.post(f"/inspections/{mock.pk}/publish/", {"reason": "The board asked for it today"})
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.PUBLISHED
    task_list = text_of(lead.get(f"/inspections/{mock.pk}/"))
    assert f'href="/inspections/{mock.pk}/history/"' in task_list
    page = text_of(lead.get(f"/inspections/{mock.pk}/history/"))
    assert "History of the inspection" in page
    for seen in ("Set-up: Stage", "Rating", "Drafting", "Published",
                 "published with outstanding work", "The board asked for it today",
                 f"Case {case.case_ref}: Allocated to",
                 "Team: assessor", "Local assessor",
                 "Judgement for standard 1.1: rating", "Board minutes"):  # fmt: skip
        assert seen in page, seen
    assert "lead" in page
    assert as_user("inspector").get(f"/inspections/{mock.pk}/history/").status_code == 200
    for name in ("assessor", "viewer", "admin"):  # never the whole story to them
        assert as_user(name).get(f"/inspections/{mock.pk}/history/").status_code == 404, name
        assert '/history/"' not in text_of(as_user(name).get(f"/inspections/{mock.pk}/")) or (
            name == "admin"
        )


def test_select_all_ticks_every_case_shown_without_scripts(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    url = f"/inspections/{mock.pk}/cases/?whose=all&status=&stream=court&assessor=&sort=case"
    page = text_of(lead.get(url))
    shown = re.findall(r'name="cases" value="(\d+)"', page)
    assert shown and not re.search(r'name="cases" value="\d+" checked', page)
    link = re.search(r'href="(\?[^"]*select=all)"', page).group(1)
    assert "stream=court" in link
    ticked = text_of(lead.get(f"/inspections/{mock.pk}/cases/{link}"))
    assert re.findall(r'name="cases" value="(\d+)" checked', ticked) == shown
    assert f"All {len(shown)} cases shown are selected" in ticked
    # The allocation goes back to the list as it was filtered.
    inspector = mock.assignments.get(user__username="inspector").user_id
    done = lead.post(f"/inspections/{mock.pk}/allocate/?whose=all&stream=court&sort=case",
                     {"cases": shown, "allocate_to": str(inspector)})  # fmt: skip
    assert done.url.endswith("?whose=all&stream=court&sort=case")
    court = mock.cases.filter(selection=Case.Selection.SAMPLE, stream="court")
    assert all(case.allocated_to_id == inspector for case in court)
    assert as_user("inspector").get(f"/inspections/{mock.pk}/cases/?select=all").status_code == 200
    assert "select=all" not in text_of(as_user("inspector").get(f"/inspections/{mock.pk}/cases/"))


def test_previous_and_next_follow_the_lists_filter_and_sort(demo, as_user):
    mock = demo["mock"]
    lead = as_user("lead")
    query = "whose=all&status=&stream=out_of_court&assessor=&sort=disposal"
    page = text_of(lead.get(f"/inspections/{mock.pk}/cases/?{query}"))
    listed = re.findall(r'href="/cases/(\d+)/\?([^"]*)"', page)
    assert listed and all(q == query for _, q in listed)
    ids = [int(pk) for pk, _ in listed]
    middle = ids[1]
    case_page = text_of(lead.get(f"/cases/{middle}/?{query}"))
    assert f'href="/cases/{ids[0]}/?{query}" rel="prev"' in case_page
    assert f'href="/cases/{ids[2]}/?{query}" rel="next"' in case_page
    assert f'href="/inspections/{mock.pk}/cases/?{query}"' in case_page  # back to that list
    # A move without scripts comes back to the case with the list still followed.
    assert f'action="/cases/{middle}/status/?{query}"' in case_page


def test_sort_by_case_puts_c2_before_c10():
    assert sorted(["C10", "C2", "c1", "C2a", "B7"], key=natural_key) == [
        "B7", "c1", "C2", "C2a", "C10"
    ]  # fmt: skip


def test_the_work_queue_sorts_by_case_reference_as_people_read_it(demo, as_user):
    mock = demo["mock"]
    sample = list(mock.cases.filter(selection=Case.Selection.SAMPLE).order_by("order")[:3])
    for case, ref in zip(sample, ["C10", "C2", "C1"], strict=True):
        case.case_ref = ref
        case.save()
    page = text_of(as_user("lead").get(f"/inspections/{mock.pk}/cases/?whose=all&sort=case"))
    refs = re.findall(r'rel="?[^>]*>(C\d+)</a>|>(C\d+)</a>', page)
    found = [a or b for a, b in refs]
    assert found[:3] == ["C1", "C2", "C10"]


def test_two_inspections_of_one_service_are_told_apart_on_the_home_page(demo, as_user):
    mock = demo["mock"]
    twin = Inspection.objects.create(
        service=mock.service, framework_id="hmip-yos-2018", framework_version="2018",
        fieldwork_start=mock.fieldwork_start, fieldwork_end=date(2026, 6, 3),
    )  # fmt: skip
    twin.assignments.create(user=mock.assignments.get(role="lead_inspector").user,
                            role="lead_inspector")  # fmt: skip
    page = text_of(as_user("lead").get("/"))
    titles = dict(re.findall(r'href="/inspections/(\d+)/">([^<]*)</a>', page))
    assert titles[str(mock.pk)] != titles[str(twin.pk)]
    assert "1 June 2026 to 5 June 2026" in titles[str(mock.pk)]
    assert "1 June 2026 to 3 June 2026" in titles[str(twin.pk)]
