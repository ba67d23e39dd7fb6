"""Quality assurance in the workspace: blind second assessments on the workbench, the access
matrix of the new pages, moderation, only agreed answers in the ratings, dip samples, the
agreement page and the QA report files."""

import io
import math
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from yjinspect.agreement.comparison import compare_answers
from yjinspect.web.qa import allocation
from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.workspace.assessments import NotAllowed, questions_for
from yjinspect.web.workspace.evidence import (
    agreed_answer_counts,
    framework_of,
    unsettled_disagreements,
)
from yjinspect.web.workspace.models import (
    Answer,
    Assignment,
    Case,
    CaseAssessment,
    Inspection,
    Role,
)

from .conftest import allocated_case
from .test_assessment import text

User = get_user_model()


def key_questions(case):
    return [q.id for _, qs in questions_for(case) for q in qs]


def first_assessment(case, values, status=CaseAssessment.Status.SUBMITTED):
    assessment = CaseAssessment.objects.create(case=case, status=status, version=1,
                                               overall_comment="FIRST-COMMENT")  # fmt: skip
    for kq, value in values.items():
        Answer.objects.create(assessment=assessment, key_question=kq, value=value,
                              evidence=f"FIRST-NOTE {kq}", version=1)  # fmt: skip
    return assessment


def second_answers(client, case, values):
    """The second assessor answers through the workbench's merged autosave, then submits."""
    version = 0
    for kq, value in values.items():
        sent = {"key_question": kq, f"value-{kq}": value, f"evidence-{kq}": f"SECOND-NOTE {kq}",
                "version": version}  # fmt: skip
        response = client.post(f"/cases/{case.pk}/second/answer/", sent, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content
        version += 1
    return client.post(f"/cases/{case.pk}/second/status/",
                       {"action": "submit", "version": version})  # fmt: skip


@pytest.fixture
def double(demo):
    """A mock case: first assessor "assessor", second assessor "inspector" (who, as an
    inspector, would otherwise read every case)."""
    case = allocated_case(demo["mock"], "assessor")
    allocation.allocate(case, User.objects.get(username="inspector"))
    qa_lead(demo["mock"])
    return case


def qa_lead(inspection, username="qalead"):
    """A quality assurance lead on the inspection: not its lead inspector."""
    user = User.objects.get_or_create(username=username)[0]
    Assignment.objects.create(inspection=inspection, user=user, role=Role.QA_LEAD)
    return user


def pages(case):
    inspection = case.inspection.pk
    return {
        "quality": f"/inspections/{inspection}/quality/",
        "agreement": f"/inspections/{inspection}/agreement/",
        "agreement pdf": f"/inspections/{inspection}/agreement.xlsx",
        "second": f"/cases/{case.pk}/second/",
        "second history": f"/cases/{case.pk}/second/history/",
        "compare": f"/cases/{case.pk}/compare/",
        "change": f"/cases/{case.pk}/second/change/",
        "first": f"/cases/{case.pk}/",
        "first history": f"/cases/{case.pk}/history/",
        "first print": f"/cases/{case.pk}/print/",
        "results file": f"/inspections/{inspection}/results.yaml",
        "export": f"/inspections/{inspection}/export/case_answers.csv",
        "ratings": f"/inspections/{inspection}/ratings/",
        "report": f"/inspections/{inspection}/report/",
        "report preview": f"/inspections/{inspection}/report.html",
        "press release": f"/inspections/{inspection}/press-release.md",
    }


COUNTED = {"results file", "export", "ratings", "report", "report preview", "press release"}


# Blind: while either assessment is open, neither assessor sees the other's; the lead (who is
# neither here) sees both. After both have submitted, all three compare. What is counted from
# every first assessment (COUNTED) is refused to a blind second assessor, saying why (403).
WHILE_BLIND = {
    "admin": set(),
    "lead": {"quality", "agreement", "agreement pdf", "second", "second history", "first",
             "first history", "first print", "change"} | COUNTED,
    # The QA lead runs the QA work without reading the cases' first assessments.
    "qalead": {"quality", "agreement", "agreement pdf", "second", "second history", "change"},
    "inspector": {"quality", "agreement", "agreement pdf", "second", "second history"},
    "assessor": {"first", "first history", "first print"},
    "viewer": set(),
}  # fmt: skip
BOTH_SUBMITTED = {
    "admin": set(),
    "lead": WHILE_BLIND["lead"] | {"compare"},
    "qalead": WHILE_BLIND["qalead"] | {"compare"},
    "inspector": {"quality", "agreement", "agreement pdf", "second", "second history", "compare",
                  "first", "first history", "first print"} | COUNTED,
    "assessor": {"first", "first history", "first print", "second", "second history", "compare"},
    "viewer": set(),
}  # fmt: skip


def statuses(as_user, role, case):
    client = as_user(role)
    return {name: client.get(url).status_code for name, url in pages(case).items()}


@pytest.mark.parametrize("role", list(WHILE_BLIND))
def test_access_matrix_while_blind(double, as_user, role):
    first_assessment(double, {})  # submitted: the second is still open
    refused = COUNTED if role == "inspector" else set()  # the second assessor, blind
    expected = {
        name: 200 if name in WHILE_BLIND[role] else 403 if name in refused else 404
        for name in pages(double)
    }
    assert statuses(as_user, role, double) == expected


@pytest.mark.parametrize("role", list(BOTH_SUBMITTED))
def test_access_matrix_once_both_submitted(double, as_user, role):
    values = {kq: "yes" for kq in key_questions(double)}
    first_assessment(double, values)
    assert second_answers(as_user("inspector"), double, values).status_code == 302
    expected = {name: 200 if name in BOTH_SUBMITTED[role] else 404 for name in pages(double)}
    assert statuses(as_user, role, double) == expected


def test_the_second_assessor_sees_nothing_of_the_first(double, as_user):
    questions = key_questions(double)
    first_assessment(double, {kq: "no" for kq in questions})
    client = as_user("inspector")
    page = text(client.get(f"/cases/{double.pk}/second/"))
    assert "FIRST-NOTE" not in page and "FIRST-COMMENT" not in page
    assert "Submitted" not in page  # the first's status
    assert 'name="value-' in page  # the questions, with no answer shown as given
    assert not re.search(r'name="value-[^"]*" type="radio" value="[^"]*" checked', page)
    queue = text(client.get(f"/inspections/{double.inspection.pk}/cases/"))
    assert double.case_ref not in queue
    listing = text(client.get(f"/inspections/{double.inspection.pk}/quality/"))
    assert double.case_ref in listing and "Submitted" not in listing
    second_answers(client, double, {questions[0]: "yes"})
    history = text(client.get(f"/cases/{double.pk}/second/history/"))
    assert "SECOND-NOTE" in history and "FIRST-NOTE" not in history
    assert "Allocated to" not in history  # the case's own changes name the first assessor


def test_the_first_assessor_does_not_see_the_second(double, as_user):
    questions = key_questions(double)
    second_answers(as_user("inspector"), double, {kq: "yes" for kq in questions})
    first_assessment(double, {}, status=CaseAssessment.Status.DRAFT)
    client = as_user("assessor")
    page = text(client.get(f"/cases/{double.pk}/"))
    assert "SECOND-NOTE" not in page
    assert client.get(f"/cases/{double.pk}/second/").status_code == 404


def test_second_answers_leave_the_first_assessment_alone(double, as_user):
    questions = key_questions(double)
    first_assessment(double, {kq: "no" for kq in questions}, status=CaseAssessment.Status.DRAFT)
    response = second_answers(as_user("inspector"), double, {questions[0]: "yes"})
    assert response.status_code == 400  # every key question first
    assert SecondAnswer.objects.get(key_question=questions[0]).value == "yes"
    assert set(Answer.objects.filter(assessment__case=double).values_list("value", flat=True)) == {
        "no"
    }
    assert SecondAssessment.objects.get(case=double).status == "draft"


def test_the_second_assessor_records_the_views_of_the_child_and_carer(double, as_user):
    client = as_user("inspector")
    sent = {"child_reached": "yes", "child_views": "Felt listened to",
            "carer_reached": "no", "carer_views": ""}  # fmt: skip
    assert client.post(f"/cases/{double.pk}/second/views/", sent).status_code == 302
    second = SecondAssessment.objects.get(case=double)
    assert (second.child_reached, second.child_views) == (True, "Felt listened to")
    assert second.carer_reached is False
    assert second.history.count() == 2  # allocated, then the views: audited
    page = text(client.get(f"/cases/{double.pk}/second/"))
    assert "Felt listened to" in page
    # The first assessor cannot write them.
    assert as_user("assessor").post(f"/cases/{double.pk}/second/views/", sent).status_code == 404


def test_the_first_assessor_cannot_be_the_second(demo):
    case = allocated_case(demo["mock"], "assessor")
    with pytest.raises(NotAllowed, match="is the first assessor"):
        allocation.allocate(case, case.allocated_to)
    assert not SecondAssessment.objects.exists()


def test_marking_refuses_the_first_assessor_on_the_page(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    response = as_user("lead").post(
        f"/inspections/{demo['mock'].pk}/quality/",
        {"form": "mark", "case": case.pk, "assessor": case.allocated_to_id},
    )
    assert response.status_code == 400
    assert "There is a problem" in text(response) and "is the first assessor" in text(response)
    assert not SecondAssessment.objects.exists()


def accept_all(inspection, value="yes"):
    cases = inspection.cases.filter(selection=Case.Selection.SAMPLE, allocated_to__isnull=False)
    for case in cases:
        first_assessment(case, {kq: value for kq in key_questions(case)[:1]},
                         status=CaseAssessment.Status.ACCEPTED)  # fmt: skip
    return cases


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)  # fmt: skip
@given(share=st.integers(1, 100), seed=st.integers(0, 2**32 - 1))
def test_a_dip_sample_takes_a_share_of_each_assessors_accepted_cases(demo, share, seed):
    inspection = demo["mock"]
    team = list(User.objects.filter(username__in=["lead", "inspector", "assessor"]))
    with transaction.atomic():
        cases = accept_all(inspection)
        made = allocation.dip_sample(inspection, share / 100, seed, team)
        for first in ("inspector", "assessor"):
            mine = [c for c in cases if c.allocated_to.username == first]
            chosen = [s for s in made if s.case.allocated_to.username == first]
            assert len(chosen) == math.ceil(share / 100 * len(mine))
        assert all(s.assessor_id != s.case.allocated_to_id for s in made)
        again = [s.case_id for s in made]
        SecondAssessment.objects.all().delete()
        assert [
            s.case_id for s in allocation.dip_sample(inspection, share / 100, seed, team)
        ] == again
        transaction.set_rollback(True)


def test_a_dip_sample_from_the_page_says_its_seed(demo, as_user):
    inspection = demo["mock"]
    accept_all(inspection)
    lead = User.objects.get(username="lead")
    response = as_user("lead").post(
        f"/inspections/{inspection.pk}/quality/",
        {"form": "dip", "share": "50", "seed": "7", "assessors": [lead.pk]}, follow=True,
    )  # fmt: skip
    assert "Dip sample drawn with seed 7: 6 cases" in text(response)
    assert SecondAssessment.objects.filter(chosen="dip_sample", assessor=lead).count() == 6
    bad = as_user("lead").post(f"/inspections/{inspection.pk}/quality/",
                               {"form": "dip", "share": "0", "seed": "x"})  # fmt: skip
    assert bad.status_code == 400 and "The share must be" in text(bad)


def moderated_case(double, as_user, first_values, second_values):
    first_assessment(double, first_values, status=CaseAssessment.Status.ACCEPTED)
    assert second_answers(as_user("inspector"), double, second_values).status_code == 302


def test_only_agreed_answers_count_in_the_ratings(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    second = {**first, questions[0]: "no"}
    before = agreed_answer_counts(double.inspection)
    assert before == {}
    moderated_case(double, as_user, first, second)
    counts = agreed_answer_counts(double.inspection)
    assert counts[questions[0]] == {"yes": 0}  # unsettled: counts for neither answer
    assert counts[questions[1]] == {"yes": 1}
    assert unsettled_disagreements(double.inspection) == [double.case_ref]
    ratings = text(as_user("lead").get(f"/inspections/{double.inspection.pk}/ratings/"))
    assert "not yet settled" in ratings and double.case_ref in ratings
    Inspection.objects.filter(pk=double.inspection.pk).update(status="drafting")
    publish = text(as_user("lead").get(f"/inspections/{double.inspection.pk}/publish/"))
    assert f"assessments not yet settled, so left out of the ratings: {double.case_ref}" in publish
    lead = as_user("lead")
    url = f"/cases/{double.pk}/compare/"
    refused = lead.post(url, {"key_question": questions[0], "value": "no", "reason": " "})
    assert refused.status_code == 400 and "say why" in text(refused).lower()
    assert not AgreedAnswer.objects.exists()
    done = lead.post(url, {"key_question": questions[0], "value": "no", "reason": "Plan lacks"})
    assert done.status_code == 302
    assert agreed_answer_counts(double.inspection)[questions[0]] == {"yes": 0, "no": 1}
    assert unsettled_disagreements(double.inspection) == []
    agreed = AgreedAnswer.objects.get()
    assert agreed.history.get().history_change_reason == "Plan lacks"
    # Nobody settles what the assessors agreed on.
    same = lead.post(url, {"key_question": questions[1], "value": "no", "reason": "x"})
    assert same.status_code == 400


def test_the_comparison_marks_differences_in_words(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "n/a"})
    page = text(as_user("assessor").get(f"/cases/{double.pk}/compare/"))
    assert page.count(">Different<") == 1
    assert page.count(">Same<") == len(questions) - 1
    assert "FIRST-NOTE" in page and "SECOND-NOTE" in page and "FIRST-COMMENT" in page
    assert "Record the agreed answer" not in page  # only the moderator settles


def test_the_agreement_page_uses_the_core_statistics(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    second = {**first, questions[0]: "no", questions[1]: "n/a"}
    moderated_case(double, as_user, first, second)
    page = text(as_user("lead").get(f"/inspections/{double.inspection.pk}/agreement/"))
    expected = compare_answers(framework_of(double.inspection), {"c": first}, {"c": second})
    share = expected.overall.agreement.value
    assert share == (len(questions) - 2) / len(questions)
    assert f"{share:.2f}" in page
    assert '"Not applicable" is an answer of its own' in page
    assert "inspector and" not in page and "assessor and inspector (1 case)" in page
    assert page.index(f">{questions[0]}<") < page.index(f">{questions[2]}<")  # lowest first


def test_the_page_and_the_report_round_alike_and_print_no_interval_for_few_pairs(double, as_user):
    """The mock case's 12 key questions, 9 answered alike: PABAK (3 x 0.75 - 1) / 2 = 0.625,
    "0.63" on the page and in the report (float rounding printed 0.62 there). Each key question
    has one pair: no interval is printed for it."""
    questions = key_questions(double)
    assert len(questions) == 12
    first = {kq: "yes" for kq in questions}
    differ = {questions[0]: "no", questions[1]: "n/a", questions[2]: "no"}
    moderated_case(double, as_user, first, {**first, **differ})
    client = as_user("lead")
    base = f"/inspections/{double.inspection.pk}/agreement"
    page = text(client.get(f"{base}/"))
    report = client.get(f"{base}.html").content.decode()
    assert '"PABAK"><span class="app-figure">0.63</span>' in page
    assert ">0.63 (" in report  # the same figure, whatever the cell's attributes
    assert "interval not computed: 1 pair)" in page  # in each cell on the page
    assert "interval not computed: 1 pair (" in report  # once, under the report's table
    assert "(0.00 to 0.00)" not in page + report


def test_the_qa_report_downloads(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    client = as_user("lead")
    base = f"/inspections/{double.inspection.pk}/agreement"
    assert client.get(f"{base}.pdf").content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content))
    assert book.sheetnames == [
        "agreement", "calibration", "unsettled", "moderation", "views"
    ]  # fmt: skip
    assert [c.value for c in book["unsettled"]["A"]] == ["case", double.case_ref]
    report = client.get(f"{base}.html").content.decode()
    assert "Quality assurance" in report
    inspection = double.inspection
    start, end = (f"{d.day} {d:%B %Y}" for d in (inspection.fieldwork_start,
                                                  inspection.fieldwork_end))  # fmt: skip
    assert f"<p>{inspection.name}: fieldwork {start} to {end}" in report
    assert f"(version {inspection.framework_version}): 1 case assessed by both." in report
    assert client.get(f"{base}.docx").status_code == 404


def test_a_second_assessment_says_blindness_has_ended_once_both_are_submitted(double, as_user):
    url = f"/cases/{double.pk}/second/"
    blind = "This is a blind second assessment"
    assert blind in text(as_user("inspector").get(url))  # while the first is not in
    first = {kq: "yes" for kq in key_questions(double)}
    moderated_case(double, as_user, first, first)
    for who in ("assessor", "inspector", "lead"):  # the first assessor, the second, the lead
        page = text(as_user(who).get(url))
        assert blind not in page, who
        assert (
            "Both assessments are submitted, so this second assessment is no longer blind" in page
        )
        assert f'href="/cases/{double.pk}/compare/">Compare the two assessments</a>.</p>' in page


def test_an_audits_qa_report_and_its_files_speak_of_the_audit(double, as_user):
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    audit = double.inspection
    Inspection.objects.filter(pk=audit.pk).update(kind="audit", publication_date=None)
    client = as_user("lead")
    base = f"/inspections/{audit.pk}/agreement"
    start, end = (f"{d.day} {d:%B %Y}" for d in (audit.fieldwork_start, audit.fieldwork_end))
    report = client.get(f"{base}.html").content.decode()
    assert f"Deep-dive audit of {audit.service.name}: the audit runs {start} to {end}." in report
    assert "fieldwork" not in report.lower()
    for fmt in ("pdf", "xlsx"):
        named = client.get(f"{base}.{fmt}")["Content-Disposition"]
        assert named == f'attachment; filename="quality-assurance-audit-{audit.pk}.{fmt}"'


def test_the_qa_report_carries_the_moderators_reasons_and_the_views(double, as_user):
    """Per case, each settled disagreement (both answers, the agreed one, why, who and when)
    and the views gathered, in the page, the PDF's HTML and the workbook (text never a
    formula)."""
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    as_user("inspector").post(
        f"/cases/{double.pk}/second/views/",
        {"child_reached": "yes", "child_views": "=HYPERLINK(\"x\") felt heard",
         "carer_reached": "no", "carer_views": ""},
    )  # fmt: skip
    moderated_case(double, as_user, first, {**first, questions[0]: "no"})
    client = as_user("lead")
    sent = {"key_question": questions[0], "value": "yes", "reason": "Plan was reviewed"}
    assert client.post(f"/cases/{double.pk}/compare/", sent).status_code == 302
    base = f"/inspections/{double.inspection.pk}/agreement"
    page = client.get(f"{base}.html").content.decode()
    for words in ("Moderated disagreements", "Plan was reviewed", "felt heard"):
        assert words in page
    assert "The parent or carer" in page and "lead," in page
    book = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content))
    rows = list(book["moderation"].values)
    assert rows[0] == ("case", "key_question", "first", "second", "agreed", "reason",
                       "settled_by", "settled_on")  # fmt: skip
    assert rows[1][:7] == (double.case_ref, questions[0], "yes", "no", "yes",
                           "Plan was reviewed", "lead")  # fmt: skip
    views = list(book["views"].values)
    assert views[1] == (double.case_ref, "The child", "yes", '=HYPERLINK("x") felt heard')
    assert views[2] == (double.case_ref, "The parent or carer", "no", None)
    cell = book["views"]["D2"]
    assert cell.data_type == "s"  # a string, never a formula
    assert client.get(f"{base}.pdf").content.startswith(b"%PDF")


