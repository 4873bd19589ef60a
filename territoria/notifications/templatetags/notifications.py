from django import template

from territoria.notifications.registry import target_for
from territoria.notifications.selectors import is_following

register = template.Library()


@register.inclusion_tag("notifications/follow_button.html", takes_context=True)
def follow_button(context, target):
    """The follow / stop following button of an object (one query for a signed-in
    person; a link to log in for a visitor)."""
    request = context["request"]
    return {"target_kind": target_for(target).key, "target_id": target.pk,
            "following": is_following(user=request.user, target=target),
            "user": request.user, "request": request, "territory": context.get("territory"),
            "next": request.get_full_path(), "csrf_token": context.get("csrf_token")}
