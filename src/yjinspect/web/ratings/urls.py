from django.urls import path

from yjinspect.web.ratings import views

# Included into the workspace's URL list, so the names stay the workspace's.
urlpatterns = [
    path("inspections/<int:pk>/ratings/", views.ratings, name="ratings"),
    path("inspections/<int:pk>/judgements/", views.judgements, name="judgements"),
    path("inspections/<int:pk>/discretion/", views.discretion, name="discretion"),
]
