"""A service's own deep-dive audit, done when (issue 17): its QA lead starts an audit of twenty
cases, allocates the first assessors and the second (two managers from different teams), both
assess (the second blind), the comparison, moderation of a disagreement, the agreement page's
figures against an independent count, and the QA report downloaded. Most answers are seeded
through the models; the key steps are driven in the browser. The new pages fit 320 px."""

import io

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from yjinspect.web.qa.models import SecondAnswer, SecondAssessment, ServiceMember
from yjinspect.web.workspace.assessments import questions_for
from yjinspect.web.workspace.models import Answer, CaseAssessment, Inspection, Service

from ..conftest import EXAMPLES
from .conftest import console_errors, screenshot
from .test_accessibility import serious_violations
from .test_assessor_journey import HUMAN, answer_every_question
from .test_qa_journey import fits

User = get_user_model()


def staff(workspace):
    """Own YJS: its QA lead and two managers from different teams, with passwords."""
    service = Service.objects.create(name="Own YJS", local_authority="Own", nation="England",
                                     kind="YJS")  # fmt: skip
    for name, role in (("ownlead", "qa_lead"), ("manager_a", "manager"), ("manager_b", "manager")):
        user = User.objects.create(username=name, first_name="", last_name="")
        user.set_password(f"{name}-pass-2026")
        user.save()
        workspace["passwords"][name] = f"{name}-pass-2026"
        ServiceMember.objects.create(service=service, user=user, role=role)
    return service


def seed_first(case, values, status=CaseAssessment.Status.ACCEPTED):
    assessment = CaseAssessment.objects.create(case=case, status=status, version=1)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, key_question=kq, value=v, version=1)
        for kq, v in values.items()
    )


def all_yes(case):
    return {q.id: "yes" for _, questions in questions_for(case) for q in questions}


