"""After fieldwork: the dates each step falls on and what is overdue, on an injected day.

The weeks are the 2009-12 reports' "Publication arrangements" and "Next steps" (Essex 2012 Core
Case Inspection): provisional findings two weeks after the visit, the draft 4-6 weeks after it,
publication about six weeks later, the improvement plan four weeks after publication.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework, load_framework_file
from yjinspect.frameworks.schema import AfterPublication
from yjinspect.timetable import Dates, plan_due, steps

from .frameworks.test_loader import LOCAL_AUDIT

CCI = load_framework("hmip-cci-2009")
VISIT = Dates(fieldwork_start=date(2012, 2, 1), fieldwork_end=date(2012, 2, 3))


def by_key(found):
    return {step.key: step for step in found}


def test_the_plan_is_due_four_weeks_after_publication_unless_the_framework_says_otherwise():
    assert plan_due(CCI, date(2012, 5, 1)) == date(2012, 5, 29)
    assert plan_due(None, date(2012, 5, 1)) == date(2012, 5, 29)  # framework unreadable
    six = CCI.model_copy(
        update={"after_publication": AfterPublication(improvement_plan_due_weeks=6)}
    )
    assert plan_due(six, date(2012, 5, 1)) == date(2012, 6, 12)


def test_expected_dates_come_from_the_timetable_and_pass_into_overdue():
    found = by_key(steps(CCI, VISIT, date(2012, 3, 20)))
    provisional, draft = found["provisional-findings"], found["draft-sent"]
    assert (provisional.when, provisional.expected, provisional.overdue) == (
        date(2012, 2, 17), True, True)  # fmt: skip
    assert (draft.when, draft.overdue) == (date(2012, 3, 16), True)
    assert found["publication"].when == date(2012, 4, 27) and not found["publication"].overdue
    assert found["plan-due"].when == date(2012, 5, 25) and not found["plan-due"].overdue
    assert found["fieldwork"].done


def test_nothing_is_overdue_the_day_fieldwork_ends():
    assert not any(step.overdue for step in steps(CCI, VISIT, date(2012, 2, 3)))


def test_a_date_the_lead_sets_replaces_the_expected_one():
    dates = Dates(**{**VISIT.__dict__, "provisional_findings": date(2012, 2, 20),
                     "draft_sent": date(2012, 3, 30)})  # fmt: skip
    found = by_key(steps(CCI, dates, date(2012, 3, 20)))
    assert found["provisional-findings"].done and not found["provisional-findings"].expected
    assert found["draft-sent"].when == date(2012, 3, 30) and not found["draft-sent"].overdue
    assert found["publication"].when == date(2012, 5, 11)  # six weeks after the planned draft


def test_comments_are_overdue_while_unanswered_after_the_day_they_were_due():
    sent = Dates(**{**VISIT.__dict__, "draft_sent": date(2012, 3, 1), "draft_is_sent": True,
                    "unanswered_comments": 2})  # fmt: skip
    comments = by_key(steps(CCI, sent, date(2012, 3, 16)))["comments-due"]
    assert comments.when == date(2012, 3, 15) and comments.overdue
    assert comments.note == "2 unanswered"
    answered = Dates(**{**sent.__dict__, "unanswered_comments": 0})
    assert by_key(steps(CCI, answered, date(2012, 3, 16)))["comments-due"].done


def test_the_plan_is_overdue_only_where_the_plan_is_tracked():
    published = Dates(**{**VISIT.__dict__, "publication": date(2012, 5, 1), "published": True})
    assert not by_key(steps(CCI, published, date(2012, 7, 1)))["plan-due"].overdue
    missing = Dates(**{**published.__dict__, "plan_accepted": False})
    assert by_key(steps(CCI, missing, date(2012, 7, 1)))["plan-due"].overdue
    came = Dates(**{**published.__dict__, "plan_accepted": True})
    assert by_key(steps(CCI, came, date(2012, 7, 1)))["plan-due"].done


days = st.integers(min_value=0, max_value=400).map(lambda n: date(2012, 1, 1) + timedelta(n))


@given(
    end=days, today=days, provisional=st.none() | days, sent=st.booleans(),
    published=st.booleans(), unanswered=st.integers(0, 3),
    publication=st.none() | days, accepted=st.none() | st.booleans(),
)  # fmt: skip
def test_overdue_means_not_done_and_its_day_has_passed(
    end, today, provisional, sent, published, unanswered, publication, accepted
):
    dates = Dates(fieldwork_start=end, fieldwork_end=end, provisional_findings=provisional,
                  draft_is_sent=sent or published, published=published,
                  publication=publication if published else None,
                  unanswered_comments=unanswered, plan_accepted=accepted)  # fmt: skip
    found = steps(CCI, dates, today)
    for n, step in enumerate(found):
        if step.key == "plan-due" and (accepted is None or not published):
            assert not step.overdue  # the plan is not tracked, or not yet due from anyone
        elif step.key == "plan-due":  # due and not accepted: overdue once its day has passed
            assert step.overdue == (not accepted and step.when < today)
        else:
            assert step.overdue == (not step.done and step.when is not None and step.when < today)
        if any(later.done for later in found[n + 1 :]):
            # Done later on: an earlier step is done, dated only if a date was recorded.
            assert step.done and not step.overdue and not step.expected


def test_a_published_inspection_shows_earlier_steps_done_without_made_up_dates():
    published = Dates(**{**VISIT.__dict__, "publication": date(2012, 5, 1), "published": True,
                         "draft_is_sent": True, "plan_accepted": False})  # fmt: skip
    found = by_key(steps(CCI, published, date(2012, 7, 1)))
    for key in ("provisional-findings", "draft-sent", "comments-due"):
        assert (found[key].when, found[key].done, found[key].overdue) == (None, True, False)
    assert found["publication"].when == date(2012, 5, 1) and found["publication"].done
    assert found["plan-due"].when == date(2012, 5, 29) and found["plan-due"].overdue


def test_the_timetable_is_checked_when_the_framework_loads(write):
    path = write(
        "audit.yaml", LOCAL_AUDIT + "after_publication: {improvement_plan_due_weeks: -1}\n"
    )
    with pytest.raises(InputError) as refused:
        load_framework_file(path)
    assert "after_publication.improvement_plan_due_weeks" in str(refused.value)
    ok = write("ok.yaml", LOCAL_AUDIT + "after_publication: {improvement_plan_due_weeks: 8}\n")
    assert plan_due(load_framework_file(ok), date(2024, 1, 1)) == date(2024, 2, 26)
