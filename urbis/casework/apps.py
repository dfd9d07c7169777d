from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "urbis.casework"
    label = "casework"
    verbose_name = _("Multi-agency casework")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.casework import gdpr, home, jobs  # noqa: F401 - GDPR, nightly, indicators
        from urbis.casework.demo import load_casework_demo
        from urbis.casework.permissions import MODULE_ROLES
        from urbis.core import modules
        from urbis.core.demo import register_demo_loader

        modules.register(
            modules.ModuleEntry(
                key="casework",
                label=_("Casework"),
                url_name="casework:home",
                roles=frozenset(MODULE_ROLES()),
                order=40,
                description=_(
                    "Multi-agency cases on a need-to-know basis, meetings, disclosures, "
                    "feedback sheets, anonymous contacts."
                ),
            )
        )
        register_demo_loader("casework", load_casework_demo)
        home.register()
