from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """The header's unread count: one COUNT query, only for signed-in people, and only if
    the page shows it (lazy)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from territoria.notifications.selectors import unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
