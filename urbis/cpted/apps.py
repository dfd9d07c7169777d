from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CptedConfig(AppConfig):
    name = "urbis.cpted"
    label = "cpted"
    verbose_name = _("CPTED")
