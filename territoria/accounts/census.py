"""Reading a census file: a CSV of e-mail addresses, one per line (no Django import).

Like Decidim's ``csv_census``: a header row with a column ``email`` (any case), other columns
ignored. Tolerant of what spreadsheets write: a UTF-8 byte order mark, Windows-1252 text,
``;`` or ``,`` separators, blank lines, spaces around addresses. Every invalid line is
reported with its line number; the caller applies nothing unless the whole file is valid.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

# Deliberately simple: one @, no spaces, a dot in the domain. Django's validator runs on top
# in the service; this one keeps the module free of Django.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class CensusFile:
    emails: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message key)
    duplicates: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.emails)


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def read_census(content: bytes) -> CensusFile:
    """Parse ``content``. Error keys: ``too_large``, ``empty``, ``no_email_column``,
    ``invalid_email`` (with the line number)."""
    result = CensusFile()
    if len(content) > MAX_BYTES:
        result.errors.append((0, "too_large"))
        return result
    text = _decode(content).lstrip("\ufeff")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        result.errors.append((0, "empty"))
        return result
    first = next(line for line in lines if line.strip())
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    column = -1
    seen: set[str] = set()
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff").lower() for cell in row]
            if "email" not in header and "e-mail" not in header:
                result.errors.append((number, "no_email_column"))
                return result
            column = header.index("email") if "email" in header else header.index("e-mail")
            continue
        email = row[column].strip().lower() if column < len(row) else ""
        if not EMAIL.match(email):
            result.errors.append((number, "invalid_email"))
            continue
        if email in seen:
            result.duplicates += 1
            continue
        seen.add(email)
        result.emails.append(email)
    if header is not None and not result.emails and not result.errors:
        result.errors.append((0, "empty"))
    return result
