from django.apps import AppConfig


class NationalConfig(AppConfig):
    """The national picture over published data, a service's position in it, and the
    published-results CSVs it is built from."""

    name = "yjinspect.web.national"
    label = "national_picture"  # "national" reads as the core package of that name
    default_auto_field = "django.db.models.BigAutoField"
