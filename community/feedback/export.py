"""Feedback answers as a CSV file that German Excel opens as it is.

Excel opens a double-clicked CSV in the system's code page and splits it at the
system's list separator, which in German settings is the semicolon (the comma
is the decimal sign there). So the file is UTF-8 with a byte order mark, which
makes Excel read it as UTF-8 (umlauts intact), with semicolons between fields
and CRLF line ends; LibreOffice and scripts read it as well. Comments come from
anonymous readers: a cell that starts like a formula (=, +, -, @, tab, CR) gets
an apostrophe first, so a spreadsheet shows it as text and never runs it.
"""

import csv
import io
from collections.abc import Iterable

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value) -> str:
    """A cell's text, defused if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """The header and rows as CSV text for Excel: BOM, semicolons, CRLF."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([as_text(name) for name in header])
    for row in rows:
        writer.writerow([as_text(value) for value in row])
    return out.getvalue()
