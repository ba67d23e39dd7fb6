"""Every page for every role: allowed, or a 404 that reveals nothing; sign-in everywhere."""

import pytest

from .conftest import allocated_case

ROLES = ["admin", "lead", "inspector", "assessor", "viewer", "monitor", "qalead"]


def with_qa_lead(demo):
    """The quality assurance lead of the mock inspection (issue 17): not in the demo data."""
    from .test_qa import qa_lead

    qa_lead(demo["mock"])


def urls(demo):
    essex, mock = demo["essex"], demo["mock"]
    mine = allocated_case(mock, "assessor")
    theirs = allocated_case(mock, "inspector")
    essex_case = essex.cases.first()
    return {
        "home": "/",
        "essex": f"/inspections/{essex.pk}/",
        "essex ratings": f"/inspections/{essex.pk}/ratings/",
        "essex judgements": f"/inspections/{essex.pk}/judgements/",
        "essex sample": f"/inspections/{essex.pk}/sample/",
        "essex content": f"/inspections/{essex.pk}/content/",
        "essex cases": f"/inspections/{essex.pk}/cases/",
        "essex case": f"/cases/{essex_case.pk}/",
        "mock": f"/inspections/{mock.pk}/",
        "mock cases": f"/inspections/{mock.pk}/cases/",
        "mock ratings": f"/inspections/{mock.pk}/ratings/",
        "mock judgements": f"/inspections/{mock.pk}/judgements/",
        "mock sample": f"/inspections/{mock.pk}/sample/",
        "mock content": f"/inspections/{mock.pk}/content/",
        "assessor's case": f"/cases/{mine.pk}/",
        "assessor's case history": f"/cases/{mine.pk}/history/",
        "inspector's case": f"/cases/{theirs.pk}/",
        "new inspection": "/inspections/new/",
        "new audit": "/audits/new/",
        "essex set-up": f"/inspections/{essex.pk}/set-up/",
        "mock set-up": f"/inspections/{mock.pk}/set-up/",
        "mock report": f"/inspections/{mock.pk}/report/",
        "mock report preview": f"/inspections/{mock.pk}/report.html",
        "mock report (Markdown)": f"/inspections/{mock.pk}/report.md",
        "mock press release": f"/inspections/{mock.pk}/press-release.txt",
        "mock results file": f"/inspections/{mock.pk}/results.yaml",
        "mock export": f"/inspections/{mock.pk}/export/all.json",
        "essex report": f"/inspections/{essex.pk}/report/",
        **plan_urls(demo),
    }


def plan_urls(demo):
    """The improvement plan's pages (the demo's Essex plan, with a progress report and a file)."""
    from yjinspect.web.plans.models import Action, ProgressReport, ProgressUpdate

    essex = demo["essex"]
    action = Action.objects.filter(recommendation__inspection=essex).first()
    update = ProgressUpdate.objects.filter(action=action).first()
    update.file_name, update.file_type, update.file_content = "a.txt", "text/plain", b"x"
    update.save()
    report = ProgressReport.objects.create(
        plan=essex.plan, as_of=essex.publication_date, snapshot=_empty_snapshot(essex),
        made_by=essex.assignments.get(role="service_viewer").user,
    )  # fmt: skip
    return {
        "essex plan": f"/inspections/{essex.pk}/plan/",
        "essex plan action": f"/plan/actions/{action.pk}/",
        "essex plan reports": f"/inspections/{essex.pk}/plan/reports/",
        "essex plan report (PDF)": f"/plan/reports/{report.pk}.pdf",
        "essex plan attachment": f"/plan/updates/{update.pk}/file",
        "essex plan add action": (
            f"/inspections/{essex.pk}/plan/recommendations/{action.recommendation_id}/add/"
        ),
        "essex follow-up": f"/services/{essex.service_id}/plans/",
        "essex plan export": f"/inspections/{essex.pk}/plan/export/all.json",
    }


