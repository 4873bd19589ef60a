"""The Agorapolis in the generic apps: comments under proposals, debates and events;
reports on proposals and arguments (hidden the agora's way when moderation hides them);
search; follows and notifications. Registered once, from ``AgoraConfig.ready``."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext_lazy

from territoria.agora.domain.phases import Action
from territoria.agora.models import (
    Argument,
    Consultation,
    Debate,
    Event,
    Proposal,
    UnderstandPage,
)

# How long after an event without a consultation people may still comment on it.
EVENT_COMMENT_DAYS = 30


# Addresses ---------------------------------------------------------------------------------

def consultation_url(consultation: Consultation) -> str:
    return reverse("agora:consultation-detail", args=[consultation.territory.slug,
                                                      consultation.pk])


def proposal_url(proposal: Proposal) -> str:
    return reverse("agora:proposal-detail", args=[proposal.territory.slug, proposal.pk])


def debate_url(debate: Debate) -> str:
    return reverse("agora:debate-detail", args=[debate.territory.slug, debate.pk])


def event_url(event: Event) -> str:
    return reverse("agora:event-detail", args=[event.territory.slug, event.pk])


def argument_url(argument: Argument) -> str:
    return debate_url(argument.debate) + f"#argument-{argument.pk}"


# Comments ----------------------------------------------------------------------------------

def _comments_by_phase(user, obj) -> bool:
    """The consultation's running phase opens comments (``agora.comment``), and the
    consultation is public."""
    consultation = obj.consultation
    return consultation.is_published and bool(user.has_perm("agora.comment", obj))


def proposal_can_comment(user, proposal: Proposal) -> bool:
    return (proposal.is_public and not proposal.is_hidden
            and _comments_by_phase(user, proposal))


def proposal_closed_message(proposal: Proposal) -> str:
    from territoria.agora.services import phase_refusal

    if not proposal.is_public:
        return _("A draft is not commented on: comments open once it is published.")
    if proposal.is_hidden:
        return _("This proposal is hidden by moderation: comments are closed.")
    return phase_refusal(proposal.consultation, Action.COMMENT)


def debate_can_comment(user, debate: Debate) -> bool:
    return not debate.is_closed and _comments_by_phase(user, debate)


def debate_closed_message(debate: Debate) -> str:
    from territoria.agora.services import phase_refusal

    if debate.is_closed:
        return _("This debate is closed: comments are closed too.")
    return phase_refusal(debate.consultation, Action.COMMENT)


def event_comments_end(event: Event):
    return event.ends_at + timedelta(days=EVENT_COMMENT_DAYS)


def event_can_comment(user, event: Event) -> bool:
    """An event of a consultation follows its phases; an event on its own takes comments
    from those who may take part until 30 days after it ends."""
    if event.consultation_id:
        return _comments_by_phase(user, event)
    from territoria.agora.permissions import can_take_part

    return timezone.now() < event_comments_end(event) and bool(can_take_part(user, event))


def event_closed_message(event: Event) -> str:
    from territoria.agora.services import phase_refusal

    if event.consultation_id:
        return phase_refusal(event.consultation, Action.COMMENT)
    return _("Comments closed %(days)s days after the event.") % {"days": EVENT_COMMENT_DAYS}


# Moderation --------------------------------------------------------------------------------

def proposal_visibility(proposal: Proposal, hidden: bool) -> None:
    from territoria.agora.services import proposal_hide

    proposal_hide(actor=None, proposal=proposal, hidden=hidden)


def argument_visibility(argument: Argument, hidden: bool) -> None:
    from territoria.agora.services import argument_hide

    argument_hide(actor=None, argument=argument, hidden=hidden)


# Search ------------------------------------------------------------------------------------

def _consultation_document(consultation: Consultation):
    from territoria.search.registry import Document

    if not consultation.is_published:
        return None
    return Document(territory_id=consultation.territory_id, title=consultation.title,
                    body=consultation.description, url_name="agora:consultation-detail",
                    url_kwargs={"consultation_id": consultation.pk})


def _proposal_document(proposal: Proposal):
    from territoria.search.registry import Document

    if (not proposal.is_public or proposal.merged_into_id or proposal.is_hidden
            or not proposal.consultation.is_published):
        return None
    return Document(territory_id=proposal.territory_id, title=proposal.title,
                    body=proposal.body, context=proposal.consultation.title,
                    url_name="agora:proposal-detail", url_kwargs={"proposal_id": proposal.pk})


def _debate_document(debate: Debate):
    from territoria.search.registry import Document

    if not debate.consultation.is_published:
        return None
    body = "\n".join(filter(None, [debate.description, debate.conclusion]))
    return Document(territory_id=debate.territory_id, title=debate.question, body=body,
                    context=debate.consultation.title, url_name="agora:debate-detail",
                    url_kwargs={"debate_id": debate.pk})


def _event_document(event: Event):
    from territoria.search.registry import Document

    if event.consultation_id and not event.consultation.is_published:
        return None
    body = "\n".join(filter(None, [event.description, event.agenda, event.place]))
    return Document(territory_id=event.territory_id, title=event.title, body=body,
                    context=event.consultation.title if event.consultation_id else "",
                    url_name="agora:event-detail", url_kwargs={"event_id": event.pk})


def _page_document(page: UnderstandPage):
    from territoria.search.registry import Document

    if not page.is_published:
        return None
    return Document(territory_id=page.territory_id, title=page.title,
                    body="\n".join(filter(None, [page.summary, page.body])),
                    url_name="agora:page-detail", url_kwargs={"slug": page.slug})


# Notifications -----------------------------------------------------------------------------

VERBS = {
    "agora.proposal_added": ngettext_lazy(
        "A new proposal in “%(target)s”", "%(count)s new proposals in “%(target)s”", "count"),
    "agora.proposal_status": ngettext_lazy(
        "The status of “%(target)s” changed",
        "The status of “%(target)s” changed (%(count)s times)", "count"),
    "agora.proposal_answered": ngettext_lazy(
        "The official answer to “%(target)s” is published",
        "The official answer to “%(target)s” is published (%(count)s times)", "count"),
    "agora.registration_confirmed": ngettext_lazy(
        "A seat freed up: you are registered for “%(target)s”",
        "A seat freed up: you are registered for “%(target)s” (%(count)s times)", "count"),
    "agora.argument_added": ngettext_lazy(
        "A new argument in the debate “%(target)s”",
        "%(count)s new arguments in the debate “%(target)s”", "count"),
    "agora.minutes_published": ngettext_lazy(
        "The minutes of “%(target)s” are published",
        "The minutes of “%(target)s” are published (%(count)s times)", "count"),
    "agora.debate_closed": ngettext_lazy(
        "The debate “%(target)s” is closed: read its conclusion",
        "The debate “%(target)s” is closed: read its conclusion (%(count)s times)", "count"),
}


def _blocked_ids(territory, user_ids: set[int]) -> set[int]:
    """People blocked in the territory hear nothing of it (for every app's notifications)."""
    from django.db.models import Q

    from territoria.moderation.models import Block

    return set(Block.objects.filter(territory=territory, user_id__in=user_ids,
                                    lifted_at__isnull=True)
               .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
               .values_list("user_id", flat=True))


def register() -> None:
    from territoria.comments import registry as comments
    from territoria.moderation import registry as moderation
    from territoria.notifications.registry import (
        register_recipient_filter,
        register_target,
        register_verb,
    )
    from territoria.search.registry import register_search

    comments.register(Proposal, key="agora-proposal", url=proposal_url,
                      label=lambda p: p.title, can_comment=proposal_can_comment,
                      closed_message=proposal_closed_message)
    comments.register(Debate, key="agora-debate", url=debate_url, label=lambda d: d.question,
                      can_comment=debate_can_comment, closed_message=debate_closed_message)
    comments.register(Event, key="agora-event", url=event_url, label=lambda e: e.title,
                      can_comment=event_can_comment, closed_message=event_closed_message)

    moderation.register(Proposal, key="agora-proposal", url=proposal_url,
                        label=lambda p: p.title, text=lambda p: p.body, author="author",
                        on_visibility=proposal_visibility,
                        can_report=lambda p: p.is_public)
    moderation.register(Argument, key="agora-argument", url=argument_url,
                        label=lambda a: a.debate.question, text=lambda a: a.text,
                        territory="debate__territory", author="author",
                        on_visibility=argument_visibility)

    register_search("agora.consultation", model=Consultation, order=40,
                    label=gettext_lazy("Consultations"), document=_consultation_document,
                    queryset=lambda: Consultation.objects.all())
    register_search("agora.proposal", model=Proposal, order=41,
                    label=gettext_lazy("Proposals"), document=_proposal_document,
                    queryset=lambda: Proposal.objects.select_related("consultation"))
    register_search("agora.debate", model=Debate, order=42, label=gettext_lazy("Debates"),
                    document=_debate_document,
                    queryset=lambda: Debate.objects.select_related("consultation"))
    register_search("agora.event", model=Event, order=43, label=gettext_lazy("Events"),
                    document=_event_document,
                    queryset=lambda: Event.objects.select_related("consultation"))
    register_search("agora.page", model=UnderstandPage, order=44,
                    label=gettext_lazy("“Understand” pages"), document=_page_document,
                    queryset=lambda: UnderstandPage.objects.all())

    register_target("agora.consultation", model=Consultation,
                    label=gettext_lazy("consultation"), title=lambda c: c.title,
                    url=consultation_url,
                    visible=lambda user, c: user.has_perm("agora.view_consultation", c))
    register_target("agora.proposal", model=Proposal, label=gettext_lazy("proposal"),
                    title=lambda p: p.title, url=proposal_url,
                    visible=lambda user, p: user.has_perm("agora.view_proposal", p))
    register_target("agora.debate", model=Debate, label=gettext_lazy("debate"),
                    title=lambda d: d.question, url=debate_url,
                    visible=lambda user, d: user.has_perm("agora.view_consultation",
                                                          d.consultation))
    register_target("agora.event", model=Event, label=gettext_lazy("event"),
                    title=lambda e: e.title, url=event_url,
                    visible=lambda user, e: user.has_perm("agora.view", e.territory) and (
                        e.consultation is None
                        or user.has_perm("agora.view_consultation", e.consultation)))
    for key, message in VERBS.items():
        register_verb(key, message)
    register_recipient_filter(_blocked_ids)