def test_a_service_runs_a_two_manager_deep_dive_of_twenty_cases(
    browser, sign_in, workspace, tmp_path
):
    url = workspace["url"]
    service = staff(workspace)
    lead = sign_in("ownlead")
    errors = console_errors(lead)

    # The QA lead starts the audit with the service's own managers.
    lead.click("text=Start a deep-dive audit")
    lead.select_option("#inspection-service", label="Own YJS")
    lead.select_option("#inspection-framework_id", value="hmip-yos-2018")
    for name, (day, month, year) in (("fieldwork_start", ("7", "9", "2026")),
                                     ("fieldwork_end", ("25", "9", "2026"))):  # fmt: skip
        for part, value in (("day", day), ("month", month), ("year", year)):
            lead.fill(f"#inspection-{name}-{part}", value)
    lead.select_option("label:has-text('ownlead') + select, #team-user-"
                       f"{User.objects.get(username='ownlead').pk}", "lead_inspector")  # fmt: skip
    for name in ("manager_a", "manager_b"):
        pk = User.objects.get(username=name).pk
        lead.select_option(f"#team-user-{pk}", "local_assessor")
    lead.click("button:has-text('Set up the deep-dive audit')")
    lead.get_by_text("Deep-dive audit set up.").wait_for()
    audit = Inspection.objects.get(service=service)
    assert audit.kind == "audit"
    assert lead.locator("h1").inner_text() == "Deep-dive audit of Own YJS"

    # Its twenty cases: pseudonymous references imported as the sample.
    rows = (EXAMPLES / "population-demo.csv").read_text().splitlines()[:21]
    cases_file = tmp_path / "audit-cases.csv"
    cases_file.write_text("\n".join(rows) + "\n")
    lead.click("a:has-text('Cases chosen')")
    lead.set_input_files("input[type=file][name=sample]", str(cases_file))
    lead.click("text=Import the sample")
    lead.get_by_text("Sample imported.").wait_for()
    cases = list(audit.cases.filter(selection="sample").order_by("order", "case_ref"))
    assert len(cases) == 20

    # First assessors: ten cases each, allocated on the case list.
    lead.goto(f"{url}/inspections/{audit.pk}/cases/")
    for name, half in (("manager_a", cases[:10]), ("manager_b", cases[10:])):
        for case in half:
            lead.check(f"#select-{case.pk}")
        lead.select_option("#allocate-to", label=name)
        lead.click("text=Allocate selected cases")
        lead.locator(f"#select-{half[-1].pk}").wait_for()
        lead.wait_for_load_state()
    assert {c.allocated_to.username for c in audit.cases.select_related("allocated_to")} == {
        "manager_a", "manager_b"
    }  # fmt: skip
    for case in audit.cases.all():
        assert (case.allocated_to.username == "manager_a") == (case in cases[:10])

    # Nineteen first assessments seeded; the twentieth (key) is done in the browser.
    key = cases[0]
    for case in cases[1:]:
        seed_first(case, all_yes(case))

    # Second assessors: a seeded dip sample of each manager's accepted cases, and the key case
    # marked by hand; each goes to the other manager.
    lead.goto(f"{url}/inspections/{audit.pk}/quality/")
    lead.fill("#id_share", "20")
    lead.fill("#id_seed", "20260907")
    lead.get_by_label("manager_a").check()
    lead.get_by_label("manager_b").check()
    lead.click("text=Draw the dip sample")
    lead.get_by_text("Dip sample drawn with seed 20260907: 4 cases marked").wait_for()
    lead.select_option("#id_case", str(key.pk))
    lead.select_option("#id_assessor", label="manager_b")
    lead.click("text=Mark for a second assessment")
    lead.get_by_text(f"{key.case_ref} is marked for a second assessment.").wait_for()
    seconds = SecondAssessment.objects.filter(case__inspection=audit).select_related("case")
    assert seconds.count() == 5
    assert all(s.assessor_id != s.case.allocated_to_id for s in seconds)

    # Manager A assesses the key case first.
    first = sign_in("manager_a")
    first.goto(f"{url}/cases/{key.pk}/")
    answer_every_question(first, "yes")
    note = first.locator("textarea[id^=evidence-]").first
    note.click()
    note.press_sequentially("FIRST-SECRET", delay=HUMAN)
    first.locator(".app-status").first.get_by_text("Saved").wait_for()
    first.click("button[value=submit]")
    first.get_by_text("Submitted for review.").wait_for()

    # Manager B assesses it again, blind, and records the child's views.
    second = sign_in("manager_b")
    second.goto(f"{url}/inspections/{audit.pk}/quality/")
    second.click(f"a[href='/cases/{key.pk}/second/']")
    second.wait_for_url(f"**/cases/{key.pk}/second/")
    assert "FIRST-SECRET" not in second.content()
    assert second.locator("input[name^=value-]:checked").count() == 0
    answer_every_question(second, "yes")
    form = second.locator("form.app-question[id^=question-]").first
    question = form.get_attribute("id").removeprefix("question-").replace("-", ".")
    form.locator("input[type=radio][value='no']").check()
    form.locator(".app-status").get_by_text("Saved").wait_for()
    views = second.locator("#child-views")
    views.click()
    views.press_sequentially("Felt heard", delay=HUMAN)
    second.check("#child-reached-1")
    second.locator("#status-views").get_by_text("Saved").wait_for()
    assert second.goto(f"{url}/cases/{key.pk}/").status == 404
    second.goto(f"{url}/cases/{key.pk}/second/")
    second.click("button[value=submit]")
    second.get_by_text("Second assessment submitted.").wait_for()

    # The dip sample's second assessments, seeded as submitted (agreeing with the first).
    for other in seconds.exclude(case=key):
        SecondAnswer.objects.bulk_create(
            SecondAnswer(assessment=other, key_question=kq, value=v, version=1)
            for kq, v in all_yes(other.case).items()
        )
        other.status = SecondAssessment.Status.SUBMITTED
        other.save()

    # The QA lead accepts the first, compares and settles the disagreement.
    lead.goto(f"{url}/cases/{key.pk}/")
    lead.click("button[value=accept]")
    lead.get_by_text("Accepted.").wait_for()
    lead.goto(f"{url}/inspections/{audit.pk}/quality/")
    lead.click(f"a[href='/cases/{key.pk}/compare/']")
    lead.wait_for_url(f"**/cases/{key.pk}/compare/")
    assert lead.locator(".govuk-tag", has_text="Different").count() == 1
    slug = question.replace(".", "")
    lead.check(f"#agree-{slug}-2")  # No
    reason = lead.locator(f"#reason-{slug}")
    reason.click()
    reason.press_sequentially("No plan for safety", delay=HUMAN)
    lead.click(f"text=Record the agreed answer to {question}")
    lead.get_by_text(f"The agreed answer to {question} is recorded.").wait_for()

    # The task list shows an audit's steps, all done; nothing about publishing.
    lead.goto(f"{url}/inspections/{audit.pk}/")
    tasks = lead.locator("#tasks").inner_text()
    for step in ("Cases chosen", "First assessments", "Second assessments",
                 "Comparison and moderation", "Agreement and QA report"):  # fmt: skip
        assert step in tasks
    assert "Publication" not in tasks and "press release" not in tasks
    assert "never published" in lead.locator("main").inner_text()

    # Agreement: the overall figures against an independent count over the five cases.
    pairs = sum(len(all_yes(s.case)) for s in seconds)
    lead.goto(f"{url}/inspections/{audit.pk}/agreement/")
    overall = lead.locator("table").first.locator("tbody tr").first
    assert overall.locator("[data-label=Pairs]").inner_text() == str(pairs)
    shown = overall.locator("[data-label=Agreement] .app-figure").inner_text()
    assert shown == f"{(pairs - 1) / pairs:.2f}"

    # The QA report, downloaded: the moderator's reason and the child's views in it.
    with lead.expect_download() as download:
        lead.click("text=Quality assurance figures (Excel workbook)")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    moderated = list(book["moderation"].values)[1]
    assert moderated[:6] == (key.case_ref, question, "yes", "no", "no", "No plan for safety")
    assert moderated[6] == "ownlead"
    assert (key.case_ref, "The child", "yes", "Felt heard") in list(book["views"].values)
    assert errors == []

    # The new pages at 320 px: no sideways scroll, no serious accessibility problem.
    narrow = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = narrow.new_page()
        page.goto(f"{url}/login/")
        page.fill("#id_username", "ownlead")
        page.fill("#id_password", workspace["passwords"]["ownlead"])
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")
        draft = SecondAssessment.objects.create(
            case=cases[1], assessor=User.objects.get(username="manager_b"), chosen="by_lead"
        )
        for name, path in (
            ("audit-home", "/"),
            ("audit-start", "/audits/new/"),
            ("audit-tasks", f"/inspections/{audit.pk}/"),
            ("audit-qa", f"/inspections/{audit.pk}/quality/"),
            ("audit-change-second", f"/cases/{draft.case_id}/second/change/"),
            ("audit-change-submitted", f"/cases/{key.pk}/second/change/"),
        ):
            page.goto(url + path)
            screenshot(page, f"{name}-320")
            assert fits(page), name
            assert serious_violations(page) == [], name
    finally:
        narrow.close()
