from django.apps import AppConfig


class QaConfig(AppConfig):
    """Quality assurance: blind second assessments, moderation and agreement between assessors."""

    name = "yjinspect.web.qa"
    label = "qa"
    default_auto_field = "django.db.models.BigAutoField"
