from django.urls import path

from yjinspect.web.reports import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("inspections/<int:pk>/content/", views.report_content, name="report-content"),
    path("inspections/<int:pk>/report/", views.report_page, name="report"),
    path(
        "inspections/<int:pk>/published-scores/",
        views.published_scores_upload,
        name="published-scores",
    ),
    path("inspections/<int:pk>/report.<str:fmt>", views.report_file, name="report-file"),
    path(
        "inspections/<int:pk>/press-release.<str:fmt>",
        views.press_release_file,
        name="press-release-file",
    ),
]
