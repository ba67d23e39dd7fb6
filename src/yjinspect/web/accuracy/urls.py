"""Included into the workspace's URLs, so the names stay the workspace's."""

from django.urls import path

from yjinspect.web.accuracy import views

urlpatterns = [
    path("inspections/<int:pk>/accuracy/", views.check, name="accuracy"),
    path("inspections/<int:pk>/accuracy/send/", views.send, name="accuracy-send"),
    path("inspections/<int:pk>/accuracy/comment/", views.comment, name="accuracy-comment"),
    path(
        "inspections/<int:pk>/accuracy/comments/<int:comment_pk>/answer/",
        views.answer,
        name="accuracy-answer",
    ),
    path("inspections/<int:pk>/accuracy/draft.<str:fmt>", views.draft_report, name="draft-report"),
    path("inspections/<int:pk>/accuracy/comments.<str:fmt>", views.log_export, name="accuracy-log"),
]
