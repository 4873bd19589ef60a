"""Polis open-data exchange: a conversation out as ``comments.csv``, ``votes.csv`` and
``participants-votes.csv`` (a zip), and those files in as a new conversation.

Format: Polis open data (The Computational Democracy Project), as read by
``domain/polis_format.py``: votes 1 agree, −1 disagree, 0 pass; ``moderated`` −1 for a
moderated-out comment; timestamps in milliseconds since 1970. Identifiers in the files are
pseudonymous numbers given in order (statements 0, 1, 2…, participants 0, 1, 2…), never an
account or an e-mail address.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.opinion.models import Conversation, OpinionResult, Participant, Statement, Vote
from territoria.opinion.services import (
    STATEMENT_MAX_LENGTH,
    _conversation_fields,
    _schedule_recompute,
    normalise_statement,
)

MODERATED = {Statement.Status.PUBLISHED: 1, Statement.Status.PENDING: 0,
             Statement.Status.REJECTED: -1}
MAX_ERRORS_SHOWN = 50
MAX_FILE_BYTES = 100 * 1024 * 1024


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _polis_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def _moment(timestamp: int) -> datetime:
    """Polis's open data counts milliseconds; older exports count seconds."""
    return datetime.fromtimestamp(timestamp / 1000 if timestamp > 10**11 else timestamp, tz=UTC)


