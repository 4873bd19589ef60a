"""Writes of the territory's actors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from territoria.actors.domain import siren_is_valid
from territoria.actors.models import Actor


@transaction.atomic
def actor_save(*, actor_user, territory, name: str, kind: str, siren: str = "",
               commune=None, description: str = "", website: str = "",
               actor: Actor | None = None) -> Actor:
    """Add or change a local actor: a name unique in the territory, a valid SIREN if given,
    a commune of the perimeter."""
    errors = {}
    name = (name or "").strip()
    siren = (siren or "").replace(" ", "").strip()
    if not name:
        errors["name"] = _("Give the actor's name.")
    elif Actor.objects.filter(territory=territory, name__iexact=name).exclude(
            pk=getattr(actor, "pk", None)).exists():
        errors["name"] = _("The territory already has an actor of that name.")
    if kind not in Actor.Kind.values:
        errors["kind"] = _("Choose the kind of actor.")
    if siren and not siren_is_valid(siren):
        errors["siren"] = _("“%(siren)s” is not a SIREN number: nine digits with a valid "
                            "check digit.") % {"siren": siren}
    if commune is not None and not territory.communes.filter(pk=commune.pk).exists():
        errors["commune"] = _("This commune is not in the territory's perimeter.")
    if errors:
        raise ValidationError(errors)
    actor = actor or Actor(territory=territory)
    actor.name, actor.kind, actor.siren, actor.commune = name, kind, siren, commune
    actor.description, actor.website = (description or "").strip(), (website or "").strip()
    actor.save()
    return actor
