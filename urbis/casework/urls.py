from django.urls import path

from urbis.casework import views
from urbis.casework.views import conversion

app_name = "casework"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.case_new, name="case_new"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/sheets/<int:sheet_id>.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("cases/<int:case_id>/<slug:step>/", views.case_step, name="case_step"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/<int:contact_id>/case/", conversion.contact_convert, name="contact_convert"),
    path("break-glass/", views.break_glass, name="break_glass"),
]
