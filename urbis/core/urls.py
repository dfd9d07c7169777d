from django.urls import path

from urbis.core.views import auth, pages

app_name = "core"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("map/", pages.city_map, name="map"),
    path("areas.geojson", pages.areas_geojson, name="areas_geojson"),
    path("audit/", pages.audit_log, name="audit_log"),
    path("account/login/", auth.LoginView.as_view(), name="login"),
    path("account/logout/", auth.LogoutView.as_view(), name="logout"),
    path("account/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", pages.password_changed, name="password_change_done"),
    path("account/2fa/setup/", auth.otp_setup, name="otp_setup"),
    path("account/2fa/verify/", auth.otp_verify, name="otp_verify"),
]
