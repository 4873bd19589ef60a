"""Derived indicators: the formula language, its errors, missing values, evaluation order."""

import random

import pytest

from territoria.indicators.domain.formula import (
    FUNCTIONS,
    MAX_DEPTH,
    ColumnEvaluation,
    Evaluation,
    FormulaError,
    dependencies,
    evaluate,
    evaluate_all,
    evaluate_columns,
    evaluation_order,
    parse,
)
from territoria.indicators.domain.values import Missing

# -- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(("formula", "expected"), [
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("10 - 4 - 3", 3.0),
    ("8 / 4 / 2", 1.0),
    ("-2 * 3", -6.0),
    ("2 - -3", 5.0),
    ("-(-(4))", 4.0),
    ("+4", 4.0),
    ("--4", 4.0),
    (".5 + 1e3 + 2.5E-1", 1000.75),
    ("abs(-3)", 3.0),
    ("min(3, -1, 2)", -1.0),
    ("max(3)", 3.0),
    ("change(121, 100)", 21.0),
    ("change(-5, -10)", 50.0),
    ("annual_change(121, 100, 2)", 10.0),
])
def test_arithmetic_follows_the_usual_precedence(formula, expected):
    assert evaluate(formula, {}).value == pytest.approx(expected)


def test_a_formula_reads_indicator_codes():
    values = {"P18_POP": 14204, "SUPERF": 24.6, "P13_POP": 14359}
    assert evaluate("P18_POP / SUPERF", values) == Evaluation(14204 / 24.6)
    assert evaluate("change(P18_POP, P13_POP)", values).value == pytest.approx(
        (14204 - 14359) / 14359 * 100)


def test_dependencies_are_the_codes_not_the_functions():
    assert dependencies("change(P18_POP, P13_POP) / SUPERF") == {"P18_POP", "P13_POP",
                                                                   "SUPERF"}
    assert dependencies("max(1, 2)") == set()
    assert dependencies("density + density") == {"density"}


@pytest.mark.parametrize("missing", [None, float("nan"), "absent"])
def test_a_missing_input_makes_the_value_missing_and_names_it(missing):
    values = {"P18_POP": 100, "SUPERF": missing}
    if missing == "absent":
        del values["SUPERF"]
    result = evaluate("P18_POP / SUPERF + P13_POP * 0", values)
    assert result == Evaluation(None, Missing.MISSING_INPUT, frozenset({"SUPERF", "P13_POP"}))


def test_division_by_zero_is_a_missing_value_with_its_reason():
    result = evaluate("P18_POP / SUPERF", {"P18_POP": 100, "SUPERF": 0})
    assert result == Evaluation(None, Missing.DIVISION_BY_ZERO)
    assert result.reason.message == "division by zero"
    assert evaluate("change(5, ZERO)", {"ZERO": 0}).reason is Missing.DIVISION_BY_ZERO


def test_a_missing_input_wins_over_a_division_by_zero():
    assert evaluate("1 / 0 + X", {}).reason is Missing.MISSING_INPUT


def test_a_function_outside_its_domain_or_an_overflow_is_undefined():
    assert evaluate("annual_change(5, -1, 2)", {}).reason is Missing.UNDEFINED
    assert evaluate("annual_change(1e300, 1e-300, 0.001)", {}).reason is Missing.UNDEFINED
    assert evaluate("X * X", {"X": 1e200}).reason is Missing.UNDEFINED


def test_zero_and_negative_values_are_values():
    assert evaluate("A - B", {"A": 0, "B": -2.5}).value == 2.5


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(("formula", "message", "column"), [
    ("(P18_POP + 1))", "unexpected ')' at column 14", 14),
    ("P18_POP / (SUPERF", "missing ')' at column 18", 18),
    ("P18_POP +", "unexpected end of formula at column 10", 10),
    ("P18_POP * / 2", "unexpected '/' at column 11", 11),
    ("P18_POP SUPERF", "unexpected 'SUPERF' at column 9", 9),
    ("()", "unexpected ')' at column 2", 2),
    ("a $ b", "unexpected character '$' at column 3", 3),
    ("P18_POP;", "unexpected character ';' at column 8", 8),
    ("1.2.3", "invalid number '1.2.3' at column 1", 1),
    ("2 * 3x", "invalid number '3x' at column 5", 5),
    ("1e999", "invalid number '1e999' at column 1", 1),
    ("sqrt(4)", "unknown function 'sqrt' at column 1", 1),
    ("__import__(1)", "unknown function '__import__' at column 1", 1),
    ("a.b", "unexpected character '.' at column 2", 2),
    ("1 + change(P18_POP)", "change() at column 5 needs 2 arguments, not 1", 5),
    ("min(1,)", "unexpected ')' at column 7", 7),
    ("abs()", "unexpected ')' at column 5", 5),
])
def test_a_syntax_error_says_what_and_where(formula, message, column):
    with pytest.raises(FormulaError) as caught:
        parse(formula)
    assert str(caught.value) == message
    assert caught.value.column == column


@pytest.mark.parametrize("formula", ["", "   "])
def test_an_empty_formula_is_an_error(formula):
    with pytest.raises(FormulaError, match=r"^the formula is empty$"):
        parse(formula)


