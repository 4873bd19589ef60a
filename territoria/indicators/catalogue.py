"""The national indicator catalogue: reading and checking ``data/catalogue.json``.

The file is the reference: ``load_indicator_catalogue`` (``services.catalogue_load``)
creates and updates the ``Indicator`` rows from it. Its English texts are msgids of the
French catalog through ``data/catalogue_messages.py``, which ``catalogue_messages_source``
writes (a test checks it is up to date).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from territoria.indicators.domain.aggregation import Aggregation, AggregationKind
from territoria.indicators.domain.comparison import Direction
from territoria.indicators.domain.formula import FormulaError, evaluation_order, parse
from territoria.indicators.domain.periods import split_lag

CATALOGUE_PATH = Path(__file__).resolve().parent / "data" / "catalogue.json"
MESSAGES_PATH = Path(__file__).resolve().parent / "data" / "catalogue_messages.py"
FORMAT = "territoria.indicators.catalogue"
AXES = ("profile", "mobility", "health", "education", "economy", "safety", "housing",
        "environment", "culture", "public_services", "participation", "well_being")
PRINCIPLES = ("responsible", "endogenous", "well_being", "citizen")
TRANSLATED = ("name", "description", "unit", "source", "methodology", "licence")


class CatalogueError(ValueError):
    """A catalogue that cannot be loaded; the message names the indicator and the problem."""


@dataclass(frozen=True)
class Entry:
    """One indicator of the catalogue file, with every field filled (defaults applied)."""

    code: str
    name: str
    description: str
    unit: str
    precision: int
    direction: str
    axis: str
    principles: tuple[str, ...]
    source: str
    methodology: str
    licence: str
    aggregation: str
    numerator: str | None
    denominator: str | None
    weight: str | None
    scale: float
    formula: str
    insee_variable: str
    minimum: float | None
    maximum: float | None
    order: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_derived(self) -> bool:
        return bool(self.formula)

    def rule(self) -> Aggregation:
        """The domain rule; raises ``ValueError`` when a code it needs is not given."""
        kind = AggregationKind(self.aggregation)
        if kind is AggregationKind.RATIO_OF_SUMS:
            return Aggregation(kind, numerator=self.numerator, denominator=self.denominator,
                               scale=self.scale)
        if kind is AggregationKind.WEIGHTED_MEAN:
            return Aggregation(kind, indicator=self.code, weight=self.weight)
        return Aggregation(kind, indicator=self.code)


def formula_codes(formula: str) -> set[str]:
    """The indicator codes a formula reads, earlier periods (``x__lag5``) read as ``x``."""
    return {split_lag(name)[0] for name in parse(formula).dependencies}


def read_catalogue(path: Path = CATALOGUE_PATH) -> list[Entry]:
    """The checked entries of the catalogue file, in order; raises ``CatalogueError``."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueError(f"cannot read the catalogue {path}: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CatalogueError(f"{path} is not an indicator catalogue (format {FORMAT})")
    defaults = document.get("defaults", {})
    entries = [_entry(raw, defaults) for raw in document.get("indicators", [])]
    check_catalogue(entries)
    return entries


def _entry(raw: dict[str, Any], defaults: dict[str, Any]) -> Entry:
    data = {**defaults, **raw}
    code = data.get("code")
    if not isinstance(code, str) or not code:
        raise CatalogueError(f"an indicator has no code: {raw!r:.200}")
    try:
        return Entry(
            code=code, name=data["name"], description=data.get("description", ""),
            unit=data.get("unit", ""), precision=int(data.get("precision", 0)),
            direction=data.get("direction", "neutral"), axis=data["axis"],
            principles=tuple(data.get("principles", ())), source=data.get("source", ""),
            methodology=data.get("methodology", ""), licence=data.get("licence", ""),
            aggregation=data.get("aggregation", "sum"), numerator=data.get("numerator"),
            denominator=data.get("denominator"), weight=data.get("weight"),
            scale=float(data.get("scale", 1.0)), formula=data.get("formula", ""),
            insee_variable=data.get("insee_variable", ""), minimum=data.get("minimum"),
            maximum=data.get("maximum"), order=int(data.get("order", 0)))
    except KeyError as error:
        raise CatalogueError(f"{code}: the field {error.args[0]} is required") from None


