"""Background work of accounts: the invitation e-mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from territoria.accounts.models import Invitation


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:invitation-accept",
                                                  kwargs={"token": invitation.token})


@task
def send_invitation_email(invitation_id: int) -> None:
    """Send the invitation link to the invited address.

    An invitation replaced or revoked before the task runs sends nothing.
    """
    invitation = (Invitation.objects.select_related("territory", "invited_by")
                  .filter(pk=invitation_id, accepted_at__isnull=True).first())
    if invitation is None:
        return
    context = {"invitation": invitation, "territory": invitation.territory,
               "url": invitation_url(invitation), "invited_by": invitation.invited_by}
    # The task runs outside any request: write in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        context["role"] = invitation.get_role_display()
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_message.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    send_mail(prefix + " ".join(subject.split()), body, None, [invitation.email])
