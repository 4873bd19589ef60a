"""The demo territory's diagnostic: demonstration indicator values, contributions of the
demo accounts with their supports, and the data's proposals, some already decided.

Run by ``territoria demo`` after the territory and its accounts exist; idempotent. The
values are generated (``indicators/domain/demo_values.py``) for every commune of the
territory's région, so that its EPCI, département and région, and comparable EPCIs of the
région, have figures to compare with; France has none (its other communes have no values),
which the pages show as "no data". They are recorded under a "demonstration values" import
and never replace imported data: when an official file was imported, nothing is generated.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from territoria.accounts.models import User
from territoria.core.models import Territory
from territoria.diagnostic import services
from territoria.diagnostic.models import DiagnosticItem

# (author's e-mail, kind, axis, title, explanation, supporters' e-mails). Fictitious, in
# French like the rest of the demo territory's content.
CONTRIBUTIONS = [
    ("resident@demo.territoria.example", "weakness", "mobility",
     "Pas de bus le soir vers Crest",
     ("Le dernier car pour Crest part à 18 h 30. Sans voiture, impossible d'aller au cinéma ou "
     "de travailler en horaires décalés."),
     ["local-actor@demo.territoria.example", "project-lead@demo.territoria.example"]),
    ("local-actor@demo.territoria.example", "strength", "mobility",
     "La voie verte de la vallée",
     ("Elle relie Livron à Crest : de plus en plus de salariés viennent à vélo, l'atelier vélo "
     "répare une trentaine de vélos par mois."),
     ["resident@demo.territoria.example"]),
    ("resident@demo.territoria.example", "weakness", "health",
     "Trois mois pour voir un dentiste",
     "Les cabinets ne prennent plus de nouveaux patients ; il faut aller à Valence.",
     ["local-actor@demo.territoria.example", "staff@demo.territoria.example",
      "project-lead@demo.territoria.example"]),
    ("project-lead@demo.territoria.example", "strength", "economy",
     "Une filière bio qui embauche",
     ("Les producteurs et transformateurs bio de la vallée recrutent chaque saison ; la "
     "Biovallée attire des porteurs de projet."),
     ["elected@demo.territoria.example"]),
    ("resident@demo.territoria.example", "weakness", "economy",
     "Les jeunes partent faire leurs études et ne reviennent pas",
     "Peu d'emplois qualifiés sur place hors agriculture : mes enfants travaillent à Lyon.",
     []),
    ("local-actor@demo.territoria.example", "opportunity", "environment",
     "Rénover les logements vacants des centres-bourgs",
     ("Les aides à la rénovation énergétique permettraient de remettre sur le marché des "
     "logements vides, sans artificialiser de terres."),
     ["resident@demo.territoria.example"]),
    ("resident@demo.territoria.example", "threat", "environment",
     "Sécheresses à répétition",
     "La rivière Drôme est à sec plusieurs semaines chaque été ; l'irrigation est restreinte.",
     ["local-actor@demo.territoria.example", "project-lead@demo.territoria.example"]),
    ("local-actor@demo.territoria.example", "strength", "culture",
     "Une vie associative très riche",
     "Festivals, tiers-lieux, associations sportives : on trouve de quoi faire à tout âge.",
     []),
]


def _demo_values(territory: Territory) -> list[str]:
    from territoria.geo.models import Commune
    from territoria.indicators.domain.demo_values import demo_values
    from territoria.indicators.models import (
        DataImport,
        Indicator,
        IndicatorValue,
        Level,
        Origin,
        Status,
    )
    from territoria.indicators.recompute import values_recompute

    if IndicatorValue.objects.filter(origin=Origin.IMPORTED).exists():
        return []  # real (or demonstration) values are there already
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    regions = territory.communes.values_list("region_id", flat=True).distinct()
    communes = Commune.objects.filter(kind=Commune.Kind.CURRENT, withdrawn=False,
                                      region__in=list(regions)).values_list(
        "insee_code", "population")
    data_import = DataImport.objects.create(
        territory=territory, kind=DataImport.Kind.DEMO, status=DataImport.State.APPLIED,
        original_name=_("demonstration values"), file="")
    rows = [IndicatorValue(indicator_id=indicators[v.indicator], level=Level.COMMUNE,
                           area_code=v.area_code, period=v.period, value=v.value,
                           missing="" if v.value is not None else "secret",
                           status=Status.ESTIMATED, origin=Origin.IMPORTED,
                           data_import=data_import)
            for v in demo_values(communes) if v.indicator in indicators]
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    values_recompute()
    from django.utils import timezone

    data_import.values_created = len(rows)
    data_import.applied_at = timezone.now()
    data_import.save(update_fields=["values_created", "applied_at"])
    return [_("%(count)d demonstration indicator values") % {"count": len(rows)}]


def _demo_contributions(territory: Territory) -> list[str]:
    if DiagnosticItem.objects.filter(territory=territory,
                                     origin=DiagnosticItem.Origin.CONTRIBUTION).exists():
        return []
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.territoria.example")}
    count = 0
    for email, kind, axis, title, explanation, supporters in CONTRIBUTIONS:
        if email not in people:
            continue
        item = services.item_contribute(author=people[email], territory=territory, kind=kind,
                                        axis=axis, title=title, explanation=explanation)
        for supporter in supporters:
            if supporter in people:
                services.item_support(user=people[supporter], item=item)
        count += 1
    return [_("%(count)d contributions to the diagnostic") % {"count": count}] if count else []


def _demo_proposals(territory: Territory) -> list[str]:
    if DiagnosticItem.objects.filter(territory=territory,
                                     origin=DiagnosticItem.Origin.DATA).exists():
        return []
    summary = services.proposals_refresh(territory=territory)
    staff = User.objects.filter(email="staff@demo.territoria.example").first()
    proposals = list(DiagnosticItem.objects.filter(territory=territory,
                                                   origin=DiagnosticItem.Origin.DATA))
    # The team has decided on all but two, left for a visitor to try.
    for item in proposals[2:]:
        services.proposal_accept(actor=staff, item=item)
    return [_("%(count)d strengths and weaknesses proposed by the data") % {
        "count": summary.created}] if summary.created else []


@transaction.atomic
def demo_diagnostic(territory: Territory) -> list[str]:
    """Give the demo territory its diagnostic if it has none; what was created, in words."""
    return _demo_values(territory) + _demo_contributions(territory) + _demo_proposals(territory)
