"""Writes of notifications: following, notifying (coalesced), reading, e-mail choices and
the e-mails themselves (immediate, rate-limited; daily digests).

Other apps' services call ``notify_on_commit`` (or ``notify`` inside ``on_commit``) and
``follow``; nothing here runs in a model's ``save`` or a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.models import Territory
from territoria.notifications.models import Follow, Notification, Preference
from territoria.notifications.registry import recipient_filters, target_for, verb_message

logger = logging.getLogger(__name__)

EMAIL_INTERVAL = timedelta(minutes=15)
"""At most one immediate e-mail per person in this time: the events in between wait and
go together in the next one."""


# Following ---------------------------------------------------------------------------------

def follow(*, user, target, territory: Territory | None = None) -> Follow | None:
    """``user`` follows ``target`` (idempotent). Returns ``None`` for a visitor."""
    if user is None or not user.is_authenticated:
        return None
    kind = target_for(target)
    if not kind.followable:
        raise ValidationError(_("This cannot be followed."))
    territory = territory or target.territory
    try:
        with transaction.atomic():
            instance, _created = Follow.objects.get_or_create(
                user=user, target_kind=kind.key, target_id=target.pk,
                defaults={"territory": territory})
    except IntegrityError:  # a double click raced itself
        instance = Follow.objects.get(user=user, target_kind=kind.key, target_id=target.pk)
    return instance


@transaction.atomic
def follow_set(*, user, target, following: bool, language: str = "") -> bool:
    """Follow or stop following, from the button; refused for what the person cannot see.

    Returns whether the person now follows. The page's language is remembered for their
    e-mails until they choose one on their settings page.
    """
    kind = target_for(target)
    if not kind.visible(user, target):
        raise PermissionDenied
    if following:
        follow(user=user, target=target)
        if language:
            Preference.objects.filter(user=user, language="").update(language=language)
            Preference.objects.get_or_create(user=user, defaults={"language": language})
        return True
    Follow.objects.filter(user=user, target_kind=kind.key, target_id=target.pk).delete()
    return False


def followers_of(target) -> set[int]:
    """The ids of the people who follow ``target``."""
    return set(Follow.objects.filter(target_kind=target_for(target).key, target_id=target.pk)
               .values_list("user_id", flat=True))


# Notifying ---------------------------------------------------------------------------------

def _eligible(territory: Territory, user_ids: set[int]) -> set[int]:
    """Who may receive a notification of this territory: active accounts (a deleted one is
    deactivated) that can still see it — members, or anyone when it is public, or
    operators —, minus those another app withholds (blocked people)."""
    from territoria.accounts.models import User

    if not user_ids:
        return set()
    users = User.objects.filter(pk__in=user_ids, is_active=True)
    if not territory.is_public:
        users = users.filter(Q(memberships__territory=territory) | Q(is_superuser=True))
    eligible = set(users.values_list("pk", flat=True))
    for leave_out in recipient_filters():
        eligible -= set(leave_out(territory, eligible))
    return eligible


@transaction.atomic
def notify(*, territory: Territory, target, verb: str, actor=None,
           recipients: Iterable | None = None) -> int:
    """Tell people that ``verb`` happened to ``target``; returns how many were told.

    Default recipients are the target's followers; the actor is never told of their own
    act, and people who may no longer see the territory, deleted or blocked accounts are
    left out. Coalesced: a person's notification of the same verb on the same target that
    is neither read nor e-mailed yet counts one more event instead of a new row. People
    who chose immediate e-mails get one queued (see ``email_send``).
    """
    kind = target_for(target)
    if verb_message(verb) is None:
        raise LookupError(f"unknown notification verb: {verb}")
    if recipients is None:
        ids = followers_of(target)
    else:
        ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if actor is not None and getattr(actor, "pk", None):
        ids.discard(actor.pk)
    ids = _eligible(territory, ids)
    if not ids:
        return 0
    now = timezone.now()
    title, url = str(kind.title(target))[:300], kind.url(target)[:500]
    pending = Notification.objects.select_for_update().filter(
        recipient_id__in=ids, target_kind=kind.key, target_id=target.pk, verb=verb,
        read_at__isnull=True, emailed_at__isnull=True)
    coalesced = set(pending.values_list("recipient_id", flat=True))
    if coalesced:
        Notification.objects.filter(pk__in=pending.values("pk")).update(
            count=F("count") + 1, updated_at=now, target_title=title, target_url=url,
            actor=actor if getattr(actor, "pk", None) else None)
    Notification.objects.bulk_create([
        Notification(recipient_id=user_id, territory=territory, target_kind=kind.key,
                     target_id=target.pk, target_title=title, target_url=url, verb=verb,
                     actor=actor if getattr(actor, "pk", None) else None, updated_at=now)
        for user_id in sorted(ids - coalesced)])
    _queue_immediate_emails(ids)
    return len(ids)


def notify_on_commit(**kwargs) -> None:
    """What a service calls: ``notify(**kwargs)`` once its transaction commits, so that
    a rolled-back change tells nobody."""
    transaction.on_commit(lambda: notify(**kwargs))


def _queue_immediate_emails(user_ids: set[int]) -> None:
    """One e-mail task per person who wants them at once, unless one already waits (a
    conditional UPDATE, as the opinion maps' recomputation: a flood queues one task)."""
    from territoria.notifications.tasks import send_notification_email

    wanting = Preference.objects.filter(user_id__in=user_ids, email=Preference.Email.IMMEDIATE,
                                        email_queued=False).values_list("user_id", flat=True)
    for user_id in list(wanting):
        if Preference.objects.filter(user_id=user_id, email_queued=False).update(
                email_queued=True):
            transaction.on_commit(
                lambda user_id=user_id: send_notification_email.enqueue(user_id=user_id))


# Reading -----------------------------------------------------------------------------------

def notification_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is None:
        from django.http import Http404

        raise Http404
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now())


