from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The report's content, the report page and its files, and the press release."""

    name = "yjinspect.web.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
