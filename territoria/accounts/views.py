from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from territoria.accounts import selectors, services
from territoria.core.decorators import territory_view


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html",
                  {"memberships": selectors.membership_list_for_user(user=request.user)})


@require_POST
@login_required
@territory_view("core.view_territory")
def territory_join(request, territory):
    services.membership_join(user=request.user, territory=territory)
    messages.success(request, _("Welcome: you now take part in %(name)s as a resident.")
                     % {"name": territory.name})
    return redirect(territory.get_absolute_url())


@territory_view("accounts.view_members")
def member_list(request, territory):
    return render(request, "accounts/member_list.html", {
        "memberships": selectors.membership_list(territory=territory),
        "invitations": selectors.invitation_list_pending(territory=territory),
    })
