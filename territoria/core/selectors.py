"""Reads of territories; every other read is scoped to one of them."""

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from territoria.core.models import Job, Territory


def territory_list_public() -> QuerySet[Territory]:
    return (
        Territory.objects.filter(is_public=True)
        .annotate(commune_count=Count("communes", distinct=True))
        .order_by("name")
    )


def territory_get(*, user, slug: str) -> Territory:
    """The territory with that slug if the user may see it; otherwise 404.

    A private territory answers 404, not 403, to a non-member: its existence is not told.
    """
    territory = Territory.objects.filter(slug=slug).select_related("epci", "commune").first()
    if territory is None or not user.has_perm("core.view_territory", territory):
        raise Http404("No such territory")
    return territory


def territory_perimeter(*, territory: Territory):
    return territory.communes.select_related("department").order_by("name")


def territory_population(*, territory: Territory) -> int | None:
    return territory.communes.aggregate(total=Sum("population"))["total"]


def job_get(*, user, job_id) -> Job:
    job = Job.objects.filter(pk=job_id).select_related("territory").first()
    if job is None or not user.has_perm("core.view_job", job):
        raise Http404("No such job")
    return job
