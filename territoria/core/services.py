"""Writes on territories and background jobs."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from territoria.core.models import Job, Territory
from territoria.core.validators import validate_logo
from territoria.geo.models import Commune, Epci


def territory_perimeter_for(*, kind: str, commune: Commune | None = None, epci: Epci | None = None,
                            communes: Iterable[Commune] | None = None) -> list[Commune]:
    """The communes a new territory covers: its commune, its EPCI's current members, or the list.

    Only current communes make a perimeter: a delegated or associated commune, or a municipal
    arrondissement, is part of its current commune and would be counted twice.
    """
    if kind == Territory.Kind.COMMUNE:
        if commune is None or commune.kind != Commune.Kind.CURRENT:
            raise ValidationError(_("A commune territory needs a current commune."),
                                  code="commune_required")
        return [commune]
    if kind == Territory.Kind.EPCI:
        if epci is None:
            raise ValidationError(_("An EPCI territory needs an EPCI."), code="epci_required")
        members = list(epci.communes.filter(kind=Commune.Kind.CURRENT))
        if not members:
            raise ValidationError(_("This EPCI has no member commune in the referential."),
                                  code="epci_empty")
        return members
    if kind != Territory.Kind.CUSTOM:
        raise ValidationError(_("Unknown kind of territory: %(kind)s") % {"kind": kind},
                              code="kind")
    members = list(dict.fromkeys(communes or []))
    if not members:
        raise ValidationError(_("A custom perimeter needs at least one commune."),
                              code="communes_required")
    if any(c.kind != Commune.Kind.CURRENT for c in members):
        raise ValidationError(_("A perimeter is made of current communes only."),
                              code="communes_not_current")
    return members


def territory_slug_check(*, name: str, slug: str = "") -> str:
    """The address a new territory gets (its slug, or its name made into one) if it is free."""
    slug = slugify(slug or name)[:60].strip("-")
    if not slug:
        raise ValidationError(_("The territory needs a name that gives an address."),
                              code="slug_required")
    if Territory.objects.filter(slug=slug).exists():
        raise ValidationError(_("The address “%(slug)s” is already taken by another territory.")
                              % {"slug": slug}, code="slug_taken")
    return slug


@transaction.atomic
def territory_create(*, name: str, kind: str, slug: str = "", commune: Commune | None = None,
                     epci: Epci | None = None, communes: Iterable[Commune] | None = None,
                     main_colour: str = "#1f5f8b", description: str = "",
                     is_public: bool = True) -> Territory:
    """Create a territory anchored to a commune, an EPCI, or a custom list of communes.

    Everything is checked before anything is written: a taken address, a missing anchor or an
    invalid colour raises ``ValidationError`` and leaves the database as it was. The perimeter
    is a snapshot of the anchor's communes on the day of creation.
    """
    slug = territory_slug_check(name=name, slug=slug)
    perimeter = territory_perimeter_for(kind=kind, commune=commune, epci=epci, communes=communes)
    territory = Territory(name=name, slug=slug, kind=kind,
                          commune=commune if kind == Territory.Kind.COMMUNE else None,
                          epci=epci if kind == Territory.Kind.EPCI else None,
                          main_colour=main_colour, description=description, is_public=is_public)
    territory.full_clean(exclude=["logo"])
    territory.save()
    territory.communes.set(perimeter)
    return territory


@transaction.atomic
def territory_update(*, territory: Territory, **fields) -> Territory:
    """Update a territory's presentation and theme; the slug and the perimeter do not change.

    A new logo is checked by ``validate_logo`` here too, so that every entry point (settings
    page, operator admin, later the API) refuses the same files.
    """
    allowed = {"name", "description", "main_colour", "is_public", "logo"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)} here")
    if "logo" in fields:
        if not fields["logo"]:
            # A cleared file input gives False: the territory goes back to having no logo.
            fields["logo"] = ""
        elif isinstance(fields["logo"], UploadedFile):
            validate_logo(fields["logo"])
    for key, value in fields.items():
        setattr(territory, key, value)
    territory.full_clean()
    territory.save()
    return territory


def job_create(*, title: str, user=None, territory: Territory | None = None,
               total: int = 0) -> Job:
    return Job.objects.create(title=title, started_by=user if user and user.is_authenticated
                              else None, territory=territory, total=total)


def job_progress(*, job_id, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress from inside a task; a plain UPDATE so it never holds a lock long."""
    fields = {"done": done, "status": Job.Status.RUNNING, "updated_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job_id).update(**fields)


def job_finish(*, job_id, message: str = "", result_url: str = "", failed: bool = False) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if failed else Job.Status.SUCCEEDED,
        message=message, result_url=result_url, finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def job_enqueue(*, task, title: str, user=None, territory: Territory | None = None,
                total: int = 0, **kwargs) -> Job:
    """Record a job and queue ``task`` for it once the current transaction commits.

    The task is called with ``job_id`` (a string) and ``kwargs``; it reports with
    ``job_progress`` and ``job_finish`` (or is wrapped with ``core.jobs.reports_to_job``).
    The user who started it follows it on ``core:job-detail``.
    """
    job = job_create(title=title, user=user, territory=territory, total=total)
    transaction.on_commit(lambda: task.enqueue(job_id=str(job.pk), **kwargs))
    return job
