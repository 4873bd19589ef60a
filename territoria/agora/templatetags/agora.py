from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def public_name(user) -> str:
    """The name shown publicly beside a contribution: the display name the person chose,
    never their e-mail address."""
    if user is None or getattr(user, "is_deleted", False):
        return _("deleted account")
    return user.display_name or _("a participant")
