from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """The inspection-level pages: home, the task list, set-up and stage moves."""

    name = "yjinspect.web.inspections"
    label = "inspections"
    verbose_name = "Inspections"
