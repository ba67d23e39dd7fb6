"""The RAG rule: derived from status and dates, with its parameters as data."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from yjinspect.plans.rag import (
    ActionState,
    Rag,
    RagRule,
    Status,
    default_rule,
    rag,
    recommendation_outcome,
    summary,
)

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
ANY = st.sampled_from(list(Status))
OPEN = st.sampled_from([Status.NOT_STARTED, Status.IN_PROGRESS])
RULES = st.builds(
    RagRule,
    amber_within_days=st.integers(0, 400),
    quiet_after_days=st.integers(1, 400),
)


@st.composite
def actions(draw, status=ANY):
    added = draw(DAYS)
    due = added + timedelta(days=draw(st.integers(0, 2000)))
    update = draw(st.none() | st.integers(0, 2000).map(lambda n: added + timedelta(days=n)))
    return ActionState(draw(status), due, added, update)


@settings(deadline=None)
@given(actions(), DAYS, RULES)
def test_complete_is_green_and_not_done_is_not_rated(action, today, rule):
    if action.status == Status.COMPLETE:
        assert rag(action, today, rule) is Rag.GREEN
    elif action.status == Status.NOT_DONE:
        assert rag(action, today, rule) is None
    else:
        assert rag(action, today, rule) in Rag


@settings(deadline=None)
@given(actions(OPEN), DAYS, RULES)
def test_red_exactly_when_overdue(action, today, rule):
    assert (rag(action, today, rule) is Rag.RED) == (action.due < today)


@settings(deadline=None)
@given(actions(OPEN), DAYS, st.integers(0, 1000), RULES)
def test_an_open_action_never_improves_as_days_pass(action, today, later, rule):
    assert rag(action, today, rule) <= rag(action, today + timedelta(days=later), rule)


@settings(deadline=None)
@given(actions(OPEN), DAYS, RULES)
def test_a_fresh_update_never_makes_it_worse(action, today, rule):
    updated = ActionState(action.status, action.due, action.added, today)
    assert rag(updated, today, rule) <= rag(action, today, rule)


@settings(deadline=None)
@given(actions(OPEN), DAYS, RULES)
def test_amber_when_due_soon_or_quiet(action, today, rule):
    if action.due < today:
        return
    soon = (action.due - today).days <= rule.amber_within_days
    quiet = (today - action.last_heard).days >= rule.quiet_after_days
    assert (rag(action, today, rule) is Rag.AMBER) == (soon or quiet)


def test_the_rule_as_documented():
    rule = RagRule(amber_within_days=14, quiet_after_days=30)
    day = date(2026, 3, 1)
    due_later = ActionState(Status.IN_PROGRESS, date(2026, 6, 1), date(2026, 2, 20))
    assert rag(due_later, day, rule) is Rag.GREEN
    assert rag(due_later, date(2026, 5, 20), rule) is Rag.AMBER  # due within 14 days
    assert rag(due_later, date(2026, 3, 22), rule) is Rag.AMBER  # nothing heard for 30 days
    heard = ActionState(Status.IN_PROGRESS, date(2026, 6, 1), date(2026, 2, 20), date(2026, 3, 20))
    assert rag(heard, date(2026, 3, 22), rule) is Rag.GREEN
    assert rag(due_later, date(2026, 6, 2), rule) is Rag.RED


def test_the_bundled_parameters_load_and_are_checked():
    rule = default_rule()
    assert rule.amber_within_days == 28 and rule.quiet_after_days == 90
    with pytest.raises(ValidationError):
        RagRule(amber_within_days=-1, quiet_after_days=30)
    with pytest.raises(ValidationError):
        RagRule.model_validate({"amber_within_days": 1, "quiet_after_days": 2, "red": 3})


def test_a_plan_is_as_red_as_its_worst_action():
    worst, counts = summary([Rag.GREEN, Rag.RED, None, Rag.AMBER])
    assert worst is Rag.RED and counts[None] == 1
    assert summary([None])[0] is None


def test_what_became_of_a_recommendation_is_said_from_its_actions():
    done, started, dropped = Status.COMPLETE, Status.IN_PROGRESS, Status.NOT_DONE
    assert recommendation_outcome([]).words == "No actions planned"
    # One wording throughout: how many of how many, whether or not all are complete.
    assert recommendation_outcome([done, done]).words == "All 2 actions complete"
    assert recommendation_outcome([done]).words == "1 of 1 action complete"
    assert recommendation_outcome([started], overdue=1).words == "0 of 1 action complete, 1 overdue"
    assert recommendation_outcome([done, started, dropped]).words == (
        "1 of 3 actions complete, 1 not being done"
    )
    assert recommendation_outcome([done, started], overdue=1).words == (
        "1 of 2 actions complete, 1 overdue"
    )
