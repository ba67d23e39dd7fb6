"""The task list's statuses and the publication check, from plain facts (no database)."""

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from yjinspect.web.inspections.tasks import Facts, Status, nothing_rated, outstanding, task_list

READY = Facts(
    published=False, fieldwork_start=date(2026, 6, 1), fieldwork_end=date(2026, 6, 5),
    publication_date=date(2026, 9, 1), has_lead=True, team=2, sampled=10, allocated=10,
    started=10, accepted=10, judged=2, to_judge=2, foreword=True, findings=3,
    recommendations=2, quotes=1, rated=12, drafting_reached=True,
)  # fmt: skip


def statuses(facts):
    return {task.name: task.status for task in task_list(facts)}


def test_everything_done_is_all_completed_but_publication_and_nothing_outstanding():
    found = statuses(READY)
    assert found.pop("Publication") is Status.NOT_STARTED
    assert found.pop("Factual accuracy check") is Status.NOT_STARTED  # optional: not sent
    assert set(found.values()) == {Status.COMPLETED}
    assert outstanding(READY) == []


def test_before_drafting_the_draft_cannot_be_sent_nor_the_report_published():
    """At fieldwork the newcomer read "Factual accuracy check: Not started": it cannot start."""
    found = {t.name: t for t in task_list(replace(READY, drafting_reached=False))}
    for name in ("Factual accuracy check", "Publication"):
        assert found[name].status is Status.CANNOT_START
        assert found[name].hint == "From the drafting stage"
    assert found["Case assessment"].status is Status.COMPLETED


def test_once_published_no_step_is_left_not_started():
    """After publishing the newcomer read "Case assessment: Not started": a required step left
    undone is said to be incomplete, an optional one not held, a finished one completed."""
    facts = replace(READY, published=True, accepted=70, sampled=79, allocated=79, started=70)
    found = {t.name: t for t in task_list(facts)}
    assessment = found["Case assessment"]
    assert assessment.status is Status.INCOMPLETE
    assert assessment.hint == "Published without it: 70 of 79 accepted"
    assert found["Factual accuracy check"].status is Status.SKIPPED
    assert found["Publication"].status is Status.COMPLETED
    assert found["Population and sample"].status is Status.COMPLETED
    sent = {t.name: t.status for t in task_list(replace(facts, draft_is_sent=True))}
    assert sent["Factual accuracy check"] is Status.COMPLETED


@given(published=st.booleans(), drafting=st.booleans(), sampled=st.integers(0, 50),
       accepted_share=st.fractions(0, 1), sent=st.booleans())  # fmt: skip
def test_statuses_are_true_to_the_stage(published, drafting, sampled, accepted_share, sent):
    accepted = int(sampled * accepted_share)
    facts = replace(READY, published=published, drafting_reached=drafting or published,
                    sampled=sampled, allocated=sampled, started=accepted, accepted=accepted,
                    draft_is_sent=sent and (drafting or published))  # fmt: skip
    found = task_list(facts)
    if published:  # nothing is still to start or in progress after publication
        assert {t.status for t in found} <= {Status.COMPLETED, Status.INCOMPLETE, Status.SKIPPED}
    else:
        assert Status.INCOMPLETE not in {t.status for t in found}
        assert Status.SKIPPED not in {t.status for t in found}
    if not (drafting or published):
        gated = [t for t in found if t.key in ("accuracy", "publish")]
        assert all(t.status is Status.CANNOT_START for t in gated)


def test_a_new_inspection_cannot_allocate_or_assess_before_its_sample():
    found = statuses(Facts(published=False, has_lead=True, fieldwork_start=date(2026, 6, 1)))
    assert found["Set up the inspection"] is Status.IN_PROGRESS
    assert found["Population and sample"] is Status.NOT_STARTED
    assert found["Allocate the cases"] is Status.CANNOT_START
    assert found["Case assessment"] is Status.CANNOT_START
    assert found["Ratings and discretion"] is Status.CANNOT_START


def test_the_case_assessment_task_counts_accepted_cases():
    facts = Facts(published=False, sampled=79, allocated=79, started=20, accepted=13)
    task = next(t for t in task_list(facts) if t.name == "Case assessment")
    assert (task.status, task.hint) == (Status.IN_PROGRESS, "13 of 79 accepted")


def test_publishing_too_early_lists_each_thing_outstanding():
    facts = Facts(published=False, sampled=79, accepted=13, unrated=("2.1 Assessment",))
    assert outstanding(facts) == [
        "66 of 79 sampled cases are not accepted (or replaced from the reserve)",
        "Counted standards not yet rated: 2.1 Assessment",
        "No publication date is set (publishing anyway sets it to today)",
        "The report has no foreword",
    ]


def test_an_unusable_framework_blocks_the_case_work():
    facts = Facts(published=False, framework_problem="unknown framework 'hmip-yjs-2O21'")
    found = statuses(facts)
    assert found["Population and sample"] is Status.CANNOT_START
    assert outstanding(facts)[0] == "unknown framework 'hmip-yjs-2O21'"


@given(sampled=st.integers(0, 200), data=st.data())
def test_no_status_claims_more_than_the_facts(sampled, data):
    """Whatever the counts, cases are completed only when all are accepted, and publishing
    is clear only when nothing about the cases is left."""
    accepted = data.draw(st.integers(0, sampled))
    allocated = data.draw(st.integers(accepted, sampled))
    facts = Facts(published=False, sampled=sampled, allocated=allocated, started=accepted,
                  accepted=accepted, fieldwork_start=date(2026, 6, 1),
                  publication_date=date(2026, 9, 1), foreword=True)  # fmt: skip
    found = statuses(facts)
    if sampled:
        all_accepted = accepted == sampled
        assert (found["Case assessment"] is Status.COMPLETED) == all_accepted
        assert (found["Allocate the cases"] is Status.COMPLETED) == (allocated == sampled)
        assert (outstanding(facts) == []) == all_accepted
    else:
        assert found["Case assessment"] is Status.CANNOT_START
    assert all(isinstance(status, Status) for status in found.values())


@given(
    comments=st.integers(0, 30), unanswered_share=st.fractions(0, 1), sent=st.booleans(),
    published=st.booleans(),
)  # fmt: skip
def test_an_unanswered_comment_is_always_outstanding_and_keeps_the_check_open(
    comments, unanswered_share, sent, published
):
    unanswered = int(comments * unanswered_share)
    facts = Facts(published=published, draft_is_sent=sent, comments=comments,
                  unanswered=unanswered)  # fmt: skip
    listed = any("comments on the draft report" in item for item in outstanding(facts))
    assert listed == (unanswered > 0)
    check = next(t for t in task_list(facts) if t.name == "Factual accuracy check")
    if sent and not published:
        assert (check.status is Status.COMPLETED) == (comments > 0 and unanswered == 0)


@given(rated=st.integers(0, 12), accepted=st.integers(0, 10))
def test_nothing_rated_cannot_be_published_however_much_else_is_done(rated, accepted):
    facts = Facts(**{**READY.__dict__, "rated": rated, "accepted": accepted})
    publication = next(t for t in task_list(facts) if t.name == "Publication")
    assert (nothing_rated(facts) is None) == (rated > 0)
    assert (publication.status is Status.CANNOT_START) == (rated == 0)


def test_a_scored_inspection_has_nothing_to_publish_before_its_results_file():
    assert nothing_rated(Facts(published=False, scored=True)) == (
        "The results file has not been imported"
    )
    assert nothing_rated(Facts(published=False, scored=True, results_imported=True)) is None
