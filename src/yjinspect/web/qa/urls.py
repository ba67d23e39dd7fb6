from django.urls import path

from yjinspect.web.assessments import views as workbench
from yjinspect.web.qa import views

# Included into the workspace's URL list, so the names stay the workspace's. The second
# assessment is served by the assessments app's workbench views with the second desk.
second = {"desk": views.SECOND_DESK}
urlpatterns = [
    path("audits/new/", views.audit_new, name="audit-new"),
    path("inspections/<int:pk>/quality/", views.qa_page, name="qa"),
    path("inspections/<int:pk>/agreement/", views.agreement_page, name="agreement"),
    path("inspections/<int:pk>/agreement.<str:fmt>", views.agreement_file, name="agreement-file"),
    path("cases/<int:pk>/second/", workbench.case_page, second, name="second-assessment"),
    path("cases/<int:pk>/second/answer/", workbench.save_answer, second, name="second-answer"),
    path("cases/<int:pk>/second/comment/", workbench.save_comment, second, name="second-comment"),
    path("cases/<int:pk>/second/status/", workbench.move_assessment, second, name="second-move"),
    path("cases/<int:pk>/second/views/", views.save_views, name="second-views"),
    path(
        "cases/<int:pk>/second/history/",
        workbench.assessment_history,
        second,
        name="second-history",
    ),
    path("cases/<int:pk>/compare/", views.compare_page, name="compare-case"),
    path("cases/<int:pk>/second/change/", views.change_second, name="change-second"),
]
