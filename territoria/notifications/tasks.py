"""Background work of notifications: immediate e-mails and the daily digests."""

from django.tasks import task


@task
def send_notification_email(user_id: int) -> int:
    """The immediate e-mail of one person (rate-limited, see ``services.email_send``)."""
    from territoria.notifications.services import email_send

    return email_send(user_id=user_id)


@task
def send_digests() -> int:
    """Every daily digest due (``services.digests_send``); the ``send_digests`` command
    runs the same, or queues this task with ``--enqueue``."""
    from territoria.notifications.services import digests_send

    return digests_send()
