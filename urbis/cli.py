"""The ``urbis`` operator command: Django's manage.py, plus ``urbis analytics ...``.

``urbis analytics`` runs the pure analytics command line without starting Django.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "analytics":
        # local: each branch loads only its own command line (numpy here, Django below)
        from urbis.analytics.cli import main as analytics_main

        return analytics_main(args[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
