from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from yjinspect.web.health import health
from yjinspect.web.security import ResetLinkForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Passwords are set by their owners from an emailed link (security.send_reset_links).
    path("password-reset/", auth_views.PasswordResetView.as_view(form_class=ResetLinkForm),
         name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("", include("yjinspect.web.workspace.urls")),
]  # fmt: skip
