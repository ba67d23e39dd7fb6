from django.urls import path

from yjinspect.web.accuracy import urls as accuracy
from yjinspect.web.assessments import urls as assessments
from yjinspect.web.inspections import urls as inspections
from yjinspect.web.national import urls as national
from yjinspect.web.plans import urls as plans
from yjinspect.web.qa import urls as qa
from yjinspect.web.ratings import urls as ratings
from yjinspect.web.reports import urls as reports
from yjinspect.web.sampling import urls as sampling
from yjinspect.web.workspace import views

urlpatterns = [
    *inspections.urlpatterns,
    path("favicon.ico", views.favicon),
    *ratings.urlpatterns,
    path("inspections/<int:pk>/results.yaml", views.results_download, name="results-download"),
    path("inspections/<int:pk>/results/", views.results_upload, name="results-upload"),
    path("inspections/<int:pk>/export/<slug:name>.<str:fmt>", views.export, name="export"),
    *reports.urlpatterns,
    *assessments.urlpatterns,
    *sampling.urlpatterns,
    *plans.urlpatterns,
    *national.urlpatterns,
    *accuracy.urlpatterns,
    *qa.urlpatterns,
]
