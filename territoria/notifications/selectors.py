"""Reads of notifications, always for one person (or one target)."""

from django.db.models import QuerySet

from territoria.notifications.models import Follow, Notification, Preference
from territoria.notifications.registry import target_for, verb_message


def notification_text(notification: Notification) -> str:
    """What a notification says, in the current language ("3 new statements in …")."""
    message = verb_message(notification.verb)
    if message is None:  # an app that registered it is gone
        return notification.target_title
    return message % {"count": notification.count, "target": notification.target_title}


def notification_list(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("territory")


def unread_count(*, user) -> int:
    """The header's count: one indexed COUNT."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, target_kind=target_for(target).key,
                                 target_id=target.pk).exists()


def preference_get(*, user) -> Preference:
    """The person's choice, or the default (a daily digest) when they made none."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def account_notifications(user) -> dict:
    """What the account's data export holds of notifications."""
    preference = Preference.objects.filter(user=user).first()
    return {
        "email": preference.email if preference else Preference.Email.DAILY,
        "follows": [{"territory": f.territory.slug, "kind": f.target_kind,
                     "id": f.target_id, "since": f.created_at.isoformat()}
                    for f in Follow.objects.filter(user=user).select_related("territory")],
        "notifications": [{"territory": n.territory.slug, "text": notification_text(n),
                           "url": n.target_url, "at": n.updated_at.isoformat(),
                           "read": n.read_at is not None}
                          for n in notification_list(user=user)],
    }
