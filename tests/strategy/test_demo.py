"""The demo's strategy: adopted orientations answering the demo's diagnostic, ambitions
with baselines from the demonstration values, a revision, and a conflict."""

import pytest
from django.urls import reverse

from territoria.diagnostic.demo import demo_diagnostic
from territoria.strategy.demo import demo_strategy
from territoria.strategy.models import Ambition, OrientationVersion
from territoria.strategy.selectors import strategy_balance
from tests.diagnostic.test_demo import demo_territory  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_the_demo_adopts_a_strategy_once(client, demo_territory):  # noqa: F811
    territory, _communes = demo_territory
    demo_diagnostic(territory)
    created = demo_strategy(territory)
    assert created and demo_strategy(territory) == []
    adopted = OrientationVersion.objects.filter(territory=territory, status="adopted")
    assert adopted.count() == 4
    assert OrientationVersion.objects.filter(territory=territory, status="superseded").count() == 1
    assert OrientationVersion.objects.filter(territory=territory, status="draft").count() == 1
    # Every adopted orientation but the last answers items of the demo's diagnostic.
    assert sum(1 for v in adopted if v.diagnostic_items.exists()) == 3
    measurable = Ambition.objects.filter(version__status="adopted").exclude(indicator=None)
    assert measurable.count() >= 4
    assert all(a.baseline_value is not None and a.baseline_date.year == 2018
               for a in measurable)
    assert Ambition.objects.filter(version__status="adopted").exclude(milestones=[]).exists()
    balance = strategy_balance(territory=territory, include_drafts=False)
    assert [t.ambition.title for t in balance.conflicts.trade_offs] == [
        "Attirer une grande surface en entrée de ville"]
    html = client.get(reverse("strategy:strategy", args=[territory.slug])).content.decode()
    assert "On track" in html and "Off track" in html
    assert "Attirer une grande surface" in html
    assert "face aux sécheresses" not in html  # the draft is the team's
    assert "What residents and actors put first" in html and "Vote: rank 1" in html
