"""What changed between two versions of an orientation.

An adopted orientation is revised by a new version that goes through submission and adoption
again; the versions page lists, for each version, what differs from the one before: its
wording, the principles and axes it names, the diagnostic items it answers, and its
ambitions (matched through the ambition they were copied from, so that a renamed ambition
reads as changed rather than removed and added).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    TITLE = "title"
    RATIONALE = "rationale"
    PRINCIPLE_ADDED = "principle_added"
    PRINCIPLE_REMOVED = "principle_removed"
    AXIS_ADDED = "axis_added"
    AXIS_REMOVED = "axis_removed"
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    AMBITION_ADDED = "ambition_added"
    AMBITION_REMOVED = "ambition_removed"
    AMBITION_CHANGED = "ambition_changed"


@dataclass(frozen=True)
class AmbitionSnapshot:
    lineage: object            # the same for an ambition and the copies made of it
    title: str
    terms: tuple = ()          # indicator, baseline, target, deadline, milestones…


@dataclass(frozen=True)
class VersionSnapshot:
    title: str
    rationale: str
    principles: frozenset[str] = frozenset()
    axes: frozenset[str] = frozenset()
    items: Mapping[object, str] = field(default_factory=dict)   # key → title
    ambitions: tuple[AmbitionSnapshot, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: str = ""      # the principle, axis, item or ambition concerned
    before: str = ""
    after: str = ""


def version_changes(before: VersionSnapshot, after: VersionSnapshot) -> list[Change]:
    """The changes from ``before`` to ``after``, in a stable reading order."""
    changes: list[Change] = []
    if before.title != after.title:
        changes.append(Change(ChangeKind.TITLE, before=before.title, after=after.title))
    if before.rationale != after.rationale:
        changes.append(Change(ChangeKind.RATIONALE, before=before.rationale,
                              after=after.rationale))
    for kind_added, kind_removed, old, new in (
            (ChangeKind.PRINCIPLE_ADDED, ChangeKind.PRINCIPLE_REMOVED, before.principles,
             after.principles),
            (ChangeKind.AXIS_ADDED, ChangeKind.AXIS_REMOVED, before.axes, after.axes)):
        changes += [Change(kind_added, subject=v) for v in sorted(new - old)]
        changes += [Change(kind_removed, subject=v) for v in sorted(old - new)]
    changes += [Change(ChangeKind.ITEM_ADDED, subject=after.items[k])
                for k in after.items if k not in before.items]
    changes += [Change(ChangeKind.ITEM_REMOVED, subject=before.items[k])
                for k in before.items if k not in after.items]
    old_ambitions = {a.lineage: a for a in before.ambitions}
    new_lineages = {a.lineage for a in after.ambitions}
    for ambition in after.ambitions:
        previous = old_ambitions.get(ambition.lineage)
        if previous is None:
            changes.append(Change(ChangeKind.AMBITION_ADDED, subject=ambition.title))
        elif previous.title != ambition.title or previous.terms != ambition.terms:
            changes.append(Change(ChangeKind.AMBITION_CHANGED, subject=ambition.title,
                                  before=previous.title, after=ambition.title))
    changes += [Change(ChangeKind.AMBITION_REMOVED, subject=a.title)
                for a in before.ambitions if a.lineage not in new_lineages]
    return changes
