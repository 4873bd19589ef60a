"""Reads of the diagnostic board, always for one territory."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from territoria.core.axes import Axis
from territoria.core.cycle import StepStatus
from territoria.core.models import Territory
from territoria.diagnostic.domain.board import (
    Agreement,
    AxisReading,
    ItemKind,
    WeighedItem,
    read_axis,
    reading_order,
)
from territoria.diagnostic.models import DiagnosticItem, DiagnosticReport, Evidence, Support

Item = DiagnosticItem


def item_list(*, territory: Territory, user=None,
              statuses=(Item.Status.PUBLISHED,)) -> QuerySet[DiagnosticItem]:
    """The territory's items in the given statuses, with their support counts, whether
    ``user`` supports each, and their evidence."""
    items = (Item.objects.filter(territory=territory, status__in=statuses)
             .select_related("indicator", "author")
             .annotate(support_count=Count("supports", distinct=True))
             .prefetch_related(Prefetch("evidence_links",
                                        Evidence.objects.select_related("indicator"))))
    from territoria.comments.selectors import with_comment_count

    items = with_comment_count(items)
    if user is not None and user.is_authenticated:
        items = items.annotate(supported=Exists(
            Support.objects.filter(item=OuterRef("pk"), user=user)))
    return items.order_by("axis", "kind", "-support_count", "-created_at")


def item_get(*, territory: Territory, item_id: int) -> DiagnosticItem:
    item = Item.objects.filter(territory=territory, pk=item_id).select_related(
        "indicator").first()
    if item is None:
        raise Http404
    return item


def evidence_get(*, territory: Territory, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.filter(item__territory=territory, pk=evidence_id).first()
    if evidence is None:
        raise Http404
    return evidence


@dataclass
class AxisBoard:
    """One axis of the board: the data's items and the perceptions, by kind."""

    axis: str
    label: str
    data: dict[str, list[DiagnosticItem]] = field(default_factory=dict)
    perceptions: dict[str, list[DiagnosticItem]] = field(default_factory=dict)
    reading: AxisReading | None = None
    conversations: list = field(default_factory=list)  # opinion maps on this axis

    @property
    def agreement(self) -> Agreement:
        return self.reading.agreement if self.reading else Agreement.UNDECIDED

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.data.values()) + sum(
            len(v) for v in self.perceptions.values())


def board_get(*, territory: Territory, user=None, axis: str = "") -> list[AxisBoard]:
    """The board: every axis of life with its published items, data and perceptions side
    by side, and how the two agree. Axes where they disagree come first, then the others
    in the catalogue's order; axes with nothing yet come last."""
    boards = {value: AxisBoard(value, str(label)) for value, label in Axis.choices
              if not axis or value == axis}
    for item in item_list(territory=territory, user=user):
        board = boards.get(item.axis)
        if board is None:
            continue
        side = board.data if item.from_data else board.perceptions
        side.setdefault(item.kind, []).append(item)
    for board in boards.values():
        items = [WeighedItem(ItemKind(i.kind), i.from_data, i.support_count)
                 for side in (board.data, board.perceptions) for kind in side.values()
                 for i in kind]
        board.reading = read_axis(items)
    order = list(boards)
    return sorted(boards.values(), key=lambda b: (b.count == 0, reading_order(b.agreement),
                                                   order.index(b.axis)))


def peer_selection(*, territory: Territory) -> list[str] | None:
    """The areas the team picked to compare the territory with, or None (automatic)."""
    from territoria.diagnostic.models import PeerSelection

    selection = PeerSelection.objects.filter(territory=territory).first()
    return list(selection.codes) if selection and selection.codes else None


def diagnostic_comparison(*, territory: Territory):
    """The territory's comparison as the diagnostic uses it: with the team's peers if any."""
    from territoria.indicators.comparison import territory_comparison

    return territory_comparison(territory=territory,
                                peer_codes=peer_selection(territory=territory))


def proposal_list(*, territory: Territory) -> QuerySet[DiagnosticItem]:
    """Proposals from the data awaiting the team's decision, then dismissed ones."""
    return item_list(territory=territory,
                     statuses=(Item.Status.PROPOSED, Item.Status.DISMISSED)).order_by(
        "status", "axis", "kind")


def hidden_list(*, territory: Territory) -> QuerySet[DiagnosticItem]:
    return item_list(territory=territory, statuses=(Item.Status.HIDDEN,))


def report_latest(*, territory: Territory) -> DiagnosticReport | None:
    return DiagnosticReport.objects.filter(territory=territory).select_related("job").first()


def report_get(*, territory: Territory, report_id: int) -> DiagnosticReport:
    report = DiagnosticReport.objects.filter(territory=territory, pk=report_id).first()
    if report is None:
        raise Http404
    return report


def diagnostic_step_status(territory: Territory) -> StepStatus:
    """The diagnostic step on the territory's home page: started once the board has items."""
    counts = Item.objects.filter(territory=territory, status=Item.Status.PUBLISHED).aggregate(
        data=Count("pk", filter=~_contribution()), said=Count("pk", filter=_contribution()))
    url = reverse("diagnostic:board", kwargs={"territory_slug": territory.slug})
    if not counts["data"] and not counts["said"]:
        return StepStatus(started=False, label=_("Not started"), url=url)
    return StepStatus(
        started=True, label=_("Under way"), url=url,
        detail=_("%(data)s items from the data, %(said)s contributions") % counts)


def _contribution():
    from django.db.models import Q

    return Q(origin=Item.Origin.CONTRIBUTION)


def account_contributions(user) -> dict:
    """What a person wrote on diagnostic boards and what they supported (account export)."""
    items = Item.objects.filter(author=user).select_related("territory").order_by("created_at")
    supports = Support.objects.filter(user=user).select_related("item__territory").order_by(
        "created_at")
    return {
        "contributions": [
            {"territory": i.territory.name, "kind": i.kind, "axis": i.axis, "title": i.title,
             "explanation": i.explanation, "status": i.status,
             "created_at": i.created_at.isoformat()} for i in items],
        "supports": [
            {"territory": s.item.territory.name, "item": s.item.display_title,
             "created_at": s.created_at.isoformat()} for s in supports],
    }
