"""Cells a spreadsheet would read as a formula, made plain text: every CSV and .xlsx the product
writes (the calendar, the import templates, the open-data files) passes its text through here."""

# What Excel, LibreOffice and Google Sheets start a formula (or a DDE call) with.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """`=HYPERLINK(…)` → `'=HYPERLINK(…)`: the leading apostrophe makes a spreadsheet show the
    text instead of running it. Other text is returned unchanged."""
    return "'" + text if text.startswith(FORMULA_START) else text
