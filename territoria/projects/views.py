from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from territoria.core import exports
from territoria.core.decorators import territory_view
from territoria.projects import selectors, services
from territoria.projects.decorators import project_view
from territoria.projects.forms import ProjectFilterForm, ProjectForm, StageMoveForm
from territoria.projects.models import Project
from territoria.projects.sections import sections_for

PAGE_SIZE = 25


def project_context(request, project, current: str) -> dict:
    """What every section of a project's page needs: the project, its sections' navigation
    (``current`` is the key of the section shown) and whether the user manages it."""
    return {"project": project, "sections": sections_for(request.user, project),
            "current_section": current,
            "can_manage": request.user.has_perm("projects.manage_project", project)}


def _put_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@territory_view("projects.view_project_list")
@require_safe
def project_list(request, territory):
    form = ProjectFilterForm(request.GET, territory=territory)
    projects = (selectors.project_list(territory=territory, filters=form.filters())
                .select_related("carrier"))
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = form.filters().as_query()
    template = "projects/project_list.html"
    if request.headers.get("HX-Request"):
        template += "#projects"
    return render(request, template, {
        "form": form, "page": page, "query": query,
        "query_string": exports.query_string(query),
        "can_create": request.user.has_perm("projects.steer", territory)})


@territory_view("projects.view_project_list")
@require_safe
def project_export(request, territory, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    form = ProjectFilterForm(request.GET, territory=territory)
    stages = dict(Project.Stage.choices)
    return exports.stream(
        fmt=fmt, filename=f"{territory.slug}-projects",
        header=["id", "title", "stage", "carrier", "summary", "stage_changed_at", "created_at"],
        queryset=selectors.project_list(territory=territory, filters=form.filters()),
        fields=["pk", "title", "stage", "carrier__name", "summary", "stage_changed_at",
                "created_at"],
        convert=lambda row: (row[0], row[1], str(stages[row[2]]), *row[3:]))


@territory_view("projects.steer")
def project_create(request, territory):
    form = ProjectForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, territory=territory,
                                              **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The project is in the portfolio, at the idea stage."))
            return redirect(project.get_absolute_url())
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@project_view("projects.manage_project")
def project_edit(request, territory, project):
    initial = {"title": project.title, "summary": project.summary,
               "objectives": project.objectives, "ambitions": project.ambitions.all(),
               "carrier": project.carrier, "lead": project.lead,
               "communes": project.communes.all()}
    form = ProjectForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(project.get_absolute_url())
    return render(request, "projects/project_form.html", {
        "form": form, **project_context(request, project, "overview")})


@project_view()
def project_detail(request, territory, project):
    context = project_context(request, project, "overview")
    context["ambitions"] = (project.ambitions.select_related("version__orientation")
                            .order_by("version__orientation__number", "pk"))
    context["communes"] = project.communes.order_by("name")
    from django.utils import timezone

    from territoria.projects.selectors_reporting import portfolio_health

    context["health"] = portfolio_health(territory=territory, project_ids=[project.pk],
                                         today=timezone.localdate()).get(project.pk)
    return render(request, "projects/project_detail.html", context)


@territory_view("projects.steer")
@require_POST
def project_from_proposal(request, territory, proposal_id):
    """Staff turn an accepted proposal of the Agorapolis into a project that keeps its link."""
    from django.shortcuts import get_object_or_404

    from territoria.agora.models import Proposal

    proposal = get_object_or_404(Proposal, territory=territory, pk=proposal_id)
    if proposal.status not in ("accepted", "implemented"):
        messages.error(request, _("Only an accepted proposal becomes a project."))
        return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    try:
        project = services.project_create(actor=request.user, territory=territory,
                                          title=proposal.title[:200],
                                          summary=proposal.body[:5000], proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    messages.success(request, _("The project is created from the proposal: complete it."))
    return redirect("projects:project-edit", territory.slug, project.pk)


@project_view()
def project_stage(request, territory, project):
    moves = selectors.stage_moves_allowed(user=request.user, project=project)
    form = StageMoveForm(request.POST or None, moves=moves)
    if request.method == "POST":
        if not moves:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.project_stage_move(actor=request.user, project=project,
                                            to_stage=form.cleaned_data["to_stage"],
                                            reason=form.cleaned_data["reason"])
            except ValidationError as error:
                _put_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The project's stage is changed."))
                return redirect("projects:project-stage", territory.slug, project.pk)
    return render(request, "projects/project_stage.html", {
        "form": form, "moves": moves,
        "history": selectors.stage_history(project=project),
        **project_context(request, project, "stage")})
