"""Strengths and weaknesses proposed by the data, and the team's decisions on them."""

import pytest
from django.urls import reverse

from territoria.diagnostic import services
from territoria.diagnostic.models import DiagnosticItem
from territoria.indicators.models import IndicatorValue, Level

Status = DiagnosticItem.Status
pytestmark = pytest.mark.django_db


def proposal(territory):
    return DiagnosticItem.objects.get(territory=territory, origin="data",
                                      indicator__code="unemployment_rate")


def test_the_data_proposes_a_strength_with_its_evidence(epcis):
    territory, _own, _peers = epcis
    summary = services.proposals_refresh(territory=territory)
    assert summary.created == 1
    item = proposal(territory)
    assert (item.kind, item.status, item.axis, item.period) == (
        "strength", Status.PROPOSED, "economy", "2018")
    assert item.evidence["value"] == 5.0 and item.evidence["rank"] == 1
    text = " ".join(item.data_explanation)
    assert "Unemployment rate: 5.0% here." in text
    assert "better than in 100% of the 12 comparable areas, whose median is 13.5%" in text
    assert "Drôme: 9.0%." in text


def test_recomputing_changes_nothing_when_the_data_is_the_same(epcis, epci_staff):
    territory, _, _ = epcis
    services.proposals_refresh(territory=territory)
    services.proposal_accept(actor=epci_staff, item=proposal(territory))
    summary = services.proposals_refresh(territory=territory)
    assert (summary.created, summary.changed, summary.unchanged) == (0, 0, 1)
    assert proposal(territory).status == Status.PUBLISHED


def test_a_decided_strength_that_turns_into_a_weakness_goes_back_to_the_team(
        epcis, epci_staff):
    territory, own, _ = epcis
    services.proposals_refresh(territory=territory)
    services.proposal_accept(actor=epci_staff, item=proposal(territory))
    IndicatorValue.objects.filter(level=Level.EPCI, area_code=own.siren,
                                  period="2018").update(value=30.0)
    assert services.proposals_refresh(territory=territory).changed == 1
    item = proposal(territory)
    assert (item.kind, item.status, item.decided_by) == ("weakness", Status.PROPOSED, None)


def test_a_pending_proposal_the_data_no_longer_supports_is_withdrawn(epcis):
    territory, own, _ = epcis
    services.proposals_refresh(territory=territory)
    IndicatorValue.objects.filter(level=Level.EPCI, area_code=own.siren,
                                  period="2018").update(value=13.5)  # in the middle
    assert services.proposals_refresh(territory=territory).removed == 1
    assert not DiagnosticItem.objects.filter(origin="data").exists()


def test_the_team_accepts_a_proposal_and_it_appears_on_the_board(client, epcis,
                                                                 epci_staff):
    territory, _, _ = epcis
    client.force_login(epci_staff)
    response = client.post(reverse("diagnostic:proposal-refresh", args=[territory.slug]))
    assert response.status_code == 302
    page = client.get(reverse("diagnostic:proposal-list", args=[territory.slug]))
    assert "Unemployment rate" in page.content.decode()
    item = proposal(territory)
    client.post(reverse("diagnostic:proposal-accept", args=[territory.slug, item.pk]))
    board = client.get(reverse("diagnostic:board", args=[territory.slug])).content.decode()
    assert "Unemployment rate" in board and "better than in" in board


def test_the_board_shows_where_data_and_perceptions_disagree(client, epcis, epci_staff,
                                                             epci_resident):
    territory, _, _ = epcis
    services.proposals_refresh(territory=territory)
    services.proposal_accept(actor=epci_staff, item=proposal(territory))
    services.item_contribute(author=epci_resident, territory=territory, kind="weakness",
                             axis="economy", title="No jobs for the young",
                             explanation="They all leave for Valence.")
    board = client.get(reverse("diagnostic:board", args=[territory.slug])).content.decode()
    assert "data and perceptions disagree" in board
