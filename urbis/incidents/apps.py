from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "urbis.incidents"
    label = "incidents"
    verbose_name = _("Incidents and crime analysis")

    def ready(self) -> None:
        from urbis.incidents import registry

        registry.register_all()
