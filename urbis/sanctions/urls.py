from django.urls import path

from urbis.sanctions import views

app_name = "sanctions"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.file_report, name="file_report"),
    path("import/", views.bulk_import, name="bulk_import"),
    path("cases/", views.case_list, name="cases"),
    path("cases.csv", views.case_export, {"fmt": "csv"}, name="cases_csv"),
    path("cases.xlsx", views.case_export, {"fmt": "xlsx"}, name="cases_xlsx"),
    path("cases/<str:number>/", views.case_detail, name="case"),
    path("cases/<str:number>/step/", views.case_step, name="case_step"),
    path("cases/<str:number>/defence/", views.case_defence, name="case_defence"),
    path("cases/<str:number>/hearing/", views.case_hearing, name="case_hearing"),
    path("cases/<str:number>/decide/", views.case_decide, name="case_decide"),
    path("cases/<str:number>/appeal/", views.case_appeal, name="case_appeal"),
    path("cases/<str:number>/judgment/", views.case_judgment, name="case_judgment"),
    path("cases/<str:number>/instalments/", views.case_instalments, name="case_instalments"),
    path("cases/<str:number>/letters/<int:letter_id>.pdf", views.letter_pdf, name="letter"),
    path("cases/<str:number>/photos/<int:photo_id>.jpg", views.case_photo, name="photo"),
    path(
        "cases/<str:number>/procedure/<slug:step>/",
        views.case_procedure,
        name="case_procedure",
    ),
    path("dispatch/", views.dispatch_list, name="dispatch"),
    path("letters/", views.letters_print, name="letters_print"),
    path("letters/<str:day>.pdf", views.letters_print_pdf, name="letters_print_pdf"),
    path("import/template.csv", views.bulk_template, name="bulk_template"),
    path("notices/", views.notices, name="notices"),
    path("fixed-fines/", views.fixed_fines, name="fixed_fines"),
    path("enforcement.csv", views.enforcement, name="enforcement"),
    path("payments/", views.payments_page, name="payments"),
    path("payments/<int:payment_id>/assign/", views.payment_assign, name="payment_assign"),
    path("register/", views.register, name="register"),
    path("register/purge/", views.register_purge_view, name="register_purge"),
    path("register/evaluation.csv", views.evaluation_export, name="evaluation"),
]
