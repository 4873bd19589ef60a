"""How a territory stands on one indicator: against reference areas, against comparable
areas (its peers), and against its own past; and the strengths and weaknesses it suggests.

Definitions, all with the indicator's direction (``HIGHER_IS_BETTER``, ``LOWER_IS_BETTER``;
``NEUTRAL`` indicators are positioned as if higher were better, which only orders them, and
never suggest a strength or a weakness):

- rank: 1 + the number of peers strictly better; ties share the best rank (1, 2, 2, 4).
- percentile: the share of peers with a worse value, a tie counting half, in percent:
  100 × (worse + ties / 2) / peers: the "mid-rank" percentile rank, the same as
  ``scipy.stats.percentileofscore(peers, value, kind="mean")`` when higher is better.
  100 when better than every peer, 0 when worse than every peer, 50 when equal to all.
  It needs at least one peer.
- quintile: 1 for the best fifth (percentile ≥ 80), then 2, 3, 4, and 5 for the worst
  fifth (percentile < 20).

The territory itself is never its own peer: pass its code as ``territory`` and it is left
out of the peers. Peers without a value are left out and counted.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from territoria.indicators.domain.values import (
    Missing,
    Number,
    annual_change,
    as_value,
    gettext_noop,
    relative_change,
)

MIN_PEERS_TO_PROPOSE = 5


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"


# -- position among peers -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value stands among its peers' values (definitions in the module docstring).

    ``rank`` is out of ``ranked`` = ``peers`` + 1 (the territory and its peers). ``rank``,
    ``percentile`` and ``quintile`` are ``None`` when the territory has no value;
    ``percentile`` and ``quintile`` also when no peer has one.
    """

    rank: int | None
    ranked: int
    peers: int
    better: int
    ties: int
    worse: int
    percentile: float | None
    quintile: int | None
    peers_without_value: int = 0


def position(value: Number | None, peers: Mapping[str, Number | None],
             direction: Direction, *, territory: str | None = None) -> Position:
    """Rank, percentile and quintile of ``value`` among ``peers`` (area code → value).

    Rank 1 is the best value for ``direction``, ties share the best rank; the percentile
    is the share of peers with a worse value, ties counted half (mid-rank percentile rank,
    scipy's ``percentileofscore(kind="mean")``); quintile 1 is the best fifth.
    """
    own = as_value(value)
    peer_values, without = _peer_values(peers, territory)
    if own is None:
        return Position(None, len(peer_values) + 1, len(peer_values), 0, 0, 0, None, None,
                        without)
    sign = -1.0 if direction is Direction.LOWER_IS_BETTER else 1.0
    better = sum(1 for v in peer_values if sign * v > sign * own)
    ties = sum(1 for v in peer_values if v == own)
    worse = len(peer_values) - better - ties
    percentile = 100 * (worse + ties / 2) / len(peer_values) if peer_values else None
    return Position(rank=better + 1, ranked=len(peer_values) + 1, peers=len(peer_values),
                    better=better, ties=ties, worse=worse, percentile=percentile,
                    quintile=quintile(percentile), peers_without_value=without)


