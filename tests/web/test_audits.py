"""A service's own deep-dive audit: started by its QA lead (or an administrator) with its own
managers, its cases imported, labelled as an audit wherever it is listed or titled, a task list
of the steps an audit has, and never published."""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.web.inspections import stages
from yjinspect.web.inspections.tasks import Facts, Status, task_list
from yjinspect.web.qa.models import ServiceMember
from yjinspect.web.workspace.models import Inspection, Role, Service

from ..conftest import EXAMPLES
from .conftest import as_date_inputs

User = get_user_model()


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def own(demo, django_user_model):
    """A service with a QA lead and two managers from different teams; another service."""
    service = Service.objects.create(name="Own YJS", local_authority="Own", nation="England",
                                     kind="YJS")  # fmt: skip
    other = Service.objects.create(name="Other YJS", local_authority="Other", nation="Wales",
                                   kind="YOT")  # fmt: skip
    people = {}
    for name, role in (("ownlead", "qa_lead"), ("manager_a", "manager"), ("manager_b", "manager")):
        people[name] = django_user_model.objects.create(username=name)
        ServiceMember.objects.create(service=service, user=people[name], role=role)
    return {"service": service, "other": other, **people}


def audit_form(own, **changes):
    form = {
        "service": own["service"].pk,
        "framework_id": "hmip-yos-2018",
        "fieldwork_start": "2026-09-07",
        "fieldwork_end": "2026-09-25",
        f"user-{own['ownlead'].pk}": Role.LEAD,
        f"user-{own['manager_a'].pk}": Role.LOCAL_ASSESSOR,
        f"user-{own['manager_b'].pk}": Role.LOCAL_ASSESSOR,
    }
    form.update(changes)
    return as_date_inputs(form)


def start(as_user, own, **changes):
    return as_user("ownlead").post("/audits/new/", audit_form(own, **changes))


def with_twenty_cases(as_user, own):
    """A new audit and its lead's client, twenty demo cases imported as its chosen cases."""
    start(as_user, own)
    audit = Inspection.objects.get(kind="audit")
    rows = (EXAMPLES / "population-demo.csv").read_text().splitlines()[:21]
    sent = {"form": "import", "sample": SimpleUploadedFile("cases.csv", "\n".join(rows).encode())}
    client = as_user("ownlead")
    assert client.post(f"/inspections/{audit.pk}/sample/", sent).status_code == 302
    return audit, client


def test_a_service_qa_lead_starts_an_audit_with_their_own_managers(own, as_user):
    client = as_user("ownlead")
    assert "Start a deep-dive audit" in text_of(client.get("/"))
    page = text_of(client.get("/audits/new/"))
    assert "Set up a new deep-dive audit" in page
    assert "Own YJS" in page and "Other YJS" not in page  # only their own service
    assert "manager_a" in page and ">inspector<" not in page  # only its staff
    assert "Publication date" not in page and "Monitoring body" not in page
    assert "Lead of the audit" in page and "Lead inspector" not in page  # its own words
    response = start(as_user, own)
    assert response.status_code == 302, text_of(response)
    audit = Inspection.objects.get(service=own["service"])
    assert audit.kind == Inspection.Kind.AUDIT
    assert dict(audit.assignments.values_list("user__username", "role")) == {
        "ownlead": Role.LEAD, "manager_a": Role.LOCAL_ASSESSOR, "manager_b": Role.LOCAL_ASSESSOR,
    }  # fmt: skip
    home = text_of(client.get("/"))
    runs = "the audit runs 7 September 2026 to 25 September 2026"
    assert f"Deep-dive audit of Own YJS, {runs}" in home
    page = text_of(client.get(f"/inspections/{audit.pk}/"))
    assert '<h1 class="govuk-heading-l">Deep-dive audit of Own YJS</h1>' in page
    assert "never published" in page and "Publication" not in page


def test_an_audit_is_only_of_ones_own_service_with_its_own_staff(own, as_user):
    response = start(as_user, own, service=own["other"].pk)
    assert response.status_code == 400
    assert "Select a valid choice" in text_of(response)
    response = start(as_user, own, **{f"user-{own['manager_b'].pk}": Role.SERVICE_VIEWER})
    assert response.status_code == 400  # an audit has no readers from outside
    assert not Inspection.objects.filter(kind="audit").exists()


@pytest.mark.parametrize("who", ["lead", "inspector", "manager_a"])
def test_only_a_service_qa_lead_or_an_administrator_starts_an_audit(own, as_user, who):
    client = as_user(who)
    assert "Start a deep-dive audit" not in text_of(client.get("/"))
    assert client.get("/audits/new/").status_code == 404
    assert client.post("/audits/new/", audit_form(own)).status_code == 404


