"""A comment from the service on the draft report, and the lead's answer to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from yjinspect.web.workspace.models import Inspection


class DraftComment(models.Model):
    """Made by a service viewer on one section (and paragraph) of the draft; answered by the
    lead: accepted with the change made, or not accepted with the reason."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="draft_comments"
    )
    part = models.CharField(max_length=100, help_text="the section's anchor in the report")
    part_title = models.CharField(max_length=300, help_text="the section's heading then")
    paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="draft_comments"
    )
    made = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    response = models.TextField(blank=True, help_text="the change made, or why not")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answered_draft_comments",
    )
    answered = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["made", "pk"]
