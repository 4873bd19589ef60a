"""Periods of indicator values, earlier periods in formulas, and INSEE's vintaged columns.

A period is a year ("2018") or any other label ("2013-2018"). A formula reads the value of
the same period by an indicator's code, and the value of an earlier year with the suffix
``__lagN``: ``change(population, population__lag5)`` is the change since five years earlier.
A lag of a period that is not a year is missing.

INSEE names its columns with a two-digit vintage: ``P18_POP`` (population 2018),
``MED19`` (median income 2019), ``NAIS1318`` (births 2013 to 2018). The catalogue writes the
vintage ``{yy}``: ``P{yy}_POP``, ``MED{yy}``, ``NAIS{yy}{yy}``. A column matches a template
when it is the template with two digits for each ``{yy}``; its period is the year of the
last ``{yy}`` (the end of a span). A template without ``{yy}`` (``SUPERF``) takes the
file's census year: the latest year among the file's ``P{yy}_`` columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_LAG = re.compile(r"^(?P<code>[A-Za-z_][A-Za-z0-9_]*?)__lag(?P<years>[0-9]{1,3})$")
_YEAR = re.compile(r"^[0-9]{4}$")
_PERIOD = re.compile(r"^[0-9]{4}(?:-[0-9]{4})?$")
_CENSUS_COLUMN = re.compile(r"^P(?P<yy>[0-9]{2})_")


def split_lag(name: str) -> tuple[str, int]:
    """``"population__lag5"`` → ``("population", 5)``; a plain code → ``(code, 0)``."""
    match = _LAG.match(name)
    if match is None:
        return name, 0
    return match["code"], int(match["years"])


def shift(period: str, years: int) -> str | None:
    """The year ``years`` before ``period``, or ``None`` when ``period`` is not a year."""
    if not _YEAR.match(period):
        return None
    return str(int(period) - years)


def is_period(text: str) -> bool:
    """A year (``2018``) or a span of years (``2013-2018``)."""
    return bool(_PERIOD.match(text))


def full_year(yy: str) -> str:
    """INSEE's two-digit vintage as a year: 18 → 2018; 99 → 1999 (censuses since 1968)."""
    number = int(yy)
    return str(1900 + number if number >= 60 else 2000 + number)


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    indicator: str
    period: str


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = template.split("{yy}")
    return re.compile("^" + "([0-9]{2})".join(re.escape(part) for part in parts) + "$")


def census_year(columns: Iterable[str]) -> str | None:
    """The latest census year among columns named ``P{yy}_…``, or ``None``."""
    years = [full_year(m["yy"]) for c in columns if (m := _CENSUS_COLUMN.match(c))]
    return max(years) if years else None


def match_columns(columns: Iterable[str],
                  templates: Mapping[str, str]) -> dict[str, ColumnMatch]:
    """Column name → (indicator code, period) for the columns a template of ``templates``
    (indicator code → template) matches; unmatched columns are left out.
    """
    columns = list(columns)
    year = census_year(columns)
    patterns = [(code, _template_pattern(template), "{yy}" in template)
                for code, template in templates.items() if template]
    matches: dict[str, ColumnMatch] = {}
    for column in columns:
        for code, pattern, vintaged in patterns:
            found = pattern.match(column)
            if found is None:
                continue
            if vintaged:
                matches[column] = ColumnMatch(code, full_year(found.groups()[-1]))
            elif year is not None:
                matches[column] = ColumnMatch(code, year)
            break
    return matches
