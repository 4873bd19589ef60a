from django import template

from territoria.core.formats import format_quantity

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """A share (0 to 1) as a whole percentage in the reader's language ("45 %" in French)."""
    if share is None:
        return "—"
    return format_quantity(share * 100, precision=0, unit="%")


@register.filter
def lookup(mapping: dict, key):
    """``mapping[key]`` in a template (``proposal_of|lookup:statement.pk``), else None."""
    return (mapping or {}).get(key)
