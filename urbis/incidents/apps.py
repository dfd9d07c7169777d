from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "urbis.incidents"
    label = "incidents"
    verbose_name = _("Incidents and crime analysis")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.incidents import registry
        from urbis.incidents.seed import reseed_after_flush

        registry.register_all()
        post_migrate.connect(reseed_after_flush, sender=self, dispatch_uid="incidents.categories")
