from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from territoria.accounts.models import Membership, Role

# Pages an administrator without two-factor authentication may still reach: setting it up,
# logging out, static files, switching language.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/media/")


def requires_mfa(user) -> bool:
    return user.is_superuser or Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR).exists()


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaForAdministratorsMiddleware:
    """Administrators (of the platform or of a territory) must set up two-factor login.

    Until they do, every page except account management sends them to the TOTP set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not request.path.startswith(_ALLOWED_PREFIXES)
                and requires_mfa(user) and not has_mfa(user)):
            return redirect(reverse("mfa_activate_totp") + "?"
                            + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
