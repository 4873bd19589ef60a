"""A project's community: who is in it, asking to join, answering requests."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from territoria.projects import services_community as services
from territoria.projects.decorators import project_view
from territoria.projects.models import ProjectMember
from territoria.projects.views import project_context


@project_view()
def community(request, territory, project):
    can_manage = request.user.has_perm("projects.manage_project", project)
    mine = (project.members.filter(user=request.user).first()
            if request.user.is_authenticated else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        action = request.POST.get("action")
        try:
            if action == "join":
                services.project_join_request(actor=request.user, project=project,
                                              message=request.POST.get("message", ""))
                messages.success(request, _("Your request is sent to the project's lead."))
            elif action == "leave":
                services.project_leave(actor=request.user, project=project)
                messages.success(request, _("You left the project's community."))
            elif action in ("accept", "remove"):
                if not can_manage:
                    raise PermissionDenied
                member = get_object_or_404(ProjectMember, project=project,
                                           pk=request.POST.get("member", "0") or 0)
                if action == "accept":
                    services.project_member_accept(actor=request.user, member=member)
                    messages.success(request, _("%(name)s joins the community.") % {
                        "name": member.user})
                else:
                    services.project_member_remove(actor=request.user, member=member)
                    messages.success(request, _("Done."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    members = list(project.members.select_related("user").order_by("role", "created_at"))
    context = project_context(request, project, "community")
    context.update({
        "leads": [m for m in members if m.role == "lead" and m.status == "active"],
        "contributors": [m for m in members if m.role == "contributor" and m.status == "active"],
        "followers": [m for m in members if m.role == "follower"],
        "requests": [m for m in members if m.status == "requested"] if can_manage else [],
        "mine": mine, "open": project.stage not in ("closed", "abandoned")})
    return render(request, "projects/community.html", context)
