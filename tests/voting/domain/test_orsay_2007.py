"""The 2007 Orsay experiment (Balinski & Laraki 2011, ch. 15): 1,733 real ballots.

Reads ../shared/data/majority-judgment (MieuxVoter's datasets, CC0) when it is there; skipped,
saying so, when it is not. The data is never copied into the project.
"""

import csv
from pathlib import Path

import numpy as np
import pytest

from territoria.voting.domain import majority_judgment as mj
from territoria.voting.domain.scales import ORSAY_2007

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ORSAY = SHARED_DATA / "majority-judgment"

PUBLISHED_RANKING = ["Bayrou", "Royal", "Sarkozy", "Voynet", "Besancenot", "Buffet", "Bové",
                     "Laguiller", "Nihous", "de Villiers", "Schivardi", "Le Pen"]


@pytest.fixture(scope="module")
def orsay():
    files = sorted(ORSAY.glob("orsay-2007-bureau_*.csv"))
    if not files:
        pytest.skip(f"Orsay 2007 ballots not found in {ORSAY} (../shared/data is not there).")
    names, rows = None, []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)[1:]
            assert names is None or header == names, "the three polling stations list the same candidates"
            names = header
            # Grades 6 Très bien … 1 À rejeter, 0 no opinion counted as À rejeter.
            rows += [[max(int(cell), 1) - 1 for cell in line[1:]] for line in reader if line]
    return names, np.array(rows)


def test_all_1733_ballots_are_read(orsay):
    names, ballots = orsay
    assert ballots.shape == (1733, 12)
    assert set(names) == set(PUBLISHED_RANKING)


def test_the_published_ranking_is_reproduced(orsay):
    names, ballots = orsay
    result = mj.tally(mj.grade_counts(ballots, ORSAY_2007.size), ORSAY_2007)
    assert [names[index] for index in result.ranking] == PUBLISHED_RANKING
    assert [outcome.rank for outcome in result.ranked()] == list(range(1, 13))


def test_majority_grades_and_gauges_are_the_published_ones(orsay):
    names, ballots = orsay
    result = mj.tally(mj.grade_counts(ballots, ORSAY_2007.size), ORSAY_2007)
    by_name = {names[o.index]: o for o in result.outcomes}
    fair = ORSAY_2007.labels.index("Fair")  # Assez bien
    assert ORSAY_2007.label(by_name["Bayrou"].majority_grade) == "Fair"
    assert by_name["Bayrou"].sign == mj.PLUS
    for name in ("Royal", "Sarkozy"):
        assert ORSAY_2007.label(by_name[name].majority_grade) == ORSAY_2007.labels[fair]
        assert by_name[name].sign == mj.MINUS
    assert ORSAY_2007.label(by_name["Voynet"].majority_grade) == "Passable"
    assert ORSAY_2007.label(by_name["Le Pen"].majority_grade) == "To reject"


def test_grade_shares_agree_with_the_published_ones_within_a_tenth_of_a_point(orsay):
    names, ballots = orsay
    result = mj.tally(mj.grade_counts(ballots, ORSAY_2007.size), ORSAY_2007)
    bayrou = next(o for o in result.outcomes if names[o.index] == "Bayrou")
    published = [13.6, 30.7, 25.0, 14.8, 8.4, 7.4]  # Très bien … À rejeter
    assert np.allclose([100 * share for share in bayrou.shares], published, atol=0.1)
    assert sum(bayrou.counts) == 1733
