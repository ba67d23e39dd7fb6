"""The lead's inspection-level work: set-up in the workspace, the task list, publishing checked
and confirmed, a published inspection read-only, and the admin site kept to users and services."""

import html
import re
from datetime import date

import pytest
import rules
from django.contrib.auth import get_user_model
from django.utils import timezone

from yjinspect.web.workspace.models import Case, Inspection, Role

from .conftest import allocated_case, as_date_inputs, judge_one_standard


def text_of(response):
    return html.unescape(response.content.decode())


def set_up_form(django_user_model, service, **changes):
    users = {u.username: u for u in django_user_model.objects.all()}
    form = {
        "service": service.pk,
        "framework_id": "hmip-yjs-2021",
        "fieldwork_start": "2026-09-07",
        "fieldwork_end": "2026-09-11",
        "publication_date": "",
        f"user-{users['lead'].pk}": Role.LEAD,
        f"user-{users['inspector'].pk}": Role.INSPECTOR,
        f"user-{users['assessor'].pk}": Role.LOCAL_ASSESSOR,
    }
    form.update(changes)
    return as_date_inputs(form)


def test_an_administrator_sets_up_an_inspection_in_the_workspace(demo, as_user, django_user_model):
    service = demo["mock"].service
    admin = as_user("admin")
    assert "Set up a new inspection" in text_of(admin.get("/"))
    response = admin.post("/inspections/new/", set_up_form(django_user_model, service))
    assert response.status_code == 302
    created = Inspection.objects.get(fieldwork_start=date(2026, 9, 7))
    assert created.framework_id == "hmip-yjs-2021" and created.framework_version
    assert created.role_of(django_user_model.objects.get(username="lead")) == Role.LEAD
    assert created.assignments.get(role=Role.LEAD).history.first().history_user.username == "admin"
    # The lead sees it at once, and sets the publication date on the same page later.
    lead = as_user("lead")
    assert lead.get(f"/inspections/{created.pk}/").status_code == 200
    changed = set_up_form(django_user_model, service, **{"publication_date": "2026-12-06"})
    assert lead.post(f"/inspections/{created.pk}/set-up/", changed).status_code == 302
    created.refresh_from_db()
    assert created.publication_date == date(2026, 12, 6)
    # The page shows the dates saved, in GOV.UK's day, month and year boxes.
    again = lead.get(f"/inspections/{created.pk}/set-up/").content.decode()
    for name, value in (
        ("publication_date-day", "6"),
        ("publication_date-month", "12"),
        ("publication_date-year", "2026"),
        ("fieldwork_start-day", "7"),
    ):
        assert f'name="{name}" id="inspection-{name}"' in again
        assert re.search(f'name="{name}"[^>]*value="{value}"', again), name


def test_the_framework_is_chosen_from_a_list_not_typed(demo, as_user, django_user_model):
    form = set_up_form(django_user_model, demo["mock"].service,
                       **{"framework_id": "hmip-yjs-2O21"})  # fmt: skip
    response = as_user("admin").post("/inspections/new/", form)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and 'href="#inspection-framework_id"' in page
    assert "novalidate" in page  # the error summary, not the browser's pop-ups
    assert not Inspection.objects.filter(framework_id="hmip-yjs-2O21").exists()


def test_set_up_refuses_a_team_without_one_lead_and_an_administrator_assigning_themselves(
    demo, as_user, django_user_model
):
    admin_user = django_user_model.objects.get(username="admin")
    service = demo["mock"].service
    no_lead = set_up_form(django_user_model, service)
    no_lead = {k: ("" if v == Role.LEAD else v) for k, v in no_lead.items()}
    assert "Choose exactly one lead inspector." in text_of(
        as_user("admin").post("/inspections/new/", no_lead)
    )
    himself = set_up_form(django_user_model, service, **{f"user-{admin_user.pk}": Role.INSPECTOR})
    response = as_user("admin").post("/inspections/new/", himself)
    assert response.status_code == 400
    assert "An administrator cannot give themselves a role." in text_of(response)
    assert Inspection.objects.count() == 4  # the demo's, none added


