from django.urls import path

from urbis.sanctions.api import views

urlpatterns = [
    path("ascertainments/", views.AscertainmentCreate.as_view(), name="api-gas-ascertainments"),
    path("cases/", views.CaseList.as_view(), name="api-gas-cases"),
    path("cases/<str:number>/", views.CaseDetail.as_view(), name="api-gas-case"),
    path(
        "cases/<str:number>/transitions/",
        views.TransitionCreate.as_view(),
        name="api-gas-transitions",
    ),
    path(
        "cases/<str:number>/letters/<int:letter_id>/",
        views.LetterDownload.as_view(),
        name="api-gas-letter",
    ),
    path("payments/import/", views.PaymentImport.as_view(), name="api-gas-payments"),
]
