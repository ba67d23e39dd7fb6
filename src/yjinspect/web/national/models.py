"""What the national picture stores: published-results CSVs as uploaded (public data only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class PublishedResults(models.Model):
    """One CSV of published results (the documented layout or the data-to-insight scrape),
    kept as uploaded and read again by the core readers; it was read whole before it was kept."""

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    inspections = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