def test_an_administrator_starts_an_audit_led_by_the_service_qa_lead(own, as_user):
    response = as_user("admin").post("/audits/new/", audit_form(own))
    assert response.status_code == 302
    audit = Inspection.objects.get(kind="audit")
    assert audit.assignments.get(role=Role.LEAD).user == own["ownlead"]


def test_the_audits_cases_come_from_the_sample_import(own, as_user):
    audit, client = with_twenty_cases(as_user, own)
    assert audit.cases.filter(selection="sample").count() == 20
    page = text_of(client.get(f"/inspections/{audit.pk}/"))
    assert "Cases chosen" in page and "20 cases chosen" in page


def test_an_audits_task_list_has_the_steps_an_audit_has():
    names = [task.name for task in task_list(Facts(published=False, kind="audit"))]
    assert names == [
        "Set up the deep-dive audit", "Cases chosen", "Allocate the first assessors",
        "First assessments", "Second assessments", "Comparison and moderation",
        "Agreement and QA report",
    ]  # fmt: skip
    done = Facts(published=False, kind="audit", sampled=20, allocated=20, accepted=20,
                 second_marked=4, second_submitted=4, double_assessed=4)  # fmt: skip
    statuses = {task.name: task.status.value for task in task_list(done)}
    assert statuses["Agreement and QA report"] == "Completed"
    waiting = Facts(**{**done.__dict__, "second_marked": 5})
    statuses = {task.name: task.status.value for task in task_list(waiting)}
    assert statuses["Comparison and moderation"] == "In progress"
    unsettled = Facts(**{**done.__dict__, "unsettled": ("DEMO-0001",)})
    statuses = {task.name: task.status.value for task in task_list(unsettled)}
    assert statuses["Comparison and moderation"] == "In progress"
    assert statuses["Agreement and QA report"] == "In progress"
    inspection = [task.name for task in task_list(Facts(published=False))]
    assert "Publication" in inspection and "Second assessments" not in inspection


def test_an_audit_is_never_published(own, as_user):
    start(as_user, own)
    audit = Inspection.objects.get(kind="audit")
    for expected in ("fieldwork", "rating"):
        assert stages.advance(audit) == expected
    with pytest.raises(stages.Refused, match="never published"):
        stages.advance(audit)
    client = as_user("ownlead")
    assert client.get(f"/inspections/{audit.pk}/publish/").status_code == 404
    response = client.post(f"/inspections/{audit.pk}/status/")
    assert response.status_code == 400 and "never published" in text_of(response)
    assert "last stage of a deep-dive audit" in text_of(client.get(f"/inspections/{audit.pk}/"))
    audit.refresh_from_db()
    assert audit.status == "rating" and audit.publication_date is None


counts = st.integers(min_value=0, max_value=30)


@given(
    sampled=counts, allocated=counts, accepted=counts, marked=counts, submitted=counts,
    both=counts, unsettled=st.lists(st.sampled_from(["A-1", "A-2", "A-3"]), unique=True),
    published=st.booleans(),
)  # fmt: skip
def test_an_audits_task_list_never_has_a_publishing_step_and_settles_before_it_completes(
    sampled, allocated, accepted, marked, submitted, both, unsettled, published
):
    facts = Facts(published=published, kind="audit", sampled=sampled, allocated=allocated,
                  accepted=accepted, second_marked=marked, second_submitted=submitted,
                  double_assessed=both, unsettled=tuple(unsettled))  # fmt: skip
    found = {task.name: task for task in task_list(facts)}
    assert len(found) == 7
    assert not {"Publication", "Report and press release", "Factual accuracy check"} & set(found)
    if unsettled or both < marked or not both:
        assert found["Agreement and QA report"].status is not Status.COMPLETED
        assert found["Comparison and moderation"].status is not Status.COMPLETED


def test_an_audit_has_no_report_or_press_release_even_by_address(own, as_user):
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    client = as_user("ownlead")
    for address in ("report/", "content/", "report.html", "report.md", "report.pdf",
                    "press-release.md"):  # fmt: skip
        response = client.get(f"/inspections/{audit.pk}/{address}")
        assert response.status_code == 404, address


def test_the_demo_service_has_its_own_qa_lead_and_managers_to_try_an_audit(demo, as_user):
    service = Service.objects.get(name="Demo Youth Justice Service")
    staff = dict(service.members.values_list("user__username", "role"))
    assert staff == {"qalead": "qa_lead", "manager1": "manager", "manager2": "manager"}
    assert {"qalead", "manager1", "manager2"} <= set(demo["passwords"])
    page = text_of(as_user("qalead").get("/audits/new/"))
    assert "Demo Youth Justice Service" in page and "manager1" in page and "manager2" in page


