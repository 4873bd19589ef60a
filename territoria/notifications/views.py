"""Views of notifications: thin — parse, authorise, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from territoria.core.decorators import territory_view
from territoria.notifications import registry, selectors, services
from territoria.notifications.forms import PreferenceForm

PER_PAGE = 30


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
@require_safe
def notification_list(request):
    page = Paginator(selectors.notification_list(user=request.user), PER_PAGE).get_page(
        request.GET.get("page"))
    for notification in page:
        notification.text = selectors.notification_text(notification)
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_safe
def notification_open(request, notification_id):
    """Follow a notification's link: it is read once opened (as a link in an e-mail is)."""
    notification = services.notification_read(user=request.user,
                                              notification_id=notification_id)
    return redirect(notification.target_url)


@login_required
@require_POST
def notification_read(request, notification_id):
    services.notification_read(user=request.user, notification_id=notification_id)
    return redirect(_next(request, "notifications:notification-list"))


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("All your notifications are marked as read.") if count
                     else _("You had no unread notification."))
    return redirect("notifications:notification-list")


@login_required
def preferences(request):
    preference = selectors.preference_get(user=request.user)
    form = PreferenceForm(request.POST or None, initial={"email": preference.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(user=request.user, email=form.cleaned_data["email"],
                                    language=get_language() or "")
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _user_id_from(token: str) -> int:
    try:
        return int(signing.loads(token, salt=services.UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise Http404 from error


@csrf_exempt  # the signed token is the authority; mail clients post it in one click (RFC 8058)
def unsubscribe(request, token):
    """The link of every notification e-mail: a page that asks, then stops the e-mails,
    without logging in. A GET changes nothing (mail scanners open links)."""
    user_id = _user_id_from(token)
    if request.method == "POST":
        services.unsubscribe(user_id=user_id)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "notifications/unsubscribe.html", {"done": False})


@territory_view("notifications.follow")
def follow_toggle(request, territory, target_kind, target_id):
    # Looked up before the method check, so that another territory's object answers 404
    # whatever the method.
    kind = registry.target(target_kind)
    if kind is None or not kind.followable:
        raise Http404
    target = kind.lookup(territory, target_id)
    if target is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    following = request.POST.get("follow") != "0"
    following = services.follow_set(user=request.user, target=target, following=following,
                                    language=get_language() or "")
    if request.htmx:
        return render(request, "notifications/follow_button.html", {
            "target_kind": kind.key, "target_id": target.pk, "following": following,
            "feedback": True, "next": _next(request, "")})
    messages.success(request, _("You follow it: its news will come to your notifications.")
                     if following else _("You no longer follow it."))
    return redirect(_next(request, territory.get_absolute_url()))


