from django.urls import path

from urbis.plan.api import actions, views

urlpatterns = [
    path("plans/", views.PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:plan_id>/matrix/", views.MatrixView.as_view(), name="api-plan-matrix"),
    path("actions/", actions.ActionList.as_view(), name="api-plan-actions"),
    path("indicators/", actions.IndicatorList.as_view(), name="api-plan-indicators"),
    path("measurements/", views.MeasurementCreate.as_view(), name="api-plan-measurement"),
]
