from django.urls import path

from yjinspect.web.assessments import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("inspections/<int:pk>/cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_page, name="assessment"),
    path("cases/<int:pk>/print/", views.case_print, name="case-print"),
    path("cases/<int:pk>/answer/", views.save_answer, name="save-answer"),
    path("cases/<int:pk>/comment/", views.save_comment, name="save-comment"),
    path("cases/<int:pk>/status/", views.move_assessment, name="move-assessment"),
    path("cases/<int:pk>/history/", views.assessment_history, name="assessment-history"),
]
