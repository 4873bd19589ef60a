"""The strategy's pages: what the public and the team see, forms that keep the input."""

from datetime import date

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.indicators.models import Level
from territoria.strategy import services
from territoria.strategy.models import Ambition, CrossEffect, OrientationVersion
from tests.factories import MembershipFactory
from tests.indicators.conftest import put
from tests.strategy.conftest import adopt, draft, measurable, qualitative

pytestmark = pytest.mark.django_db


@pytest.fixture
def epci(epcis):
    """The EPCI territory (unemployment 6.0 % in 2013, 5.0 % in 2018) and its team."""
    territory = epcis[0]
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    elected = MembershipFactory(territory=territory, role=Role.ELECTED).user
    return territory, staff, elected


def url(name, territory, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"territory_slug": territory.slug, **kwargs})


def test_the_public_sees_adopted_orientations_only_with_trajectory_and_status(
        client, epci, catalogue):
    territory, staff, elected = epci
    public = draft(staff, territory, title="Jobs for the young")
    measurable(staff, public, catalogue["unemployment_rate"], title="Bring unemployment down",
               baseline=6.0, baseline_date=date(2013, 1, 1), target=3.0)
    adopt(elected, public)
    draft(staff, territory, title="Secret draft")
    html = client.get(url("strategy", territory)).content.decode()
    assert "Jobs for the young" in html and "Bring unemployment down" in html
    assert "Secret draft" not in html
    # The chart: target trajectory against actual values, with its table.
    assert 'id="trajectory-' in html and "Target trajectory" in html and "Actual values" in html
    assert "<table" in html
    # 5.0 in 2018 against a path from 6.0 (2013) to 3.0 (2030): expected ≈ 5.1 → on track,
    # but 2018 is too old to tell today.
    assert "No recent data" in html
    client.force_login(staff)
    html = client.get(url("strategy", territory)).content.decode()
    assert "Secret draft" in html and "Not public until adopted." in html


def test_a_recent_value_on_the_path_is_on_track(client, epci, catalogue):
    territory, staff, elected = epci
    version = draft(staff, territory)
    measurable(staff, version, catalogue["unemployment_rate"], baseline=5.0, target=3.0,
               baseline_date=date(2018, 1, 1))
    adopt(elected, version)
    put(catalogue["unemployment_rate"], Level.EPCI, territory.epci.siren, 4.0,
        period=str(date.today().year - 1))
    html = client.get(url("strategy", territory)).content.decode()
    assert "On track" in html
    put(catalogue["unemployment_rate"], Level.EPCI, territory.epci.siren, 6.0,
        period=str(date.today().year))
    html = client.get(url("strategy", territory)).content.decode()
    assert "Off track" in html


def test_a_never_adopted_orientation_answers_404_to_visitors(client, epci):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    for name in ("orientation-detail", "orientation-versions"):
        assert client.get(url(name, territory, orientation_id=version.orientation_id)
                          ).status_code == 404
    client.force_login(staff)
    assert client.get(url("orientation-detail", territory,
                          orientation_id=version.orientation_id)).status_code == 200


def test_the_team_drafts_from_a_weakness(client, epci):
    territory, staff, _elected = epci
    from territoria.diagnostic import services as diagnostic

    item = diagnostic.item_contribute(author=staff, territory=territory, kind="weakness",
                                      axis="health", title="No dentist", explanation="None.")
    client.force_login(staff)
    html = client.get(url("orientation-create", territory) + f"?item={item.pk}").content.decode()
    import re

    assert re.search(rf'<input type="checkbox" name="diagnostic_items" value="{item.pk}"[^>]*'
                     r'checked', html)
    assert re.search(r'<input type="checkbox" name="axes" value="health"[^>]*checked', html)
    response = client.post(url("orientation-create", territory), {
        "title": "Health for all", "rationale": "Three months for a dentist.",
        "diagnostic_items": [item.pk], "principles": ["well_being"], "axes": ["health"]})
    version = OrientationVersion.objects.get()
    assert response.status_code == 302
    assert list(version.diagnostic_items.all()) == [item]


