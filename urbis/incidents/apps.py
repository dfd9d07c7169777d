from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "urbis.incidents"
    label = "incidents"
    verbose_name = _("Incidents and crime analysis")

    def ready(self) -> None:
        from urbis.incidents import registry

        registry.register_all()

        from django.db.models.signals import post_migrate

        from urbis.incidents.seed import reseed_after_flush

        post_migrate.connect(reseed_after_flush, sender=self, dispatch_uid="incidents.categories")
