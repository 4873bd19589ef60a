from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from territoria.actors.forms import ActorForm
from territoria.actors.models import Actor
from territoria.actors.services import actor_save
from territoria.core.decorators import territory_view
from territoria.projects.views import _put_errors


@territory_view("projects.view_project_list")
@require_safe
def actor_list(request, territory):
    kind = request.GET.get("kind", "")
    actors = Actor.objects.filter(territory=territory).select_related("commune")
    if kind in Actor.Kind.values:
        actors = actors.filter(kind=kind)
    return render(request, "actors/actor_list.html", {
        "actors": actors, "kind": kind, "kinds": Actor.Kind.choices,
        "can_edit": request.user.has_perm("projects.steer", territory)})


@territory_view("projects.view_project_list")
def actor_detail(request, territory, actor_id):
    actor = get_object_or_404(Actor, territory=territory, pk=actor_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(request, "actors/actor_detail.html", {
        "actor": actor, "projects": actor.projects.order_by("title"),
        "can_edit": request.user.has_perm("projects.steer", territory)})


@territory_view("projects.steer")
def actor_edit(request, territory, actor_id=None):
    actor = (get_object_or_404(Actor, territory=territory, pk=actor_id)
             if actor_id else None)
    form = ActorForm(request.POST or None, instance=actor, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actor_save(actor_user=request.user, territory=territory, actor=actor,
                               **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The actor is saved."))
            return redirect("actors:actor-detail", territory.slug, saved.pk)
    return render(request, "actors/actor_form.html", {"form": form, "actor": actor})
