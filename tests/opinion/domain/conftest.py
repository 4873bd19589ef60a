"""Where the tests find their data: the project's own fixtures, and Polis's real
conversations in the shared data folder beside the repository (skipped when absent)."""

from pathlib import Path

import pytest

from territoria.opinion.domain.matrix import Vote
from territoria.opinion.domain.polis_format import read_votes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
POLIS_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "polis"


def shared(*parts: str) -> Path:
    """A path in ../shared/data/polis, or skip the test saying what is missing."""
    path = POLIS_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"Polis reference data not found at {path.resolve()}")
    return path


@pytest.fixture(scope="session")
def three_camps() -> list[Vote]:
    """The project's own conversation: three camps of 15, a consensus statement (9), a
    mostly passed one (10), a moderated-out one (11). See fixtures/make_three_camps.py."""
    with (FIXTURES / "three-camps-votes.csv").open() as lines:
        return read_votes(lines)
