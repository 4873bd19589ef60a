"""Is the strategy balanced? What each ambition serves, and what nothing serves.

The territorial reengineering approach asks a strategy to be systemic (every axis of life
on the territory), responsible, sovereign (endogenous), aimed at the well-being of the
greatest number, and citizen-driven. Before the governance committee adopts it, this check
reads the ambitions against those four development principles and the axes of life:

- an ambition serves the principles of its orientation, and the axes its orientation touches,
  the axis of its indicator, and every axis on which its expected effect is positive;
- a principle or an axis that no ambition serves is flagged;
- a weakness of the diagnostic that no orientation answers is flagged;
- an ambition without an indicator (qualitative) is flagged as not measurable, and an
  orientation without any ambition as empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Principle(StrEnum):
    """The development principles of the territorial reengineering approach."""

    RESPONSIBLE = "responsible"      # sustainable: short supply chains, circular, climate
    ENDOGENOUS = "endogenous"        # sovereign: local production and businesses first
    WELL_BEING = "well_being"        # well-being and happiness of the greatest number
    CITIZEN = "citizen"              # citizen-driven


class Effect(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Reason(StrEnum):
    """Why an ambition counts as serving an axis (shown in the matrix's cell)."""

    ORIENTATION = "orientation"
    INDICATOR = "indicator"
    EFFECT = "effect"


@dataclass(frozen=True)
class AmbitionFacts:
    key: object
    title: str
    orientation: object
    principles: frozenset[str] = frozenset()
    orientation_axes: frozenset[str] = frozenset()
    indicator_axis: str | None = None
    measurable: bool = True
    effects: Mapping[str, Effect] = field(default_factory=dict)

    def axis_reasons(self, axis: str) -> tuple[Reason, ...]:
        reasons = []
        if axis in self.orientation_axes:
            reasons.append(Reason.ORIENTATION)
        if axis == self.indicator_axis:
            reasons.append(Reason.INDICATOR)
        if self.effects.get(axis) == Effect.POSITIVE:
            reasons.append(Reason.EFFECT)
        return tuple(reasons)

    def serves_axis(self, axis: str) -> bool:
        return bool(self.axis_reasons(axis))

    @property
    def harmed_axes(self) -> tuple[str, ...]:
        return tuple(axis for axis, effect in self.effects.items() if effect == Effect.NEGATIVE)


@dataclass(frozen=True)
class WeaknessFacts:
    key: object
    title: str
    axis: str


@dataclass(frozen=True)
class AxisCell:
    reasons: tuple[Reason, ...]
    harmed: bool

    @property
    def serves(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class MatrixRow:
    ambition: AmbitionFacts
    principles: tuple[bool, ...]          # in the order of BalanceReport.principles
    axes: tuple[AxisCell, ...]            # in the order of BalanceReport.axes


@dataclass(frozen=True)
class BalanceReport:
    principles: tuple[str, ...]
    axes: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    unserved_principles: tuple[str, ...]
    unserved_axes: tuple[str, ...]
    unanswered_weaknesses: tuple[WeaknessFacts, ...]
    not_measurable: tuple[AmbitionFacts, ...]
    empty_orientations: tuple[object, ...]

    @property
    def principle_counts(self) -> tuple[int, ...]:
        return tuple(sum(row.principles[i] for row in self.rows)
                     for i in range(len(self.principles)))

    @property
    def axis_counts(self) -> tuple[int, ...]:
        return tuple(sum(row.axes[i].serves for row in self.rows) for i in range(len(self.axes)))

    @property
    def is_balanced(self) -> bool:
        return not (self.unserved_principles or self.unserved_axes
                    or self.unanswered_weaknesses or self.not_measurable
                    or self.empty_orientations)


def balance_check(ambitions: Sequence[AmbitionFacts], *, principles: Sequence[str],
                  axes: Sequence[str], weaknesses: Iterable[WeaknessFacts] = (),
                  answered: Iterable[object] = (),
                  orientations: Iterable[object] = ()) -> BalanceReport:
    """The matrices of ambitions × principles and ambitions × axes, and what they flag.

    ``answered`` holds the keys of the weaknesses some orientation answers; ``orientations``
    the keys of every orientation checked, so that one without ambitions is flagged.
    """
    rows = tuple(
        MatrixRow(a, tuple(p in a.principles for p in principles),
                  tuple(AxisCell(a.axis_reasons(x), a.effects.get(x) == Effect.NEGATIVE)
                        for x in axes))
        for a in ambitions)
    answered = set(answered)
    with_ambitions = {a.orientation for a in ambitions}
    return BalanceReport(
        principles=tuple(principles), axes=tuple(axes), rows=rows,
        unserved_principles=tuple(p for i, p in enumerate(principles)
                                  if not any(r.principles[i] for r in rows)),
        unserved_axes=tuple(x for i, x in enumerate(axes) if not any(r.axes[i].serves
                                                                      for r in rows)),
        unanswered_weaknesses=tuple(w for w in weaknesses if w.key not in answered),
        not_measurable=tuple(a for a in ambitions if not a.measurable),
        empty_orientations=tuple(o for o in orientations if o not in with_ambitions))