def test_a_refused_orientation_form_keeps_the_input(client, epci):
    territory, staff, _elected = epci
    client.force_login(staff)
    response = client.post(url("orientation-create", territory), {
        "title": "", "rationale": "Kept rationale <script>", "axes": ["health"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kept rationale &lt;script&gt;" in html
    assert not OrientationVersion.objects.exists()


def ambition_post(client, territory, version, **data):
    fields = {"title": "Halve unemployment", "indicator": "", "baseline_value": "",
              "baseline_date": "", "target_value": "", "target_unit": "", "deadline": ""}
    fields.update(data)
    return client.post(url("ambition-create", territory, orientation_id=version.orientation_id),
                       fields)


def test_an_ambition_without_baseline_is_offered_the_territorys_latest_value(
        client, epci, catalogue):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    client.force_login(staff)
    rate = catalogue["unemployment_rate"]
    response = ambition_post(client, territory, version, indicator=rate.pk,
                             target_value="3.5", deadline="2030-12-31")
    html = response.content.decode()
    assert response.status_code == 200 and not Ambition.objects.exists()
    assert "latest value, 5.0% in 2018, is filled in" in html
    assert 'name="baseline_date" value="2018-01-01"' in html
    assert 'value="3.5"' in html  # the user's target is kept
    # Saving again with the proposed baseline works.
    response = ambition_post(client, territory, version, indicator=rate.pk, target_value="3.5",
                             deadline="2030-12-31", baseline_value="5.0",
                             baseline_date="2018-01-01")
    assert response.status_code == 302
    assert Ambition.objects.get().baseline_value == 5.0


def test_an_ambition_without_baseline_nor_value_says_so(client, epci, catalogue):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    client.force_login(staff)
    response = ambition_post(client, territory, version,
                             indicator=catalogue["associations_per_1000"].pk, target_value="9",
                             deadline="2030-12-31")
    assert "no value of this indicator yet" in response.content.decode()


def test_bad_ambition_input_is_refused_with_a_clear_message(client, epci, catalogue):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    client.force_login(staff)
    rate = catalogue["unemployment_rate"]
    common = {"indicator": rate.pk, "baseline_value": "5", "baseline_date": "2018-01-01",
              "target_value": "4", "deadline": "2030-12-31"}
    cases = [
        ({"target_unit": "€"}, "cannot be compared with it"),
        ({"deadline": "2017-01-01"}, "The deadline must come after the baseline date"),
        ({"milestone_1_date": "2026-01-01", "milestone_1_value": "4.5",
          "milestone_2_date": "2024-01-01", "milestone_2_value": "4.8"}, "date order"),
        ({"milestone_1_date": "2026-01-01"}, "both a date and a value"),
        ({"target_value": "beaucoup"}, "Enter a number"),
    ]
    for data, message in cases:
        response = ambition_post(client, territory, version, **{**common, **data})
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    assert not Ambition.objects.exists()


def test_the_indicator_facts_partial_tells_the_unit_and_latest_value(client, epci, catalogue):
    territory, staff, _elected = epci
    client.force_login(staff)
    html = client.get(url("indicator-facts", territory),
                      {"indicator": catalogue["unemployment_rate"].pk}).content.decode()
    assert "Unit of the indicator: %" in html and "5.0% in 2018" in html
    assert "<html" not in html


def test_adoption_page_shows_conflicts_and_records_the_decision(client, epci, catalogue):
    territory, staff, elected = epci
    version = draft(staff, territory, title="Economy")
    retailer = qualitative(staff, version, title="Attract a large retailer")
    services.effects_record(actor=staff, territory=territory, source="staff", effects={
        (retailer.pk, "economy"): ("positive", ""),
        (retailer.pk, "environment"): ("negative", "")})
    services.orientation_submit(actor=staff, version=version)
    client.force_login(elected)
    page = url("orientation-adopt", territory, orientation_id=version.orientation_id)
    html = client.get(page).content.decode()
    assert "Attract a large retailer</strong>: + Economy and jobs, − Environment" in html
    assert "Development principles no ambition serves: <strong>Responsible (sustainable)" \
        in html
    response = client.post(page, {"decision_date": "2999-01-01",
                                  "decision_body": "Governance committee"})
    assert "cannot be dated in the future" in response.content.decode()
    response = client.post(page, {"decision_date": "2026-02-03",
                                  "decision_body": "Governance committee",
                                  "decision_reference": "CG-2026-02"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "adopted"


def test_effects_matrix_is_one_form(client, epci):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    a = qualitative(staff, version, title="Attract a large retailer")
    client.force_login(staff)
    page = url("effects", territory)
    html = client.get(page).content.decode()
    assert f'name="effect_{a.pk}_economy"' in html
    assert "Effect of “Attract a large retailer” on Economy and jobs" in html
    response = client.post(page, {"source": "workshop", "source_detail": "",
                                  f"effect_{a.pk}_economy": "positive",
                                  f"note_{a.pk}_culture": "orphan note"})
    html = response.content.decode()
    assert "Name the workshop" in html and "Choose the effect this note explains" in html
    assert not CrossEffect.objects.exists()
    response = client.post(page, {"source": "workshop", "source_detail": "Atelier",
                                  f"effect_{a.pk}_economy": "positive",
                                  f"effect_{a.pk}_culture": "negative"})
    assert response.status_code == 302
    html = client.get(page).content.decode()
    assert "Attract a large retailer</strong>: + Economy and jobs, − Culture" in html


def test_balance_page_flags_what_nothing_serves(client, epci, catalogue):
    territory, staff, _elected = epci
    from territoria.diagnostic import services as diagnostic

    diagnostic.item_contribute(author=staff, territory=territory, kind="weakness",
                               axis="health", title="No dentist", explanation="None.")
    version = draft(staff, territory, principles=["endogenous"], axes=["economy"])
    qualitative(staff, version, title="A welcoming territory")
    client.force_login(staff)
    html = client.get(url("balance", territory)).content.decode()
    assert "Development principles no ambition serves" in html
    assert "No dentist" in html and "Draft an orientation answering it" in html
    assert "Ambitions that are not measurable" in html
    assert "A welcoming territory" in html


def test_versions_page_tells_what_changed(client, epci, catalogue):
    territory, staff, elected = epci
    version = draft(staff, territory, title="Jobs")
    measurable(staff, version, catalogue["unemployment_rate"])
    adopt(elected, version)
    revision = services.orientation_revise(actor=staff, orientation=version.orientation)
    services.orientation_update(actor=staff, version=revision, title="Jobs for all",
                                rationale=revision.rationale, principles=["endogenous"],
                                axes=["economy", "mobility"], change_note="Broader")
    adopt(elected, revision, when=date(2026, 6, 1))
    html = client.get(url("orientation-versions", territory,
                          orientation_id=version.orientation_id)).content.decode()
    assert "Version 2: Jobs for all" in html and "Version 1: Jobs" in html
    assert "Title: “Jobs” became “Jobs for all”." in html
    assert "Now touches the axis: Mobility." in html
    # The public page shows the new version only.
    html = client.get(url("strategy", territory)).content.decode()
    assert "Jobs for all" in html


def test_the_team_edits_and_removes_a_draft_ambition_and_takes_a_submission_back(
        client, epci, catalogue):
    territory, staff, _elected = epci
    version = draft(staff, territory)
    ambition = measurable(staff, version, catalogue["unemployment_rate"],
                          milestones=[(date(2025, 1, 1), 6.0)])
    client.force_login(staff)
    page = url("ambition-edit", territory, ambition_id=ambition.pk)
    html = client.get(page).content.decode()
    assert 'name="milestone_1_date" value="2025-01-01"' in html
    assert 'value="%"' in html  # the unit shown is the indicator's
    response = client.post(page, {"title": "Cut unemployment", "indicator": ambition.indicator_id,
                                  "baseline_value": "8", "baseline_date": "2018-01-01",
                                  "target_value": "3", "target_unit": "%",
                                  "deadline": "2030-12-31"})
    assert response.status_code == 302
    ambition.refresh_from_db()
    assert (ambition.title, ambition.target_value, ambition.milestones) == (
        "Cut unemployment", 3.0, [])
    services.orientation_submit(actor=staff, version=version)
    # A submitted version's ambitions are not edited: the page says so and changes nothing.
    response = client.post(page, {"title": "Changed"}, follow=True)
    assert "revise the orientation to change them" in response.content.decode()
    response = client.post(url("ambition-delete", territory, ambition_id=ambition.pk),
                           follow=True)
    assert Ambition.objects.filter(pk=ambition.pk).exists()
    client.post(url("orientation-withdraw", territory, orientation_id=version.orientation_id))
    version.refresh_from_db()
    assert version.status == "draft"
    client.post(url("ambition-delete", territory, ambition_id=ambition.pk))
    assert not Ambition.objects.filter(pk=ambition.pk).exists()


def test_the_team_sees_a_revision_while_the_public_sees_the_adopted_version(
        client, epci, catalogue):
    territory, staff, elected = epci
    version = draft(staff, territory, title="Adopted title")
    measurable(staff, version, catalogue["unemployment_rate"])
    adopt(elected, version)
    client.force_login(staff)
    detail = url("orientation-detail", territory, orientation_id=version.orientation_id)
    assert "Revise this orientation" in client.get(detail).content.decode()
    client.post(url("orientation-revise", territory, orientation_id=version.orientation_id))
    client.post(url("orientation-edit", territory, orientation_id=version.orientation_id), {
        "title": "Revised title", "rationale": "R", "change_note": "Why we changed"})
    html = client.get(detail).content.decode()
    assert "Revised title" in html and "This is a revision in progress" in html
    client.logout()
    html = client.get(detail).content.decode()
    assert "Adopted title" in html and "Revised title" not in html
    html = client.get(url("strategy", territory)).content.decode()
    assert "Adopted title" in html and "Revised title" not in html


def test_the_cycle_on_the_home_page_shows_the_strategy_steps(client, epci, catalogue):
    territory, staff, elected = epci
    from territoria.core.cycle import cycle_status

    statuses = {step.key: status for step, status in cycle_status(territory)}
    assert not statuses["orientations"].started and not statuses["ambitions"].started
    version = draft(staff, territory)
    measurable(staff, version, catalogue["unemployment_rate"])
    qualitative(staff, version)
    adopt(elected, version)
    statuses = {step.key: status for step, status in cycle_status(territory)}
    assert statuses["orientations"].started
    assert statuses["ambitions"].detail == "2 ambitions adopted, 1 of them measurable"
    assert statuses["orientations"].url == url("strategy", territory)


def test_adopting_without_ambitions_through_the_page_keeps_the_decision_typed(client, epci):
    territory, staff, elected = epci
    version = draft(staff, territory)
    services.orientation_submit(actor=staff, version=version)
    client.force_login(elected)
    response = client.post(url("orientation-adopt", territory,
                               orientation_id=version.orientation_id),
                           {"decision_date": "2026-02-03", "decision_body": "Comité",
                            "decision_reference": "CG-2026-02"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "add at least one ambition" in html
    assert 'value="CG-2026-02"' in html and 'value="2026-02-03"' in html
    version.refresh_from_db()
    assert version.status == "submitted"


def test_a_diagnostic_items_page_links_to_the_orientations_answering_it(client, epci):
    territory, staff, elected = epci
    from territoria.diagnostic import services as diagnostic

    item = diagnostic.item_contribute(author=staff, territory=territory, kind="weakness",
                                      axis="health", title="No dentist", explanation="None.")
    page = reverse("diagnostic:item-detail", args=[territory.slug, item.pk])
    assert "In the strategy" not in client.get(page).content.decode()
    client.force_login(staff)
    html = client.get(page).content.decode()
    assert "No adopted orientation answers this item yet." in html
    assert f"/strategy/orientations/new/?item={item.pk}" in html
    version = draft(staff, territory, title="Health for all", items=[item.pk])
    qualitative(staff, version)
    adopt(elected, version)
    client.logout()
    html = client.get(page).content.decode()
    assert "Orientation 1: Health for all" in html
    assert "orientations/new/" not in html


def test_the_adopted_strategy_downloads_as_csv(client, epci, catalogue):
    import csv
    import io

    territory, staff, elected = epci
    version = draft(staff, territory, title="Jobs, <for> all")
    measurable(staff, version, catalogue["unemployment_rate"], baseline=6.0,
               baseline_date=date(2013, 1, 1), milestones=[(date(2025, 1, 1), 5.0)])
    qualitative(staff, version)
    adopt(elected, version)
    draft(staff, territory, title="Secret draft")
    response = client.get(url("strategy-export", territory))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows[0], dict(zip(rows[0], rows[1])), dict(zip(rows[0], rows[2]))
    assert len(rows) == 3 and header[0] == "orientation"
    assert first["orientation_title"] == "Jobs, <for> all"
    assert (first["indicator"], first["unit"], first["baseline_value"], first["target_value"],
            first["milestones"]) == ("unemployment_rate", "%", "6.0", "4.0", "2025-01-01=5.0")
    assert (first["latest_value"], first["latest_year"]) == ("5.0", "2018")
    assert first["status"] == "no_recent_data"
    assert second["status"] == "not_measurable"
    html = client.get(url("strategy", territory)).content.decode()
    assert "Measurable ambitions: 0 on track, 0 off track, 1 without recent data." in html


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_defused_in_the_csv(client, epci):
    territory, staff, elected = epci
    version = draft(staff, territory, title='=HYPERLINK("http://evil.example","x")')
    qualitative(staff, version, title="+1 emplois")
    adopt(elected, version)
    text = client.get(url("strategy-export", territory)).content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and "'+1 emplois" in text
    assert ",=HYPERLINK" not in text
