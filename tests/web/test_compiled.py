"""An inspection read for a user, by SQL compiled once: each user's own role and second
assessments, never another's, and the same answers as the permission rules' own queries."""

import pytest
from django.contrib.auth import get_user_model

from yjinspect.web.qa import allocation
from yjinspect.web.qa.rules import blind_cases
from yjinspect.web.workspace.models import Inspection, Role, inspection_read_by

from .conftest import allocated_case

User = get_user_model()


@pytest.mark.parametrize("name", ["lead", "inspector", "assessor", "viewer", "monitor", "admin"])
def test_each_user_reads_their_own_role(demo, name):
    mock = demo["mock"]
    user = User.objects.get(username=name)
    read = inspection_read_by(user, mock.pk)
    assert read.pk == mock.pk and read.service_id == mock.service_id
    assert read.role_of(user) == Inspection.objects.get(pk=mock.pk).role_of(user)


def test_the_role_read_for_one_user_is_not_given_to_another(demo):
    lead, inspector = User.objects.get(username="lead"), User.objects.get(username="inspector")
    read = inspection_read_by(inspector, demo["mock"].pk)
    assert read.role_of(lead) == Role.LEAD  # asked for someone else: asked of the database
    assert read.role_of(inspector) == Role.INSPECTOR


def test_a_second_assessment_is_read_with_the_inspection(demo):
    case = allocated_case(demo["mock"], "assessor")
    inspector = User.objects.get(username="inspector")
    assert blind_cases(inspector, inspection_read_by(inspector, case.inspection_id)) == []
    allocation.allocate(case, inspector)
    read = inspection_read_by(inspector, case.inspection_id)
    assert read.access_holds_second
    assert blind_cases(inspector, read) == [case.case_ref]


def test_no_such_inspection(demo):
    assert inspection_read_by(User.objects.get(username="lead"), 987_654) is None