def test_the_demo_administrator_records_a_services_members_in_the_admin_site(demo, as_user):
    client = as_user("admin")
    assert "Service members" in text_of(client.get("/admin/"))
    assert client.get("/admin/qa/servicemember/").status_code == 200
    assert client.get("/admin/qa/servicemember/add/").status_code == 200


def test_an_audit_with_no_staff_recorded_says_where_they_are_recorded(demo, as_user):
    ServiceMember.objects.all().delete()
    page = text_of(as_user("admin").get("/audits/new/"))
    assert "No staff recorded for these services yet" in page and "Service members" in page


def test_an_audits_stage_page_and_history_speak_of_the_audit(own, as_user):
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    client = as_user("ownlead")
    page = text_of(client.get(f"/inspections/{audit.pk}/status/"))
    assert "Move the deep-dive audit to fieldwork?" in page
    assert "published inspection" not in page  # an audit is never published nor reopened
    moved = client.post(f"/inspections/{audit.pk}/status/", follow=True)
    assert "The deep-dive audit is now at Fieldwork" in text_of(moved)
    assert "History of the deep-dive audit" in text_of(
        client.get(f"/inspections/{audit.pk}/history/")
    )


def test_an_audits_cases_are_chosen_not_sampled(own, as_user):
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    client = as_user("ownlead")
    tasks = text_of(client.get(f"/inspections/{audit.pk}/"))
    assert "Choose the cases first" in tasks and "Draw the sample first" not in tasks
    page = text_of(client.get(f"/inspections/{audit.pk}/sample/"))
    assert '<h1 class="govuk-heading-l">Cases chosen</h1>' in page


def test_an_audits_set_up_names_its_dates_and_lead_in_its_own_words(own, as_user):
    page = text_of(as_user("ownlead").get("/audits/new/"))
    assert "The audit starts" in page and "Fieldwork starts" not in page
    response = start(as_user, own, **{f"user-{own['ownlead'].pk}": Role.LOCAL_ASSESSOR})
    assert "Choose exactly one lead of the audit." in text_of(response)


def test_the_person_setting_up_an_audit_stays_its_lead_in_its_words(own, as_user):
    response = start(as_user, own, **{f"user-{own['ownlead'].pk}": Role.LOCAL_ASSESSOR,
                                      f"user-{own['manager_a'].pk}": Role.LEAD})  # fmt: skip
    said = text_of(response)
    assert "You stay the lead of the audit: you set it up." in said
    assert "lead inspector" not in said.lower()


def test_an_audit_has_no_factual_accuracy_check_or_draft_report_even_by_address(own, as_user):
    """Attack 7: the check, its draft report (the report under another address) and its log
    were open on an audit to its lead."""
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    client = as_user("ownlead")
    for address in ("accuracy/", "accuracy/draft.html", "accuracy/draft.pdf",
                    "accuracy/comments.csv", "accuracy/comments.xlsx"):  # fmt: skip
        response = client.get(f"/inspections/{audit.pk}/{address}")
        assert response.status_code == 404, address
    assert "Factual accuracy" not in text_of(client.get(f"/inspections/{audit.pk}/"))


def test_an_audit_exports_no_report_words(own, as_user):
    """Attack 7: an audit's page offered findings and recommendations exports, a report's
    words, though it has no report; an inspection keeps them."""
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    client = as_user("ownlead")
    page = text_of(client.get(f"/inspections/{audit.pk}/"))
    assert "export/sample.csv" in page
    assert "export/findings.csv" not in page and "export/recommendations.csv" not in page
    for name in ("findings", "recommendations"):
        assert client.get(f"/inspections/{audit.pk}/export/{name}.csv").status_code == 404
    tables = set(json.loads(client.get(f"/inspections/{audit.pk}/export/all.json").content))
    assert "sample" in tables and not {"findings", "recommendations"} & tables


def test_leading_an_audit_gives_no_hand_in_the_national_picture(own, as_user):
    """Attack 7: the lead of an audit counted as a lead inspector, so a service's QA lead could
    add published results to the national picture, or remove another's, once they led one."""
    from yjinspect.web.national.models import PublishedResults

    assert start(as_user, own).status_code == 302
    csv = "service,published,framework,overall,score\nMadeup YOT,2020-01-01,hmip-yos-2018,Good,25\n"
    client = as_user("ownlead")
    assert "national/results/" not in text_of(client.get("/national/"))
    upload = SimpleUploadedFile("made-up.csv", csv.encode())
    assert client.post("/national/results/", {"results": upload}).status_code == 404
    assert not PublishedResults.objects.exists()
    upload = SimpleUploadedFile("published.csv", csv.encode())
    assert as_user("lead").post("/national/results/", {"results": upload}).status_code == 302
    kept = PublishedResults.objects.get()
    removing = as_user("ownlead").post(f"/national/results/{kept.pk}/remove/")
    assert removing.status_code == 404
    assert PublishedResults.objects.filter(pk=kept.pk).exists()


