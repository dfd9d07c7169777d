from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "urbis.reports"
    label = "reports"
    verbose_name = _("Public-space reports")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.core import maplayers, modules
        from urbis.core.demo import register_demo_loader
        from urbis.reports import gdpr, home, indicators, jobs  # noqa: F401 - providers, GDPR
        from urbis.reports.demo import load_reports_demo
        from urbis.reports.permissions import FIELD_ROLES, READ_ROLES

        modules.register(
            modules.ModuleEntry(
                key="reports",
                label=_("Public-space reports"),
                url_name="reports:worklist",
                roles=frozenset(READ_ROLES),
                order=25,
                description=_("Citizens' reports of incivilities: worklists, routing, status."),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="reports_field",
                label=_("Field worklist"),
                url_name="reports:field",
                roles=frozenset(FIELD_ROLES),
                order=26,
                description=_("Reports assigned to you, nearest first; visits and GAS findings."),
            )
        )
        # The core city map (/map/) shows open reports to those who may read them; the layer's
        # view (reports:geojson) checks the same roles and carries no personal data.
        maplayers.register(
            maplayers.MapLayer(
                key="reports_open",
                label=_("Open public-space reports"),
                url_name="reports:geojson",
                roles=frozenset(READ_ROLES),
                order=25,
            )
        )
        register_demo_loader("reports", load_reports_demo)
        home.register()
