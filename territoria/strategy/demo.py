"""The demo territory's strategy: four orientations adopted by the governance committee and
a fifth in draft, answering the demo's diagnostic, with measurable ambitions whose baselines
are the territory's demonstration values, milestones, a revision, and cross-effects
including a conflict (a large retailer: + jobs, − environment, − village-centre life).

Run by ``territoria demo`` after the diagnostic's demo; idempotent. So that the trajectories
have something to compare with, two later values (2024) of the territory are added under
the same "demonstration values" import as the diagnostic's, one on track and one off track;
like them they are not statistics, and nothing is added when real data was imported.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from territoria.accounts.models import User
from territoria.core.models import Territory
from territoria.diagnostic.models import DiagnosticItem
from territoria.strategy import selectors, services
from territoria.strategy.models import Orientation

LATER = "2024"


def _people():
    people = {u.email.split("@")[0]: u for u in User.objects.filter(
        email__endswith="@demo.territoria.example")}
    return people.get("staff"), people.get("elected")


def _items(territory: Territory, *titles: str) -> list[int]:
    return list(DiagnosticItem.objects.filter(territory=territory, title__in=titles,
                                              status=DiagnosticItem.Status.PUBLISHED)
                .values_list("pk", flat=True))


def _later_values(territory: Territory, baselines: dict) -> int:
    """Two values of 2024 for the territory's EPCI, under the demonstration import."""
    from territoria.indicators.models import (
        DataImport,
        IndicatorValue,
        Level,
        Origin,
        Status,
    )

    demo_import = DataImport.objects.filter(kind=DataImport.Kind.DEMO).first()
    if demo_import is None or territory.epci_id is None:
        return 0
    count = 0
    for indicator, value in baselines.values():
        _obj, created = IndicatorValue.objects.get_or_create(
            indicator=indicator, level=Level.EPCI, area_code=territory.epci.siren,
            period=LATER, defaults={"value": value, "status": Status.ESTIMATED,
                                    "origin": Origin.IMPORTED, "data_import": demo_import})
        count += created
    return count


def _demo_vote(territory: Territory, staff, versions) -> int:
    """The orientations put to a vote, graded by 120 fictitious voters (the voting demo's
    ``demo_fill``, reproducible) and closed: the public page shows its ranking. Returns the
    number of ballots."""
    from datetime import timedelta

    from django.utils import timezone

    from territoria.strategy.prioritisation import priorities_put_to_vote
    from territoria.voting.demo import demo_fill

    now = timezone.now()
    vote = priorities_put_to_vote(
        actor=staff, territory=territory, versions=versions,
        title="Quelles orientations d'abord ?",
        description=("Vote de démonstration au jugement majoritaire sur les orientations "
                     "proposées au comité de gouvernance : les votants et leurs bulletins "
                     "sont fictifs."),
        method="majority_judgment", opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=1))
    return demo_fill(vote=vote, participants=120, seed=2027)


def _measurable(staff, version, indicator, *, title, target, deadline, milestones=(),
                description=""):
    """An ambition whose baseline is the territory's latest value; None without one."""
    latest = selectors.latest_value(territory=version.territory, indicator=indicator)
    if latest is None:
        return None
    when, value = latest
    precision = 10 ** indicator.precision
    return services.ambition_create(
        actor=staff, version=version, title=title, description=description,
        indicator=indicator, baseline_value=value, baseline_date=when,
        target_value=round(target(value) * precision) / precision, deadline=deadline,
        milestones=[(d, round(f(value) * precision) / precision) for d, f in milestones])


def _adopt(staff, elected, version, when: date, reference: str):
    services.orientation_submit(actor=staff, version=version)
    services.orientation_adopt(actor=elected, version=version, decision_date=when,
                               decision_body="comité de gouvernance",
                               decision_reference=reference)


