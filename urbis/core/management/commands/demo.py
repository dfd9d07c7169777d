"""``urbis demo``: load the demo city (idempotent; refuses outside DEBUG)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from urbis.core.demo import demo_loaders
from urbis.core.demo.city import DEMO_PASSWORD, USERS, load_core_demo
from urbis.core.roles import Role


class Command(BaseCommand):
    help = "Load the demo city (sample Mechelen). Idempotent. Refuses to run outside DEBUG."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("The demo data is for trials only: set URBIS_DEBUG=1 to load it."), returncode=2
            )
        self.stdout.write("core: " + load_core_demo(None))
        for name, loader in demo_loaders():
            self.stdout.write(f"{name}: {loader(None)}")
        if not options["quiet_logins"]:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
            for demo in USERS:
                self.stdout.write(f"  {demo.username:<12} {Role(demo.role).label}")
            self.stdout.write(
                "  (admin and dpo enrol a TOTP authenticator at first login: two-factor is "
                "required for these roles)"
            )
