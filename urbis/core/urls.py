from django.urls import path

from urbis.core.gdpr import views as gdpr
from urbis.core.views import auth, manage, pages
from urbis.core.views import password_reset as reset

app_name = "core"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("map/", pages.city_map, name="map"),
    path("areas.geojson", pages.areas_geojson, name="areas_geojson"),
    path("audit/", pages.audit_log, name="audit_log"),
    path("gdpr/", gdpr.home, name="gdpr"),
    path("gdpr/records.<str:fmt>", gdpr.records_download, name="gdpr_records"),
    path("gdpr/pia/<str:code>.json", gdpr.pia_download, name="gdpr_pia"),
    path("gdpr/subject-access/", gdpr.subject_access, name="gdpr_subject_access"),
    path("gdpr/access-log/", gdpr.access_log, name="gdpr_access_log"),
    path("gdpr/requests/", gdpr.requests_page, name="gdpr_requests"),
    path("gdpr/requests/<int:request_id>/", gdpr.request_detail, name="gdpr_request"),
    path("gdpr/breaches/", gdpr.breaches, name="gdpr_breaches"),
    path(
        "gdpr/break-glass/<int:event_id>/review/",
        gdpr.break_glass_review,
        name="gdpr_break_glass_review",
    ),
    path("account/login/", auth.LoginView.as_view(), name="login"),
    path("account/logout/", auth.LogoutView.as_view(), name="logout"),
    path("account/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", pages.password_changed, name="password_change_done"),
    path("account/password/reset/", reset.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/sent/",
        reset.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/complete/",
        reset.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("manage/", manage.users, name="manage_users"),
    path("manage/users/invite/", manage.invite, name="manage_invite"),
    path("manage/users/<int:user_id>/", manage.user_detail, name="manage_user"),
    path("manage/users/<int:user_id>/active/", manage.user_active, name="manage_user_active"),
    path(
        "manage/users/<int:user_id>/2fa-reset/",
        manage.user_reset_second_factor,
        name="manage_user_2fa_reset",
    ),
    path("manage/areas/", manage.area_import, name="manage_areas"),
    path("account/2fa/setup/", auth.otp_setup, name="otp_setup"),
    path("account/2fa/verify/", auth.otp_verify, name="otp_verify"),
]
