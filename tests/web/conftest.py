"""A demo workspace per test: the Essex 2018 figures and a mock inspection, one user per role."""

import pytest

from yjinspect.web.workspace.demo import build_demo
from yjinspect.web.workspace.models import Case, Inspection


@pytest.fixture
def demo(db):
    passwords = build_demo()
    essex = Inspection.objects.get(service__name__startswith="Essex")
    mock = Inspection.objects.get(service__name="Demo Youth Justice Service")
    return {"passwords": passwords, "essex": essex, "mock": mock}


@pytest.fixture
def as_user(client, django_user_model):
    def login(name):
        client.force_login(django_user_model.objects.get(username=name))
        return client

    return login


def allocated_case(inspection, username):
    return Case.objects.filter(inspection=inspection, allocated_to__username=username).first()
