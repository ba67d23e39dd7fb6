from django.apps import AppConfig


class RatingsConfig(AppConfig):
    """The ratings page, the lead's judgements and discretion."""

    name = "yjinspect.web.ratings"
    label = "rating_pages"  # "ratings" reads as the core package of that name
    default_auto_field = "django.db.models.BigAutoField"
