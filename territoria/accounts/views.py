"""Views of accounts and roles: thin — parse, authorise, call a service or selector, render."""

from urllib.parse import urlencode

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from territoria.accounts import selectors, services
from territoria.accounts.forms import (
    AccountDeleteForm,
    CensusForm,
    InvitationForm,
    MembershipForm,
)
from territoria.accounts.permissions import forget_roles
from territoria.core.decorators import territory_view


# My space: the person's own account ---------------------------------------------------


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html",
                  {"memberships": selectors.membership_list_for_user(user=request.user)})


@login_required
def account_export(request):
    response = JsonResponse(selectors.account_export(user=request.user),
                            json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="territoria-my-data.json"'
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        too_many = ratelimit.consume_or_429(request, action="reauthenticate", user=request.user)
        if too_many:
            return too_many
        if form.is_valid():
            try:
                services.account_delete(user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                logout(request)
                messages.success(request, _("Your account is deleted. Your personal data is "
                                            "erased; your public contributions stay, without "
                                            "your name."))
                return redirect("core:home")
    return render(request, "accounts/account_delete.html", {"form": form})


# Taking part in a territory -----------------------------------------------------------


@login_required
@territory_view("accounts.join_territory")
@require_POST
def territory_join(request, territory):
    services.membership_join(user=request.user, territory=territory)
    forget_roles(request.user)
    messages.success(request, _("Welcome: you now take part in %(name)s as %(role)s.") % {
        "name": territory.name,
        "role": selectors.membership_role(user=request.user, territory=territory).label})
    return redirect(territory.get_absolute_url())


# Members of a territory (administrators) ----------------------------------------------


def _after_member_change(request, territory):
    """Back to the members, or to the territory when the change took that page away."""
    forget_roles(request.user)
    if request.user.has_perm("accounts.view_members", territory):
        return redirect("accounts:member-list", territory_slug=territory.slug)
    return redirect(territory.get_absolute_url())


@territory_view("accounts.view_members")
def member_list(request, territory):
    verifications = selectors.verification_map(territory=territory)
    memberships = list(selectors.membership_list(territory=territory))
    for membership in memberships:
        membership.verification = verifications.get(membership.user_id)
    return render(request, "accounts/member_list.html", {
        "memberships": memberships,
        "invitations": selectors.invitation_list_pending(territory=territory),
        "can_manage_members": request.user.has_perm("accounts.manage_members", territory),
        "can_verify": request.user.has_perm("accounts.verify_residents", territory),
        "census_size": selectors.census_size(territory=territory),
    })


@territory_view("accounts.verify_residents")
def member_verify(request, territory, membership_id):
    """Verify a member as a resident by hand, or withdraw their verification."""
    # Looked up before the method check: another territory's member answers 404 whatever
    # the method.
    membership = selectors.membership_get(territory=territory, membership_id=membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("action") == "unverify":
        services.resident_unverify(membership=membership)
        messages.success(request, _("%(user)s is no longer a verified resident.")
                         % {"user": membership.user})
    else:
        services.resident_verify(actor=request.user, membership=membership)
        messages.success(request, _("%(user)s is a verified resident.")
                         % {"user": membership.user})
    return _after_member_change(request, territory)


@territory_view("accounts.verify_residents")
def census_upload(request, territory):
    """Upload the census: members whose e-mail address is on it become verified residents."""
    form = CensusForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.census_upload(actor=request.user, territory=territory,
                                             content=form.cleaned_data["file"].read())
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, " ".join((
                ngettext("The census holds %(count)s address.",
                         "The census holds %(count)s addresses.", outcome.entries)
                % {"count": outcome.entries},
                ngettext("%(count)s more member is a verified resident.",
                         "%(count)s more members are verified residents.", outcome.verified)
                % {"count": outcome.verified},
                ngettext("%(count)s verification by the former census was withdrawn.",
                         "%(count)s verifications by the former census were withdrawn.",
                         outcome.withdrawn) % {"count": outcome.withdrawn})))
            return redirect("accounts:member-list", territory_slug=territory.slug)
    return render(request, "accounts/census_upload.html", {
        "form": form, "errors": errors,
        "census_size": selectors.census_size(territory=territory)},
        status=400 if errors else 200)


@territory_view("accounts.manage_members")
def member_update(request, territory, membership_id):
    membership = selectors.membership_get(territory=territory, membership_id=membership_id)
    form = MembershipForm(request.POST or None, initial={
        "role": membership.role, "organisation": membership.organisation})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("%(user)s now takes part as %(role)s.") % {
                "user": membership.user, "role": membership.get_role_display()})
            return _after_member_change(request, territory)
    return render(request, "accounts/member_update.html",
                  {"membership": membership, "form": form})


@territory_view("accounts.manage_members")
def member_remove(request, territory, membership_id):
    membership = selectors.membership_get(territory=territory, membership_id=membership_id)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("%(user)s no longer takes part in %(territory)s.") % {
                "user": membership.user, "territory": territory.name})
            return _after_member_change(request, territory)
    return render(request, "accounts/member_remove.html",
                  {"membership": membership, "error": error}, status=409 if error else 200)


@territory_view("accounts.manage_members")
def invitation_create(request, territory):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                territory=territory, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email" if error.code == "already_member" else None, error)
        else:
            messages.success(request, _("The invitation is sent to %(email)s (%(role)s). The "
                                        "link works for 14 days.") % {
                "email": invitation.email, "role": invitation.get_role_display()})
            return redirect("accounts:member-list", territory_slug=territory.slug)
    return render(request, "accounts/invitation_create.html", {"form": form})


@territory_view("accounts.manage_members")
def invitation_revoke(request, territory, invitation_id):
    # Looked up before the method check, so that another territory's invitation answers 404
    # whatever the method.
    invitation = selectors.invitation_get_pending(territory=territory,
                                                  invitation_id=invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation to %(email)s is revoked: its link no longer "
                                "works.") % {"email": invitation.email})
    return redirect("accounts:member-list", territory_slug=territory.slug)


# Accepting an invitation (the link in the e-mail) -------------------------------------


def invitation_accept(request, token):
    invitation = selectors.invitation_get_by_token(token=token)
    if invitation.is_accepted or invitation.is_expired:
        return render(request, "accounts/invitation_invalid.html",
                      {"invitation": invitation}, status=410)
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("accounts.accept_invitation", invitation):
            raise PermissionDenied
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            forget_roles(request.user)
            messages.success(request, _("Welcome: you now take part in %(territory)s as "
                                        "%(role)s.") % {
                "territory": invitation.territory.name,
                "role": membership.get_role_display()})
            return redirect(invitation.territory.get_absolute_url())
    back_here = urlencode({"next": request.get_full_path()})
    user = request.user
    return render(request, "accounts/invitation_accept.html", {
        "invitation": invitation,
        "error": error,
        "login_url": f"{reverse('account_login')}?{back_here}",
        "signup_url": f"{reverse('account_signup')}?{back_here}",
        "email_differs": user.is_authenticated
        and not selectors.user_has_email(user=user, email=invitation.email),
        "current_role": selectors.membership_role(user=user, territory=invitation.territory),
    }, status=409 if error else 200)
