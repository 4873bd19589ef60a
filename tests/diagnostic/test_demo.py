"""The demo's diagnostic: demonstration values labelled as such, contributions, proposals."""

import pytest
from django.urls import reverse

from tests.factories import CommuneFactory, EpciFactory, MembershipFactory, UserFactory
from territoria.accounts.models import Role
from territoria.core.models import Territory
from territoria.core.services import territory_create
from territoria.diagnostic.demo import CONTRIBUTIONS, demo_diagnostic
from territoria.diagnostic.models import DiagnosticItem
from territoria.indicators.models import IndicatorValue, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_territory(catalogue):
    epci = EpciFactory(siren="242600252", population=6000)
    communes = [CommuneFactory(epci=epci, population=p) for p in (1000, 2000, 3000)]
    for n in range(12):  # comparable EPCI of the same région, with their communes
        other = EpciFactory(population=4000 + 300 * n)
        CommuneFactory(epci=other, population=4000 + 300 * n)
    territory = territory_create(name="Demo", kind=Territory.Kind.EPCI, epci=epci)
    for email in {c[0] for c in CONTRIBUTIONS} | {s for c in CONTRIBUTIONS for s in c[5]}:
        MembershipFactory(territory=territory, role=Role.RESIDENT,
                          user=UserFactory(email=email))
    return territory, communes


def test_the_demo_fills_the_diagnostic_once_and_labels_its_values(client, demo_territory):
    territory, communes = demo_territory
    created = demo_diagnostic(territory)
    assert any("demonstration indicator values" in line for line in created)
    assert IndicatorValue.objects.filter(level=Level.EPCI, area_code="242600252",
                                         indicator__code="unemployment_rate").exists()
    assert DiagnosticItem.objects.filter(origin="contribution").count() == len(CONTRIBUTIONS)
    assert demo_diagnostic(territory) == []  # a second run creates nothing
    html = client.get(reverse("diagnostic:report", args=[territory.slug])).content.decode()
    assert "Demonstration values." in html


def test_no_demonstration_label_once_real_values_replace_them(client, demo_territory):
    territory, communes = demo_territory
    demo_diagnostic(territory)
    IndicatorValue.objects.filter(level=Level.COMMUNE).update(data_import=None)
    html = client.get(reverse("diagnostic:report", args=[territory.slug])).content.decode()
    assert "Demonstration values." not in html
