from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from territoria.core import selectors, services
from territoria.core.cycle import cycle_position, cycle_status
from territoria.core.decorators import territory_view
from territoria.core.forms import TerritorySettingsForm
from territoria.core.history import territory_history


def home(request):
    return render(request, "core/home.html",
                  {"territories": selectors.territory_list_public()})


@territory_view("core.view_territory")
def territory_home(request, territory):
    from territoria.accounts.selectors import membership_role

    cycle = cycle_status(territory)
    position, current_step = cycle_position(cycle)
    return render(request, "core/territory_home.html", {
        "cycle": cycle,
        "cycle_position": position,
        "current_step": current_step,
        "commune_count": territory.communes.count(),
        "population": selectors.territory_population(territory=territory),
        "my_role": membership_role(user=request.user, territory=territory),
    })


@territory_view("core.view_territory")
def territory_perimeter(request, territory):
    communes = selectors.territory_perimeter(territory=territory)
    return render(request, "core/territory_perimeter.html", {
        "communes": communes,
        "population": selectors.territory_population(territory=territory),
    })


@territory_view("core.change_territory")
def territory_settings(request, territory):
    form = TerritorySettingsForm(request.POST or None, request.FILES or None, instance=territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.territory_update(territory=territory, **{
                name: form.cleaned_data[name] for name in form.changed_data})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The territory's settings are saved."))
            return redirect("core:territory-settings", territory_slug=territory.slug)
    if request.method == "POST":
        # The form wrote the refused values onto the instance; the page shows the saved ones.
        territory.refresh_from_db()
    return render(request, "core/territory_settings.html", {"form": form})


@territory_view("core.view_history")
def territory_history_view(request, territory):
    return render(request, "core/territory_history.html",
                  {"entries": territory_history(territory=territory, limit=200)})


@login_required
def job_detail(request, job_id):
    job = selectors.job_get(user=request.user, job_id=job_id)
    template = "core/job_detail.html#progress" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


def accessibility(request):
    return render(request, "core/accessibility.html")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)

