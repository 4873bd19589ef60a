"""Reads of moderation, always for one territory."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from territoria.core.models import Territory
from territoria.moderation import registry
from territoria.moderation.domain.rules import DEFAULT_THRESHOLD, OPEN_STATES
from territoria.moderation.models import (
    Block,
    ModeratedContent,
    ModerationAction,
    ModerationSettings,
    Report,
)


def report_threshold(*, territory: Territory) -> int:
    value = (ModerationSettings.objects.filter(territory=territory)
             .values_list("report_threshold", flat=True).first())
    return value or DEFAULT_THRESHOLD


def state_for(obj) -> ModeratedContent | None:
    """The moderation state of one registered object (None: never reported)."""
    return ModeratedContent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk).first()


def states_for(model, ids) -> dict[int, ModeratedContent]:
    """The moderation states of many objects of one model, in one query (for threads and
    lists)."""
    ids = list(ids)
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return {state.object_id: state for state in ModeratedContent.objects.filter(
        content_type=content_type, object_id__in=ids)}


def hidden_ids(model, *, territory: Territory) -> QuerySet:
    """The ids of ``model``'s objects hidden by moderation in ``territory``, as a subquery
    for ``.exclude(pk__in=…)``."""
    return ModeratedContent.objects.filter(
        territory=territory, content_type=ContentType.objects.get_for_model(model),
        status__in=[ModeratedContent.Status.PENDING, ModeratedContent.Status.HIDDEN],
    ).values("object_id")


def report_of(*, user, obj) -> Report | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Report.objects.filter(
        reporter=user, content__object_id=obj.pk,
        content__content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
    ).first()


def active_block(*, user, territory: Territory) -> Block | None:
    if not getattr(user, "is_authenticated", False):
        return None
    now = timezone.now()
    return (Block.objects.filter(territory=territory, user=user, lifted_at__isnull=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now)).order_by("-created_at")
            .first())


@dataclass
class QueueEntry:
    """One piece of content in the team's queue: the object (None when it was deleted
    since), its registration, and its open reports, counted by reason."""

    state: ModeratedContent
    obj: object | None
    entry: registry.Reportable | None
    reports: list[Report] = field(default_factory=list)

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        counts = Counter(r.get_reason_display() for r in self.reports)
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))

    @property
    def label(self) -> str:
        return self.entry.label(self.obj) if self.obj is not None else ""

    @property
    def text(self) -> str:
        return self.entry.text(self.obj) if self.obj is not None else ""

    @property
    def url(self) -> str:
        return self.entry.url(self.obj) if self.obj is not None else ""


def _attach_objects(states: list[ModeratedContent]) -> dict[int, tuple]:
    """The objects behind the states: one query per model, not per object."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for state in states:
        wanted[state.content_type_id].append(state.object_id)
    found: dict[tuple[int, int], tuple] = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not registry.is_registered(model):
            continue
        entry = registry.for_model(model)
        for obj in model._default_manager.filter(pk__in=ids):
            found[(content_type_id, obj.pk)] = (obj, entry)
    return found


def queue_list(*, territory: Territory) -> list[QueueEntry]:
    """Reported content awaiting the team, hidden or not, oldest report first."""
    states = list(ModeratedContent.objects.filter(territory=territory, status__in=OPEN_STATES)
                  .select_related("author").order_by("first_reported_at", "pk"))
    reports: dict[int, list[Report]] = defaultdict(list)
    for report in (Report.objects.filter(content__in=states, status=Report.Status.OPEN)
                   .select_related("reporter").order_by("created_at")):
        reports[report.content_id].append(report)
    objects = _attach_objects(states)
    entries = []
    for state in states:
        obj, entry = objects.get((state.content_type_id, state.object_id), (None, None))
        entries.append(QueueEntry(state, obj, entry, reports[state.pk]))
    return entries


def queue_count(*, territory: Territory) -> int:
    return ModeratedContent.objects.filter(territory=territory, status__in=OPEN_STATES).count()


def content_get(*, territory: Territory, content_id: int) -> ModeratedContent:
    state = ModeratedContent.objects.filter(territory=territory, pk=content_id).first()
    if state is None:
        raise Http404
    return state


def block_list(*, territory: Territory) -> QuerySet[Block]:
    """Blocks in force, then those that ended or were lifted (most recent first)."""
    now = timezone.now()
    return (Block.objects.filter(territory=territory).select_related("user", "created_by")
            .annotate(active=Count("pk", filter=Q(lifted_at__isnull=True)
                                   & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))))
            .order_by("-active", "-created_at"))


def block_get(*, territory: Territory, block_id: int) -> Block:
    block = Block.objects.filter(territory=territory, pk=block_id).first()
    if block is None:
        raise Http404
    return block


def person_get(*, territory: Territory, user_id: int):
    """A person the team may block: a member of the territory, or the author of content
    reported there. Anyone else answers 404 (no probing of accounts across territories)."""
    from territoria.accounts.models import Membership, User

    known = (Membership.objects.filter(territory=territory, user_id=user_id).exists()
             or ModeratedContent.objects.filter(territory=territory, author_id=user_id).exists())
    user = User.objects.filter(pk=user_id).first() if known else None
    if user is None:
        raise Http404
    return user


def action_list(*, territory: Territory, kind: str = "", actor_id: int | None = None
                ) -> QuerySet[ModerationAction]:
    actions = (ModerationAction.objects.filter(territory=territory)
               .select_related("actor", "user", "content"))
    if kind:
        actions = actions.filter(kind=kind)
    if actor_id:
        actions = actions.filter(actor_id=actor_id)
    return actions


def action_actors(*, territory: Territory):
    """The people who acted in the log, for its filter."""
    from territoria.accounts.models import User

    return User.objects.filter(pk__in=ModerationAction.objects.filter(
        territory=territory, actor__isnull=False).values("actor_id")).order_by("email")
