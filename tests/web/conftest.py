"""A demo workspace per test: the Essex 2018 figures and a mock inspection, one user per role."""

import pytest

from yjinspect.web.workspace.demo import build_demo
from yjinspect.web.workspace.models import Case, Inspection, StandardJudgement

from .served import served_demo


@pytest.fixture
def demo(db):
    passwords = build_demo()
    essex = Inspection.objects.get(framework_id="hmip-yos-2018")
    mock = Inspection.objects.get(service__name="Demo Youth Justice Service")
    cci = Inspection.objects.get(framework_id="hmip-cci-2009")
    later = Inspection.objects.get(service=essex.service, framework_id="hmip-yjs-2021")
    return {"passwords": passwords, "essex": essex, "mock": mock, "cci": cci, "later": later}


@pytest.fixture
def as_user(client, django_user_model):
    def login(name):
        client.force_login(django_user_model.objects.get(username=name))
        return client

    return login


def allocated_case(inspection, username):
    return Case.objects.filter(inspection=inspection, allocated_to__username=username).first()


def judge_one_standard(inspection):
    """One rating (1.1 Governance and leadership, by judgement): enough to draft and publish."""
    StandardJudgement.objects.create(
        inspection=inspection, standard="1.1", rating="Good", evidence_summary="Board minutes"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo workspace served by `yjinspect demo` in its own process (see `served`)."""
    with served_demo(tmp_path_factory.mktemp("served")) as served:
        yield served


def run_report_worker():
    """The real task worker (django-tasks-db's db_worker) on the test database: it renders every
    queued report file, then stops.

    A worker process recycles its database connection between tasks (`close_old_connections`);
    here it shares the test's connection, which holds the test's transaction, so that recycling
    is left out (on PostgreSQL it would close the test's connection; SQLite in memory ignores it).
    """
    from unittest.mock import patch

    from django.core.management import call_command

    with patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def download(client, url):
    """A report file as a person gets it: asked for, prepared by the worker, asked for again."""
    response = client.get(url)
    if response.status_code == 202:  # "Preparing the PDF…"
        run_report_worker()
        response = client.get(url)
    return response


DATE_FIELDS = ("fieldwork_start", "fieldwork_end", "provisional_findings_date",
               "draft_sent_date", "comments_due_date", "publication_date",
               "due", "day", "as_of", "comments_due")  # fmt: skip


def as_date_inputs(form):
    """A form with its ISO dates written as GOV.UK date inputs type them: day, month, year."""
    found = {}
    for name, value in form.items():
        if name in DATE_FIELDS:
            year, month, day = value.split("-") if value else ("", "", "")
            found.update({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})
        else:
            found[name] = value
    return found
