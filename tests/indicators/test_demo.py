"""The demo loads the indicator catalogue, once."""

import pytest

from tests.core.test_demo import demo_settings, run_demo  # noqa: F401  (fixture)
from territoria.indicators.catalogue import read_catalogue
from territoria.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_indicator_catalogue_once(demo_settings):  # noqa: F811
    output = run_demo()
    assert Indicator.objects.count() == len(read_catalogue())
    assert f"created: {len(read_catalogue())} indicators of the catalogue" in output
    assert "indicators of the catalogue" not in run_demo()
