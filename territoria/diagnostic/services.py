"""Writes on the diagnostic board: contributions, supports, decisions, merges, evidence."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership, Role
from territoria.core.models import Territory
from territoria.diagnostic.models import DiagnosticItem, Evidence, Support
from territoria.notifications.services import follow, followers_of, notify_on_commit
from territoria.search.index import on_commit_index, on_commit_remove

Item = DiagnosticItem
OPEN = (Item.Status.PUBLISHED,)


def _clean_text(text: str, *, field: str, limit: int | None = None) -> str:
    # Plain text only: templates escape it, so "<script>" shows as typed and does nothing.
    text = " ".join(text.split()) if limit else text.strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if limit and len(text) > limit:
        raise ValidationError({field: _("At most %(limit)s characters.") % {"limit": limit}})
    return text


def _participant_role(*, user, territory: Territory) -> Membership:
    """The author's membership, joining a public territory as a resident if needed.
    Refused with the moderators' reason when the person is blocked in the territory."""
    from territoria.accounts.services import membership_join
    from territoria.moderation.services import refuse_if_blocked

    refuse_if_blocked(user=user, territory=territory)

    membership = Membership.objects.filter(user=user, territory=territory).first()
    if membership is None:
        if not territory.is_public:
            raise PermissionDenied
        membership = membership_join(user=user, territory=territory)
    return membership


@transaction.atomic
def item_contribute(*, author, territory: Territory, kind: str, axis: str, title: str,
                    explanation: str) -> DiagnosticItem:
    """A resident, an actor or a member of the team adds what they perceive of the territory.

    Published at once (moderation happens after publication: staff can hide an item). The
    author's role and organisation are recorded so that readers see who speaks.
    """
    if kind not in Item.Kind.values:
        raise ValidationError({"kind": _("Choose strength, weakness, opportunity or threat.")})
    from territoria.core.axes import Axis

    if axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis of life.")})
    membership = _participant_role(user=author, territory=territory)
    item = Item.objects.create(
        territory=territory, kind=kind, axis=axis,
        title=_clean_text(title, field="title", limit=200),
        explanation=_clean_text(explanation, field="explanation"),
        origin=Item.Origin.CONTRIBUTION, status=Item.Status.PUBLISHED, author=author,
        author_role=membership.role,
        organisation=membership.organisation if membership.role == Role.LOCAL_ACTOR else "")
    follow(user=author, target=item)  # the author hears of what becomes of it
    on_commit_index(item)
    return item


@transaction.atomic
def item_support(*, user, item: DiagnosticItem, support: bool = True) -> bool:
    """Support an item (or withdraw one's support); one support per person and item.

    Returns whether the person now supports it. Only published items can be supported.
    """
    if item.status not in OPEN:
        raise ValidationError(_("This item is no longer open to support."))
    _participant_role(user=user, territory=item.territory)
    if not support:
        Support.objects.filter(item=item, user=user).delete()
        return False
    try:
        with transaction.atomic():
            _support, created = Support.objects.get_or_create(item=item, user=user)
    except IntegrityError:  # a double click raced itself: the support is there
        created = False
    if created:
        notify_on_commit(territory=item.territory, target=item,
                         verb="diagnostic.item_supported", actor=user)
    return True


_STATUS_VERBS = {Item.Status.PUBLISHED: "diagnostic.item_published",
                 Item.Status.HIDDEN: "diagnostic.item_hidden",
                 Item.Status.MERGED: "diagnostic.item_merged"}


def _decide(*, item: DiagnosticItem, actor, status: str) -> DiagnosticItem:
    """Record a decision on an item; its search entry follows, and its author and
    followers are told (of a hiding, only its author: the others can no longer see it)."""
    previous = item.status
    item.status = status
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    on_commit_index(item)
    verb = _STATUS_VERBS.get(status)
    if previous == Item.Status.HIDDEN and status == Item.Status.PUBLISHED:
        verb = "diagnostic.item_shown"
    if verb:
        recipients = {item.author_id} - {None}
        if status != Item.Status.HIDDEN:
            recipients |= followers_of(item)
        notify_on_commit(territory=item.territory, target=item, verb=verb, actor=actor,
                         recipients=recipients)
    return item