def check_catalogue(entries: list[Entry]) -> None:
    """Every rule of a catalogue, raising ``CatalogueError`` on the first broken one.

    Codes are unique; axis, principles, direction and aggregation are known values; a
    ratio of sums names its numerator and denominator, a weighted mean its weight, all of
    them indicators of the catalogue; a formula parses, reads only codes of the catalogue,
    not itself, and no formula depends on itself through others; a derived indicator has
    no INSEE column.
    """
    codes = [entry.code for entry in entries]
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise CatalogueError(f"{code}: the code is used twice")
        seen.add(code)
    for entry in entries:
        _check_entry(entry, seen)
    formulas = {entry.code: entry.formula for entry in entries if entry.formula}
    try:
        # Lags read earlier periods, which cannot form a cycle within one period.
        evaluation_order({code: _same_period(text) for code, text in formulas.items()})
    except FormulaError as error:
        raise CatalogueError(str(error)) from None


def _same_period(formula: str) -> str:
    codes = sorted((n for n in parse(formula).dependencies if split_lag(n)[1] == 0),
                   key=len, reverse=True)
    return " + ".join(codes) if codes else "0"


def _check_entry(entry: Entry, codes: set[str]) -> None:
    code = entry.code
    if entry.axis not in AXES:
        raise CatalogueError(f"{code}: unknown axis {entry.axis!r}")
    for principle in entry.principles:
        if principle not in PRINCIPLES:
            raise CatalogueError(f"{code}: unknown principle {principle!r}")
    if entry.direction not in {d.value for d in Direction}:
        raise CatalogueError(f"{code}: unknown direction {entry.direction!r}")
    if entry.aggregation not in {k.value for k in AggregationKind}:
        raise CatalogueError(f"{code}: unknown aggregation {entry.aggregation!r}")
    for name in ("numerator", "denominator", "weight"):
        other = getattr(entry, name)
        if other is not None and other not in codes:
            raise CatalogueError(f"{code}: the {name} {other!r} is not in the catalogue")
        if other == code:
            raise CatalogueError(f"{code}: the {name} cannot be the indicator itself")
    try:
        entry.rule()
    except ValueError as error:
        raise CatalogueError(f"{code}: {error}") from None
    if entry.formula:
        try:
            reads = formula_codes(entry.formula)
        except FormulaError as error:
            raise CatalogueError(str(error.for_code(code))) from None
        if code in {n for n in parse(entry.formula).dependencies}:
            raise CatalogueError(f"{code}: the formula refers to the indicator itself")
        unknown = sorted(reads - codes)
        if unknown:
            raise CatalogueError(f"{code}: the formula reads unknown indicators: "
                                 f"{', '.join(unknown)}")
        if entry.insee_variable:
            raise CatalogueError(f"{code}: a derived indicator is computed, not read from "
                                 f"the INSEE file")
    if entry.minimum is not None and entry.maximum is not None \
            and entry.minimum > entry.maximum:
        raise CatalogueError(f"{code}: the smallest valid value is above the largest")


def catalogue_messages_source(entries: list[Entry]) -> str:
    """The Python module that lets ``makemessages`` extract the catalogue's texts."""
    texts: list[str] = []
    for entry in entries:
        for name in TRANSLATED:
            text = getattr(entry, name)
            if text and text not in texts:
                texts.append(text)
    lines = ['"""The texts of data/catalogue.json, for makemessages. Written by',
             "territoria.indicators.catalogue.catalogue_messages_source: do not edit.",
             '"""', "", "from django.utils.translation import gettext_noop", "",
             "MESSAGES = ["]
    lines += [f"    gettext_noop({json.dumps(text, ensure_ascii=False)})," for text in texts]
    lines += ["]", ""]
    return "\n".join(lines)
