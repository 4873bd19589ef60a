"""The demo territory's opinion map: a conversation with seed statements and the votes of
fictitious participants, so that a visitor sees groups, consensus and divisions at once.

The votes are generated, reproducibly: 90 participants in two camps (families who drive to
work, and people without a car in the bourgs) who agree on some statements and divide on
others, with noise and passes. They are recorded as anonymous participants of the demo and
the map is computed at once. Idempotent: nothing is created when the conversation exists.
"""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import User
from territoria.core.models import Territory
from territoria.opinion.models import Conversation, Participant, Statement, Vote

TITLE = "Quelles forces et faiblesses pour les jeunes familles du Val de Drôme ?"
DESCRIPTION = ("Carte d'opinion de démonstration : les participants et leurs votes sont "
               "fictifs. Votez à votre tour pour voir dans quel groupe vous vous situez.")
# (statement, camp A's leaning, camp B's leaning): 1 agree, -1 disagree, 0 undecided.
STATEMENTS = [
    ("Les écoles de nos villages sont une vraie force pour les familles.", 1, 1),
    ("Sans voiture, on ne peut pas vivre ici avec des enfants.", 1, 1),
    ("Il faudrait un car scolaire le mercredi après-midi vers les activités.", 1, 1),
    ("Il manque des places en crèche dans la vallée.", 1, 1),
    ("Il faut élargir la route de Crest avant d'investir dans les bus.", 1, -1),
    ("Les pistes cyclables sécurisées passent avant les parkings.", -1, 1),
    ("Les résidences secondaires privent les familles de logements.", -1, 1),
    ("Les commerces des bourgs doivent rester ouverts le dimanche.", 1, -1),
    ("Le marché bio du samedi est trop cher pour les familles.", 1, -1),
    ("Les associations sportives et culturelles sont nombreuses et accessibles.", 1, 1),
    ("Les médecins qui s'installent devraient être aidés par l'intercommunalité.", 1, 1),
    ("Les jeunes devraient avoir un tiers-lieu pour se retrouver le soir.", 0, 1),
]
PARTICIPANTS = (50, 40)  # camp A, camp B


def _vote(rng: random.Random, leaning: int) -> int | None:
    """A participant's vote on a statement their camp leans on: mostly the camp's view,
    sometimes a pass, sometimes the other view; sometimes no vote at all."""
    draw = rng.random()
    if draw < 0.12:
        return None
    if leaning == 0 or draw < 0.22:
        return 0 if rng.random() < 0.5 else rng.choice((1, -1))
    return leaning if rng.random() < 0.85 else -leaning


@transaction.atomic
def demo_opinion(territory: Territory) -> list[str]:
    """Create the demo conversation and its votes if missing; what was created, in words."""
    if Conversation.objects.filter(territory=territory, title=TITLE).exists():
        return []
    from territoria.opinion.services import map_compute

    staff = User.objects.filter(email="staff@demo.territoria.example").first()
    conversation = Conversation.objects.create(
        territory=territory, title=TITLE, description=DESCRIPTION, axis="well_being",
        created_by=staff, participation=Conversation.Participation.ANONYMOUS)
    from territoria.opinion.services import normalise_statement

    statements = [Statement(conversation=conversation, text=text,
                            normalised=normalise_statement(text),
                            author=staff, status=Statement.Status.PUBLISHED, is_seed=True)
                  for text, _a, _b in STATEMENTS]
    Statement.objects.bulk_create(statements)
    statements = list(Statement.objects.filter(conversation=conversation).order_by("pk"))
    rng = random.Random(2026)
    now = timezone.now()
    votes = []
    for camp, count in enumerate(PARTICIPANTS):
        for n in range(count):
            participant = Participant.objects.create(
                conversation=conversation, external_id=f"demo-{camp}-{n}")
            for statement, (_text, a, b) in zip(statements, STATEMENTS, strict=True):
                value = _vote(rng, a if camp == 0 else b)
                if value is not None:
                    votes.append(Vote(participant=participant, statement=statement,
                                      value=value, updated_at=now))
    Vote.objects.bulk_create(votes)
    map_compute(conversation_id=conversation.pk)
    return [_("an opinion map with %(votes)d votes of %(people)d fictitious participants") % {
        "votes": len(votes), "people": sum(PARTICIPANTS)}]
