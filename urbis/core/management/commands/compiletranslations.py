"""``urbis compiletranslations``: compile the .po catalogues with Babel (no GNU gettext)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from urbis.core.i18n_compile import compile_all


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) without GNU gettext."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"compiled {compile_all()} translation catalogues")
