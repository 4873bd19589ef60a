"""The notification e-mails: one message with a plain-text and an HTML part, in the
person's language, with an unsubscribe link that works without logging in."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from territoria.notifications.selectors import notification_text


def send_notifications_email(*, user, notifications, language: str = "",
                             digest: bool) -> None:
    languages = dict(settings.LANGUAGES)
    language = language if language in languages else settings.LANGUAGE_CODE
    from territoria.notifications.services import unsubscribe_url

    site = settings.SITE_URL.rstrip("/")
    with translation.override(language):
        lines = [{"text": notification_text(n), "url": site + n.target_url,
                  "territory": n.territory.name} for n in notifications]
        count = len(lines)
        if digest:
            subject = ngettext("Your daily digest: %(count)s notification",
                               "Your daily digest: %(count)s notifications", count) % {
                "count": count}
        elif count == 1:
            subject = lines[0]["text"]
        else:
            subject = ngettext("%(count)s new notification", "%(count)s new notifications",
                               count) % {"count": count}
        context = {"lines": lines, "digest": digest, "subject": subject,
                   "unsubscribe_url": unsubscribe_url(user),
                   "settings_url": site + reverse("notifications:preferences"),
                   "list_url": site + reverse("notifications:notification-list"),
                   "language": language}
        text = render_to_string("notifications/email/notifications.txt", context)
        html = render_to_string("notifications/email/notifications.html", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(
        prefix + " ".join(subject.split())[:200], text, None, [user.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    message.attach_alternative(html, "text/html")
    message.send()
