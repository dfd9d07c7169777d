"""Per-language date and number formats (``FORMAT_MODULE_PATH``), where Django's own differ
from what a Belgian city writes. Dutch and French keep Django's formats (day first already);
English is British English, day first: 1 December 2026, 01/12/2026, never 12/01/2026.
"""