def test_only_staff_or_those_allowed_start_an_inspection(demo, as_user):
    for name in ("lead", "inspector", "assessor", "viewer"):
        assert as_user(name).get("/inspections/new/").status_code == 404


def test_the_task_list_shows_each_piece_of_work_with_its_status(demo, as_user):
    mock = demo["mock"]
    page = text_of(as_user("lead").get(f"/inspections/{mock.pk}/"))
    tasks = page[page.index('id="tasks"') : page.index("</ul>", page.index('id="tasks"'))]
    sampled = mock.cases.filter(selection=Case.Selection.SAMPLE).count()
    assert f"0 of {sampled} accepted" in tasks and f"12 of {sampled} allocated" in tasks
    for name in ("Set up the inspection", "Population and sample", "Allocate the cases",
                 "Case assessment", "Organisational evidence and judgements",
                 "Ratings and discretion", "Report content", "Report and press release",
                 "Publication"):  # fmt: skip
        assert name in tasks
    assert "Cannot start yet" in tasks  # the report before any rating


def test_the_published_demo_inspection_shows_its_cases_allocated(demo, as_user):
    essex = demo["essex"]
    page = text_of(as_user("lead").get(f"/inspections/{essex.pk}/"))
    tasks = page[page.index('id="tasks"') : page.index("</ul>", page.index('id="tasks"'))]
    assert "71 of 71 allocated" in tasks and "71 of 71 accepted" in tasks


def test_nothing_rated_is_neither_drafted_nor_published_whatever_the_reason(demo, as_user):
    """A report without a single rating says nothing, and the national picture cannot count
    it: the move to drafting and publishing are refused outright, not overridden by a reason."""
    mock = demo["mock"]
    lead = as_user("lead")
    assert lead.post(f"/inspections/{mock.pk}/status/", {"action": "advance"}).status_code == 302
    refused = lead.post(f"/inspections/{mock.pk}/status/", {"action": "advance"})
    assert refused.status_code == 400
    assert "There is no report to draft. No standard has a rating yet" in text_of(refused)
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.RATING
    mock.status = Inspection.Status.DRAFTING  # as an inspection moved on before this rule
    mock.save()
    page = text_of(lead.get(f"/inspections/{mock.pk}/publish/"))
    assert "It cannot be published yet" in page and "No standard has a rating yet" in page
    assert "Publish anyway" not in page and 'name="reason"' not in page
    tasks = text_of(lead.get(f"/inspections/{mock.pk}/"))
    assert "Rate a standard first" in tasks
    why = "The board asked for it today"
    refused = lead.post(f"/inspections/{mock.pk}/publish/", {"reason": why})
    assert refused.status_code == 400 and "There is nothing to publish" in text_of(refused)
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.DRAFTING


def test_publishing_too_early_lists_what_is_outstanding_and_needs_a_reason(demo, as_user):
    mock = demo["mock"]
    mock.status = Inspection.Status.DRAFTING
    mock.save()
    judge_one_standard(mock)
    lead = as_user("lead")
    # The stage button goes to the check, it does not publish.
    assert lead.post(f"/inspections/{mock.pk}/status/", {"action": "advance"}).url.endswith(
        f"/inspections/{mock.pk}/publish/"
    )
    page = text_of(lead.get(f"/inspections/{mock.pk}/publish/"))
    sampled = mock.cases.filter(selection=Case.Selection.SAMPLE).count()
    assert f"{sampled} of {sampled} sampled cases are not accepted" in page
    assert "Counted standards not yet rated: 1.2 " in page
    assert "No publication date is set" in page and "The report has no foreword" in page
    refused = lead.post(f"/inspections/{mock.pk}/publish/", {"reason": " "})
    assert refused.status_code == 400 and "Say why you are publishing" in text_of(refused)
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.DRAFTING
    why = "Board asked for it now. " + "The management board meets next week. " * 8
    done = lead.post(f"/inspections/{mock.pk}/publish/", {"reason": why})
    assert done.status_code == 302
    mock.refresh_from_db()
    assert mock.status == Inspection.Status.PUBLISHED
    assert mock.publication_date == timezone.localdate()
    reason = mock.history.first().history_change_reason  # kept whole, however long
    assert reason.startswith("published with outstanding work") and why.strip() in reason
    assert mock.history.first().history_user.username == "lead"