def test_an_error_carries_a_translatable_template_and_its_parameters():
    with pytest.raises(FormulaError) as caught:
        parse("(a))")
    error = caught.value
    assert error.template == "unexpected '%(token)s' at column %(column)s"
    assert error.params == {"column": 4, "token": ")"}
    assert error.template % error.params == error.message


def test_an_overlong_or_overdeep_formula_is_refused_before_it_can_exhaust_the_stack():
    with pytest.raises(FormulaError, match="too long"):
        parse("1+" * 600 + "1")
    with pytest.raises(FormulaError, match="nested too deeply at column 51"):
        parse("(" * (MAX_DEPTH + 5) + "1" + ")" * (MAX_DEPTH + 5))
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse("-" * (MAX_DEPTH + 1) + "1")
    assert evaluate("(" * (MAX_DEPTH - 1) + "1" + ")" * (MAX_DEPTH - 1), {}).value == 1.0
    assert evaluate("+".join(["X"] * 400), {"X": 1}).value == 400.0


def test_every_function_is_documented_with_its_rule():
    assert set(FUNCTIONS) == {"abs", "min", "max", "change", "annual_change"}
    assert all(function.rule for function in FUNCTIONS.values())


# -- order of evaluation ------------------------------------------------------------------


def test_derived_indicators_come_after_the_derived_indicators_they_read():
    formulas = {"share_of_jobs": "jobs / P18_POP * 100", "density": "P18_POP / SUPERF",
                "jobs": "P18_EMPLT", "jobs_per_km2": "jobs / SUPERF + density * 0"}
    order = evaluation_order(formulas)
    assert sorted(order) == sorted(formulas)
    for code, formula in formulas.items():
        for dependency in dependencies(formula) & formulas.keys():
            assert order.index(dependency) < order.index(code)


def test_a_formula_that_refers_to_itself_is_a_cycle():
    with pytest.raises(FormulaError, match=r"^circular definition: density → density$"):
        evaluation_order({"density": "density + 1"})


def test_an_indirect_cycle_is_named_in_full():
    formulas = {"density": "P18_POP / area", "population_share": "density / 3",
                "area": "population_share * SUPERF", "unrelated": "P18_POP"}
    with pytest.raises(FormulaError) as caught:
        evaluation_order(formulas)
    assert str(caught.value) == (
        "circular definition: density → area → population_share → density")
    assert caught.value.params == {"cycle": "density → area → population_share → density"}


def test_a_formula_that_does_not_parse_is_named_by_its_code():
    with pytest.raises(FormulaError) as caught:
        evaluation_order({"density": "P18_POP / SUPERF", "broken": "P18_POP * (2"})
    assert str(caught.value) == "broken: missing ')' at column 13"
    assert (caught.value.code, caught.value.column) == ("broken", 13)


def test_evaluate_all_feeds_each_derived_value_to_the_next():
    formulas = {"density_change": "change(density, density_2013)",
                "density": "P18_POP / SUPERF", "density_2013": "P13_POP / SUPERF"}
    results = evaluate_all(formulas, {"P18_POP": 121, "P13_POP": 100, "SUPERF": 2})
    assert results["density"].value == 60.5
    assert results["density_change"].value == pytest.approx(21.0)
    missing = evaluate_all(formulas, {"P18_POP": 121, "P13_POP": 100, "SUPERF": 0})
    assert missing["density"].reason is Missing.DIVISION_BY_ZERO
    assert missing["density_change"] == Evaluation(None, Missing.MISSING_INPUT,
                                                   frozenset({"density", "density_2013"}))


# -- many areas at once -------------------------------------------------------------------


def test_columns_give_row_by_row_what_evaluate_gives():
    rng = random.Random(42)
    formulas = ["A / B * 100", "change(A, B) - abs(C)", "annual_change(A, B, 5) + min(A, C)",
                "-(A - B) / (C - 1)", "max(A, B, C) * 2 - 7"]
    rows = 3000
    columns = {code: [rng.choice([None, 0, 1, -3.5, rng.uniform(-100, 100),
                                  rng.uniform(0, 1e4)]) for _ in range(rows)]
               for code in "ABC"}
    for formula in formulas:
        result = evaluate_columns(formula, columns)
        assert isinstance(result, ColumnEvaluation) and len(result) == rows
        reasons = set()
        for row in range(rows):
            expected = evaluate(formula, {code: columns[code][row] for code in "ABC"})
            assert result[row] == Evaluation(expected.value, expected.reason)
            reasons.add(expected.reason)
        assert {None, Missing.MISSING_INPUT} <= reasons


def test_a_code_absent_from_the_columns_is_missing_in_every_row():
    result = evaluate_columns("A + B", {"A": [1, 2]})
    assert result.values == [None, None]
    assert result.reasons == [Missing.MISSING_INPUT] * 2


def test_columns_must_have_one_length():
    with pytest.raises(ValueError, match="different lengths"):
        evaluate_columns("A + B", {"A": [1, 2], "B": [1]})
    assert evaluate_columns("2 * 3", {}, rows=2).values == [6.0, 6.0]
    with pytest.raises(ValueError, match="rows="):
        evaluate_columns("2 * 3", {})