@transaction.atomic
def proposal_accept(*, actor, item: DiagnosticItem) -> DiagnosticItem:
    """Staff accept a strength or weakness the data proposed: it joins the board."""
    if item.origin != Item.Origin.DATA or item.status not in (Item.Status.PROPOSED,
                                                              Item.Status.DISMISSED):
        raise ValidationError(_("Only a proposal from the data can be accepted."))
    return _decide(item=item, actor=actor, status=Item.Status.PUBLISHED)


@transaction.atomic
def proposal_dismiss(*, actor, item: DiagnosticItem) -> DiagnosticItem:
    """Staff set aside a proposal of the data; it stays listed as dismissed, and can be
    accepted later."""
    if item.origin != Item.Origin.DATA or item.status not in (Item.Status.PROPOSED,
                                                              Item.Status.PUBLISHED):
        raise ValidationError(_("Only a proposal from the data can be dismissed."))
    return _decide(item=item, actor=actor, status=Item.Status.DISMISSED)


@transaction.atomic
def item_hide(*, actor, item: DiagnosticItem, hidden: bool = True) -> DiagnosticItem:
    """Moderation: hide a contribution from the board (or show it again)."""
    if item.origin != Item.Origin.CONTRIBUTION:
        raise ValidationError(_("Only contributions are moderated; dismiss a data proposal."))
    if hidden and item.status != Item.Status.PUBLISHED:
        raise ValidationError(_("Only a published contribution can be hidden."))
    if not hidden and item.status != Item.Status.HIDDEN:
        raise ValidationError(_("This contribution is not hidden."))
    return _decide(item=item, actor=actor,
                   status=Item.Status.HIDDEN if hidden else Item.Status.PUBLISHED)