@transaction.atomic
def demo_strategy(territory: Territory) -> list[str]:
    """Give the demo territory its strategy if it has none; what was created, in words."""
    if Orientation.objects.filter(territory=territory).exists():
        return []
    staff, elected = _people()
    if staff is None or elected is None:
        return []
    from territoria.indicators.models import Indicator

    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[
        "unemployment_rate", "jobs", "vacant_dwellings_share", "establishments_per_1000"])}
    if len(indicators) < 4:
        return []

    jobs = services.orientation_create(
        actor=staff, territory=territory,
        title="Garder les jeunes : des emplois qualifiés sur place",
        rationale=("Les jeunes partent faire leurs études et ne reviennent pas, faute d'emplois "
                   "qualifiés hors agriculture. La filière bio recrute : appuyons-nous sur elle "
                   "et sur les entreprises locales plutôt que d'attendre une implantation "
                   "extérieure."),
        principles=["endogenous", "well_being"], axes=["economy", "education"],
        diagnostic_items=_items(territory, "Les jeunes partent faire leurs études et ne "
                                "reviennent pas", "Une filière bio qui embauche"))
    unemployment = _measurable(
        staff, jobs, indicators["unemployment_rate"], title="Faire baisser le chômage",
        target=lambda v: v - 2, deadline=date(2030, 12, 31),
        milestones=[(date(2026, 12, 31), lambda v: v - 1)],
        description="Deux points de moins d'ici 2030, grâce aux emplois de la filière bio.")
    employment = _measurable(
        staff, jobs, indicators["jobs"], title="Créer des emplois sur le territoire",
        target=lambda v: v * 1.05, deadline=date(2030, 12, 31))
    retailer = services.ambition_create(
        actor=staff, version=jobs, title="Attirer une grande surface en entrée de ville",
        description="Proposée en atelier ; à examiner avant toute décision.")
    services.effects_record(
        actor=staff, territory=territory, source="workshop",
        source_detail="Atelier économie du 14 janvier 2026", effects={
            (retailer.pk, "economy"): ("positive", "Une centaine d'emplois"),
            (retailer.pk, "environment"): ("negative", "Terres agricoles artificialisées, "
                                                       "moins de circuits courts"),
            (retailer.pk, "culture"): ("negative", "Concurrence pour les commerces des "
                                                   "centres-bourgs"),
        })
    _adopt(staff, elected, jobs, date(2026, 2, 10), "Délibération 2026-07")

    care = services.orientation_create(
        actor=staff, territory=territory, title="Se soigner et se déplacer sans voiture",
        rationale=("Trois mois pour voir un dentiste, pas de bus le soir vers Crest : sans "
                   "voiture, une partie des habitants est coupée des services."),
        principles=["well_being", "responsible"], axes=["mobility", "health"],
        diagnostic_items=_items(territory, "Pas de bus le soir vers Crest",
                                "Trois mois pour voir un dentiste"))
    evening = services.ambition_create(
        actor=staff, version=care, title="Un transport à la demande le soir vers Crest",
        description="Jusqu'à 22 h, réservable la veille.", deadline=date(2027, 9, 1))
    services.effects_record(actor=staff, territory=territory, source="staff", effects={
        (evening.pk, "mobility"): ("positive", ""),
        (evening.pk, "culture"): ("positive", "Accès au cinéma et aux associations le soir"),
        (evening.pk, "environment"): ("positive", "Moins de trajets en voiture")})
    _adopt(staff, elected, care, date(2026, 2, 10), "Délibération 2026-08")

    housing = services.orientation_create(
        actor=staff, territory=territory,
        title="Habiter les centres-bourgs plutôt que consommer des terres",
        rationale=("Des logements vides dans les bourgs, des terres agricoles grignotées et des "
                   "sécheresses à répétition : rénovons l'existant."),
        principles=["responsible"], axes=["housing", "environment"],
        diagnostic_items=_items(territory, "Rénover les logements vacants des centres-bourgs",
                                "Sécheresses à répétition"))
    vacant = _measurable(
        staff, housing, indicators["vacant_dwellings_share"],
        title="Remettre sur le marché les logements vacants", target=lambda v: v - 2,
        deadline=date(2032, 12, 31))
    _adopt(staff, elected, housing, date(2025, 10, 15), "Délibération 2025-41")
    # A revision: the committee raised the target and set a milestone.
    revision = services.orientation_revise(actor=staff, orientation=housing.orientation)
    services.orientation_update(
        actor=staff, version=revision, title=revision.title, rationale=revision.rationale,
        principles=["responsible", "well_being"], axes=["housing", "environment"],
        diagnostic_items=[i.pk for i in revision.diagnostic_items.all()],
        change_note="Objectif relevé après le bilan du programme de rénovation.")
    if vacant is not None:
        copy = revision.ambitions.get()
        services.ambition_update(
            actor=staff, ambition=copy, title=copy.title, indicator=copy.indicator,
            baseline_value=copy.baseline_value, baseline_date=copy.baseline_date,
            target_value=copy.baseline_value - 3, deadline=copy.deadline,
            milestones=[(date(2028, 12, 31), copy.baseline_value - 1.5)])
        services.effects_record(actor=staff, territory=territory, source="staff", effects={
            (copy.pk, "environment"): ("positive", "Moins de terres artificialisées"),
            (copy.pk, "culture"): ("positive", "Des bourgs vivants")})
    _adopt(staff, elected, revision, date(2026, 3, 12), "Délibération 2026-15")

    centres = services.orientation_create(
        actor=staff, territory=territory, title="Faire vivre les bourgs avec leurs habitants",
        rationale=("Commerces, artisans et services de proximité font la vie des bourgs ; les "
                   "habitants veulent décider avec les élus de ce qui s'y installe."),
        principles=["endogenous", "citizen"],
        axes=["economy", "participation", "public_services"])
    _measurable(staff, centres, indicators["establishments_per_1000"],
                title="Plus de commerces et d'artisans dans les bourgs",
                target=lambda v: v + 1.5, deadline=date(2031, 12, 31))
    services.ambition_create(
        actor=staff, version=centres, title="Un budget participatif pour les bourgs",
        description="Les habitants proposent et choisissent chaque année des projets.",
        deadline=date(2027, 6, 30))
    _adopt(staff, elected, centres, date(2026, 2, 10), "Délibération 2026-09")

    # A draft the team is still working on: its effects can be tried in the matrix.
    water = services.orientation_create(
        actor=staff, territory=territory, title="Partager l'eau face aux sécheresses",
        rationale=("La Drôme est à sec plusieurs semaines chaque été : agriculteurs, habitants "
                   "et activités touristiques doivent s'accorder sur l'eau."),
        principles=["responsible", "citizen"], axes=["environment", "economy"],
        diagnostic_items=_items(territory, "Sécheresses à répétition"))
    services.ambition_create(
        actor=staff, version=water, title="Un plan de partage de l'eau avec les agriculteurs",
        deadline=date(2027, 12, 31))

    votes = _demo_vote(territory, staff, [jobs, care, revision, centres])

    # Two later values: unemployment ahead of its path, jobs behind theirs.
    later = {}
    if unemployment is not None:
        later["unemployment"] = (indicators["unemployment_rate"],
                                 round(unemployment.baseline_value - 1.2, 1))
    if employment is not None:
        later["jobs"] = (indicators["jobs"], round(employment.baseline_value * 0.99))
    added = _later_values(territory, later)
    created = [_("%(count)d orientations of the strategy, adopted, and one draft") % {
        "count": 4}]
    if votes:
        created.append(_("a finished vote ranking the orientations, with %(count)d ballots") % {
            "count": votes})
    if added:
        created.append(_("%(count)d later demonstration values, to follow the ambitions") % {
            "count": added})
    return created
