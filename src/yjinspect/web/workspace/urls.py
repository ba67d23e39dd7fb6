from django.urls import path

from yjinspect.web.inspections import urls as inspection_urls
from yjinspect.web.workspace import views

urlpatterns = [
    *inspection_urls.urlpatterns,
    path("favicon.ico", views.favicon),
    path("inspections/<int:pk>/cases/", views.case_list, name="cases"),
    path("inspections/<int:pk>/ratings/", views.ratings, name="ratings"),
    path("inspections/<int:pk>/judgements/", views.judgements, name="judgements"),
    path("inspections/<int:pk>/discretion/", views.discretion, name="discretion"),
    path("inspections/<int:pk>/results.yaml", views.results_download, name="results-download"),
    path("inspections/<int:pk>/results/", views.results_upload, name="results-upload"),
    path("inspections/<int:pk>/export/<slug:name>.<str:fmt>", views.export, name="export"),
    path("inspections/<int:pk>/sample/", views.sample_page, name="sample"),
    path("inspections/<int:pk>/allocate/", views.allocate, name="allocate"),
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
    path("cases/<int:pk>/replace/", views.replace_case, name="replace-case"),
    path("cases/<int:pk>/", views.assessment, name="assessment"),
    path("cases/<int:pk>/answer/", views.save_answer, name="save-answer"),
    path("cases/<int:pk>/comment/", views.save_comment, name="save-comment"),
    path("cases/<int:pk>/status/", views.move_assessment, name="move-assessment"),
    path("cases/<int:pk>/history/", views.assessment_history, name="assessment-history"),
]
