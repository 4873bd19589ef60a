"""Prioritisation: the candidate priorities of the strategy put to a vote, and the ranking
the latest finished vote gave them (the ``voting`` app holds the votes).

Each option of such a vote names what it stands for with a subject key:
``strategy.orientation:<orientation id>`` — the orientation, whatever its version — or
``strategy.ambition:<lineage>`` — the ambition and the copies revisions made of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from territoria.core.models import Territory
from territoria.strategy.models import Ambition, OrientationVersion

PREFIX = "strategy."


def orientation_key(orientation_id: int) -> str:
    return f"{PREFIX}orientation:{orientation_id}"


def ambition_key(ambition: Ambition) -> str:
    return f"{PREFIX}ambition:{ambition.lineage or ambition.pk}"


@transaction.atomic
def priorities_put_to_vote(*, actor, territory: Territory,
                           versions: Sequence[OrientationVersion] = (),
                           ambitions: Sequence[Ambition] = (), title: str,
                           description: str = "", method: str, opens_at: datetime,
                           closes_at: datetime, requires_verification: bool = False):
    """Put candidate orientations (their current wording) and ambitions of ``territory`` to
    a vote of residents and actors (``voting.services.vote_create``), each option keyed to
    what it stands for. At least two candidates."""
    from territoria.voting.services import OptionSpec, vote_create

    if any(v.territory_id != territory.pk for v in versions) or any(
            a.territory_id != territory.pk for a in ambitions):
        raise ValidationError(_("Choose priorities of this territory."))
    if len(versions) + len(ambitions) < 2:
        raise ValidationError({"candidates": _("Choose at least two candidate priorities.")})
    options = [OptionSpec(title=_("Orientation %(n)s: %(title)s") % {
        "n": v.orientation.number, "title": v.title}, description=v.rationale,
        subject_key=orientation_key(v.orientation_id)) for v in versions]
    options += [OptionSpec(title=a.title, description=a.description,
                           subject_key=ambition_key(a)) for a in ambitions]
    return vote_create(actor=actor, territory=territory, title=title,
                       description=description, method=method, opens_at=opens_at,
                       closes_at=closes_at, options=options,
                       requires_verification=requires_verification)


@dataclass
class Ranking:
    """The latest finished prioritisation vote and the place it gave each priority."""

    vote: object
    results: object
    places: dict[str, object] = field(default_factory=dict)   # subject key → OptionResult

    def of_orientation(self, orientation_id: int):
        return self.places.get(orientation_key(orientation_id))

    def of_ambition(self, ambition: Ambition):
        return self.places.get(ambition_key(ambition))


def latest_ranking(*, territory: Territory) -> Ranking | None:
    """The ranking of the territory's latest closed vote on strategy priorities, if any."""
    from territoria.voting.selectors import vote_list, vote_results

    finished = [v for v in vote_list(territory=territory, subject_prefix=PREFIX)
                if v.is_closed]
    if not finished:
        return None
    vote = max(finished, key=lambda v: (v.ended_at, v.pk))
    results = vote_results(vote=vote)
    return Ranking(vote, results, {o.subject_key: o for o in results.options
                                   if o.subject_key.startswith(PREFIX)})
