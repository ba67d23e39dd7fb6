from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Pages without an icon link (the report preview, the admin) make browsers ask here.
    path("favicon.ico", RedirectView.as_view(url=static("workspace/favicon.svg"))),
    path("", include("yjinspect.web.workspace.urls")),
]
