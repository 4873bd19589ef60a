"""Derived indicators: values computed by a formula over other indicators, never typed in.

The language is small and safe: it is read by its own tokenizer and recursive-descent
parser, and nothing in it can reach Python (no ``eval``, no attribute, no import).

    formula  := sum
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := ("-" | "+") unary | primary
    primary  := NUMBER | CODE | FUNCTION "(" sum ("," sum)* ")" | "(" sum ")"

- ``CODE`` is an indicator code: a letter or ``_`` then letters, digits or ``_``
  (``P18_POP``, ``SUPERF``, ``density``). Another period is another code: ``P18_POP`` and
  ``P13_POP``. A name directly followed by ``(`` is a function.
- ``NUMBER``: ``12``, ``3.5``, ``.5``, ``1e3``. The decimal separator is the point.
- Functions (``FUNCTIONS``): ``abs(x)``, ``min(x, y, …)``, ``max(x, y, …)``,
  ``change(now, then)`` = (now − then) / |then| × 100, the relative change in percent
  (the absolute value of the base keeps the sign of the change right for negative
  balances), and ``annual_change(now, then, years)`` = ((now / then)^(1 / years) − 1) × 100,
  the compound annual growth rate in percent, defined for then > 0 and now ≥ 0.

Evaluation never raises on data. The value is missing (with a ``Missing`` reason) when an
input is missing (``MISSING_INPUT``, listing the codes), on a division by zero
(``DIVISION_BY_ZERO``), or when the result is not a finite number or a function is not
defined for its arguments (``UNDEFINED``). A missing input wins over the other reasons:
it is checked first. Syntax errors raise ``FormulaError``, whose message points at the
column (1-based) of the problem: "unexpected ')' at column 12".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from territoria.indicators.domain.values import (
    Missing,
    Number,
    annual_change,
    as_value,
    gettext_noop,
    relative_change,
)

MAX_LENGTH = 1000
MAX_DEPTH = 50

_INVALID_NUMBER = gettext_noop("invalid number '%(number)s' at column %(column)s")
_TOO_DEEP = gettext_noop("the formula is nested too deeply at column %(column)s")


class FormulaError(ValueError):
    """A formula that cannot be read, with a message for the person who wrote it.

    ``template`` is the English source string, ``params`` its values, ``column`` the 1-based
    position of the problem (``None`` when it is not at one place) and ``code`` the
    indicator whose formula it is, when known. ``str(error)`` is the English message.
    """

    def __init__(self, template: str, *, column: int | None = None, code: str | None = None,
                 **params: Any) -> None:
        self.template = template
        self.column = column
        self.code = code
        self.params = {"column": column, **params} if column is not None else params
        message = template % self.params
        super().__init__(f"{code}: {message}" if code else message)

    @property
    def message(self) -> str:
        return str(self)

    def for_code(self, code: str) -> FormulaError:
        return FormulaError(self.template, code=code, **self.params)


# -- tokens -------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_AFTER_NUMBER = re.compile(r"[A-Za-z0-9_.]+")
_SYMBOLS = frozenset("+-*/(),")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "name", a symbol, or "end"
    text: str
    column: int


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char in _SYMBOLS:
            tokens.append(_Token(char, char, position + 1))
            position += 1
        elif number := _NUMBER.match(text, position):
            end = number.end()
            if trailing := _AFTER_NUMBER.match(text, end):
                raise FormulaError(_INVALID_NUMBER,
                                   column=position + 1, number=text[position:trailing.end()])
            tokens.append(_Token("number", number.group(), position + 1))
            position = end
        elif name := _NAME.match(text, position):
            tokens.append(_Token("name", name.group(), position + 1))
            position = name.end()
        else:
            raise FormulaError(gettext_noop("unexpected character '%(character)s' at column "
                                            "%(column)s"),
                               column=position + 1, character=char)
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


# -- syntax tree --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Number:
    value: float


@dataclass(frozen=True, slots=True)
class _Code:
    code: str


@dataclass(frozen=True, slots=True)
class _Negate:
    operand: _Node


@dataclass(frozen=True, slots=True)
class _Binary:
    operator: str
    left: _Node
    right: _Node


@dataclass(frozen=True, slots=True)
class _Call:
    function: str
    arguments: tuple[_Node, ...]


type _Node = _Number | _Code | _Negate | _Binary | _Call


# -- functions ----------------------------------------------------------------------------
# Each takes floats and returns a float, or a Missing reason when it is not defined.

def _abs(x: float) -> float | Missing:
    return abs(x)


def _min(*xs: float) -> float | Missing:
    return min(xs)


def _max(*xs: float) -> float | Missing:
    return max(xs)


@dataclass(frozen=True, slots=True)
class Function:
    """A function of the language: its arity (``None`` for "at least one") and rule."""

    name: str
    arity: int | None
    apply: Callable[..., float | Missing]
    rule: str


FUNCTIONS: dict[str, Function] = {f.name: f for f in (
    Function("abs", 1, _abs, "absolute value"),
    Function("min", None, _min, "smallest argument"),
    Function("max", None, _max, "largest argument"),
    Function("change", 2, relative_change, "(now - then) / |then| * 100"),
    Function("annual_change", 3, annual_change, "((now / then) ^ (1 / years) - 1) * 100"),
)}


# -- parser -------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def unexpected(self) -> FormulaError:
        token = self.token
        if token.kind == "end":
            return FormulaError(gettext_noop("unexpected end of formula at column %(column)s"),
                                column=token.column)
        return FormulaError(gettext_noop("unexpected '%(token)s' at column %(column)s"),
                            column=token.column, token=token.text)

    def parse(self) -> _Node:
        if self.token.kind == "end":
            raise FormulaError(gettext_noop("the formula is empty"))
        node = self.sum()
        if self.token.kind != "end":
            raise self.unexpected()
        return node

    def sum(self) -> _Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(_TOO_DEEP, column=self.token.column)
        node = self.product()
        while self.token.kind in ("+", "-"):
            operator = self.advance().kind
            node = _Binary(operator, node, self.product())
        self.depth -= 1
        return node

    def product(self) -> _Node:
        node = self.unary()
        while self.token.kind in ("*", "/"):
            operator = self.advance().kind
            node = _Binary(operator, node, self.unary())
        return node

    def unary(self) -> _Node:
        signs = []
        while self.token.kind in ("+", "-"):
            signs.append(self.advance())
        if len(signs) > MAX_DEPTH:
            raise FormulaError(_TOO_DEEP, column=signs[MAX_DEPTH].column)
        node = self.primary()
        for sign in reversed(signs):
            if sign.kind == "-":
                node = _Negate(node)
        return node

    def primary(self) -> _Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            value = float(token.text)
            if not math.isfinite(value):
                raise FormulaError(_INVALID_NUMBER,
                                   column=token.column, number=token.text)
            return _Number(value)
        if token.kind == "(":
            self.advance()
            node = self.sum()
            self.expect(")")
            return node
        if token.kind == "name":
            self.advance()
            if self.token.kind != "(":
                return _Code(token.text)
            return self.call(token)
        raise self.unexpected()

    def call(self, name: _Token) -> _Node:
        function = FUNCTIONS.get(name.text)
        if function is None:
            raise FormulaError(gettext_noop("unknown function '%(name)s' at column %(column)s"),
                               column=name.column, name=name.text)
        self.advance()  # "("
        arguments = [self.sum()]
        while self.token.kind == ",":
            self.advance()
            arguments.append(self.sum())
        self.expect(")")
        if function.arity is not None and len(arguments) != function.arity:
            raise FormulaError(
                gettext_noop("%(name)s() at column %(column)s needs %(expected)s arguments, "
                             "not %(given)s"),
                column=name.column, name=name.text, expected=function.arity,
                given=len(arguments))
        return _Call(name.text, tuple(arguments))

    def expect(self, kind: str) -> None:
        if self.token.kind != kind:
            if self.token.kind == "end":
                raise FormulaError(gettext_noop("missing '%(token)s' at column %(column)s"),
                                   column=self.token.column, token=kind)
            raise self.unexpected()
        self.advance()


def _codes(node: _Node) -> set[str]:
    match node:
        case _Code(code):
            return {code}
        case _Negate(operand):
            return _codes(operand)
        case _Binary(_, left, right):
            return _codes(left) | _codes(right)
        case _Call(_, arguments):
            return set().union(*(_codes(argument) for argument in arguments))
    return set()


# -- evaluation over columns --------------------------------------------------------------
# A cell is a float or the Missing reason that stopped it; a Missing cell propagates.


def _cells(node: _Node, columns: Mapping[str, list[float | Missing]],
           rows: int) -> list[float | Missing]:
    match node:
        case _Number(value):
            return [value] * rows
        case _Code(code):
            return columns[code]
        case _Negate(operand):
            return [-x if type(x) is float else x for x in _cells(operand, columns, rows)]
        case _Binary(operator, left, right):
            xs, ys = _cells(left, columns, rows), _cells(right, columns, rows)
            pairs = zip(xs, ys, strict=True)
            match operator:
                case "+":
                    return [x + y if type(x) is float and type(y) is float else _first(x, y)
                            for x, y in pairs]
                case "-":
                    return [x - y if type(x) is float and type(y) is float else _first(x, y)
                            for x, y in pairs]
                case "*":
                    return [x * y if type(x) is float and type(y) is float else _first(x, y)
                            for x, y in pairs]
                case _:
                    return [(x / y if y != 0 else Missing.DIVISION_BY_ZERO)
                            if type(x) is float and type(y) is float else _first(x, y)
                            for x, y in pairs]
        case _Call(name, arguments):
            apply = FUNCTIONS[name].apply
            rows_of_arguments = zip(*(_cells(a, columns, rows) for a in arguments), strict=True)
            return [apply(*row) if all(type(x) is float for x in row) else _first(*row)
                    for row in rows_of_arguments]
    raise AssertionError(node)


def _first(*cells: float | Missing) -> Missing:
    return next(cell for cell in cells if type(cell) is not float)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A formula's value, or ``None`` with the reason; ``missing`` names the missing inputs."""

    value: float | None
    reason: Missing | None = None
    missing: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ColumnEvaluation:
    """A formula's values over many areas: ``values[i]`` or ``None`` with ``reasons[i]``."""

    values: list[float | None]
    reasons: list[Missing | None]

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, row: int) -> Evaluation:
        return Evaluation(self.values[row], self.reasons[row])