def _empty_snapshot(inspection):
    from yjinspect.plans.progress import snapshot
    from yjinspect.web.plans.facts import plan_facts

    return snapshot(
        plan_facts(inspection, inspection.publication_date), inspection.publication_date
    )


PLAN_READ = {"essex plan", "essex plan action", "essex plan reports", "essex plan report (PDF)",
             "essex plan attachment", "essex follow-up", "essex plan export"}  # fmt: skip


# What each role may open; everything else must be a 404.
ALLOWED = {
    # Administrators manage users and services, and start inspections; they read none.
    "admin": {"home", "new inspection", "new audit"},
    "lead": {"home", "essex", "essex ratings", "essex judgements", "essex sample", "mock sample",
             "essex content", "mock content",
             "essex cases", "essex case",
             "mock", "mock cases", "mock ratings", "mock judgements", "assessor's case",
             "assessor's case history", "inspector's case", "mock set-up", "mock report",
             "mock report preview", "mock report (Markdown)", "mock press release",
             "mock results file", "mock export", "essex report", *PLAN_READ},
    "inspector": {"home", "essex", "essex ratings", "essex judgements", "essex sample",
                  "essex content", "mock content",
                  "mock sample", "essex cases",
                  "essex case", "mock", "mock cases", "mock ratings", "mock judgements",
                  "assessor's case", "assessor's case history", "inspector's case",
                  "mock report", "mock report preview", "mock report (Markdown)",
                  "mock press release", "mock results file", "mock export", "essex report"},
    # A local assessor, during fieldwork: their own cases, and none of the inspection's drafts
    # (ratings, judgements, findings, the report, the press release, exports).
    "assessor": {"home", "mock", "mock cases", "assessor's case",
                 "assessor's case history"},
    "viewer": {"home", "essex", "essex ratings", "essex judgements", "essex content",
               "essex report", *PLAN_READ, "essex plan add action"},
    # The body that monitors the plan reads the published inspection as the service does (no
    # cases), and reads and reviews the plan, but does not write it.
    "monitor": {"home", "essex", "essex ratings", "essex judgements", "essex content",
                "essex report", *PLAN_READ},
    # The QA lead works on the inspection's quality assurance (tests/web/test_qa.py has those
    # pages): its page and the case list (showing only cases they may open: none), never its
    # cases' first assessments, drafts or exports. The demo's `qalead` is also its service's QA
    # lead, who starts that service's deep-dive audits.
    "qalead": {"home", "mock", "mock cases", "new audit"},
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(demo, as_user, role):
    with_qa_lead(demo)
    client = as_user(role)
    found = {name: client.get(url).status_code for name, url in urls(demo).items()}
    expected = {name: 200 if name in ALLOWED[role] else 404 for name in found}
    assert found == expected


def test_everything_needs_sign_in(demo, client):
    for url in urls(demo).values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_local_assessor_sees_only_their_cases(demo, as_user):
    page = as_user("assessor").get(f"/inspections/{demo['mock'].pk}/cases/").content.decode()
    mine = allocated_case(demo["mock"], "assessor").case_ref
    theirs = allocated_case(demo["mock"], "inspector").case_ref
    assert mine in page and theirs not in page


def test_service_viewer_cannot_see_an_unpublished_inspection(demo, as_user, django_user_model):
    from yjinspect.web.workspace.models import Assignment, Role

    viewer = django_user_model.objects.get(username="viewer")
    Assignment.objects.create(inspection=demo["mock"], user=viewer, role=Role.SERVICE_VIEWER)
    assert as_user("viewer").get(f"/inspections/{demo['mock'].pk}/").status_code == 404


def actions(demo):
    """Every URL that changes something, or hands out data, with a harmless request."""
    mock = demo["mock"]
    mine = allocated_case(mock, "assessor")
    return {
        "answer": (f"/cases/{mine.pk}/answer/", {"key_question": "x", "version": 0}),
        "comment": (f"/cases/{mine.pk}/comment/", {"overall_comment": "", "version": 0}),
        "submit": (f"/cases/{mine.pk}/status/", {"action": "submit", "version": 0}),
        "accept": (f"/cases/{mine.pk}/status/", {"action": "accept", "version": 0}),
        "replace": (f"/cases/{mine.pk}/replace/", {"reason": ""}),
        "allocate": (f"/inspections/{mock.pk}/allocate/", {}),
        "stage": (f"/inspections/{mock.pk}/status/", {"action": "reopen", "reason": ""}),
        "judgements": (f"/inspections/{mock.pk}/judgements/", {"rating-1.1": "Bad word"}),
        "discretion": (f"/inspections/{mock.pk}/discretion/", {"standard": "2.1"}),
        "content": (f"/inspections/{mock.pk}/content/", {"form": "survey"}),
        "results upload": (f"/inspections/{mock.pk}/results/", {}),
        "sample upload": (f"/inspections/{mock.pk}/sample/", {}),
        "results download": (f"/inspections/{mock.pk}/results.yaml", None),
        "set-up": (f"/inspections/{mock.pk}/set-up/", {}),
        "new inspection": ("/inspections/new/", {}),
        **plan_actions(demo),
    }


def plan_actions(demo):
    from yjinspect.web.plans.models import Action

    essex = demo["essex"]
    action = Action.objects.filter(recommendation__inspection=essex).first()
    plan = f"/inspections/{essex.pk}/plan"
    return {
        "plan add action": (f"{plan}/recommendations/{action.recommendation_id}/add/", {}),
        "plan action": (f"/plan/actions/{action.pk}/", {"form": "status"}),
        "plan update": (f"/plan/actions/{action.pk}/", {"form": "update"}),
        "plan comment": (f"{plan}/review/", {"action": "comment"}),
        "plan accept": (f"{plan}/review/", {"action": "accept"}),
        "plan report": (f"{plan}/reports/", {}),
    }


ACTIONS_ALLOWED = {
    "admin": {"new inspection"},
    "lead": {"answer", "comment", "submit", "accept", "replace", "allocate", "stage",
             "judgements", "discretion", "content", "results upload", "sample upload",
             "results download", "set-up", "plan comment", "plan accept"},
    "inspector": {"results download"},
    "assessor": {"answer", "comment", "submit"},
    "viewer": {"plan add action", "plan action", "plan update", "plan report"},
    "monitor": {"plan comment", "plan accept"},
    "qalead": set(),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_action_matrix(demo, as_user, role):
    """Refused actions are 404s; allowed ones get past the permission check (any other status)."""
    with_qa_lead(demo)
    client = as_user(role)
    allowed = set()
    for name, (url, data) in actions(demo).items():
        response = client.get(url) if data is None else client.post(url, data)
        if response.status_code != 404:
            allowed.add(name)
    assert allowed == ACTIONS_ALLOWED[role]


def test_every_page_names_an_icon_that_exists(demo, as_user):
    import re

    from django.conf import settings
    from django.contrib.staticfiles import finders

    page = as_user("lead").get("/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert finders.find(href.removeprefix(settings.STATIC_URL)) is not None


def test_browsers_asking_for_favicon_ico_get_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("workspace/favicon.svg")


def test_every_page_has_a_plain_title_and_unique_ids(demo, as_user):
    """A block left open in a template once put a whole form inside <title>, and three forms
    on one page once gave their fields the same ids (so labels pointed at the wrong field)."""
    import re
    from collections import Counter

    client = as_user("lead")
    for name, url in urls(demo).items():
        if url.rsplit("/", 1)[-1]:
            continue  # a file (report, export), not a page
        page = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
        assert "<" not in title and len(title) < 120, (name, title)
        assert title.endswith("– yjinspect"), (name, title)
        repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
        assert repeated == [], (name, repeated)