@transaction.atomic
def items_merge(*, actor, duplicate: DiagnosticItem, into: DiagnosticItem) -> DiagnosticItem:
    """Merge a duplicate into another item of the same board.

    The duplicate leaves the board (status "merged", linked to the item it joined); its
    supporters now support the item it joined (once each), and its evidence moves there,
    so that nobody's voice is lost.
    """
    if duplicate.pk == into.pk:
        raise ValidationError(_("An item cannot be merged into itself."))
    if duplicate.territory_id != into.territory_id:
        raise ValidationError(_("Both items must belong to the same territory."))
    if duplicate.status != Item.Status.PUBLISHED or into.status != Item.Status.PUBLISHED:
        raise ValidationError(_("Only published items can be merged."))
    if into.merged_into_id is not None:
        raise ValidationError(_("This item was itself merged into another one."))
    supporters = set(Support.objects.filter(item=duplicate).values_list("user_id", flat=True))
    if duplicate.author_id:
        supporters.add(duplicate.author_id)
    already = set(Support.objects.filter(item=into).values_list("user_id", flat=True))
    supporters -= already | ({into.author_id} if into.author_id else set())
    Support.objects.bulk_create([Support(item=into, user_id=u) for u in sorted(supporters)])
    Evidence.objects.filter(item=duplicate).update(item=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _decide(item=duplicate, actor=actor, status=Item.Status.MERGED)
    return into


@transaction.atomic
def evidence_add(*, actor, item: DiagnosticItem, indicator=None, title: str = "",
                 url: str = "") -> Evidence:
    """Link an indicator of the catalogue, or a document (title and web address), to an item."""
    if (indicator is None) == (not url):
        raise ValidationError(_("Link either an indicator or a document, one at a time."))
    if indicator is not None:
        if Evidence.objects.filter(item=item, indicator=indicator).exists():
            raise ValidationError(_("This indicator is already linked to the item."))
        return Evidence.objects.create(item=item, indicator=indicator, added_by=actor)
    from django.core.validators import URLValidator

    URLValidator(schemes=["http", "https"],
                 message=_("Enter a web address starting with http:// or https://."))(url)
    return Evidence.objects.create(item=item, url=url, added_by=actor,
                                   title=_clean_text(title, field="title", limit=200))


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    evidence.delete()


# -- proposals from the data ------------------------------------------------------------------


@dataclass(frozen=True)
class RefreshSummary:
    created: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def message(self) -> str:
        return _("Proposals recomputed: %(created)s new, %(changed)s changed, %(removed)s "
                 "withdrawn (the data no longer supports them), %(unchanged)s unchanged.") % {
            "created": self.created, "changed": self.changed, "removed": self.removed,
            "unchanged": self.unchanged}


def evidence_snapshot(row) -> dict:
    """What a data proposal rests on, frozen at the time it is made (JSON)."""
    comparison, position = row.comparison, row.comparison.position
    return {
        "value": comparison.value, "unit": row.indicator.unit, "period": row.period,
        "percentile": position.percentile, "rank": position.rank, "ranked": position.ranked,
        "peers": position.peers, "peer_median": comparison.peer_median,
        "references": [[ref.name, ref.value] for ref in comparison.references],
        "messages": [{"template": m.template, "params": m.params}
                     for m in (row.proposal.explanation if row.proposal else ())],
    }


@transaction.atomic
def proposals_refresh(*, territory: Territory) -> RefreshSummary:
    """Recompute the strengths and weaknesses the data suggests (best or worst fifth among
    comparable areas, ``indicators.domain.comparison.propose``).

    A new proposal awaits the team's decision. A proposal already decided keeps its
    decision while the data says the same, with its evidence brought up to date; when the
    data now says the opposite (a strength became a weakness) it goes back to the team. A
    proposal still awaiting a decision that the data no longer supports is withdrawn;
    decided ones stay, with the evidence they were decided on.
    """
    from territoria.diagnostic.selectors import diagnostic_comparison

    result = diagnostic_comparison(territory=territory)
    existing = {item.indicator_id: item for item in Item.objects.select_for_update().filter(
        territory=territory, origin=Item.Origin.DATA)}
    created = changed = removed = unchanged = 0
    for row in result.rows:
        proposal = row.proposal
        item = existing.pop(row.indicator.pk, None)
        if proposal is None:
            if item is not None and item.status == Item.Status.PROPOSED:
                on_commit_remove(item)
                item.delete()
                removed += 1
            continue
        evidence = evidence_snapshot(row)
        if item is None:
            Item.objects.create(
                territory=territory, kind=proposal.kind.value, axis=row.indicator.axis,
                title=row.indicator.name[:200], explanation="", origin=Item.Origin.DATA,
                status=Item.Status.PROPOSED, indicator=row.indicator, period=row.period or "",
                evidence=evidence)
            created += 1
        elif item.kind != proposal.kind.value:
            item.kind, item.evidence, item.period = proposal.kind.value, evidence, row.period
            item.status, item.decided_by, item.decided_at = Item.Status.PROPOSED, None, None
            item.save()
            changed += 1
        elif item.evidence != evidence or item.period != (row.period or ""):
            item.evidence, item.period = evidence, row.period or ""
            item.save(update_fields=["evidence", "period", "updated_at"])
            changed += 1
        else:
            unchanged += 1
    on_commit_index(*Item.objects.filter(territory=territory, origin=Item.Origin.DATA)
                    .select_related("indicator"))
    return RefreshSummary(created, changed, removed, unchanged)


# -- the report ----------------------------------------------------------------------------


def report_request(*, actor, territory: Territory):
    """Queue the drawing of the diagnostic report's PDF; the job page follows it."""
    from django.utils.translation import get_language

    from territoria.core.services import job_enqueue
    from territoria.diagnostic.models import DiagnosticReport
    from territoria.diagnostic.tasks import draw_report

    report = DiagnosticReport.objects.create(territory=territory, requested_by=actor)
    job = job_enqueue(task=draw_report, title=_("Diagnostic report (PDF) of %(territory)s") % {
        "territory": territory.name}, user=actor, territory=territory, total=3,
        report_id=report.pk, language=get_language() or "fr")
    report.job = job
    report.save(update_fields=["job"])
    return job


# -- comparable areas ----------------------------------------------------------------------


@transaction.atomic
def peers_choose(*, actor, territory: Territory, codes: list[str]) -> list[str]:
    """The team picks the areas its territory is compared with (neighbours, sister
    territories) among ``indicators.comparison.peer_candidates``; an empty choice goes back
    to the automatic peer group (same kind of area, similar population)."""
    from territoria.diagnostic.models import PeerSelection
    from territoria.indicators.comparison import peer_candidates

    allowed = {area.code for area in peer_candidates(territory)}
    unknown = sorted(set(codes) - allowed)
    if unknown:
        raise ValidationError(_("These areas cannot be compared with the territory: "
                                "%(codes)s.") % {"codes": ", ".join(unknown[:10])})
    chosen = sorted(set(codes))
    if len(chosen) == 1:
        raise ValidationError(_("Pick at least two areas, or none to use the automatic "
                                "group."))
    PeerSelection.objects.update_or_create(territory=territory,
                                           defaults={"codes": chosen, "updated_by": actor})
    return chosen
