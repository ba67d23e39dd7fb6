"""Included into the workspace's URLs, so the names stay the workspace's."""

from django.urls import path

from yjinspect.web.inspections import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inspections/new/", views.set_up_new, name="set-up-new"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/set-up/", views.set_up, name="set-up"),
    path("inspections/<int:pk>/status/", views.inspection_status, name="inspection-status"),
    path("inspections/<int:pk>/publish/", views.publish, name="publish"),
    path("inspections/<int:pk>/history/", views.history, name="inspection-history"),
]