def test_an_audit_marks_no_recurrence_of_the_services_previous_recommendations(demo, as_user):
    """Attack 7: an audit of a service with a published inspection took "Repeated by" marks,
    which belong to the next inspection's report (an audit has none)."""
    from yjinspect.web.plans.models import Recurrence

    essex = demo["essex"].service
    ServiceMember.objects.create(service=essex, user=User.objects.get(username="viewer"),
                                 role="qa_lead")  # fmt: skip
    audit = Inspection.objects.create(service=essex, kind="audit", framework_id="hmip-yos-2018",
                                      fieldwork_start=demo["later"].fieldwork_start)  # fmt: skip
    audit.assignments.create(user=User.objects.get(username="viewer"), role=Role.LEAD)
    client = as_user("viewer")
    assert "Repeated by" not in text_of(client.get(f"/inspections/{audit.pk}/"))
    sent = {"number": "1", "recurs_as": ""}
    assert client.post(f"/inspections/{audit.pk}/previous/recurs/", sent).status_code == 404
    assert not Recurrence.objects.filter(inspection=audit).exists()


def test_an_audits_history_names_its_roles_and_dates_in_its_own_words(own, as_user):
    assert start(as_user, own).status_code == 302
    audit = Inspection.objects.get(service=own["service"])
    page = text_of(as_user("ownlead").get(f"/inspections/{audit.pk}/history/"))
    assert "Lead of the audit" in page and "Manager (assesses cases)" in page
    assert "Set-up: The audit starts" in page and "Set-up: The audit ends" in page
    assert "Lead inspector" not in page and "Local assessor" not in page
    assert "Fieldwork starts" not in page and "Fieldwork ends" not in page


def test_the_home_page_tells_two_audits_apart_in_the_audits_words(own, as_user):
    for _ in range(2):
        assert start(as_user, own).status_code == 302
    first, second = Inspection.objects.filter(kind="audit").order_by("pk")
    home = text_of(as_user("ownlead").get("/"))
    runs = "Deep-dive audit of Own YJS, the audit runs 7 September 2026 to 25 September 2026"
    assert f"{runs} (audit {first.pk})" in home and f"{runs} (audit {second.pk})" in home
    assert "The audit runs</dt>" in home
    assert "(inspection" not in home and "fieldwork" not in home.lower()


def test_an_audits_fixed_framework_and_results_file_are_said_in_an_audits_words(own, as_user):
    audit, client = with_twenty_cases(as_user, own)
    set_up = text_of(client.get(f"/inspections/{audit.pk}/set-up/"))
    assert "(fixed: the cases chosen are assessed under it)" in set_up
    assert "sample is drawn" not in set_up
    page = text_of(client.get(f"/inspections/{audit.pk}/"))
    assert "Download the results file" in page and "<code>yjinspect rate</code>" in page
    assert "yjinspect report" not in page and "the report's words" not in page
    assert "a deep-dive audit has no report" in page


def selected(page, select_id):
    """The value of the option chosen when the page is drawn, in the select `select_id`."""
    drawn = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S)
    found = re.search(r'<option value="([^"]*)"[^>]*selected', drawn.group(0))
    return found.group(1) if found else None


def test_a_new_audit_starts_on_todays_framework_with_its_starter_as_lead(own, as_user):
    page = text_of(as_user("ownlead").get("/audits/new/"))
    assert selected(page, "inspection-framework_id") == "hmip-yjs-2021"  # in force today
    assert selected(page, f"team-user-{own['ownlead'].pk}") == Role.LEAD
    assert selected(page, f"team-user-{own['manager_a'].pk}") == ""
    chosen = {f"user-{own['ownlead'].pk}": Role.LEAD, "framework_id": "hmip-yjs-2021"}
    form = {**audit_form(own), **chosen}  # as the page is sent, its pre-set choices kept
    assert as_user("ownlead").post("/audits/new/", form).status_code == 302
    admin = text_of(as_user("admin").get("/audits/new/"))
    assert selected(admin, f"team-user-{own['ownlead'].pk}") == ""  # never the administrator


def test_a_date_that_does_not_exist_is_said_to_be_so(own, as_user):
    response = start(as_user, own, fieldwork_end="2027-02-31")
    assert response.status_code == 400
    said = text_of(response)
    assert "Enter a real date: 31 February 2027 does not exist." in said
    assert "a day, a month and a 4-digit year" not in said
