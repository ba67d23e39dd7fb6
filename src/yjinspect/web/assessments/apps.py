from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """The assessor's pages: the case list (a work queue), the case page, its history."""

    name = "yjinspect.web.assessments"
    default_auto_field = "django.db.models.BigAutoField"
