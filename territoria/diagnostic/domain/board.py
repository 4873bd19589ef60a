"""Where the data and the perceptions of a territory agree, and where they disagree.

The diagnostic board holds two kinds of items on each axis of life: those the official data
suggests (accepted by staff) and those inhabitants and actors contribute. Strengths and
weaknesses describe the territory itself; opportunities and threats what comes from outside
(SWOT, Humphrey 1960s; the usual grid of French territorial diagnostics). Only the first two
say which way an axis leans, so only they are weighed here.

The leaning of one side is the balance of its strengths over its weaknesses:

- data: one vote per accepted data item (one indicator, one item);
- perceptions: each contribution weighs 1 + the number of people who support it, so that a
  weakness fifty residents endorse outweighs a strength one person wrote.

An axis is *contested* when both sides lean and lean opposite ways; it *agrees* when both
lean the same way; otherwise only one side (or neither) has something to say, or a side
is balanced. The board shows contested axes first: they are where the diagnostic needs a
conversation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"


class Leaning(StrEnum):
    POSITIVE = "positive"   # more strength than weakness
    NEGATIVE = "negative"
    BALANCED = "balanced"   # both, in equal weight
    SILENT = "silent"       # neither strength nor weakness


class Agreement(StrEnum):
    CONTESTED = "contested"          # data and perceptions lean opposite ways
    AGREED = "agreed"                # both lean the same way
    DATA_ONLY = "data_only"          # only the data leans
    PERCEPTIONS_ONLY = "perceptions_only"
    UNDECIDED = "undecided"          # nobody leans (silent or balanced on both sides)


@dataclass(frozen=True, slots=True)
class WeighedItem:
    """An item as the balance sees it: its kind, and whether it comes from the data."""

    kind: ItemKind
    from_data: bool
    supports: int = 0

    @property
    def weight(self) -> int:
        return 1 if self.from_data else 1 + max(self.supports, 0)


@dataclass(frozen=True, slots=True)
class Balance:
    """Weighed strengths and weaknesses of one side of one axis."""

    strengths: int = 0
    weaknesses: int = 0

    @property
    def leaning(self) -> Leaning:
        if not self.strengths and not self.weaknesses:
            return Leaning.SILENT
        if self.strengths == self.weaknesses:
            return Leaning.BALANCED
        return Leaning.POSITIVE if self.strengths > self.weaknesses else Leaning.NEGATIVE


@dataclass(frozen=True, slots=True)
class AxisReading:
    """Both sides of one axis and how they relate."""

    data: Balance
    perceptions: Balance

    @property
    def agreement(self) -> Agreement:
        data, people = self.data.leaning, self.perceptions.leaning
        leans = {Leaning.POSITIVE, Leaning.NEGATIVE}
        if data in leans and people in leans:
            return Agreement.AGREED if data == people else Agreement.CONTESTED
        if data in leans:
            return Agreement.DATA_ONLY
        if people in leans:
            return Agreement.PERCEPTIONS_ONLY
        return Agreement.UNDECIDED


def _balance(items: Iterable[WeighedItem]) -> Balance:
    strengths = weaknesses = 0
    for item in items:
        if item.kind is ItemKind.STRENGTH:
            strengths += item.weight
        elif item.kind is ItemKind.WEAKNESS:
            weaknesses += item.weight
    return Balance(strengths, weaknesses)


def read_axis(items: Iterable[WeighedItem]) -> AxisReading:
    """The reading of one axis from its published items (see the module docstring)."""
    items = list(items)
    return AxisReading(data=_balance(i for i in items if i.from_data),
                       perceptions=_balance(i for i in items if not i.from_data))


_ORDER = {Agreement.CONTESTED: 0, Agreement.AGREED: 1, Agreement.DATA_ONLY: 2,
          Agreement.PERCEPTIONS_ONLY: 3, Agreement.UNDECIDED: 4}


def reading_order(agreement: Agreement) -> int:
    """Contested axes first, then agreed, then one-sided, then undecided."""
    return _ORDER[agreement]
