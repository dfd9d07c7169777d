from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "urbis.core"
    label = "core"
    verbose_name = _("Urbis core")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.core import db_guards, home_providers, modules
        from urbis.core.gdpr import declarations, jobs  # noqa: F401 - art. 30, retention
        from urbis.core.permissions import AUDIT_ROLES, STAFF_ROLES

        db_guards.register_tables("core_retentionproof", "core_requeststep")
        home_providers.register()
        modules.register(
            modules.ModuleEntry(
                key="map",
                label=_("City map"),
                url_name="core:map",
                roles=frozenset(STAFF_ROLES),
                description=_("Neighbourhoods and statistical sectors with their population."),
                order=90,
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="audit",
                label=_("Audit and access log"),
                url_name="core:audit_log",
                roles=frozenset(AUDIT_ROLES),
                description=_("Who did what, and who read which personal data."),
                order=95,
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="gdpr",
                label=_("GDPR (DPO)"),
                url_name="core:gdpr",
                roles=frozenset({"dpo"}),
                description=_(
                    "Record of processing, retention, subject access, access-log search, "
                    "alerts, requests and breaches."
                ),
                order=96,
            )
        )