def test_after_publishing_the_report_says_published_with_the_date(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": "A typo"})
    essex.refresh_from_db()
    assert essex.status == Inspection.Status.DRAFTING
    page = text_of(lead.get(f"/inspections/{essex.pk}/publish/"))
    assert "Nothing is outstanding" in page
    assert lead.post(f"/inspections/{essex.pk}/publish/", {}).status_code == 302
    report = text_of(lead.get(f"/inspections/{essex.pk}/report.html"))
    assert "Published 6 December 2018" in report and "Draft, not yet published" not in report
    assert "Published</strong> 6 December 2018" in text_of(
        lead.get(f"/inspections/{essex.pk}/report/")
    )


def write_requests(demo):
    """Every request that changes an inspection, against the published Essex inspection."""
    essex, cci = demo["essex"], demo["cci"]
    case = essex.cases.filter(selection=Case.Selection.SAMPLE).first()
    pk = essex.pk
    return {
        "set-up": (f"/inspections/{pk}/set-up/", {"fieldwork_start": "2018-10-02"}),
        "allocate": (f"/inspections/{pk}/allocate/", {f"allocate-{case.pk}": ""}),
        "replace from reserve": (f"/cases/{case.pk}/replace/", {"reason": "Transferred out"}),
        "answer": (f"/cases/{case.pk}/answer/", {"key_question": "2.1.1", "version": 1}),
        "comment": (f"/cases/{case.pk}/comment/", {"overall_comment": "x", "version": 1}),
        "return": (f"/cases/{case.pk}/status/", {"action": "return", "reason": "x"}),
        "judgements": (f"/inspections/{pk}/judgements/", {"rating-1.1": "Good"}),
        "discretion": (f"/inspections/{pk}/discretion/", {"standard": "2.1", "reason": "x"}),
        "content": (f"/inspections/{pk}/content/", {"form": "survey", "group": "x", "surveyed": 1}),
        "content removal": (f"/inspections/{pk}/content/",
                            {"form": "delete", "what": "recommendation", "id": 1}),
        "results upload": (f"/inspections/{pk}/results/", {}),
        "sample upload": (f"/inspections/{pk}/sample/", {}),
        "published scores upload": (f"/inspections/{cci.pk}/published-scores/", {}),
        "publish again": (f"/inspections/{pk}/publish/", {"reason": "x"}),
    }  # fmt: skip


def test_a_published_inspection_refuses_every_write_even_from_its_lead(demo, as_user):
    lead = as_user("lead")
    before = {m: m.history.count() for m in (demo["essex"],)}
    accepted = {(c.pk, c.assessment.version) for c in demo["essex"].cases.exclude(assessment=None)}
    for name, (url, data) in write_requests(demo).items():
        assert lead.post(url, data).status_code == 404, name
    demo["essex"].refresh_from_db()
    assert demo["essex"].history.count() == before[demo["essex"]]
    assert accepted == {
        (c.pk, c.assessment.version) for c in demo["essex"].cases.exclude(assessment=None)
    }


@pytest.mark.parametrize("status", [s for s, _ in Inspection.Status.choices])
@pytest.mark.parametrize("role", ["lead", "inspector", "assessor", "viewer", "admin"])
def test_no_write_permission_holds_on_a_published_inspection(demo, django_user_model, role, status):
    """The rule itself, for every role and stage: published means read-only (~is_published)."""
    mock = demo["mock"]
    user = django_user_model.objects.get(username=role)
    if role == "viewer":
        mock.assignments.create(user=user, role=Role.SERVICE_VIEWER)
    mock.status = status
    mock.save()
    case = allocated_case(mock, "assessor")
    writes = {
        "workspace.set_up_inspection": mock,
        "workspace.manage_inspection": mock,
        "workspace.record_judgement": mock,
        "workspace.assess_case": case,
        "workspace.review_assessment": case,
    }
    granted = {perm for perm, obj in writes.items() if rules.has_perm(perm, user, obj)}
    if status == Inspection.Status.PUBLISHED:
        assert granted == set()
    elif role == "lead":
        assert granted == set(writes)
    # Reopening is the one move left, and only to the lead.
    assert rules.has_perm("workspace.change_stage", user, mock) == (role == "lead")


def test_reopening_needs_the_lead_and_a_reason_then_writes_work_again(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    assert (
        lead.post(f"/inspections/{essex.pk}/judgements/", {"rating-1.3": "Good"}).status_code == 404
    )
    lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": ""})
    essex.refresh_from_db()
    assert essex.status == Inspection.Status.PUBLISHED
    lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": "Correction"})
    essex.refresh_from_db()
    assert essex.status == Inspection.Status.DRAFTING
    assert essex.history.first().history_change_reason == "reopened: Correction"


def test_a_mistyped_framework_id_is_a_page_that_says_so_not_a_server_error(demo, as_user):
    mock = demo["mock"]
    Inspection.objects.filter(pk=mock.pk).update(framework_id="hmip-yjs-2O21")
    lead = as_user("lead")
    page = lead.get(f"/inspections/{mock.pk}/")
    assert page.status_code == 200
    text = text_of(page)
    assert "'hmip-yjs-2O21'" in text and "Choose the framework in set-up" in text
    ratings = lead.get(f"/inspections/{mock.pk}/ratings/")
    assert ratings.status_code == 400
    assert "hmip-yjs-2O21: not a bundled framework" in text_of(ratings)
    assert "Go to your inspections" in text_of(ratings)
    assert lead.get("/").status_code == 200
    # Set-up offers the list, and choosing puts it right.
    form = as_date_inputs({"framework_id": "hmip-yjs-2021", "fieldwork_start": "2026-06-01",
                           "fieldwork_end": "2026-06-05"})  # fmt: skip
    form.update({f"user-{a.user_id}": a.role for a in mock.assignments.all()})
    assert lead.post(f"/inspections/{mock.pk}/set-up/", form).status_code == 302
    assert lead.get(f"/inspections/{mock.pk}/ratings/").status_code == 200


def test_a_missing_page_is_styled_with_a_way_back(demo, as_user):
    page = as_user("lead").get("/inspections/99999/")
    assert page.status_code == 404
    text = text_of(page)
    assert "govuk-heading-l" in text and "Page not found" in text
    assert 'href="/"' in text and "Go to your inspections" in text


def test_a_judgement_needs_its_evidence_summary_and_rationale(demo, as_user):
    mock = demo["mock"]
    url = f"/inspections/{mock.pk}/judgements/"
    response = as_user("lead").post(url, {"rating-1.1": "Good", "summary-1.1": "Minutes"})
    assert response.status_code == 400
    page = text_of(response)
    assert '<a href="#rationale-1-1">Give the rationale for the rating of standard 1.1.</a>' in page
    assert "Minutes</textarea>" in page  # what was typed is kept
    assert not mock.judgements.exists()


def test_ratings_number_their_footnotes_and_show_forced_discretion(demo, as_user):
    essex = demo["essex"]
    lead = as_user("lead")
    lead.post(f"/inspections/{essex.pk}/status/", {"action": "reopen", "reason": "Check"})
    url = f"/inspections/{essex.pk}/discretion/"
    refused = text_of(lead.post(url, {"standard": "3.3", "rating": "Outstanding", "reason": "R"}))
    assert "force: true" not in refused and "tick 'Force it outside the margin'" in refused
    lead.post(url, {"standard": "3.3", "rating": "Outstanding", "reason": "R", "force": "on"})
    page = text_of(lead.get(f"/inspections/{essex.pk}/ratings/"))
    row_33 = page[page.index('id="standard-33"') :].split("</tr>")[0]
    row_34 = page[page.index('id="standard-34"') :].split("</tr>")[0]
    assert 'href="#footnote-1"' in row_33 and "Forced" in row_33
    assert 'href="#footnote-2"' in row_34 and "Forced" not in row_34
    assert 'id="footnote-1">Standard 3.3' in page and 'id="footnote-2">Standard 3.4' in page
    # What would change it speaks of the rating shown, not of the evidence's.
    assert "Rated Good by professional discretion; the evidence alone gives Requires" in row_34
    assert "more yes for Good" not in row_34


def test_the_admin_site_holds_no_inspection_data_and_no_self_promotion(
    demo, as_user, django_user_model
):
    admin = as_user("admin")
    for url in ("/admin/workspace/inspection/", "/admin/workspace/assignment/",
                f"/admin/workspace/inspection/{demo['essex'].pk}/delete/"):  # fmt: skip
        assert admin.get(url).status_code == 404, url
    me = django_user_model.objects.get(username="admin")
    form = admin.get(f"/admin/auth/user/{me.pk}/change/")
    assert form.status_code == 200 and 'name="is_superuser"' not in form.content.decode()
    admin.post(f"/admin/auth/user/{me.pk}/change/", {
        "username": "admin", "is_superuser": "on", "is_staff": "on", "is_active": "on",
        "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })  # fmt: skip
    me.refresh_from_db()
    assert not me.is_superuser


def test_the_admin_site_cannot_unmake_a_team_or_rename_a_published_service(
    demo, as_user, django_user_model
):
    admin = as_user("admin")
    viewer = django_user_model.objects.get(username="viewer")
    assert admin.post(f"/admin/auth/user/{viewer.pk}/delete/", {"post": "yes"}).status_code == 403
    assert django_user_model.objects.filter(pk=viewer.pk).exists()
    essex = demo["essex"].service
    page = admin.get(f"/admin/workspace/service/{essex.pk}/change/").content.decode()
    assert 'name="name"' not in page  # shown, not editable
    admin.post(f"/admin/workspace/service/{essex.pk}/change/", {
        "name": "Renamed after publication", "local_authority": "Essex",
        "nation": "England", "kind": "YOS",
    })  # fmt: skip
    essex.refresh_from_db()
    assert essex.name != "Renamed after publication"


def test_a_draft_report_says_draft_even_with_its_publication_date_planned(demo, as_user):
    mock = demo["mock"]
    mock.publication_date = date(2026, 9, 10)
    mock.save()
    report = as_user("lead").get(f"/inspections/{mock.pk}/report.md").content.decode()
    assert "Draft, not yet published" in report and "Published 10 September" not in report
    page = text_of(as_user("lead").get(f"/inspections/{mock.pk}/report/"))
    assert "To be published 10 September 2026" in page


def test_the_leads_forms_leave_checking_to_the_server(demo, as_user):
    """No browser pop-ups: every form says novalidate, so errors come in the error summary."""
    import re

    lead = as_user("lead")
    essex, mock = demo["essex"], demo["mock"]
    for url in (f"/inspections/{mock.pk}/content/", f"/inspections/{mock.pk}/judgements/",
                f"/inspections/{mock.pk}/set-up/", f"/inspections/{mock.pk}/ratings/",
                f"/inspections/{mock.pk}/", f"/inspections/{essex.pk}/status/"):  # fmt: skip
        forms = re.findall(r"<form [^>]*>", lead.get(url).content.decode())
        posted = [f for f in forms if 'method="post"' in f and "logout" not in f]
        assert posted and all("novalidate" in f for f in posted), (url, posted)


def test_a_server_error_page_is_styled_with_a_way_back(rf):
    from django.views.defaults import server_error

    page = server_error(rf.get("/")).content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "govuk-template" in page and 'href="/"' in page


def test_a_published_inspections_dates_show_earlier_steps_done_and_the_plan_overdue(demo, as_user):
    essex = demo["essex"]  # published 6 December 2018; no draft or comments dates recorded
    page = as_user("lead").get(f"/inspections/{essex.pk}/").content.decode()
    rows = dict(re.findall(r'id="date-([a-z-]+)">(.*?)</div>', page, re.S))
    for key in ("provisional-findings", "draft-sent", "comments-due"):
        assert "Not recorded" in rows[key] and "Done" in rows[key], rows[key]
        assert "Overdue" not in rows[key] and "Expected" not in rows[key]
    assert "Overdue" not in rows["publication"]
    plan = essex.plan
    plan.accepted_on = None
    plan.save()
    page = as_user("lead").get(f"/inspections/{essex.pk}/").content.decode()
    rows = dict(re.findall(r'id="date-([a-z-]+)">(.*?)</div>', page, re.S))
    assert "3 January 2019" in rows["plan-due"] and "Overdue" in rows["plan-due"]


def _set_up_form(page: str) -> dict:
    """What a browser sends from the set-up page as drawn: its hidden fields, dates, roles."""
    sent = dict(re.findall(r'<input type="hidden" name="(seen\w*)" value="(\d*)">', page))
    for name in ("fieldwork_start", "fieldwork_end"):
        for part in ("day", "month", "year"):
            found = re.search(rf'name="{name}-{part}"[^>]*value="(\d*)"', page)
            sent[f"{name}-{part}"] = found.group(1) if found else ""
    for select in re.findall(r'<select name="(user-\d+)".*?</select>', page, re.S):
        block = page.split(f'<select name="{select}"', 1)[1].split("</select>", 1)[0]
        chosen = re.search(r'<option value="(\w*)" selected>', block)
        sent[select] = chosen.group(1) if chosen else ""
    return sent


def test_a_stale_set_up_page_does_not_undo_a_team_change_made_since(demo, as_user):
    """Attack 7: a set-up page left open in another tab, saved after the team changed, took
    the new member off the team again, silently."""
    mock, lead = demo["mock"], as_user("lead")
    url = f"/inspections/{mock.pk}/set-up/"
    stale = _set_up_form(lead.get(url).content.decode())
    monitor = get_user_model().objects.get(username="monitor")
    assert stale[f"user-{monitor.pk}"] == ""
    assert lead.post(url, {**stale, f"user-{monitor.pk}": "inspector"}).status_code == 302
    refused = lead.post(url, {**stale, "fieldwork_end-day": "6"})
    assert refused.status_code == 409
    said = text_of(refused)
    assert "someone else saved this page after you opened it" in said
    assert "lead recorded the role of monitor at" in said
    mock.refresh_from_db()
    assert mock.role_of(monitor) == "inspector" and mock.fieldwork_end.day == 5
    # The page shown carries the newer save: saving it again replaces it knowingly.
    again = _set_up_form(refused.content.decode())
    assert lead.post(url, {**again, "fieldwork_end-day": "6"}).status_code == 302
    mock.refresh_from_db()
    assert mock.fieldwork_end.day == 6


def test_the_home_page_tells_two_inspections_of_one_service_and_dates_apart(
    demo, as_user, django_user_model
):
    for _ in range(2):
        response = as_user("admin").post(
            "/inspections/new/", set_up_form(django_user_model, demo["mock"].service)
        )
        assert response.status_code == 302
    first, second = Inspection.objects.filter(fieldwork_start=date(2026, 9, 7)).order_by("pk")
    home = text_of(as_user("lead").get("/"))
    named = f"{demo['mock'].service.name}, fieldwork 7 September 2026 to 11 September 2026"
    assert f"{named} (inspection {first.pk})" in home
    assert f"{named} (inspection {second.pk})" in home
    assert "Fieldwork</dt>" in home


def test_an_inspections_fixed_framework_and_results_file_speak_of_its_sample_and_report(
    demo, as_user
):
    client = as_user("lead")
    mock = demo["mock"]
    set_up = text_of(client.get(f"/inspections/{mock.pk}/set-up/"))
    assert "(fixed: the sample is drawn under it)" in set_up
    page = text_of(client.get(f"/inspections/{mock.pk}/"))
    assert "discretion and the report's words, for <code>yjinspect rate</code> and" in page
    assert "<code>yjinspect report</code>)" in page


def test_a_new_inspection_starts_on_the_framework_in_force_today(demo, as_user):
    page = text_of(as_user("admin").get("/inspections/new/"))
    drawn = re.search(r'<select[^>]*id="inspection-framework_id".*?</select>', page, re.S)
    assert re.search(r'<option value="hmip-yjs-2021"[^>]*selected', drawn.group(0))
