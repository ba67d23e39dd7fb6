"""An answer autosave costs a handful of database queries (issue 15: it took about 20), and its
merge and audit trail stay exact."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from yjinspect.web.workspace.models import Answer

from .conftest import allocated_case
from .test_assessment import answer, key_questions

# Session and user, the case (with its inspection and assessment), the role, the locked
# assessment, its answers, two writes and their two audit records, and whether anyone else
# changed the assessment meanwhile. (Savepoints are not counted: the test runs inside a
# transaction, so every atomic block is one.) It was 20 in production, 32 here.
MOST_QUERIES = 11
CREATING = 3  # the first save of a case creates its assessment, with its audit record


def _saved_with(client, case, question, value, version, page_version, evidence=""):
    with CaptureQueriesContext(connection) as queries:
        response = answer(client, case, question, value, version, evidence, page_version)
    assert response.status_code == 200, response.content
    sql = [q["sql"] for q in queries.captured_queries]
    return [q for q in sql if not q.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_an_autosave_takes_a_handful_of_queries(demo, as_user):
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    first, second = key_questions(case)[:2]
    created = _saved_with(client, case, first, "yes", 0, 0, "Clear")
    changed = _saved_with(client, case, first, "no", 1, 1, "Clearer")
    added = _saved_with(client, case, second, "yes", 2, 2)
    assert len(created) <= MOST_QUERIES + CREATING, "\n".join(created)
    for queries in (changed, added):
        assert len(queries) <= MOST_QUERIES, "\n".join(queries)
    stored = Answer.objects.get(assessment__case=case, key_question=first)
    assert (stored.value, stored.evidence, stored.version) == ("no", "Clearer", 2)
    # Every change is in the audit trail, attributed.
    records = stored.history.order_by("history_id")
    assert [(r.value, r.evidence, r.version) for r in records] == [
        ("yes", "Clear", 1),
        ("no", "Clearer", 2),
    ]
    assert {r.history_user.username for r in records} == {"assessor"}


def test_a_merged_save_from_an_old_page_keeps_both_changes(demo, as_user):
    """The merge still reads the audit trail: one tab changes the evidence, another (drawn
    before) the answer; both are kept."""
    case = allocated_case(demo["mock"], "assessor")
    client = as_user("assessor")
    question = key_questions(case)[0]
    _saved_with(client, case, question, "yes", 0, 0, "First")
    _saved_with(client, case, question, "yes", 1, 1, "Second")
    merged = _saved_with(client, case, question, "no", 1, 1, "First")
    assert len(merged) <= MOST_QUERIES + 2, "\n".join(merged)
    stored = Answer.objects.get(assessment__case=case, key_question=question)
    assert (stored.value, stored.evidence) == ("no", "Second")
