"""Ten people saving answers at once, over real HTTP against a real multi-threaded server
(waitress, as `yjinspect demo` serves): no 500s ("database is locked" on SQLite) and no lost
answers. The server runs in its own process on its own database: a SQLite file in a temporary
folder, or (in CI's PostgreSQL pass, DATABASE_URL set) a fresh database on that server."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from .served import Browser

SAVERS = 10


def test_ten_people_saving_answers_at_once(server):
    """Defect 2: 78-81% of simultaneous autosaves were HTTP 500 'database is locked'."""
    lead = Browser(server["url"], "lead", server["passwords"]["lead"])
    _, inspections = lead.get("/")
    mock = re.search(r'href="/inspections/(\d+)/">Demo Youth Justice Service', inspections)
    # Court cases: enough key questions for everyone.
    _, cases = lead.get(f"/inspections/{mock.group(1)}/cases/?whose=all&stream=court")
    case_ids = re.findall(r'href="/cases/(\d+)/(?:\?[^"]*)?"', cases)[:SAVERS]
    people = [Browser(server["url"], "lead", server["passwords"]["lead"]) for _ in range(SAVERS)]
    _, page = lead.get(f"/cases/{case_ids[0]}/")
    questions = re.findall(r'name="key_question" value="([^"]+)"', page)
    assert len(questions) >= SAVERS

    def save(n: int) -> list[int]:
        """Person n answers question n of the first case, then question 1 of their own case,
        every save sent from a page drawn before anyone saved (version 0)."""
        me, kq = people[n], questions[n]
        own = case_ids[n]
        return [
            me.post(f"/cases/{case_ids[0]}/answer/", {"key_question": kq, f"value-{kq}": "yes",
                    f"evidence-{kq}": f"note {n}", "version": 0}, htmx=True)[0],
            me.post(f"/cases/{own}/answer/", {"key_question": questions[0],
                    f"value-{questions[0]}": "no", "version": 0}, htmx=True)[0],
        ]  # fmt: skip

    with ThreadPoolExecutor(SAVERS) as pool:
        statuses = [status for found in pool.map(save, range(SAVERS)) for status in found]
    assert statuses.count(500) == 0, statuses
    # The first case's first question was saved twice (person 0 and the person whose own case
    # it is): the two sent the same question from the same version, so one may be a 409.
    assert statuses.count(200) >= len(statuses) - 1, statuses
    _, shared = lead.get(f"/cases/{case_ids[0]}/print/")
    for n, kq in enumerate(questions[1:SAVERS], 1):  # no answer lost
        assert f"note {n}" in shared, kq
    for own in case_ids[1:]:
        _, page = lead.get(f"/cases/{own}/print/")
        assert "<strong>No" in page, own
