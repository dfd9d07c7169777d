"""``urbis open311 key create NAME`` prints a new API key on one line; ``key revoke NAME``;
``key list``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbis.reports.models import Open311Key
from urbis.reports.services import open311_key_create, open311_key_revoke


class Command(BaseCommand):
    help = "Open311 partner API keys: key create NAME | key revoke NAME | key list"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        key = sub.add_parser("key", help="partner application keys")
        actions = key.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a key and print it once")
        create.add_argument("name")
        revoke = actions.add_parser("revoke", help="revoke the key of an application")
        revoke.add_argument("name")
        actions.add_parser("list", help="list applications and whether their key is live")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "create":
                _key, raw = open311_key_create(actor=None, name=options["name"])
                self.stdout.write(raw)
            elif action == "revoke":
                open311_key_revoke(actor=None, name=options["name"])
                self.stdout.write(f"revoked {options['name']}")
            else:
                for row in Open311Key.objects.order_by("name"):
                    state = "revoked" if row.revoked_at else "live"
                    self.stdout.write(f"{row.name}\t{row.prefix}…\t{state}")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
