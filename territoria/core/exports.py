"""Open data: public lists as CSV or JSON, streamed; small tables as XLSX.

Rows are read with ``.values_list(...).iterator()`` (a server-side cursor on PostgreSQL,
chunked fetches on SQLite) and written one at a time into a ``StreamingHttpResponse``:
memory stays constant whatever the number of rows (the complaint against CONSUL's and
Decidim's exports, which build the whole file first).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 2000


class _Echo:
    def write(self, value: str) -> str:
        return value


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def csv_rows(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # a BOM, so that spreadsheets read UTF-8
    for row in rows:
        yield writer.writerow([safe_cell(_plain(v)) for v in row])


def safe_cell(value):
    """A text cell a spreadsheet would read as a formula ("=HYPERLINK(…)") is prefixed with
    an apostrophe (OWASP, CSV injection): titles are typed by people."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def json_rows(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",") + "\n" + json.dumps(
            {k: _plain(v) for k, v in zip(header, row, strict=True)}, ensure_ascii=False)
        first = False
    yield "\n]\n"


def stream(*, fmt: str, filename: str, header: Sequence[str], queryset,
           fields: Sequence[str], convert: Callable[[tuple], Sequence] | None = None
           ) -> StreamingHttpResponse:
    """A streamed download of ``queryset``'s ``fields`` under ``header`` names."""
    rows = queryset.values_list(*fields).iterator(chunk_size=CHUNK)
    if convert is not None:
        rows = map(convert, rows)
    return rows_response(fmt=fmt, filename=filename, header=header, rows=rows)


def rows_response(*, fmt: str, filename: str, header: Sequence[str],
                  rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """``rows`` under ``header`` as a streamed CSV (``fmt`` "csv") or JSON ("json") file."""
    if fmt == "json":
        response = StreamingHttpResponse(json_rows(header, rows),
                                         content_type="application/json; charset=utf-8")
    else:
        response = StreamingHttpResponse(csv_rows(header, rows),
                                         content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def xlsx_response(*, filename: str, sheet: str, header: Sequence[str],
                  rows: Iterable[Sequence]) -> HttpResponse:
    """A one-sheet workbook of ``rows`` under a bold ``header`` (openpyxl's write-only mode:
    rows go to the file as they come). Text that would read as a formula is neutralised as
    in CSV; numbers and dates stay numbers and dates."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    worksheet = book.create_sheet(title=sheet[:31])
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(worksheet, value=name)
        cell.font = bold
        cells.append(cell)
    worksheet.append(cells)
    for row in rows:
        worksheet.append([safe_cell(value) for value in row])
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def query_string(query: dict[str, str]) -> str:
    """``?a=1&b=2`` for a list's filters, to carry them into its download links."""
    from urllib.parse import urlencode

    return ("?" + urlencode(query)) if query else ""
