"""The demo territory's Agorapolis: a consultation in each phase, with proposals, supports,
an official answer, a debate, a workshop with registrations and an "understand" page that
embeds a live chart of the territory's indicators.

The people and what they write are fictitious. The dates are set around the day the demo
is built, so that each consultation is in its phase when a visitor arrives. Idempotent:
nothing is created when the demo's consultations exist.
"""

import contextlib
import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership, Role, User
from territoria.agora import services
from territoria.agora.models import Consultation, Phase, Proposal
from territoria.core.models import Territory

MARK = "[démo]"
CONSULTATIONS = [
    # (title, description, running phase, proposals)
    ("Comment redonner vie au centre-bourg de Crest ? " + MARK,
     ("Commerces, marché, circulation, logements vacants : proposez, soutenez, débattez. "
      "Consultation de démonstration."), Phase.Kind.CONTRIBUTIONS,
     [("Un marché de producteurs locaux le mercredi soir", "economy"),
      ("Des loyers modérés pour les commerces vacants de la Grand-Rue", "economy"),
      ("Une navette gratuite entre la gare et le centre le samedi", "mobility"),
      ("Des bancs et de l'ombre sur la place du Champ-de-Mars", "well_being"),
      ("Un tiers-lieu pour les jeunes dans l'ancienne poste", "culture"),
      ("Rendre la Grand-Rue piétonne le dimanche", "mobility")]),
    ("Quelles mobilités pour la vallée de la Drôme ? " + MARK,
     "Consultation de démonstration : la phase d'information est en cours.",
     Phase.Kind.INFORMATION, []),
    ("Alimentation : plus de produits locaux à la cantine " + MARK,
     "Consultation de démonstration en phase de délibération : les soutiens restent ouverts.",
     Phase.Kind.DELIBERATION,
     [("50 % de produits locaux dans les cantines scolaires d'ici 2028", "economy"),
      ("Une légumerie intercommunale pour préparer les produits frais", "economy")]),
    ("Budget participatif 2027 " + MARK,
     "Consultation de démonstration en phase de vote.", Phase.Kind.VOTE,
     [("Un abri vélo sécurisé à la gare de Saillans", "mobility")]),
    ("Santé : attirer des médecins dans les communes rurales " + MARK,
     "Consultation de démonstration terminée : voici les réponses de l'intercommunalité.",
     Phase.Kind.FEEDBACK,
     [("Une maison de santé pluriprofessionnelle à Aouste-sur-Sye", "health")]),
]
PHASE_ACTIONS = {
    Phase.Kind.INFORMATION: {},
    Phase.Kind.CONTRIBUTIONS: {"allows_submit": True, "allows_support": True,
                               "allows_comment": True},
    Phase.Kind.DELIBERATION: {"allows_support": True, "allows_comment": True},
    Phase.Kind.VOTE: {"allows_vote": True},
    Phase.Kind.FEEDBACK: {},
}
ORDER = list(PHASE_ACTIONS)
PAGE_BODY = """Quand un ménage du territoire dépense 100 €, une partie reste dans l'économie
locale (commerces, artisans, producteurs), une autre part aussitôt ailleurs (grandes
surfaces de périphérie, achats en ligne, carburant).

## Ce que disent les chiffres du territoire

On dépense d'abord là où l'on travaille. L'indicateur de concentration d'emploi compare les
emplois offerts sur le territoire aux actifs qui y habitent : sous 100, une partie des
habitants travaille — et fait ses courses — ailleurs.

[[chart:employment_concentration]]

## Ce que change un circuit court

- un producteur qui vend en direct garde une part bien plus grande du prix payé ;
- l'argent dépensé localement est **redépensé localement** : c'est l'effet multiplicateur ;
- moins d'intermédiaires, c'est aussi moins de transport.

Encore faut-il des commerces et des services à proximité :

[[chart:establishments_trade_services]]

Pour aller plus loin : [le comparateur de territoires de l'INSEE](https://www.insee.fr/fr/statistiques/zones/2011101)."""


def _residents(territory: Territory, n: int) -> list[User]:
    """Fictitious residents who support proposals (accounts without a password)."""
    users = []
    for i in range(n):
        email = f"habitant{i + 1}@demo.territoria.example"
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": f"Habitant·e {i + 1}"})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(territory=territory, user=user,
                                         defaults={"role": Role.RESIDENT})
        users.append(user)
    return users


def _phases(consultation: Consultation, staff, running: str) -> None:
    """The five usual phases, dated so that ``running`` is the phase running now."""
    now = timezone.now()
    index = ORDER.index(running)
    start = now - timedelta(days=7) - timedelta(days=21 * index)
    for kind in ORDER:
        services.phase_save(actor=staff, consultation=consultation, kind=kind,
                            starts_at=start, ends_at=start + timedelta(days=21),
                            **PHASE_ACTIONS[kind])
        start += timedelta(days=21)


