from django.urls import path

from urbis.plan.api import views

urlpatterns = [
    path("plans/", views.PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:plan_id>/matrix/", views.MatrixView.as_view(), name="api-plan-matrix"),
    path("measurements/", views.MeasurementCreate.as_view(), name="api-plan-measurement"),
]