@dataclass(frozen=True)
class Formula:
    """A parsed formula. Build it with ``parse``."""

    text: str
    _tree: _Node = field(repr=False)
    dependencies: frozenset[str] = frozenset()

    def evaluate(self, values: Mapping[str, Number | None]) -> Evaluation:
        """See the module function ``evaluate``."""
        missing = frozenset(code for code in self.dependencies
                            if as_value(values.get(code)) is None)
        if missing:
            return Evaluation(None, Missing.MISSING_INPUT, missing)
        result = self.evaluate_columns({code: [values[code]] for code in self.dependencies},
                                       rows=1)
        return result[0]

    def evaluate_columns(self, columns: Mapping[str, Sequence[Number | None]], *,
                         rows: int | None = None) -> ColumnEvaluation:
        """See the module function ``evaluate_columns``."""
        lengths = {len(columns[code]) for code in self.dependencies if code in columns}
        if rows is not None:
            lengths.add(rows)
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        if not lengths:
            raise ValueError("no column gives the number of rows: pass rows=")
        (count,) = lengths
        cells: dict[str, list[float | Missing]] = {}
        for code in self.dependencies:
            column = columns.get(code)
            if column is None:
                cells[code] = [Missing.MISSING_INPUT] * count
            else:
                cells[code] = [Missing.MISSING_INPUT if (x := as_value(raw)) is None else x
                               for raw in column]
        if cells:
            # A missing input wins over what the rest of the formula would say.
            blocked = [any(type(cells[code][row]) is not float for code in cells)
                       for row in range(count)]
        else:
            blocked = [False] * count
        values: list[float | None] = []
        reasons: list[Missing | None] = []
        for is_blocked, cell in zip(blocked, _cells(self._tree, cells, count), strict=True):
            if is_blocked:
                values.append(None)
                reasons.append(Missing.MISSING_INPUT)
            elif type(cell) is not float:
                values.append(None)
                reasons.append(cell)  # type: ignore[arg-type]
            elif not math.isfinite(cell):
                values.append(None)
                reasons.append(Missing.UNDEFINED)
            else:
                values.append(cell)
                reasons.append(None)
        return ColumnEvaluation(values, reasons)


