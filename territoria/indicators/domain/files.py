"""Reading an uploaded data file into a table of text cells, whatever it turns out to be.

A file is recognised by its content, not its name: a CSV file (UTF-8, UTF-8 with a BOM,
UTF-16 with a BOM, Windows-1252 or Latin-1; separator ``;``, tab, ``,`` or ``|``, sniffed
from the header line), a zip archive holding such a CSV file (as INSEE distributes its
files: the largest CSV member whose name does not start with ``meta``), or an Excel
workbook (.xlsx, first sheet). Anything else — an image, a PDF, an old .xls workbook,
a damaged or truncated archive, an empty file, a line longer than ``MAX_LINE`` — raises
``FileProblem`` with a message for the person who uploaded it. Nothing here knows what
the columns mean.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from territoria.indicators.domain.values import gettext_noop

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_LINE = 100_000
MAX_ROWS = 2_000_000
SEPARATORS = (";", "\t", ",", "|")

_MAGIC = (
    (b"\x89PNG", gettext_noop("a PNG image")),
    (b"\xff\xd8\xff", gettext_noop("a JPEG image")),
    (b"GIF8", gettext_noop("a GIF image")),
    (b"%PDF", gettext_noop("a PDF document")),
    (b"\x1f\x8b", gettext_noop("a gzip archive")),
    (b"\xd0\xcf\x11\xe0", gettext_noop("an old Excel (.xls) or Office document")),
    (b"Rar!", gettext_noop("a RAR archive")),
    (b"7z\xbc\xaf", gettext_noop("a 7-Zip archive")),
)


class FileProblem(ValueError):
    """A file that cannot be read as a table: ``template`` % ``params`` says why."""

    translated_params = ("what",)

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)

    def message(self, translate: Any) -> str:
        """The message in the language of ``translate`` (``gettext``)."""
        params = {key: translate(value) if key in self.translated_params else value
                  for key, value in self.params.items()}
        return translate(self.template) % params if params else translate(self.template)


@dataclass
class TextTable:
    """The header and the rows of a file, each row with its line number in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    format: str  # "csv", "zip", "xlsx"
    encoding: str = ""
    separator: str = ""
    member: str = ""
    notes: list[str] = field(default_factory=list)


def read_table(raw: bytes, *, allow_workbook: bool = True) -> TextTable:
    """The table in ``raw`` (the bytes of the uploaded file); raises ``FileProblem``."""
    if not raw.strip():
        raise FileProblem(gettext_noop("The file is empty."))
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            if allow_workbook:
                raise FileProblem(gettext_noop("This file is %(what)s, not a data table. "
                                               "Choose a CSV file or an Excel (.xlsx) "
                                               "workbook."), what=what)
            raise FileProblem(gettext_noop("This file is %(what)s, not a data table. Choose "
                                           "a CSV file or a zip archive of one."), what=what)
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_archive(raw, allow_workbook=allow_workbook)
    text, encoding = decode(raw)
    table = read_csv(text)
    table.encoding = encoding
    return table