# E-mail choices ----------------------------------------------------------------------------

@transaction.atomic
def preference_set(*, user, email: str, language: str = "") -> Preference:
    if email not in Preference.Email.values:
        raise ValidationError({"email": _("Choose how you want to be told by e-mail.")})
    preference, _created = Preference.objects.get_or_create(user=user)
    preference.email = email
    if language:
        preference.language = language
    preference.save(update_fields=["email", "language"])
    return preference


@transaction.atomic
def unsubscribe(*, user_id: int) -> None:
    """The link of an e-mail: no more notification e-mails (the in-app list stays)."""
    Preference.objects.update_or_create(user_id=user_id,
                                        defaults={"email": Preference.Email.NONE})


def forget_user(*, user) -> None:
    """Erase a person's follows, notifications and choices (their account is deleted)."""
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Preference.objects.filter(user=user).delete()


# E-mails -----------------------------------------------------------------------------------

def email_send(*, user_id: int) -> int:
    """Send a person who chose immediate e-mails what they have not read nor received yet.

    Rate-limited: within ``EMAIL_INTERVAL`` of the last e-mail, nothing is sent now; where
    the task backend can defer a task, one is queued for the end of the interval, and the
    events of the meantime go together then. Returns the number of notifications sent.
    """
    from territoria.notifications.emails import send_notifications_email

    Preference.objects.filter(user_id=user_id).update(email_queued=False)
    preference = Preference.objects.select_related("user").filter(user_id=user_id).first()
    if preference is None or preference.email != Preference.Email.IMMEDIATE \
            or not preference.user.is_active:
        return 0
    now = timezone.now()
    if preference.last_emailed_at and preference.last_emailed_at + EMAIL_INTERVAL > now:
        _defer_email(user_id=user_id, when=preference.last_emailed_at + EMAIL_INTERVAL)
        return 0
    notifications = _claim(Notification.objects.filter(recipient_id=user_id), now=now)
    if not notifications:
        return 0
    try:
        send_notifications_email(user=preference.user, notifications=notifications,
                                 language=preference.language, digest=False)
    except Exception:
        _release(notifications)
        raise
    Preference.objects.filter(user_id=user_id).update(last_emailed_at=now)
    return len(notifications)


def _defer_email(*, user_id: int, when) -> None:
    from territoria.notifications.tasks import send_notification_email

    if not send_notification_email.get_backend().supports_defer:
        return  # the next event after the interval, or a digest run, sends them
    if Preference.objects.filter(user_id=user_id, email_queued=False).update(email_queued=True):
        send_notification_email.using(run_after=when).enqueue(user_id=user_id)


def _claim(notifications, *, now) -> list[Notification]:
    """Mark as e-mailed, before sending, what is neither read nor e-mailed: two runs at
    once cannot send the same notification twice."""
    with transaction.atomic():
        pending = notifications.filter(read_at__isnull=True, emailed_at__isnull=True)
        if connection_supports_skip_locked():
            pending = pending.select_for_update(skip_locked=True, of=("self",))
        claimed = list(pending.select_related("territory").order_by("territory__name",
                                                                    "-updated_at"))
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=now)
    return claimed


def _release(notifications: list[Notification]) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=None)


def connection_supports_skip_locked() -> bool:
    from django.db import connection

    return connection.features.has_select_for_update_skip_locked


def digests_send(*, now=None) -> int:
    """Send each person who chose the daily digest (the default) one e-mail with what they
    have neither read nor received, and mark it sent; returns the number of e-mails.

    Only people with something to receive are read: one query selects the notifications
    waiting for a digest with their recipients, whatever the number of people.
    """
    from territoria.notifications.emails import send_notifications_email

    now = now or timezone.now()
    waiting = Notification.objects.filter(recipient__is_active=True).filter(
        Q(recipient__notification_preference__isnull=True)
        | Q(recipient__notification_preference__email=Preference.Email.DAILY))
    claimed = _claim(waiting.select_related("recipient", "recipient__notification_preference"),
                     now=now)
    by_user: dict[int, list[Notification]] = {}
    for notification in claimed:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for notifications in by_user.values():
        user = notifications[0].recipient
        preference = getattr(user, "notification_preference", None)
        try:
            send_notifications_email(user=user, notifications=notifications, digest=True,
                                     language=preference.language if preference else "")
        except Exception:
            logger.exception("the digest of user %s could not be sent", user.pk)
            _release(notifications)
            continue
        sent += 1
    return sent


def unsubscribe_url(user) -> str:
    from django.core import signing
    from django.urls import reverse

    token = signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL.rstrip("/") + reverse("notifications:unsubscribe",
                                                   kwargs={"token": token})


UNSUBSCRIBE_SALT = "territoria.notifications.unsubscribe"
