from django.apps import AppConfig


class AccuracyConfig(AppConfig):
    """The factual accuracy check: the draft report sent to the service, its comments and the
    lead's answers."""

    name = "yjinspect.web.accuracy"
    label = "accuracy"
    default_auto_field = "django.db.models.BigAutoField"
