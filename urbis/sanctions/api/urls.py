from django.urls import path

from urbis.sanctions.api import steps, views

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
    path("articles/", steps.ArticleList.as_view(), name="api-gas-articles"),
    path("settings/", steps.SettingsList.as_view(), name="api-gas-settings"),
    *[
        path(f"cases/<str:number>/{suffix}", view.as_view(), name=f"api-gas-{name}")
        for suffix, view, name in (
            ("defences/", steps.DefenceCreate, "defences"),
            ("hearings/", steps.HearingCreate, "hearings"),
            ("hearings/<int:hearing_id>/record/", steps.HearingRecord, "hearing-record"),
            ("appeals/", steps.AppealCreate, "appeals"),
            ("judgment/", steps.JudgmentCreate, "judgment"),
            ("payments/", steps.PaymentCreate, "case-payments"),
            ("letters/<int:letter_id>/receipt/", steps.LetterReceipt, "letter-receipt"),
            ("payment-terms/", steps.PaymentTerms, "payment-terms"),
            ("community-service/", steps.CommunityServiceCreate, "community-service"),
            ("community-service/result/", steps.CommunityServiceResult, "service-result"),
            ("lawyer/", steps.LawyerRecord, "lawyer"),
            ("limitation-events/", steps.LimitationEventCreate, "limitation-events"),
        )
    ],
]
