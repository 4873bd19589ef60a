"""What an indicator value is to the computations: a finite float, or missing with a reason.

Numbers are ``float``. INSEE's census counts are themselves estimates with fractional parts
(``P18_MEN = 105.156378600823``) published to about 15 significant digits, which is what a
float holds; ``Decimal`` would add exactness the data does not have and cost an order of
magnitude in speed on 35,000 communes. Sums use ``math.fsum`` (correctly rounded), so an
aggregate does not depend on the order of its members. Rounding for display is the caller's.

Inputs may be ``int``, ``float`` or ``Decimal`` (a Django ``DecimalField``) or ``None``. A value
that is ``None``, NaN or infinite is missing: a value withheld by statistical secrecy arrives
as ``None`` and stays missing, never zero.

Messages are English source strings marked with ``gettext_noop`` so that ``makemessages``
extracts them; the caller translates them with ``gettext`` when it shows them.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum

type Number = int | float | Decimal


def gettext_noop(message: str) -> str:
    """Mark a message for translation (``makemessages`` extracts this name)."""
    return message


class Missing(StrEnum):
    """Why a computed value is missing. Stable codes, safe to store."""

    NO_MEMBERS = "no_members"
    NO_DATA = "no_data"
    INCOMPLETE = "incomplete"
    NOT_AGGREGABLE = "not_aggregable"
    DIVISION_BY_ZERO = "division_by_zero"
    MISSING_INPUT = "missing_input"
    UNDEFINED = "undefined"

    @property
    def message(self) -> str:
        """The English explanation; translate it with ``gettext`` before showing it."""
        return MISSING_MESSAGES[self]


MISSING_MESSAGES: dict[Missing, str] = {
    Missing.NO_MEMBERS: gettext_noop("The area has no member areas."),
    Missing.NO_DATA: gettext_noop("None of the member areas has a value."),
    Missing.INCOMPLETE: gettext_noop(
        "Some member areas have no value, so the value of the whole group cannot be "
        "known."),
    Missing.NOT_AGGREGABLE: gettext_noop(
        "This indicator cannot be computed for a group of areas from the values of its "
        "members."),
    Missing.DIVISION_BY_ZERO: gettext_noop("division by zero"),
    Missing.MISSING_INPUT: gettext_noop("A value it is computed from is missing."),
    Missing.UNDEFINED: gettext_noop("The result is not defined for these values."),
}


def as_value(raw: Number | None) -> float | None:
    """``raw`` as a finite float, or ``None`` when it is missing, NaN or infinite."""
    if raw is None:
        return None
    value = float(raw)
    return value if math.isfinite(value) else None


def relative_change(now: float, then: float) -> float | Missing:
    """(now − then) / |then| × 100: the change from ``then`` to ``now`` in percent.

    Dividing by the absolute value of the base keeps the sign of the change for negative
    quantities (a net migration balance going from −10 to −5 rises by 50 %), the usual
    convention for percent change. A zero base is ``Missing.DIVISION_BY_ZERO``.
    """
    if then == 0:
        return Missing.DIVISION_BY_ZERO
    return (now - then) / abs(then) * 100


def annual_change(now: float, then: float, years: float) -> float | Missing:
    """((now / then)^(1 / years) − 1) × 100: the compound annual growth rate, in percent.

    The constant yearly rate that turns ``then`` into ``now`` in ``years`` years (INSEE's
    "taux de variation annuel moyen"). Defined for then > 0, now ≥ 0, years > 0: a zero
    base or duration is ``Missing.DIVISION_BY_ZERO``, a negative one ``Missing.UNDEFINED``.
    """
    if then == 0 or years == 0:
        return Missing.DIVISION_BY_ZERO
    if then < 0 or now < 0 or years < 0:
        return Missing.UNDEFINED
    try:
        rate = ((now / then) ** (1 / years) - 1) * 100
    except OverflowError:
        return Missing.UNDEFINED
    return rate if math.isfinite(rate) else Missing.UNDEFINED