def quintile(percentile: float | None) -> int | None:
    """1 for the best fifth (percentile ≥ 80) … 5 for the worst fifth (percentile < 20)."""
    if percentile is None:
        return None
    if not 0 <= percentile <= 100:
        raise ValueError(f"a percentile is between 0 and 100, not {percentile}")
    return 5 - min(4, int(percentile // 20))


def _peer_values(peers: Mapping[str, Number | None],
                 territory: str | None) -> tuple[list[float], int]:
    values, without = [], 0
    for code, raw in peers.items():
        if code == territory:
            continue
        value = as_value(raw)
        if value is None:
            without += 1
        else:
            values.append(value)
    return values, without


# -- comparison with references and peers ---------------------------------------------------


class Reference(NamedTuple):
    """A reference area's value: ``name`` as it should be shown ("Loire", "France")."""

    name: str
    value: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything known about one indicator for one territory: the evidence of a proposal."""

    value: float | None
    direction: Direction
    position: Position
    peer_median: float | None
    references: tuple[Reference, ...] = ()

    @property
    def percentile(self) -> float | None:
        return self.position.percentile


def compare(value: Number | None, peers: Mapping[str, Number | None], direction: Direction, *,
            territory: str | None = None,
            references: Mapping[str, Number | None] | None = None) -> Comparison:
    """The territory's ``value`` set against its ``peers`` and ``references``.

    ``references`` maps a reference area's name to its value, in the order to show them
    (département, région, France). The peer median is the median of the peers' values
    (the territory left out), ``None`` without peers.
    """
    peer_values, _ = _peer_values(peers, territory)
    return Comparison(
        value=as_value(value), direction=direction,
        position=position(value, peers, direction, territory=territory),
        peer_median=statistics.median(peer_values) if peer_values else None,
        references=tuple(Reference(name, as_value(v)) for name, v in (references or {}).items()),
    )


# -- peer group ---------------------------------------------------------------------------


class Candidate(NamedTuple):
    """An area that may be a peer: its code, its kind ("commune", "epci", …), population."""

    code: str
    kind: str
    population: Number | None


@dataclass(frozen=True, slots=True)
class PeerGroup:
    """The peers chosen, sorted by code, and the population range they were chosen in.

    ``low`` and ``high`` are in inhabitants (``None`` when no group could be formed),
    ``factors`` the band as multiples of the territory's population.
    """

    codes: tuple[str, ...]
    low: float | None
    high: float | None
    factors: tuple[float, float] | None

    def __len__(self) -> int:
        return len(self.codes)


def peer_group(candidates: Iterable[Candidate], *, kind: str, population: Number | None,
               band: tuple[float, float] = (0.5, 2.0), min_peers: int = 10,
               widen_by: float = 1.5, territory: str | None = None,
               max_peers: int | None = None) -> PeerGroup:
    """Comparable areas: the same kind of area, with a population within ``band`` times the
    territory's (between 0.5× and 2× by default, both ends included).

    When that gives fewer than ``min_peers``, the band widens, its ends multiplied and
    divided by ``widen_by`` (symmetrically on a log scale), until there are enough peers
    or every area of the kind with a known population is in. The territory (``territory``)
    and areas of unknown or zero population are never peers. A territory with no known
    population, or none above zero, has no peer group (empty).

    With ``max_peers``, a band holding more areas keeps the ``max_peers`` closest in
    population (by the ratio of populations, ties by code), and ``low`` and ``high`` become
    the smallest and largest population kept: a commune of 8,000 inhabitants has some 2,000
    communes between half and twice its size, and its position among the few hundred
    closest says the same at a fraction of the cost.
    """
    low_factor, high_factor = band
    if not 0 < low_factor <= 1 <= high_factor or widen_by <= 1:
        raise ValueError("band must be (low ≤ 1 ≤ high) with low > 0, and widen_by > 1")
    own = as_value(population)
    # An area with no inhabitant has no ratio worth comparing, and no band could hold it.
    pool = [(c.code, p) for c in candidates
            if c.kind == kind and c.code != territory
            and (p := as_value(c.population)) is not None and p > 0]
    if own is None or own <= 0 or not pool:
        return PeerGroup((), None, None, None)
    smallest = min(p for _, p in pool)
    largest = max(p for _, p in pool)
    while True:
        low, high = own * low_factor, own * high_factor
        inside = [(code, p) for code, p in pool if low <= p <= high]
        if len(inside) >= min_peers or (low <= smallest and high >= largest):
            if max_peers is not None and len(inside) > max_peers:
                inside = sorted(inside, key=lambda cp: (abs(math.log(cp[1] / own)), cp[0]))
                inside = inside[:max_peers]
                low, high = min(p for _, p in inside), max(p for _, p in inside)
            return PeerGroup(tuple(sorted(code for code, _ in inside)), low, high,
                             (low_factor, high_factor))
        low_factor /= widen_by
        high_factor *= widen_by


# -- trend --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trend:
    """Change between two dates: absolute, relative (%) and annualised (% a year).

    A field that cannot be computed is ``None``; ``reason`` says why for the first one
    missing (``MISSING_INPUT`` when a value is missing: then all are ``None``).
    """

    absolute: float | None
    relative: float | None
    annual_rate: float | None
    reason: Missing | None = None


def trend(value_then: Number | None, value_now: Number | None, years: float) -> Trend:
    """How an indicator changed over ``years`` years.

    absolute = now − then; relative = (now − then) / |then| × 100; annual rate = the
    compound annual growth rate ((now / then)^(1/years) − 1) × 100 (INSEE's "taux de
    variation annuel moyen"), defined for then > 0 and now ≥ 0. A missing value makes all
    three missing; a zero base makes the two rates missing (division by zero).
    """
    if not years > 0 or not math.isfinite(years):
        raise ValueError(f"years must be a positive number, not {years}")
    then, now = as_value(value_then), as_value(value_now)
    if then is None or now is None:
        return Trend(None, None, None, Missing.MISSING_INPUT)
    relative = relative_change(now, then)
    annual = annual_change(now, then, years)
    reason = next((r for r in (relative, annual) if isinstance(r, Missing)), None)
    return Trend(now - then,
                 None if isinstance(relative, Missing) else relative,
                 None if isinstance(annual, Missing) else annual,
                 reason)


# -- proposals ----------------------------------------------------------------------------


class ProposalKind(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"


STRENGTH_MESSAGE = gettext_noop(
    "%(indicator)s: %(value)s here. This is better than in %(share)s%% of the %(peers)s "
    "comparable areas, whose median is %(peer_median)s (rank %(rank)s of %(ranked)s).")
WEAKNESS_MESSAGE = gettext_noop(
    "%(indicator)s: %(value)s here. This is worse than in %(share)s%% of the %(peers)s "
    "comparable areas, whose median is %(peer_median)s (rank %(rank)s of %(ranked)s).")
REFERENCE_MESSAGE = gettext_noop("%(reference)s: %(reference_value)s.")

# Parameters that are numbers: the caller formats them for the reader's language.
_TEXT_PARAMS = frozenset({"indicator", "reference"})


def _plain_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:.2f}"


@dataclass(frozen=True, slots=True)
class Message:
    """An English source string with ``%(name)s`` placeholders, and their values.

    Translate ``template`` with ``gettext`` (it is extracted by ``makemessages``), format
    the numbers for the reader's language, then apply the parameters; ``render`` does it.
    """

    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, *, translate: Callable[[str], str] = lambda message: message,
               format_number: Callable[[float], str] = _plain_number) -> str:
        """The message for a reader: ``translate`` is ``gettext``, ``format_number`` for
        instance ``django.utils.formats.number_format``. Integer parameters are counts,
        ranks and whole percentages; floats are indicator values."""
        params = {name: value if name in _TEXT_PARAMS else format_number(value)
                  for name, value in self.params.items()}
        return translate(self.template) % params


@dataclass(frozen=True, slots=True)
class Proposal:
    """A strength or a weakness suggested by an indicator, with its evidence and a
    plain-language explanation (one message, then one per reference with a value)."""

    kind: ProposalKind
    indicator: str
    evidence: Comparison
    explanation: tuple[Message, ...]


def propose(comparison: Comparison, *, indicator: str,
            min_peers: int = MIN_PEERS_TO_PROPOSE) -> Proposal | None:
    """A STRENGTH when the territory is in the best fifth of its peers (percentile ≥ 80),
    a WEAKNESS in the worst fifth (percentile < 20), nothing otherwise.

    Nothing either for a ``NEUTRAL`` indicator, a missing value, or fewer than
    ``min_peers`` peers with a value (5 by default: with fewer, a fifth holds less than
    one area and the position says little). ``indicator`` is the indicator's name as the
    reader should see it (translated by the caller).
    """
    where = comparison.position
    if (comparison.direction is Direction.NEUTRAL or comparison.value is None
            or where.percentile is None or where.peers < min_peers):
        return None
    if where.quintile == 1:
        kind, template, share = ProposalKind.STRENGTH, STRENGTH_MESSAGE, where.percentile
    elif where.quintile == 5:
        kind, template, share = ProposalKind.WEAKNESS, WEAKNESS_MESSAGE, 100 - where.percentile
    else:
        return None
    main = Message(template, {
        "indicator": indicator, "value": comparison.value, "share": math.floor(share),
        "peers": where.peers, "peer_median": comparison.peer_median,
        "rank": where.rank, "ranked": where.ranked})
    references = tuple(
        Message(REFERENCE_MESSAGE, {"reference": ref.name, "reference_value": ref.value})
        for ref in comparison.references if ref.value is not None)
    return Proposal(kind, indicator, comparison, (main, *references))
