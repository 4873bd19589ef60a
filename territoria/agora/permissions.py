"""Who may do what in the Agorapolis, and when.

Rules predicates combine the role in the territory with the consultation's running phase,
the way adhocracy4 gates actions by module phase: a resident may support a proposal only
while a phase that allows supports runs, and the interface reads the same rules to say so.

- Anyone who can see the territory reads its published consultations, public proposals,
  debates, events and "understand" pages; the team also sees consultations in preparation.
- Taking part (submit, support, argue, register) needs an account and a territory one may
  take part in (a member, or a public territory), plus the phase that allows the action.
- The team (administrator, elected official, staff, PMO) creates and runs consultations,
  answers and evaluates proposals, merges duplicates, closes debates, writes pages, runs
  events.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from territoria.accounts.permissions import is_member, is_platform_operator, is_team
from territoria.agora.domain.lifecycle import SUPPORTABLE, Status
from territoria.agora.domain.phases import Action, allows
from territoria.core.permissions import can_view_territory, is_public_territory

can_manage = is_team | is_platform_operator
# A public territory first: it answers without a query, where membership needs one.
can_take_part = rules.is_authenticated & (is_public_territory | is_member)


def consultation_of(obj):
    from territoria.agora.models import Consultation

    if isinstance(obj, Consultation):
        return obj
    return getattr(obj, "consultation", None)


def phase_allows(action: Action):
    """A predicate: the running phase of the object's consultation allows ``action``."""

    @rules.predicate(name=f"phase_allows({action})")
    def predicate(user, obj) -> bool:
        consultation = consultation_of(obj)
        return consultation is not None and allows(consultation.phase_windows(), action,
                                                   timezone.now())

    return predicate


@rules.predicate
def consultation_is_published(user, obj) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_published


@rules.predicate
def is_author(user, proposal) -> bool:
    if not getattr(user, "is_authenticated", False) or proposal is None:
        return False
    if proposal.author_id == user.pk:
        return True
    return proposal.coauthors.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def is_first_author(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.author_id == user.pk


@rules.predicate
def proposal_is_public(user, proposal) -> bool:
    return proposal is not None and proposal.status != Status.DRAFT


@rules.predicate
def proposal_is_hidden(user, proposal) -> bool:
    return proposal is not None and proposal.is_hidden


@rules.predicate
def proposal_is_supportable(user, proposal) -> bool:
    return proposal is not None and proposal.status in SUPPORTABLE and (
        proposal.merged_into_id is None) and not proposal.is_hidden


@rules.predicate
def proposal_is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == Status.DRAFT


@rules.predicate
def verified_if_required(user, obj) -> bool:
    """Where the consultation asks for verified residents, the user must be one.

    The verification of residents belongs to the accounts app; until it provides
    ``is_verified_resident``, such a consultation refuses supports (it cannot tell)."""
    consultation = consultation_of(obj)
    if consultation is None or not consultation.requires_verification:
        return True
    try:
        from territoria.accounts.permissions import is_verified_resident  # type: ignore
    except ImportError:
        return False
    return bool(is_verified_resident(user, consultation.territory))


@rules.predicate
def debate_is_open(user, debate) -> bool:
    return debate is not None and debate.closed_at is None


view_consultation = can_view_territory & (consultation_is_published | can_manage)

rules.add_perm("agora.view", can_view_territory)
rules.add_perm("agora.take_part", can_view_territory)
rules.add_perm("agora.manage", can_manage)
rules.add_perm("agora.view_consultation", view_consultation)
rules.add_perm("agora.submit_proposal",
               view_consultation & can_take_part & phase_allows(Action.SUBMIT)
               & consultation_is_published)
rules.add_perm("agora.view_proposal",
               view_consultation & (proposal_is_public & ~proposal_is_hidden | is_author
                                    | can_manage))
rules.add_perm("agora.change_proposal", proposal_is_draft & is_author)
rules.add_perm("agora.publish_proposal",
               proposal_is_draft & is_author & phase_allows(Action.SUBMIT))
rules.add_perm("agora.withdraw_proposal", proposal_is_supportable & is_author)
rules.add_perm("agora.invite_coauthor", is_first_author & ~proposal_is_public
               | is_first_author & proposal_is_supportable)
rules.add_perm("agora.support_proposal",
               view_consultation & can_take_part & consultation_is_published
               & proposal_is_supportable & phase_allows(Action.SUPPORT)
               & verified_if_required)
# For the comments app: comments on a consultation's proposals, debates and events follow
# the phase that opens comments.
rules.add_perm("agora.comment", can_take_part & phase_allows(Action.COMMENT))
rules.add_perm("agora.vote", can_take_part & phase_allows(Action.VOTE) & verified_if_required)
rules.add_perm("agora.answer_proposal", can_manage)
rules.add_perm("agora.argue", can_take_part & debate_is_open & phase_allows(Action.COMMENT)
               & consultation_is_published)
rules.add_perm("agora.register_event", can_take_part)
