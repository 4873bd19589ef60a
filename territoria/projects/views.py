from django.shortcuts import render

from territoria.projects.decorators import project_view
from territoria.projects.sections import sections_for


def project_context(request, project, current: str) -> dict:
    """What every section of a project's page needs: the project, its sections' navigation
    (``current`` is the key of the section shown) and whether the user manages it."""
    return {"project": project, "sections": sections_for(request.user, project),
            "current_section": current,
            "can_manage": request.user.has_perm("projects.manage_project", project)}


@project_view()
def project_detail(request, territory, project):
    return render(request, "projects/project_detail.html",
                  project_context(request, project, "overview"))
