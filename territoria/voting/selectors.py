"""Reads of votes, scoped to a territory; the tally reads grade counts in one query."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, QuerySet
from django.contrib.humanize.templatetags.humanize import ordinal
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from territoria.voting.domain import approval, majority_judgment
from territoria.voting.models import Ballot, BallotGrade, Option, Participation, Vote


def vote_list(*, territory, subject_prefix: str | None = None,
              include_drafts: bool = False) -> QuerySet[Vote]:
    """The territory's votes, newest first; ``subject_prefix`` keeps those with an option
    whose ``subject_key`` starts with it (``"strategy."``). Drafts only when asked."""
    votes = Vote.objects.filter(territory=territory)
    if not include_drafts:
        votes = votes.filter(published_at__isnull=False)
    if subject_prefix:
        votes = votes.filter(pk__in=Option.objects.filter(
            vote__territory=territory, subject_key__startswith=subject_prefix).values("vote_id"))
    return votes.annotate(voters=Count("ballots", distinct=True))


def vote_get(*, territory, vote_id: int, include_drafts: bool = False) -> Vote:
    """A vote of this territory; any other (or a draft, unless asked) answers 404."""
    votes = Vote.objects.filter(territory=territory, pk=vote_id)
    if not include_drafts:
        votes = votes.filter(published_at__isnull=False)
    vote = votes.select_related("territory").first()
    if vote is None:
        raise Http404("No such vote")
    return vote


def participation_get(*, vote: Vote, user) -> Participation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participation.objects.filter(vote=vote, user=user).first()


def voter_count(*, vote: Vote) -> int:
    """How many ballots were cast (a demo's fictitious ballots have no participation)."""
    return Ballot.objects.filter(vote=vote).count()


def grade_counts(*, vote: Vote, options: list[Option]) -> np.ndarray:
    """``options × grades`` counts (grade 0 the worst), from one aggregate query."""
    size = 2 if vote.method == Vote.Method.APPROVAL else vote.grade_scale.size
    row_of = {option.pk: row for row, option in enumerate(options)}
    counts = np.zeros((len(options), size), dtype=np.int64)
    for option_id, grade, n in (BallotGrade.objects.filter(option_id__in=list(row_of))
                                .values_list("option_id", "grade").annotate(n=Count("*"))
                                .order_by()):
        counts[row_of[option_id], grade] = n
    return counts


@dataclass(frozen=True)
class GradeShare:
    label: str
    count: int
    share: float


@dataclass(frozen=True)
class OptionResult:
    """One option's result, as the pages and the callers read it."""

    option_id: int
    title: str
    description: str
    subject_key: str
    rank: int
    # majority judgment: the grade's label in the reader's language, and its number on the
    # scale (0 the worst; ``None`` without ballots) for callers that compare grades
    majority_grade: str = ""
    majority_grade_index: int | None = None
    sign: str = ""
    above_share: float = 0.0
    below_share: float = 0.0
    grades: tuple[GradeShare, ...] = ()
    # approval
    approvals: int = 0
    share: float = 0.0
    explanation: str = ""


@dataclass(frozen=True)
class VoteResults:
    vote: Vote
    voters: int
    method: str
    options: tuple[OptionResult, ...]  # ranked, the first first
    grade_labels: tuple[str, ...] = ()  # best first

    def by_subject(self) -> dict[str, OptionResult]:
        return {option.subject_key: option for option in self.options if option.subject_key}


def _ordinal_text(rank: int) -> str:
    """"ranks 1st", "se classe 1er": Django's translated ordinals, without their markup."""
    return _("ranks %(ordinal)s") % {"ordinal": strip_tags(ordinal(rank))}


def _percent(share: float) -> str:
    return f"{round(100 * share)}"


def vote_results(*, vote: Vote) -> VoteResults:
    """The tally of ``vote``: options ranked, each with its rank, and — majority judgment —
    its majority grade with its gauge sign, its merit profile (share of each grade, best
    first) and a sentence that explains its place; — approval — its approvals and share.
    Whether the results may be *shown* is the caller's decision (``results_are_visible``)."""
    options = list(vote.options.all())
    voters = voter_count(vote=vote)
    counts = grade_counts(vote=vote, options=options)
    if vote.method == Vote.Method.APPROVAL:
        tally = approval.tally(counts[:, 1], voters=voters)
        results = tuple(OptionResult(
            option_id=options[o.index].pk, title=options[o.index].title,
            description=options[o.index].description,
            subject_key=options[o.index].subject_key, rank=o.rank, approvals=o.approvals,
            share=o.share,
            explanation=_("%(place)s: approved by %(count)s of %(voters)s voters "
                          "(%(percent)s %%).") % {
                "place": _ordinal_text(o.rank), "count": o.approvals, "voters": voters,
                "percent": _percent(o.share)})
            for o in tally.ranked())
        return VoteResults(vote=vote, voters=voters, method=vote.method, options=results)
    scale = vote.grade_scale
    labels = tuple(_(label) for label in scale.labels)
    tally = majority_judgment.tally(counts, scale)
    results = []
    for o in tally.ranked():
        option = options[o.index]
        grade = _(scale.label(o.majority_grade)) if o.majority_grade is not None else ""
        if o.majority_grade is None:
            explanation = _("No ballot yet.")
        else:
            explanation = _("%(place)s: majority grade %(grade)s %(sign)s; %(above)s %% of "
                            "voters graded it higher, %(below)s %% lower.") % {
                "place": _ordinal_text(o.rank), "grade": grade, "sign": o.sign,
                "above": _percent(o.above_share), "below": _percent(o.below_share)}
        results.append(OptionResult(
            option_id=option.pk, title=option.title, description=option.description,
            subject_key=option.subject_key, rank=o.rank, majority_grade=grade,
            majority_grade_index=o.majority_grade, sign=o.sign,
            above_share=o.above_share, below_share=o.below_share,
            grades=tuple(GradeShare(label=label, count=count, share=share)
                         for label, count, share in zip(labels, o.counts, o.shares,
                                                        strict=True)),
            explanation=explanation))
    return VoteResults(vote=vote, voters=voters, method=vote.method, options=tuple(results),
                       grade_labels=labels)


def results_are_visible(*, vote: Vote) -> bool:
    """Closed votes show their results to everyone who sees the vote; open ones only when
    the vote says so (``live``). The team sees no interim result either: nobody can steer a
    vote by what it shows before it closes."""
    if vote.is_closed:
        return True
    return vote.status == Vote.Status.OPEN and vote.results_visible == Vote.ResultsVisible.LIVE


def account_participations(user) -> list[dict]:
    """For the account export: the votes the person took part in (never their ballots)."""
    return [{"territory": p.vote.territory.name, "vote": p.vote.title,
             "voted_at": p.voted_at.isoformat()}
            for p in Participation.objects.filter(user=user).select_related("vote__territory")]
