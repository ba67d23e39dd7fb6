from django.urls import path

from yjinspect.web.assessments import urls as assessments
from yjinspect.web.inspections import urls as inspections
from yjinspect.web.qa import urls as qa
from yjinspect.web.sampling import urls as sampling
from yjinspect.web.workspace import views

urlpatterns = [
    *inspections.urlpatterns,
    path("favicon.ico", views.favicon),
    path("inspections/<int:pk>/ratings/", views.ratings, name="ratings"),
    path("inspections/<int:pk>/judgements/", views.judgements, name="judgements"),
    path("inspections/<int:pk>/discretion/", views.discretion, name="discretion"),
    path("inspections/<int:pk>/results.yaml", views.results_download, name="results-download"),
    path("inspections/<int:pk>/results/", views.results_upload, name="results-upload"),
    path("inspections/<int:pk>/export/<slug:name>.<str:fmt>", views.export, name="export"),
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
    *assessments.urlpatterns,
    *sampling.urlpatterns,
    *qa.urlpatterns,
]
