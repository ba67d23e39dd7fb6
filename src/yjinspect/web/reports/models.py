"""Renderings of the report and press release, kept in the database so that an unchanged
inspection's files are served without building them again (by any thread, worker or restart)."""

from __future__ import annotations

from django.db import models

from yjinspect.web.workspace.models import Inspection


class Rendering(models.Model):
    """One file (`output`, such as "report.pdf") as rendered from one version of everything it
    is built from (`key`, see `versions.report_key`). Until it is rendered `content` is empty;
    `problem` says why it could not be. Derived data, rebuilt at will, so it has no audit
    history: the changes that made it are audited where they were made."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="renderings")
    output = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    content = models.BinaryField(null=True)
    problem = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "output", "key"], name="one_rendering_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.output} of inspection {self.inspection_id} ({self.key[:12]})"
