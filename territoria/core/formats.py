"""Numbers written for the reader's language: ``12,5 %`` in French, ``12.5%`` in English."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext

NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"


def format_quantity(value: float, *, precision: int = 0, unit: str = "") -> str:
    """``value`` rounded half up to ``precision`` decimals (12.25 → 12.3, as statistics
    offices round), grouped by thousands, with its unit.

    Where the language groups digits with a space (French), the group separator is a narrow
    no-break space, as French typography wants; a number that rounds to zero loses its sign.
    The percent sign is placed by the translation of ``"%(number)s%%"`` (French puts a
    narrow no-break space before it); other units follow after a no-break space.
    """
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-precision),
                                                   rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # "0,0", not "-0,0"
    text = number_format(rounded, decimal_pos=precision, use_l10n=True, force_grouping=True)
    separator = get_format("THOUSAND_SEPARATOR")
    if separator in {" ", NO_BREAK_SPACE}:
        text = text.replace(separator, NARROW_NO_BREAK_SPACE)
    if unit == "%":
        # Translators: a number followed by a percent sign; French: "%(number)s %%" with a
        # narrow no-break space (U+202F) before the sign.
        return gettext("%(number)s%%") % {"number": text}
    return f"{text}{NO_BREAK_SPACE}{unit}" if unit else text
