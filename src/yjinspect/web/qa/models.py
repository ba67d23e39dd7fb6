"""A case's blind second assessment, its answers, and the moderator's agreed answers.

The first assessment stays the workspace's `CaseAssessment`; the second has the same fields the
answering machinery works on (`workspace.assessments.Sheet`), plus the views of the child and of
the parent or carer that the second assessor gathers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from yjinspect.web.workspace.models import Answer, Case, Service

User = settings.AUTH_USER_MODEL


class SecondAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    class Chosen(models.TextChoices):
        BY_LEAD = "by_lead", "Chosen by the lead"
        DIP_SAMPLE = "dip_sample", "Dip sample"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="second_assessment")
    assessor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="second_assessments")
    chosen = models.CharField(max_length=10, choices=Chosen.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    overall_comment = models.TextField(blank=True)
    child_reached = models.BooleanField(null=True, blank=True)
    child_views = models.TextField(blank=True)
    carer_reached = models.BooleanField(null=True, blank=True)
    carer_views = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)  # optimistic locking, as CaseAssessment
    history = HistoricalRecords()


class SecondAnswer(models.Model):
    assessment = models.ForeignKey(
        SecondAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    key_question = models.CharField(max_length=20)
    value = models.CharField(max_length=3, choices=Answer.Value.choices, blank=True)
    evidence = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "key_question"], name="one_second_answer_per_kq"
            )
        ]


class AgreedAnswer(models.Model):
    """The moderator's answer to a key question the two assessors answered differently: to
    that disagreement only (`first` and `second`, the answers it settled). Once either answer
    changes it no longer counts, and stays in the history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreed_answers")
    key_question = models.CharField(max_length=20)
    value = models.CharField(max_length=3, choices=Answer.Value.choices)
    reason = models.TextField()
    first = models.CharField(max_length=3, choices=Answer.Value.choices, blank=True)
    second = models.CharField(max_length=3, choices=Answer.Value.choices, blank=True)
    history = HistoricalRecords()

    def settles(self, first: str, second: str) -> bool:
        """Whether this decision settles the assessors' answers `first` and `second` now."""
        return (self.first, self.second) == (first, second)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "key_question"], name="one_agreed_answer")
        ]


class ServiceMember(models.Model):
    """A member of a youth justice service's own staff, for its deep-dive audits: a QA lead
    starts audits of the service and runs them; its managers are the audits' assessors.
    Administrators record who belongs (the admin site)."""

    class Role(models.TextChoices):
        QA_LEAD = "qa_lead", "Service QA lead"
        MANAGER = "manager", "Manager"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="service_roles")
    role = models.CharField(max_length=10, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "user"], name="one_role_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.service})"
