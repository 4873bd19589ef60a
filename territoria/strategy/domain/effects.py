"""Cross-effects: where the envisaged ambitions may work against each other.

For each ambition and axis of life the team (or a workshop) records the expected effect:
positive, neutral or negative. The governance committee must weigh "the feasibility and the
consequences of the envisaged priorities" before adopting them; two kinds of conflict are
listed for it:

- *trade-off*: one ambition expected to do good on some axes and harm on others
  ("Attract a large retailer: + jobs, − local shops, − short supply chains");
- *clash*: one ambition harms an axis that another ambition serves (by its orientation,
  its indicator or a positive effect — the same reading as the balance check).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from territoria.strategy.domain.balance import AmbitionFacts, Effect


@dataclass(frozen=True)
class TradeOff:
    ambition: AmbitionFacts
    gains: tuple[str, ...]
    losses: tuple[str, ...]


@dataclass(frozen=True)
class Clash:
    """``harming`` harms ``axis``, which every ambition of ``served_by`` serves."""

    harming: AmbitionFacts
    axis: str
    served_by: tuple[AmbitionFacts, ...]


@dataclass(frozen=True)
class Conflicts:
    trade_offs: tuple[TradeOff, ...]
    clashes: tuple[Clash, ...]

    def __bool__(self) -> bool:
        return bool(self.trade_offs or self.clashes)

    def involving(self, keys: set) -> Conflicts:
        """The conflicts that involve at least one of these ambitions."""
        return Conflicts(
            tuple(t for t in self.trade_offs if t.ambition.key in keys),
            tuple(c for c in self.clashes
                  if c.harming.key in keys or any(b.key in keys for b in c.served_by)))


def conflicts(ambitions: Sequence[AmbitionFacts], *, axes: Sequence[str]) -> Conflicts:
    """Trade-offs and clashes among ``ambitions``, axes in the order of ``axes``."""
    order = {axis: i for i, axis in enumerate(axes)}

    def ordered(found) -> tuple[str, ...]:
        return tuple(sorted(found, key=lambda axis: order.get(axis, len(order))))

    trade_offs = []
    for a in ambitions:
        gains = ordered(x for x, e in a.effects.items() if e == Effect.POSITIVE)
        losses = ordered(x for x, e in a.effects.items() if e == Effect.NEGATIVE)
        if gains and losses:
            trade_offs.append(TradeOff(a, gains, losses))
    clashes = []
    for a in ambitions:
        for axis in ordered(a.harmed_axes):
            served_by = tuple(b for b in ambitions if b.key != a.key and b.serves_axis(axis))
            if served_by:
                clashes.append(Clash(a, axis, served_by))
    return Conflicts(tuple(trade_offs), tuple(clashes))
