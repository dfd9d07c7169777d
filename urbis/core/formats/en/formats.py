"""English as written in a Belgian city's English pages: day first (en-GB), 24-hour clock,
weeks from Monday. Django's default English formats are US English (12/01/2026 for
1 December), which a Belgian reader takes for 12 January."""

DATE_FORMAT = "j F Y"  # 1 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 1 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 1 December
SHORT_DATE_FORMAT = "d/m/Y"  # 01/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/12/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first when typed; ISO 8601 (the date picker's value) is always accepted too.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '01/12/2026'
    "%d/%m/%y",  # '01/12/26'
    "%d-%m-%Y",  # '01-12-2026'
    "%d %b %Y",  # '1 Dec 2026'
    "%d %B %Y",  # '1 December 2026'
    "%Y-%m-%d",  # '2026-12-01'
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",  # '01/12/2026 14:30:59'
    "%d/%m/%Y %H:%M",  # '01/12/2026 14:30'
    "%d/%m/%y %H:%M",  # '01/12/26 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2026-12-01 14:30:59'
    "%Y-%m-%d %H:%M",  # '2026-12-01 14:30'
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