@lru_cache(maxsize=1024)
def parse(formula: str) -> Formula:
    """Read ``formula`` (grammar in the module docstring); raises ``FormulaError``."""
    if len(formula) > MAX_LENGTH:
        raise FormulaError(gettext_noop("the formula is too long (%(length)s characters, "
                                        "at most %(limit)s)"),
                           length=len(formula), limit=MAX_LENGTH)
    tree = _Parser(formula).parse()
    return Formula(formula, tree, frozenset(_codes(tree)))


def dependencies(formula: str) -> set[str]:
    """The indicator codes ``formula`` reads (function names are not codes)."""
    return set(parse(formula).dependencies)


def evaluate(formula: str, values: Mapping[str, Number | None]) -> Evaluation:
    """The value of ``formula`` for one area, given its indicator values by code.

    Rules in the module docstring: an absent, ``None``, NaN or infinite input makes the
    value missing (``MISSING_INPUT``, with the missing codes); a division by zero, a
    function outside its domain or a non-finite result too, with their reason.
    """
    return parse(formula).evaluate(values)


def evaluate_columns(formula: str, columns: Mapping[str, Sequence[Number | None]], *,
                     rows: int | None = None) -> ColumnEvaluation:
    """``evaluate`` for many areas at once: one column of values per indicator code.

    Row ``i`` of the result is ``evaluate`` on row ``i`` of every column, computed column by
    column (each operation is one pass over the rows). Columns must have one length; a code
    absent from ``columns`` is missing in every row. ``rows`` is needed only when the
    formula reads no code.
    """
    return parse(formula).evaluate_columns(columns, rows=rows)


