from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "urbis.sanctions"
    label = "sanctions"
    verbose_name = _("Administrative sanctions (GAS)")

    def ready(self) -> None:
        from urbis.core import db_guards

        db_guards.register_tables(
            "sanctions_statuschange", "sanctions_purgelog", "sanctions_limitationevent"
        )
        from urbis.core import modules
        from urbis.core.demo import register_demo_loader
        from urbis.core.roles import Role
        from urbis.sanctions import gdpr, jobs  # noqa: F401 - nightly sweep, indicators, GDPR
        from urbis.sanctions.demo import load_sanctions_demo
        from urbis.sanctions.permissions import CASE_ROLES

        modules.register(
            modules.ModuleEntry(
                key="gas",
                label=_("Administrative sanctions (GAS)"),
                url_name="sanctions:dashboard",
                roles=frozenset(CASE_ROLES),
                order=20,
                description=_("Cases, deadlines, letters, payments, appeals and the register."),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="gas_report",
                label=_("File a report"),
                url_name="sanctions:file_report",
                roles=frozenset({Role.ASCERTAINER}),
                order=21,
                description=_("A PV or administrative report with photo and map pin."),
            )
        )
        register_demo_loader("sanctions", load_sanctions_demo)
        from urbis.sanctions import home

        home.register()
