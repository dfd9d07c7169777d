#!/usr/bin/env python
"""Django's command-line utility (the ``urbis`` command wraps the same)."""

import sys

from urbis.cli import main

if __name__ == "__main__":
    sys.exit(main())
