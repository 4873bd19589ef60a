"""Reads of projects, always scoped to one territory."""

from django.http import Http404

from territoria.projects.models import Project


def project_get(*, territory, pk: int) -> Project:
    """The territory's project ``pk``; 404 for an unknown one or another territory's."""
    project = (Project.objects.filter(territory=territory, pk=pk)
               .select_related("territory", "carrier", "lead", "proposal").first())
    if project is None:
        raise Http404("No such project")
    return project
