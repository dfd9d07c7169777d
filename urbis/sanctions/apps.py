from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "urbis.sanctions"
    label = "sanctions"
    verbose_name = _("Administrative sanctions (GAS)")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.core import db_guards, modules
        from urbis.core.demo import register_demo_loader
        from urbis.core.roles import Role
        from urbis.sanctions import gdpr, home, jobs  # noqa: F401 - nightly sweep, indicators, GDPR
        from urbis.sanctions.demo import load_sanctions_demo
        from urbis.sanctions.permissions import CASE_ROLES

        db_guards.register_tables(
            "sanctions_statuschange", "sanctions_purgelog", "sanctions_limitationevent"
        )
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
        home.register()
