from django.urls import path

from yjinspect.web.plans import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("inspections/<int:pk>/plan/", views.plan_page, name="plan"),
    path(
        "inspections/<int:pk>/plan/recommendations/<int:recommendation>/add/",
        views.add_action,
        name="plan-add-action",
    ),
    path("inspections/<int:pk>/plan/review/", views.review, name="plan-review"),
    path("inspections/<int:pk>/plan/reports/", views.reports, name="plan-reports"),
    path(
        "inspections/<int:pk>/plan/export/<slug:name>.<str:fmt>",
        views.plan_export,
        name="plan-export",
    ),
    path("plan/actions/<int:pk>/", views.action_page, name="plan-action"),
    path("plan/updates/<int:pk>/file", views.update_file, name="plan-update-file"),
    path("plan/reports/<int:pk>.<str:fmt>", views.report_file, name="plan-report-file"),
    path("services/<int:pk>/plans/", views.follow_up, name="follow-up"),
    path("inspections/<int:pk>/previous/recurs/", views.mark_recurrence, name="mark-recurrence"),
]
