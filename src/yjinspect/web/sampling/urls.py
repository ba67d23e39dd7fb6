from django.urls import path

from yjinspect.web.sampling import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("inspections/<int:pk>/sample/", views.sample_page, name="sample"),
    path("inspections/<int:pk>/allocate/", views.allocate, name="allocate"),
    path("cases/<int:pk>/replace/", views.replace_case, name="replace-case"),
]