def _csv(rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def conversation_export(*, conversation: Conversation) -> dict[str, str]:
    """The three CSV files of Polis's open-data export, by file name."""
    statements = list(Statement.objects.filter(conversation=conversation).order_by("pk"))
    tid = {s.pk: n for n, s in enumerate(statements)}
    participants = list(Participant.objects.filter(conversation=conversation).order_by("pk"))
    pid = {p.pk: n for n, p in enumerate(participants)}
    pid_of_user = {p.user_id: pid[p.pk] for p in participants if p.user_id}
    votes = list(Vote.objects.filter(statement__conversation=conversation)
                 .order_by("updated_at", "pk")
                 .values_list("participant_id", "statement_id", "value", "updated_at"))
    agrees: dict[int, int] = {}
    disagrees: dict[int, int] = {}
    by_participant: dict[int, dict[int, int]] = {}
    for participant, statement, value, _when in votes:
        if value == 1:
            agrees[statement] = agrees.get(statement, 0) + 1
        elif value == -1:
            disagrees[statement] = disagrees.get(statement, 0) + 1
        by_participant.setdefault(participant, {})[statement] = value
    comments = [["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                 "moderated", "comment-body"]]
    for s in statements:
        comments.append([_millis(s.created_at), _polis_datetime(s.created_at), tid[s.pk],
                         pid_of_user.get(s.author_id, ""), agrees.get(s.pk, 0),
                         disagrees.get(s.pk, 0), MODERATED[s.status], s.text])
    vote_rows = [["timestamp", "datetime", "comment-id", "voter-id", "vote"]]
    vote_rows += [[_millis(when), _polis_datetime(when), tid[statement], pid[participant], value]
                  for participant, statement, value, when in votes]
    result = OpinionResult.objects.filter(conversation=conversation).first()
    group_of = result.data.get("group_of", {}) if result and result.data else {}
    authored: dict[int, int] = {}
    for s in statements:
        if s.author_id in pid_of_user:
            authored[pid_of_user[s.author_id]] = authored.get(pid_of_user[s.author_id], 0) + 1
    matrix = [["participant", "xid", "group-id", "n-comments", "n-votes", "n-agree",
               "n-disagree", *[tid[s.pk] for s in statements]]]
    for p in participants:
        cast = by_participant.get(p.pk, {})
        group = group_of.get(str(p.pk))
        matrix.append([pid[p.pk], "", "" if group is None else group,
                       authored.get(pid[p.pk], 0), len(cast),
                       sum(1 for v in cast.values() if v == 1),
                       sum(1 for v in cast.values() if v == -1),
                       *[cast.get(s.pk, "") for s in statements]])
    return {"comments.csv": _csv(comments), "votes.csv": _csv(vote_rows),
            "participants-votes.csv": _csv(matrix)}


def conversation_export_zip(*, conversation: Conversation) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in conversation_export(conversation=conversation).items():
            archive.writestr(name, text)
    return buffer.getvalue()


@dataclass
class ImportReport:
    """What an import found: the rows refused (file, line, reason) and what was created."""

    errors: list[str] = field(default_factory=list)
    conversation: Conversation | None = None
    statements: int = 0
    participants: int = 0
    votes: int = 0
    duplicates: int = 0

    def refuse(self, file: str, line: int, message: str) -> None:
        self.errors.append(_("%(file)s, line %(line)s: %(message)s")
                           % {"file": file, "line": line, "message": message})


def _rows(text: str, file: str, required: set[str], report: ImportReport):
    reader = csv.DictReader(io.StringIO(text))
    missing = required - set(reader.fieldnames or ())
    if missing:
        report.errors.append(_("%(file)s: missing columns: %(columns)s") % {
            "file": file, "columns": ", ".join(sorted(missing))})
        return
    yield from enumerate(reader, start=2)


def _integer(value: str | None) -> int | None:
    try:
        return int(float((value or "").strip()))
    except ValueError:
        return None


def _read_text(upload, name: str, report: ImportReport) -> str | None:
    if upload is None:
        return None
    if getattr(upload, "size", 0) > MAX_FILE_BYTES:
        report.errors.append(_("%(file)s is larger than %(size)s MB.")
                             % {"file": name, "size": MAX_FILE_BYTES // (1024 * 1024)})
        return None
    raw = upload.read() if hasattr(upload, "read") else upload
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(_("%(file)s is not a UTF-8 text file.") % {"file": name})
        return None


def conversation_import(*, actor, territory, title: str, comments, votes,
                        participation: str = Conversation.Participation.LOGGED_IN,
                        moderation: str = Conversation.Moderation.AFTER) -> ImportReport:
    """Create a conversation from Polis's ``comments.csv`` and ``votes.csv``.

    Every row is checked first; any malformed row (a missing or non-numeric id, a vote
    other than 1, −1 or 0, a vote on an unknown comment, an empty or too long comment)
    refuses the whole import, with each reason in the report and nothing created.
    Otherwise everything is created in one transaction, closed to new votes (staff reopen
    it), and its map is computed in the background. The last vote on a pair counts.
    """
    report = ImportReport()
    fields = _conversation_fields(territory=territory, title=title, description="", axis="",
                                  participation=participation, moderation=moderation)
    comments_text = _read_text(comments, "comments.csv", report)
    votes_text = _read_text(votes, "votes.csv", report)
    if comments_text is None or votes_text is None:
        if not report.errors:
            report.errors.append(_("Give both comments.csv and votes.csv."))
        raise ValidationError(report.errors)
    statuses = {1: Statement.Status.PUBLISHED, 0: Statement.Status.PUBLISHED,
                -1: Statement.Status.REJECTED}
    parsed_comments: dict[int, tuple[str, str, int | None]] = {}
    for line, row in _rows(comments_text, "comments.csv",
                           {"comment-id", "moderated", "comment-body"}, report):
        cid, moderated = _integer(row["comment-id"]), _integer(row["moderated"])
        text = " ".join((row["comment-body"] or "").split())
        if cid is None:
            report.refuse("comments.csv", line, _("the comment-id is not a number"))
        elif cid in parsed_comments:
            report.refuse("comments.csv", line, _("comment %(id)s appears twice") % {"id": cid})
        elif moderated not in statuses:
            report.refuse("comments.csv", line, _("moderated must be 1, 0 or -1"))
        elif not text:
            report.refuse("comments.csv", line, _("the comment is empty"))
        elif len(text) > STATEMENT_MAX_LENGTH:
            report.refuse("comments.csv", line, _("the comment is longer than %(limit)s "
                                                  "characters") % {"limit": STATEMENT_MAX_LENGTH})
        else:
            parsed_comments[cid] = (text, statuses[moderated], _integer(row.get("timestamp")))
    parsed_votes: list[tuple[int, int, int, int]] = []
    for line, row in _rows(votes_text, "votes.csv",
                           {"timestamp", "comment-id", "voter-id", "vote"}, report):
        when, cid = _integer(row["timestamp"]), _integer(row["comment-id"])
        voter, value = _integer(row["voter-id"]), _integer(row["vote"])
        if None in (when, cid, voter, value):
            report.refuse("votes.csv", line, _("timestamp, comment-id, voter-id and vote must "
                                               "be numbers"))
        elif value not in (-1, 0, 1):
            report.refuse("votes.csv", line, _("a vote is 1, -1 or 0, not %(value)s")
                          % {"value": value})
        elif cid not in parsed_comments:
            report.refuse("votes.csv", line, _("comment %(id)s is not in comments.csv")
                          % {"id": cid})
        else:
            parsed_votes.append((when, cid, voter, value))
    if report.errors:
        shown = report.errors[:MAX_ERRORS_SHOWN]
        if len(report.errors) > MAX_ERRORS_SHOWN:
            shown.append(_("… and %(n)s more.") % {"n": len(report.errors) - MAX_ERRORS_SHOWN})
        raise ValidationError(shown)
    with transaction.atomic():
        conversation = Conversation.objects.create(territory=territory, created_by=actor,
                                                   is_open=False, closed_at=timezone.now(),
                                                   **fields)
        seen: set[str] = set()
        statements = []
        for cid, (text, status, _when) in sorted(parsed_comments.items()):
            normalised = normalise_statement(text)
            if normalised in seen:
                # Polis lets duplicates through; keep both so that no vote is lost.
                report.duplicates += 1
                normalised = f"{normalised} [polis {cid}]"
            seen.add(normalised)
            statements.append(Statement(conversation=conversation, text=text, status=status,
                                        normalised=normalised[:1000]))
        Statement.objects.bulk_create(statements)
        statement_of = dict(zip(sorted(parsed_comments),
                                Statement.objects.filter(conversation=conversation)
                                .order_by("pk").values_list("pk", flat=True), strict=True))
        voters = sorted({voter for _w, _c, voter, _v in parsed_votes})
        Participant.objects.bulk_create([Participant(conversation=conversation,
                                                     external_id=str(v)) for v in voters])
        participant_of = {int(e): pk for e, pk in Participant.objects.filter(
            conversation=conversation).values_list("external_id", "pk")}
        last: dict[tuple[int, int], tuple[int, int]] = {}
        for when, cid, voter, value in sorted(parsed_votes, key=lambda v: v[0]):
            last[(voter, cid)] = (value, when)
        Vote.objects.bulk_create([
            Vote(participant_id=participant_of[voter], statement_id=statement_of[cid],
                 value=value, updated_at=_moment(when))
            for (voter, cid), (value, when) in last.items()], batch_size=2000)
        _schedule_recompute(conversation.pk)
        from territoria.search.index import on_commit_index

        on_commit_index(conversation, *conversation.statements.select_related("conversation"))
    report.conversation = conversation
    report.statements, report.participants, report.votes = (len(statements), len(voters),
                                                            len(last))
    return report