@transaction.atomic
def demo_agora(territory: Territory) -> list[str]:
    """Create the demo's Agorapolis if missing; what was created, in words."""
    if Consultation.objects.filter(territory=territory, title__endswith=MARK).exists():
        return []
    staff = User.objects.filter(email="staff@demo.territoria.example").first()
    author = User.objects.filter(email="resident@demo.territoria.example").first()
    if staff is None or author is None:
        return []
    rng = random.Random(2026)
    people = _residents(territory, 40)
    created = []
    first = None
    for title, description, running, proposals in CONSULTATIONS:
        consultation = services.consultation_create(
            actor=staff, territory=territory, title=title, description=description,
            support_limit=5, answer_threshold=15, is_published=True)
        first = first or consultation
        # Proposals are written during the contributions phase: open it for a moment.
        now = timezone.now()
        writing = Phase.objects.create(consultation=consultation, kind=Phase.Kind.CONTRIBUTIONS,
                                       starts_at=now - timedelta(minutes=1),
                                       ends_at=now + timedelta(minutes=5), allows_submit=True,
                                       allows_support=True, allows_comment=True)
        consultation.forget_phases()
        made = []
        for text, axis in proposals:
            proposal = services.proposal_create(
                actor=author if not made else rng.choice(people), consultation=consultation,
                title=text, body=f"{text}. Proposition de démonstration.", axis=axis,
                publish=True)
            for supporter in rng.sample(people, rng.randint(2, 25)):
                with contextlib.suppress(ValidationError):  # over their limit: they skip it
                    services.proposal_support(user=supporter, proposal=proposal)
            made.append(proposal)
        if consultation is first and made:
            from territoria.comments.services import comment_create

            for text in ("Bonne idée, à condition d'associer les commerçants dès le départ.",
                         "Et pourquoi pas un loyer progressif la première année ?"):
                comment_create(author=rng.choice(people), target=made[0], body=text)
        writing.delete()
        consultation.forget_phases()
        _phases(consultation, staff, running)
        if made and running == Phase.Kind.FEEDBACK:
            services.proposal_set_status(actor=staff, proposal=made[0], status="accepted")
            services.answer_save(
                actor=staff, proposal=made[0], estimated_cost=750000,
                text="La proposition est retenue : la maison de santé sera construite en "
                     "2027, avec l'Agence régionale de santé et les professionnels du secteur.")
        elif made and running == Phase.Kind.DELIBERATION:
            services.proposal_set_status(actor=staff, proposal=made[0], status="evaluating")
        created.append(_("consultation “%(title)s”") % {"title": title})
    top = Proposal.objects.filter(consultation=first).order_by("-support_count").first()
    if top:
        services.answer_save(
            actor=staff, proposal=top, estimated_cost=12000,
            text="Merci pour cette proposition très soutenue. Les services l'étudient avec "
                 "l'association des commerçants ; réponse détaillée au comité de pilotage.")
    debate = services.debate_create(
        actor=staff, consultation=first,
        question="Faut-il rendre le centre-bourg piéton le samedi ?",
        description="Débat de démonstration : arguments pour et contre.")
    for side, text in (("for", "Les familles flâneraient plus, les terrasses en profiteraient."),
                       ("for", "Moins de bruit et de pollution au cœur du bourg."),
                       ("against", ("Les personnes âgées doivent pouvoir se garer près "
                                    "des commerces.")),
                       ("against", "Les livraisons du samedi matin deviendraient difficiles.")):
        services.argument_add(actor=rng.choice(people), debate=debate, side=side, text=text)
    now = timezone.localtime()
    start = (now + timedelta(days=10)).replace(hour=18, minute=30, second=0, microsecond=0)
    event = services.event_save(
        actor=staff, territory=territory, consultation=first,
        title="Atelier : imaginer la Grand-Rue de demain", starts_at=start,
        ends_at=start + timedelta(hours=2), place="Salle des fêtes, Crest", capacity=12,
        description="Atelier de démonstration en petits groupes, avec des plans du centre.",
        agenda="18 h 30 accueil\n18 h 45 diagnostic partagé\n19 h 15 travail en groupes\n"
               "20 h 15 restitution")
    for person in people[:14]:
        services.registration_create(user=person, event=event)
    past = (now - timedelta(days=20)).replace(hour=18, minute=0, second=0, microsecond=0)
    held = services.event_save(
        actor=staff, territory=territory, consultation=first, format="online",
        title="Réunion publique de lancement", starts_at=past,
        ends_at=past + timedelta(hours=2), online_url="https://visio.example.org/lancement")
    services.minutes_publish(actor=staff, event=held, minutes=(
        "35 participants. Présentation du diagnostic du centre-bourg, puis questions. "
        "Les attentes portent sur les commerces vacants, le stationnement et les jeunes."))
    services.page_save(actor=staff, territory=territory,
                       title="Où va l'argent des ménages ?", slug="argent-des-menages",
                       summary="Dépenses des ménages, économie locale et circuits courts, "
                               "avec les chiffres du territoire.",
                       body=PAGE_BODY, axis="economy", is_published=True)
    created += [_("a debate, two events and an “understand” page")]
    return created
