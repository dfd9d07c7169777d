"""``python -m urbis.analytics`` is ``urbis analytics``."""

import sys

from urbis.analytics.cli import main

sys.exit(main())
