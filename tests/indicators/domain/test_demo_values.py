from hypothesis import given
from hypothesis import strategies as st

from territoria.indicators.domain.demo_values import PERIOD, commune_values, demo_values


def figures(code="26001", population=2500):
    return {v.indicator: v.value for v in commune_values(code, population) if v.period == PERIOD}


def test_the_same_commune_gets_the_same_figures():
    assert commune_values("26001", 2500) == commune_values("26001", 2500)
    assert commune_values("26001", 2500) != commune_values("26002", 2500)


@given(st.integers(min_value=1, max_value=3_000_000), st.text("0123456789AB", min_size=5,
                                                              max_size=5))
def test_the_figures_hold_together(population, code):
    f = figures(code, population)
    assert f["population"] == population
    assert 0 <= f["unemployed_15_64"] <= f["active_15_64"] <= f["population_15_64"] <= population
    assert f["main_residences"] + f["vacant_dwellings"] + f["secondary_residences"] \
        == f["dwellings"]
    assert min(f["vacant_dwellings"], f["secondary_residences"]) >= 0
    assert f["area"] > 0


def test_small_communes_keep_their_income_secret():
    assert figures(population=400)["median_income"] is None
    assert figures(population=4000)["median_income"] > 0


def test_communes_without_population_get_nothing():
    assert list(demo_values([("26001", None), ("26002", 0)])) == []
