"""Slim models for the improvement plan: what is stored. The RAG and the progress report's
content are decided in the core (`yjinspect.plans`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from yjinspect.plans.rag import STATUS_WORDS, Status
from yjinspect.web.workspace.models import Inspection, Recommendation

User = settings.AUTH_USER_MODEL


class Plan(models.Model):
    """An inspection's improvement plan: the service's, written after publication."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="plan")
    accepted_on = models.DateField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()


class Action(models.Model):
    """What the service will do about one recommendation. Never deleted: an action dropped is
    "not being done", with the reason."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    what = models.TextField("What will be done")
    responsible = models.CharField(
        "Who is responsible",
        max_length=200,
        help_text="A role or team, for example Head of service",
    )
    due = models.DateField("Due date")
    success = models.TextField("How success will be known")
    status = models.CharField(
        max_length=20,
        choices=[(s.value, STATUS_WORDS[s]) for s in Status],
        default=Status.NOT_STARTED.value,
    )
    reason = models.TextField("Why it is not being done", blank=True)
    added = models.DateField(default=date.today, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]


class ProgressUpdate(models.Model):
    """A dated note on an action, with evidence linked or a small file attached. The file is
    kept in the database (so backups hold it) and only ever served as a download."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField("Date")
    note = models.TextField()
    link = models.URLField("Link to evidence", blank=True, max_length=500)
    file_name = models.CharField(max_length=120, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_content = models.BinaryField(blank=True, default=b"")
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["file_content"])

    class Meta:
        ordering = ["day", "pk"]


class PlanComment(models.Model):
    """The lead inspector's or the monitoring body's comment on the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    made = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["made", "pk"]


class ProgressReport(models.Model):
    """A progress report as generated: the plan's snapshot at `as_of`, and the report it is
    compared with, so "since the previous report" never changes afterwards."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    as_of = models.DateField()
    snapshot = models.JSONField()
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    made = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made", "-pk"]


class Recurrence(models.Model):
    """The lead's mark that a recommendation of this inspection repeats one of the previous
    inspection's (by its number there, from 1): so the next inspection says that earlier
    recommendation recurs. Kept with the previous inspection it was made against, so a mark
    made before another inspection of the service was published is not read against it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recurrences")
    previous = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField("The previous inspection's recommendation")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="repeats"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "previous", "number"], name="one_mark_per_recommendation"
            )
        ]
