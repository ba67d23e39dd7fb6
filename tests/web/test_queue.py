"""The case list as a work queue and the case page as a workbench: whose cases, filters,
sorting, counts, allocation of many cases at once, the case's facts, what is left to answer,
the next case; words and dates, never codes; breadcrumbs; no input a 500."""

import re

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yjinspect.web.workspace.assessments import questions_for
from yjinspect.web.workspace.models import Case

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CODE = re.compile(r">[^<]*\b[a-z]+_[a-z_]+\b[^<]*<")  # a code with underscores shown as text


def listed(page: str) -> list[str]:
    return re.findall(r'href="/cases/\d+/(?:\?[^"]*)?">([^<]+)</a>', page)


def test_an_assessor_starts_on_their_own_cases(demo, as_user):
    mock = demo["mock"]
    page = as_user("inspector").get(f"/inspections/{mock.pk}/cases/").content.decode()
    allocated = mock.cases.filter(allocated_to__username="inspector")
    mine = set(allocated.values_list("case_ref", flat=True))
    assert '<h1 class="govuk-heading-l">My cases</h1>' in page
    assert set(listed(page)) == mine
    everyone = as_user("inspector").get(f"/inspections/{mock.pk}/cases/?whose=all")
    assert len(listed(everyone.content.decode())) == mock.cases.filter(selection="sample").count()
    lead = as_user("lead").get(f"/inspections/{mock.pk}/cases/").content.decode()
    assert len(listed(lead)) == mock.cases.filter(selection="sample").count()


def test_filters_sorting_and_counts(demo, as_user, django_user_model):
    mock = demo["mock"]
    lead = as_user("lead")
    url = f"/inspections/{mock.pk}/cases/"
    assessor = django_user_model.objects.get(username="assessor")
    by_assessor = lead.get(f"{url}?assessor={assessor.pk}").content.decode()
    assert set(listed(by_assessor)) == set(
        mock.cases.filter(allocated_to=assessor).values_list("case_ref", flat=True)
    )
    court = lead.get(f"{url}?stream=court&status=not_started").content.decode()
    assert set(listed(court)) == set(
        mock.cases.filter(selection="sample", stream="court").values_list("case_ref", flat=True)
    )
    assert listed(lead.get(f"{url}?status=accepted").content.decode()) == []
    by_date = listed(lead.get(f"{url}?sort=disposal").content.decode())
    dates = dict(mock.cases.values_list("case_ref", "disposal_date"))
    assert [dates[ref] for ref in by_date] == sorted(dates[ref] for ref in by_date)
    counts = lead.get(url).content.decode()
    assert 'id="workloads"' in counts and "Not allocated" in counts


def test_the_lead_allocates_many_cases_at_once(demo, as_user, django_user_model):
    mock = demo["mock"]
    free = list(mock.cases.filter(selection="sample", allocated_to=None)[:5])
    assessor = django_user_model.objects.get(username="assessor")
    response = as_user("lead").post(
        f"/inspections/{mock.pk}/allocate/",
        {"cases": [c.pk for c in free], "allocate_to": assessor.pk},
        follow=True,
    )
    assert "5 cases allocated to assessor." in response.content.decode()
    assert all(Case.objects.get(pk=c.pk).allocated_to == assessor for c in free)
    # Only sampled cases of this inspection move; a reserve case is left as it was.
    reserve = mock.cases.filter(selection="reserve").first()
    as_user("lead").post(
        f"/inspections/{mock.pk}/allocate/", {"cases": [reserve.pk], "allocate_to": assessor.pk}
    )
    assert Case.objects.get(pk=reserve.pk).allocated_to is None
    assert as_user("inspector").post(f"/inspections/{mock.pk}/allocate/").status_code == 404


def test_the_case_page_is_a_workbench(demo, as_user):
    mock = demo["mock"]
    queue = list(mock.cases.filter(allocated_to__username="assessor").order_by("order", "pk"))
    case = queue[1]
    page = as_user("assessor").get(f"/cases/{case.pk}/").content.decode()
    for fact in ("Stream", "Disposal type", "Disposal date", "Risk of serious harm",
                 "Age band at disposal", case.get_disposal_type_display(),
                 f"{case.disposal_date.day} {case.disposal_date:%B %Y}"):  # fmt: skip
        assert fact in page, fact
    questions = [q for _, qs in questions_for(case) for q in qs]
    assert f"{len(questions)} key questions not answered" in page
    assert f'href="#question-{questions[0].id.replace(".", "-")}"' in page
    assert f'href="/cases/{queue[0].pk}/" rel="prev"' in page
    assert f'href="/cases/{queue[2].pk}/" rel="next"' in page
    assert f'href="/cases/{case.pk}/print/"' in page
    assert 'class="govuk-breadcrumbs"' in page and f"/inspections/{mock.pk}/cases/" in page


def test_pages_show_words_and_dates_not_codes(demo, as_user):
    """Defect 5: raw codes (youth_rehabilitation_order) and ISO dates on the pages."""
    mock = demo["mock"]
    case = mock.cases.filter(allocated_to__username="assessor").first()
    lead = as_user("lead")
    for url in (f"/inspections/{mock.pk}/cases/", f"/cases/{case.pk}/",
                f"/cases/{case.pk}/print/", f"/cases/{case.pk}/history/",
                f"/inspections/{mock.pk}/sample/"):  # fmt: skip
        page = lead.get(url).content.decode()
        body = page.split('id="main-content"')[1]
        assert not ISO_DATE.search(body), (url, ISO_DATE.search(body))
        assert not CODE.search(body), (url, CODE.search(body))
        assert 'class="govuk-breadcrumbs"' in page, url


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    field=st.sampled_from(
        [
            "whose",
            "status",
            "stream",
            "assessor",
            "sort",
            "version",
            "page_version",
            "key_question",
            "action",
            "allocate_to",
            "cases",
            "seed",
            "size",
            "overall_comment",
            "form",
        ]
    ),
    value=st.text(max_size=30),
)
def test_no_input_is_a_server_error(demo, as_user, field, value):
    mock = demo["mock"]
    case = mock.cases.filter(allocated_to__username="assessor").first()
    question = questions_for(case)[0][1][0].id
    lead = as_user("lead")
    lead.raise_request_exception = False
    sent = {field: value}
    requests = [
        lead.get(f"/inspections/{mock.pk}/cases/", sent),
        lead.post(f"/cases/{case.pk}/answer/", {"key_question": question, **sent}),
        lead.post(f"/cases/{case.pk}/comment/", sent),
        lead.post(f"/cases/{case.pk}/status/", {"action": "submit", **sent}),
        lead.post(f"/inspections/{mock.pk}/allocate/", sent),
        lead.post(f"/inspections/{mock.pk}/sample/", sent),
    ]
    assert [r.status_code for r in requests if r.status_code >= 500] == []
