"""Imports of police exports and of the address register (issue 13 §2, §4), one module per
step: ``common`` (result, reasons, dates, the table reader), ``incidents`` (parse and check),
``writer`` (write), ``addresses``."""

from urbis.incidents.services.imports.addresses import addresses_import
from urbis.incidents.services.imports.common import ImportResult, _reason, parse_moment
from urbis.incidents.services.imports.incidents import incidents_import

__all__ = ["ImportResult", "_reason", "addresses_import", "incidents_import", "parse_moment"]