FIRST_STATUSES = [None, "draft", "submitted", "returned", "accepted"]


@pytest.mark.parametrize("second_status", ["draft", "submitted"])
@pytest.mark.parametrize("first_status", FIRST_STATUSES)
def test_blindness_ends_only_when_both_have_submitted(double, first_status, second_status):
    """Every combination of the two statuses, through the permissions every page uses."""
    import rules

    if first_status:
        first_assessment(double, {}, status=first_status)
    SecondAssessment.objects.filter(case=double).update(status=second_status)
    case = Case.objects.get(pk=double.pk)
    lifted = first_status in ("submitted", "accepted") and second_status == "submitted"
    first, second, lead = (User.objects.get(username=n) for n in ("assessor", "inspector", "lead"))
    assert rules.has_perm("workspace.view_case", second, case) is lifted
    assert rules.has_perm("workspace.export_results", second, case.inspection) is lifted
    assert rules.has_perm("workspace.view_second_assessment", first, case) is lifted
    assert rules.has_perm("workspace.compare_case", first, case) is lifted
    assert rules.has_perm("workspace.moderate_case", lead, case) is lifted
    assert rules.has_perm("workspace.view_second_assessment", lead, case)
    assert rules.has_perm("workspace.view_case", first, case)
    assert rules.has_perm("workspace.assess_second", second, case) is (second_status == "draft")


def test_each_assessor_reaches_the_comparison_from_their_case_page(double, as_user):
    link = f'href="/cases/{double.pk}/compare/"'
    assert link not in text(as_user("assessor").get(f"/cases/{double.pk}/"))  # blind yet
    questions = key_questions(double)
    first = {kq: "yes" for kq in questions}
    moderated_case(double, as_user, first, {**first, questions[0]: "n/a"})
    assert link in text(as_user("assessor").get(f"/cases/{double.pk}/"))
    assert link in text(as_user("inspector").get(f"/cases/{double.pk}/second/"))
