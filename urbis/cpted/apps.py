from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CptedConfig(AppConfig):
    name = "urbis.cpted"
    label = "cpted"
    verbose_name = _("CPTED")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.core import maplayers, modules
        from urbis.core.demo import register_demo_loader
        from urbis.cpted import gdpr, home  # noqa: F401 - GDPR declarations (art. 30)
        from urbis.cpted.demo import load_cpted_demo
        from urbis.cpted.permissions import COORDINATE_ROLES, READ_ROLES
        from urbis.cpted.seed import reseed_after_flush

        modules.register(
            modules.ModuleEntry(
                key="cpted",
                label=_("CPTED"),
                url_name="cpted:projects",
                roles=frozenset(READ_ROLES),
                order=30,
                description=_(
                    "Triage of investment projects and the CPTED check: visits, scores, advice."
                ),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="cpted_portfolio",
                label=_("CPTED portfolio"),
                url_name="cpted:dashboard",
                roles=frozenset(COORDINATE_ROLES),
                order=31,
                description=_("Projects triaged, checked in time, open advice per department."),
            )
        )
        # The core city map (/map/) shows the projects to those who may read them; the layer's
        # view (cpted:geojson) filters to the user's projects and carries no personal data.
        maplayers.register(
            maplayers.MapLayer(
                key="cpted_projects",
                label=_("CPTED investment projects"),
                url_name="cpted:geojson",
                roles=frozenset(READ_ROLES),
                order=30,
            )
        )
        register_demo_loader("cpted", load_cpted_demo)

        # Reference data, not a domain effect: the defaults are back after a test ``flush``
        # exactly as after ``migrate`` (Django re-creates permissions the same way).
        post_migrate.connect(reseed_after_flush, sender=self, dispatch_uid="cpted.defaults")
        home.register()
