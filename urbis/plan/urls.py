from django.urls import path

from urbis.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:plan_id>/", views.detail, name="detail"),
    path("<int:plan_id>/matrix/", views.matrix, name="matrix"),
    path("<int:plan_id>/extend/", views.extend, name="extend"),
    path("<int:plan_id>/add-phenomenon/", views.add_priority, name="add_priority"),
    path("<int:plan_id>/indicators/", views.indicators, name="indicators"),
    path("<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:plan_id>/report/<int:year>.<str:fmt>", views.report, name="report"),
    path("actions/<int:action_id>/", views.action_detail, name="action"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path("actions/<int:action_id>/practice-sheet/", views.practice_export, name="practice"),
    path("objectives/<int:objective_id>/add-action/", views.add_action, name="add_action"),
    path("objectives/<int:objective_id>/add-objective/", views.add_objective, name="add_objective"),
    path("our-actions/", views.my_actions, name="my_actions"),
    path("survey/", views.survey, name="survey"),
    path("survey/publish/", views.survey_publish, name="survey_publish"),
    path("exchange/", views.exchange, name="exchange"),
    path("partners/", views.partners, name="partners"),
]
