"""Frameworks uploaded in the workspace: the file as it was checked, kept with its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class UploadedFramework(models.Model):
    """A framework file a lead or administrator uploaded. Stored as its text, so it is read by
    the same loader as a bundled file each time; an id and version are held once, and never an
    id of a bundled framework (`frameworks.upload_framework` checks both)."""

    framework_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    name = models.CharField(max_length=255, help_text="The uploaded file's name")
    content = models.TextField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework_id", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="one_upload_per_framework_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"
