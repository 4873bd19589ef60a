"""Writes on territories and background jobs."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from territoria.core.models import Job, Territory
from territoria.geo.models import Commune, Epci


def _perimeter_for(*, kind: str, commune: Commune | None, epci: Epci | None,
                   communes: Iterable[Commune] | None) -> list[Commune]:
    if kind == Territory.Kind.COMMUNE:
        if commune is None or commune.kind != Commune.Kind.CURRENT:
            raise ValidationError(_("A commune territory needs a current commune."))
        return [commune]
    if kind == Territory.Kind.EPCI:
        if epci is None:
            raise ValidationError(_("An EPCI territory needs an EPCI."))
        members = list(epci.communes.filter(kind=Commune.Kind.CURRENT))
        if not members:
            raise ValidationError(_("This EPCI has no member commune in the referential."))
        return members
    members = list(communes or [])
    if not members:
        raise ValidationError(_("A custom perimeter needs at least one commune."))
    if any(c.kind != Commune.Kind.CURRENT for c in members):
        raise ValidationError(_("A perimeter is made of current communes only."))
    return members


@transaction.atomic
def territory_create(*, name: str, kind: str, slug: str = "", commune: Commune | None = None,
                     epci: Epci | None = None, communes: Iterable[Commune] | None = None,
                     main_colour: str = "#1f5f8b", description: str = "",
                     is_public: bool = True) -> Territory:
    """Create a territory anchored to a commune, an EPCI, or a custom list of communes."""
    slug = slugify(slug or name)[:60]
    if not slug:
        raise ValidationError(_("The territory needs a name that gives an address."))
    if Territory.objects.filter(slug=slug).exists():
        raise ValidationError(_("The address “%(slug)s” is already taken by another territory.")
                              % {"slug": slug})
    perimeter = _perimeter_for(kind=kind, commune=commune, epci=epci, communes=communes)
    territory = Territory(name=name, slug=slug, kind=kind, commune=commune, epci=epci,
                          main_colour=main_colour, description=description, is_public=is_public)
    territory.full_clean(exclude=["logo"])
    territory.save()
    territory.communes.set(perimeter)
    return territory


@transaction.atomic
def territory_update(*, territory: Territory, **fields) -> Territory:
    """Update a territory's presentation and theme; the slug and anchor do not change here."""
    allowed = {"name", "description", "main_colour", "is_public", "logo"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)} here")
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
