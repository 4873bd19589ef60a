"""Reads of the opinion maps, always within one territory."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from territoria.core.models import Territory
from territoria.opinion.models import Conversation, OpinionResult, Participant, Statement, Vote
from territoria.opinion.reading import (
    Divisive,
    MapDrawing,
    divisive_statements,
    group_label,
    map_drawing,
)

NEW_STATEMENT_PRIORITY = 5.0625
"""Polis's priority of a statement nobody has voted on yet ((½ · 1 · ½ · 9)²), for statements
published since the last computation."""


def conversation_list(*, territory: Territory) -> QuerySet[Conversation]:
    """The territory's conversations, open ones first, with their published statements and
    participants counted (two subqueries: a join of both would multiply the rows)."""
    def count(model, **filters):
        return Subquery(model.objects.filter(conversation=OuterRef("pk"), **filters)
                        .order_by().values("conversation").annotate(n=Count("pk"))
                        .values("n")[:1], output_field=IntegerField())

    return (Conversation.objects.filter(territory=territory)
            .annotate(statement_count=Coalesce(count(Statement,
                                                     status=Statement.Status.PUBLISHED), 0),
                      participant_count=Coalesce(count(Participant), 0))
            .order_by("-is_open", "-created_at"))


def conversation_get(*, territory: Territory, conversation_id: int) -> Conversation:
    conversation = (Conversation.objects.filter(territory=territory, pk=conversation_id)
                    .select_related("territory").first())
    if conversation is None:
        raise Http404
    return conversation


def statement_get(*, conversation: Conversation, statement_id: int) -> Statement:
    statement = Statement.objects.filter(conversation=conversation, pk=statement_id).first()
    if statement is None:
        raise Http404
    statement.conversation = conversation
    return statement


def statement_list(*, conversation: Conversation, status: str = Statement.Status.PUBLISHED
                   ) -> QuerySet[Statement]:
    return Statement.objects.filter(conversation=conversation, status=status)


def result_get(*, conversation: Conversation) -> OpinionResult | None:
    return OpinionResult.objects.filter(conversation=conversation).first()


def statement_next(*, conversation: Conversation, participant: Participant | None,
                   rng: random.Random | None = None) -> Statement | None:
    """The next statement to show a participant: among the published statements they have
    not voted on, one drawn at random with probability proportional to its priority in the
    last map (Polis's comment priority; a statement newer than the map counts as new)."""
    candidates = list(statement_list(conversation=conversation).order_by("pk"))
    if participant is not None:
        voted = set(Vote.objects.filter(participant=participant)
                    .values_list("statement_id", flat=True))
        candidates = [s for s in candidates if s.pk not in voted]
    if not candidates:
        return None
    result = result_get(conversation=conversation)
    priorities = result.data.get("priorities", {}) if result else {}
    weights = [max(float(priorities.get(str(s.pk), NEW_STATEMENT_PRIORITY)), 1e-9)
               for s in candidates]
    chosen = (rng or random).choices(candidates, weights=weights, k=1)[0]
    chosen.conversation = conversation
    return chosen


@dataclass
class Progress:
    voted: int
    remaining: int


def participant_progress(*, conversation: Conversation,
                         participant: Participant | None) -> Progress:
    published = statement_list(conversation=conversation).count()
    voted = (Vote.objects.filter(participant=participant,
                                 statement__status=Statement.Status.PUBLISHED).count()
             if participant else 0)
    return Progress(voted=voted, remaining=published - voted)


def conversation_counts(*, conversation: Conversation) -> dict[str, int]:
    """Raw counts, straight from the votes (they are shown even before any map)."""
    votes = Vote.objects.filter(statement__conversation=conversation,
                                statement__status=Statement.Status.PUBLISHED)
    by_value = dict(votes.values_list("value").annotate(n=Count("pk")).values_list("value", "n"))
    return {
        "participants": votes.values("participant").distinct().count(),
        "statements": statement_list(conversation=conversation).count(),
        "votes": sum(by_value.values()),
        "agree": by_value.get(1, 0), "disagree": by_value.get(-1, 0),
        "passed": by_value.get(0, 0),
    }


@dataclass
class StatementShares:
    statement: Statement
    agree: int
    disagree: int
    passed: int

    @property
    def seen(self) -> int:
        return self.agree + self.disagree + self.passed

    @property
    def agree_share(self) -> float:
        return self.agree / self.seen if self.seen else 0.0

    @property
    def disagree_share(self) -> float:
        return self.disagree / self.seen if self.seen else 0.0


@dataclass
class Representative:
    shares: StatementShares
    repful_for: str


@dataclass
class GroupReading:
    id: int
    label: str
    size: int
    representative: list[Representative]


@dataclass
class DivisiveReading:
    statement: Statement
    spread: float
    by_group: list[tuple[str, float | None]]


@dataclass
class Results:
    """What the results page shows of a conversation's last map."""

    result: OpinionResult | None
    counts: dict[str, int]
    clustered: bool = False
    drawing: MapDrawing | None = None
    groups: list[GroupReading] = field(default_factory=list)
    consensus_agree: list[StatementShares] = field(default_factory=list)
    consensus_disagree: list[StatementShares] = field(default_factory=list)
    across_groups: list[tuple[StatementShares, float]] = field(default_factory=list)
    divisive: list[DivisiveReading] = field(default_factory=list)
    your_group: str | None = None
    in_analysis: int = 0


def results_get(*, conversation: Conversation, participant: Participant | None = None) -> Results:
    """The last stored map of a conversation read for a page: the drawing, each group's
    representative statements with their shares in the group, consensus statements (over
    everyone, and across groups), divisive statements, and the participant's group."""
    result = result_get(conversation=conversation)
    results = Results(result=result, counts=conversation_counts(conversation=conversation))
    if result is None or not result.data:
        return results
    data = result.data
    statements = {str(s.pk): s for s in statement_list(conversation=conversation)}
    by_statement = data["counts"]["by_statement"]

    def shares(sid, votes=by_statement) -> StatementShares | None:
        statement = statements.get(str(sid))
        if statement is None:  # moderated out since the computation
            return None
        return StatementShares(statement, *votes.get(str(sid), (0, 0, 0)))

    results.in_analysis = data["counts"]["in_analysis"]
    results.consensus_agree = [s for c in data["consensus"]["agree"]
                               if (s := shares(c["statement"]))]
    results.consensus_disagree = [s for c in data["consensus"]["disagree"]
                                  if (s := shares(c["statement"]))]
    results.clustered = data["outcome"] == "computed"
    if not results.clustered:
        return results
    you = str(participant.pk) if participant else None
    results.drawing = map_drawing(data["projections"], data["group_of"], you=you)
    if you and you in data["group_of"]:
        results.your_group = group_label(data["group_of"][you])
    for group in data["groups"]:
        representative = [Representative(s, r["repful_for"])
                          for r in group["representative"]
                          if (s := shares(r["statement"], group["votes"]))]
        results.groups.append(GroupReading(id=group["id"], label=group_label(group["id"]),
                                           size=len(group["members"]),
                                           representative=representative))
    gac = sorted(data["group_aware_consensus"].items(), key=lambda kv: -kv[1])
    results.across_groups = [(s, value) for sid, value in gac[:5]
                             if (s := shares(sid)) and s.agree_share > 0.5]
    divisive: list[Divisive] = divisive_statements([g["votes"] for g in data["groups"]])
    results.divisive = [
        DivisiveReading(statements[d.statement], d.spread,
                        [(group_label(g), share) for g, share in d.agree_by_group])
        for d in divisive if d.statement in statements]
    return results


def consensus_shares(*, conversation: Conversation, statement: Statement
                     ) -> StatementShares | None:
    """The statement's votes if the stored map counts it a consensus of agreement (over
    everyone, or across groups); ``None`` otherwise."""
    results = results_get(conversation=conversation)
    candidates = [*results.consensus_agree, *(shares for shares, _v in results.across_groups)]
    return next((shares for shares in candidates if shares.statement.pk == statement.pk),
                None)


def consultation_conversations(*, consultation) -> QuerySet[Conversation]:
    """The opinion maps attached to a consultation of the Agorapolis, open ones first."""
    return conversation_list(territory=consultation.territory).filter(
        consultation=consultation)


def statement_proposals(*, conversation: Conversation) -> dict[int, int]:
    """{statement id: id of the proposal made from it} for the conversation (one query)."""
    from territoria.agora.models import Proposal

    return dict(Proposal.objects.filter(from_statement__conversation=conversation)
                .values_list("from_statement_id", "pk"))


def statement_agree_share(*, statement: Statement) -> float | None:
    """The share of the participants who voted on a statement who agree (None: no vote)."""
    by_value = dict(Vote.objects.filter(statement=statement).values_list("value")
                    .annotate(n=Count("pk")).values_list("value", "n"))
    seen = sum(by_value.values())
    return by_value.get(1, 0) / seen if seen else None


def account_opinions(user) -> dict:
    """What a person wrote and voted in opinion maps (account export)."""
    statements = (Statement.objects.filter(author=user)
                  .select_related("conversation__territory").order_by("created_at"))
    votes = (Vote.objects.filter(participant__user=user)
             .select_related("statement__conversation__territory").order_by("updated_at"))
    return {
        "statements": [{"territory": s.conversation.territory.name,
                        "conversation": s.conversation.title, "text": s.text,
                        "status": s.status, "created_at": s.created_at.isoformat()}
                       for s in statements],
        "votes": [{"territory": v.statement.conversation.territory.name,
                   "conversation": v.statement.conversation.title,
                   "statement": v.statement.text, "vote": v.value,
                   "at": v.updated_at.isoformat()} for v in votes],
    }