def evaluation_order(formulas: Mapping[str, str]) -> list[str]:
    """The derived codes of ``formulas`` (code → formula) in an order where each comes after
    the derived codes its formula reads, so they can be computed one after the other.

    Codes that are not keys are base data and impose no order. Raises ``FormulaError``
    naming the cycle when a formula depends on itself, directly or not
    ("density → population_share → density"), or naming the code whose formula does
    not parse. Depth-first topological sort (Tarjan 1976), in the mapping's order.
    """
    graph: dict[str, list[str]] = {}
    for code, text in formulas.items():
        try:
            reads = parse(text).dependencies
        except FormulaError as error:
            raise error.for_code(code) from None
        graph[code] = sorted(dep for dep in reads if dep in formulas)

    order: list[str] = []
    done: set[str] = set()
    for root, needs in graph.items():
        if root in done:
            continue
        # Iterative depth-first search: path holds the codes being visited, in order.
        path: list[str] = [root]
        on_path = {root}
        pending = [iter(needs)]
        while pending:
            child = next(pending[-1], None)
            if child is None:
                pending.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                order.append(finished)
            elif child in on_path:
                cycle = [*path[path.index(child):], child]
                raise FormulaError(gettext_noop("circular definition: %(cycle)s"),
                                   cycle=" → ".join(cycle))
            elif child not in done:
                path.append(child)
                on_path.add(child)
                pending.append(iter(graph[child]))
    return order


def evaluate_all(formulas: Mapping[str, str],
                 values: Mapping[str, Number | None]) -> dict[str, Evaluation]:
    """Every derived indicator of ``formulas`` for one area, in ``evaluation_order``.

    A derived value is available to the formulas after it; when it is missing, the formulas
    that read it are missing (``MISSING_INPUT``).
    """
    known: dict[str, Number | None] = dict(values)
    results: dict[str, Evaluation] = {}
    for code in evaluation_order(formulas):
        results[code] = evaluate(formulas[code], known)
        known[code] = results[code].value
    return results
