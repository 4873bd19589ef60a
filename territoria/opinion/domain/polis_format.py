"""Read conversations in Polis's open-data export format (no Django, no file system).

Source: Polis open data (``votes.csv``, ``comments.csv``, ``participants-votes.csv``), as
published by The Computational Democracy Project and described in its README.

- ``votes.csv``: ``timestamp, datetime, comment-id, voter-id, vote`` — the full history,
  1 agree, −1 disagree, 0 pass; the latest vote of a voter on a comment counts.
- ``comments.csv``: ``comment-id, author-id, agrees, disagrees, moderated, comment-body``
  with ``moderated`` −1 (moderated out), 0 (not yet moderated) or 1 (accepted).
- ``participants-votes.csv``: one row per participant, with the ``group-id`` Polis assigned
  (empty for those outside the analysis).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from territoria.opinion.domain.matrix import ParticipantId, StatementId, Vote


class PolisFormatError(ValueError):
    """A file does not follow Polis's open-data format; the message says where."""


def _int(row: dict[str, str], column: str, line: int) -> int:
    try:
        return int(float(row[column]))
    except (KeyError, TypeError, ValueError) as error:
        raise PolisFormatError(f"line {line}: column {column!r} must be a number") from error


def read_votes(lines: Iterable[str] | TextIO) -> list[Vote]:
    """Votes of a ``votes.csv`` in the order they were cast (ties keep the file order)."""
    rows = []
    for line, row in enumerate(csv.DictReader(lines), start=2):
        vote = _int(row, "vote", line)
        if vote not in (-1, 0, 1):
            raise PolisFormatError(f"line {line}: a vote is 1, -1 or 0, not {vote}")
        rows.append((_int(row, "timestamp", line), _int(row, "voter-id", line),
                     _int(row, "comment-id", line), vote))
    rows.sort(key=lambda r: r[0])
    return [(pid, tid, vote) for _, pid, tid, vote in rows]


def read_moderated_out(lines: Iterable[str] | TextIO) -> set[StatementId]:
    """Comments of a ``comments.csv`` whose ``moderated`` is −1."""
    return {_int(row, "comment-id", line)
            for line, row in enumerate(csv.DictReader(lines), start=2)
            if _int(row, "moderated", line) == -1}


def read_groups(lines: Iterable[str] | TextIO) -> dict[ParticipantId, int]:
    """The group Polis assigned to each participant of a ``participants-votes.csv``
    (participants without a group are left out)."""
    return {_int(row, "participant", line): _int(row, "group-id", line)
            for line, row in enumerate(csv.DictReader(lines), start=2)
            if row.get("group-id", "").strip() != ""}
