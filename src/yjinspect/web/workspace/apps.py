from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "yjinspect.web.workspace"
    label = "workspace"
    verbose_name = "Inspection workspace"