def _read_archive(raw: bytes, *, allow_workbook: bool) -> TextTable:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise FileProblem(gettext_noop("The zip archive is damaged or incomplete (was the "
                                       "upload cut short?). Download it again.")) from None
    if "xl/workbook.xml" in names:
        if not allow_workbook:
            raise FileProblem(gettext_noop("This file is an Excel workbook. This import "
                                           "reads the CSV file or the zip archive INSEE "
                                           "distributes."))
        return read_workbook(raw)
    members = [info for info in archive.infolist()
               if info.filename.lower().endswith(".csv") and not info.is_dir()
               and not info.filename.rsplit("/", 1)[-1].lower().startswith("meta")]
    if not members:
        raise FileProblem(gettext_noop("The zip archive holds no CSV data file."))
    member = max(members, key=lambda info: info.file_size)
    if member.file_size > MAX_UNCOMPRESSED:
        raise FileProblem(gettext_noop("The file %(name)s in the archive is too large "
                                       "once uncompressed (over %(limit)s MB)."),
                          name=member.filename, limit=MAX_UNCOMPRESSED // (1024 * 1024))
    try:
        with archive.open(member) as stream:
            data = stream.read(MAX_UNCOMPRESSED + 1)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
        raise FileProblem(gettext_noop("The zip archive is damaged or incomplete (was the "
                                       "upload cut short?). Download it again.")) from None
    if len(data) > MAX_UNCOMPRESSED:
        raise FileProblem(gettext_noop("The file %(name)s in the archive is too large "
                                       "once uncompressed (over %(limit)s MB)."),
                          name=member.filename, limit=MAX_UNCOMPRESSED // (1024 * 1024))
    if data.startswith(b"PK"):
        raise FileProblem(gettext_noop("The zip archive holds another archive, not a CSV "
                                       "file."))
    text, encoding = decode(data)
    table = read_csv(text)
    table.encoding = encoding
    table.format = "zip"
    table.member = member.filename
    return table


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    A BOM decides (UTF-8, UTF-16); otherwise UTF-8 when the bytes are valid UTF-8, else
    Windows-1252, else Latin-1 (INSEE's older files). Binary content is refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FileProblem(gettext_noop("The file says it is in UTF-16 but its characters "
                                           "cannot be read. Save it as UTF-8 CSV.")) from None
    if b"\x00" in raw[:65536]:
        raise FileProblem(gettext_noop("This is not a text file: it holds binary data. "
                                       "Choose a CSV file."))
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    controls = sum(1 for char in text[:65536]
                   if ord(char) < 32 and char not in "\t\r\n")
    if controls > 10:
        raise FileProblem(gettext_noop("The characters of this file cannot be read as text. "
                                       "Save it as CSV in UTF-8 or Latin-1."))
    return text, {"utf-8-sig": "utf-8", "cp1252": "windows-1252"}.get(encoding, encoding)


def sniff_separator(header_line: str) -> str:
    """The separator that splits the header line into the most columns."""
    counts = {separator: header_line.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    if counts[best] == 0:
        raise FileProblem(gettext_noop("The first line cannot be split into columns. "
                                       "Separate the columns with semicolons (;)."))
    return best


def read_csv(text: str) -> TextTable:
    """The table of a CSV text: header on the first non-empty line, rows after it."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise FileProblem(gettext_noop("Line %(line)s is %(length)s characters long (at "
                                           "most %(limit)s): this is not a data table in the "
                                           "expected format."),
                              line=number, length=len(line), limit=MAX_LINE)
    if len(lines) > MAX_ROWS:
        raise FileProblem(gettext_noop("The file has more than %(limit)s lines."),
                          limit=MAX_ROWS)
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise FileProblem(gettext_noop("The file is empty."))
    separator = sniff_separator(lines[start])
    reader = csv.reader(lines[start:], delimiter=separator)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start + reader.line_num, cells))
    except csv.Error as error:
        raise FileProblem(gettext_noop("Line %(line)s cannot be read: %(error)s."),
                          line=start + reader.line_num, error=str(error)) from None
    return TextTable(header=header, rows=rows, format="csv", separator=separator)


def read_workbook(raw: bytes) -> TextTable:
    """The first sheet of an .xlsx workbook, every cell as text (numbers written plainly)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise FileProblem(gettext_noop("The Excel workbook cannot be opened: it is damaged "
                                       "or not an .xlsx file.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        header: list[str] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise FileProblem(gettext_noop("The file has more than %(limit)s lines."),
                                  limit=MAX_ROWS)
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(gettext_noop("The Excel workbook cannot be opened: it is damaged "
                                       "or not an .xlsx file.")) from None
    finally:
        workbook.close()
    if header is None:
        raise FileProblem(gettext_noop("The file is empty."))
    return TextTable(header=header, rows=rows, format="xlsx")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def parse_number(text: str) -> float | None:
    """A number written in French or English style: ``12,5``, ``12.5``, ``1 234,5``.

    ``None`` when ``text`` is not a finite number.
    """
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        if "." in cleaned or cleaned.count(",") > 1:
            return None
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number
