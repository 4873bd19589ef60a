"""Demo votes: ballots of fictitious participants, so that a visitor sees a finished vote.

``demo_fill`` gives any vote the ballots of ``participants`` fictitious voters and closes it;
the strategy demo calls it on its own prioritisation vote. ``demo_voting`` gives the demo
territory one finished vote of its own (idempotent: nothing is created when it exists).

The ballots are generated reproducibly (``numpy.random.default_rng(seed)``): each option
has a hidden appeal, each voter a mood, and a grade is the appeal plus the mood plus noise,
rounded onto the scale. They are written as ballots without participations: fictitious
voters have no account, and the count of voters reads the ballots.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import User
from territoria.core.models import Territory
from territoria.voting.models import Ballot, BallotGrade, Vote
from territoria.voting.services import OptionSpec, vote_create

TITLE = "Quelles priorités pour les mobilités du quotidien ?"
DESCRIPTION = ("Vote de démonstration au jugement majoritaire : les votants et leurs "
               "bulletins sont fictifs.")
OPTIONS = [
    ("Un car entre les villages et la gare toutes les heures",
     "Du lundi au samedi, de 6 h à 21 h."),
    ("Des pistes cyclables sécurisées vers les collèges", ""),
    ("Une plateforme de covoiturage pour les trajets domicile-travail", ""),
    ("Le transport à la demande pour les personnes âgées", ""),
    ("Élargir la route départementale vers Crest", ""),
]


@transaction.atomic
def demo_fill(*, vote: Vote, participants: int = 120, seed: int = 2026,
              close: bool = True) -> int:
    """Add the ballots of ``participants`` fictitious voters to ``vote`` (deterministic for
    a ``seed``), then close it (``close``); returns the number of ballots written."""
    options = list(vote.options.order_by("position"))
    rng = np.random.default_rng(seed)
    if vote.method == Vote.Method.APPROVAL:
        appeal = rng.uniform(0.2, 0.8, size=len(options))
        grades = (rng.random((participants, len(options))) < appeal).astype(int)
    else:
        top = vote.grade_scale.size - 1
        appeal = rng.uniform(0.25 * top, 0.8 * top, size=len(options))
        mood = rng.normal(0.0, 0.6, size=(participants, 1))
        noise = rng.normal(0.0, 1.1, size=(participants, len(options)))
        grades = np.clip(np.rint(appeal + mood + noise), 0, top).astype(int)
    ballots = Ballot.objects.bulk_create([Ballot(vote=vote) for _n in range(participants)])
    BallotGrade.objects.bulk_create([
        BallotGrade(ballot=ballot, option=option, grade=int(grades[row, column]))
        for row, ballot in enumerate(ballots) for column, option in enumerate(options)],
        batch_size=2000)
    if close and vote.closed_at is None:
        vote.closed_at = timezone.now()
        vote.save(update_fields=["closed_at"])
    return participants


@transaction.atomic
def demo_voting(territory: Territory) -> list[str]:
    """Create the demo territory's finished vote if missing; what was created, in words."""
    if Vote.objects.filter(territory=territory, title=TITLE).exists():
        return []
    staff = User.objects.filter(email="staff@demo.territoria.example").first()
    now = timezone.now()
    vote = vote_create(
        actor=staff, territory=territory, title=TITLE, description=DESCRIPTION,
        method=Vote.Method.MAJORITY_JUDGMENT, opens_at=now - timedelta(days=21),
        closes_at=now + timedelta(days=7),
        options=[OptionSpec(title=title, description=description)
                 for title, description in OPTIONS])
    count = demo_fill(vote=vote, participants=120)
    return [_("a finished majority-judgment vote with the ballots of %(count)d fictitious "
              "voters") % {"count": count}]
