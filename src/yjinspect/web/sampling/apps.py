from django.apps import AppConfig


class SamplingConfig(AppConfig):
    """The sample page (draw or import a sample), allocation and replacement from the reserve."""

    name = "yjinspect.web.sampling"
    label = "sample_pages"  # "sampling" reads as the core package of that name
    default_auto_field = "django.db.models.BigAutoField"
