from django.apps import AppConfig


class PlansConfig(AppConfig):
    """The improvement plan after publication, its follow-up and the board's progress reports."""

    name = "yjinspect.web.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"
