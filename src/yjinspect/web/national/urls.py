from django.urls import path

from yjinspect.web.national import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("national/", views.national_page, name="national"),
    path("national/picture.<str:fmt>", views.national_file, name="national-file"),
    path("national/results/", views.upload_results, name="national-upload"),
    path("national/results/<int:pk>/remove/", views.remove_results, name="national-remove"),
    path("inspections/<int:pk>/position/", views.position_page, name="position"),
]
