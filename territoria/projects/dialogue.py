"""How the projects appear in the platform's shared services: search."""

from territoria.projects.models import Project


def project_document(project: Project):
    """A project is found by its title, summary, objectives and carrying organisation; an
    abandoned one too (its history is public)."""
    from territoria.search.registry import Document

    return Document(territory_id=project.territory_id, title=project.title,
                    body="\n".join(filter(None, (project.summary, project.objectives))),
                    context=project.carrier.name if project.carrier_id else "",
                    url_name="projects:project-detail", url_kwargs={"pk": project.pk})
