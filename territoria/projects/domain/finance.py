"""A project's budget and financing plan in figures.

A financing plan *balances* when its shares add up to the planned budget: below, the gap is
flagged ("the plan covers 82 %: 45,000 € missing"); above, the excess is bad input (no one
finances more than the project costs). For a project a local authority carries, the
authority finances at least 20 % of it itself (Code général des collectivités territoriales,
art. L1111-10, III): more than 80 % of public co-financing is flagged.
All amounts are ``Decimal`` euros: the total is always the sum of its parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
MIN_OWN_SHARE = Decimal("0.20")  # CGCT L1111-10 III


@dataclass(frozen=True, slots=True)
class Line:
    nature: str
    year: int
    planned: Decimal
    actual: Decimal


@dataclass(frozen=True, slots=True)
class Share:
    kind: str
    amount: Decimal
    secured: bool


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    by_year: tuple[tuple[int, str, Decimal, Decimal], ...]  # (year, nature, planned, actual)
    planned: Decimal
    actual: Decimal

    @property
    def consumed(self) -> Decimal | None:
        return self.actual / self.planned if self.planned else None


@dataclass(frozen=True, slots=True)
class FinancingCheck:
    budget: Decimal
    financed: Decimal
    secured: Decimal
    by_kind: tuple[tuple[str, Decimal], ...]
    public: Decimal

    @property
    def coverage(self) -> Decimal | None:
        return self.financed / self.budget if self.budget else None

    @property
    def gap(self) -> Decimal:
        """What is still to be found (0 when covered)."""
        return max(self.budget - self.financed, ZERO)

    @property
    def excess(self) -> Decimal:
        return max(self.financed - self.budget, ZERO)

    @property
    def balanced(self) -> bool:
        return self.financed == self.budget

    @property
    def public_share(self) -> Decimal | None:
        return self.public / self.financed if self.financed else None


def budget_totals(lines: Iterable[Line]) -> BudgetTotals:
    """Planned and spent per year and nature, and in all."""
    cells: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for line in lines:
        cell = cells[(line.year, line.nature)]
        cell[0] += line.planned
        cell[1] += line.actual
    rows = tuple((year, nature, planned, actual)
                 for (year, nature), (planned, actual) in sorted(cells.items()))
    return BudgetTotals(by_year=rows, planned=sum((r[2] for r in rows), ZERO),
                        actual=sum((r[3] for r in rows), ZERO))


def financing_check(budget: Decimal, shares: Iterable[Share], *,
                    public_kinds: Iterable[str]) -> FinancingCheck:
    """The financing plan against the budget: what is financed, secured, by whom."""
    public_kinds = set(public_kinds)
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    financed = secured = public = ZERO
    for share in shares:
        by_kind[share.kind] += share.amount
        financed += share.amount
        if share.secured:
            secured += share.amount
        if share.kind in public_kinds:
            public += share.amount
    return FinancingCheck(budget=budget, financed=financed, secured=secured,
                          by_kind=tuple(sorted(by_kind.items())), public=public)


def own_share_too_low(check: FinancingCheck, *, own_kinds: Iterable[str]) -> bool:
    """A local authority's project financed less than 20 % by the authority itself."""
    own = sum((amount for kind, amount in check.by_kind if kind in set(own_kinds)), ZERO)
    return bool(check.budget) and own < (check.budget * MIN_OWN_SHARE)


def percent(ratio: Decimal | None) -> int | None:
    """A ratio as a whole percentage, rounded half up (0.825 → 83)."""
    if ratio is None:
        return None
    return int((ratio * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
