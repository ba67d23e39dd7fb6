from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from yjinspect.web.workspace.models import Assignment, Inspection, Service


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "local_authority", "nation", "kind"]


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["service", "framework_id", "fieldwork_start", "status"]
    inlines = [AssignmentInline]
