"""A staff member imports the INSEE comparateur file: uploads it, reads the preview, applies
it, and reads the territory's unemployment rate from the public catalogue."""

from django.urls import reverse
from playwright.sync_api import expect

from territoria.accounts.models import Role
from territoria.core.models import Territory
from territoria.indicators.services import catalogue_load
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr
from tests.factories import MembershipFactory, TerritoryFactory
from tests.indicators.conftest import FIXTURES, make_referential


def test_staff_import_the_insee_file_and_read_the_indicators(new_page, live_server):
    communes = make_referential()
    catalogue_load()
    territory = TerritoryFactory(name="Saint-Étienne Métropole", slug="metropole",
                                 kind=Territory.Kind.EPCI, epci=communes["42218"].epci,
                                 communes=[communes["42218"], communes["42095"]])
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user

    page = new_page()
    sign_in_directly(page, staff, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Indicators")).click()
    page.get_by_role("link", name=fr("Import data")).click()
    page.get_by_role("link", name=fr("Import a file")).click()
    page.get_by_label(fr("INSEE Comparateur de territoires")).check()
    page.get_by_label(fr("Data file")).set_input_files(FIXTURES / "insee_small.zip")
    page.get_by_role("button", name=fr("Upload and check")).click()

    # The job page, then the preview with the validation report.
    page.get_by_role("link", name=fr("See the result")).click()
    expect(page.get_by_role("heading", level=2, name=fr("Validation report"))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("99999")
    page.get_by_role("button", name=fr("Apply this import")).click()
    page.get_by_role("link", name=fr("See the result")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("applied"))

    page.goto(reverse("indicators:indicator-list", args=[territory.slug]))
    page.get_by_role("link", name=fr("Unemployment rate")).click()
    values = page.get_by_role("table")
    expect(values).to_contain_text("Saint-Étienne Métropole")
    expect(values).to_contain_text("17,7")  # (14,000 + 60 + 1,500) / (80,000 + 500 + 7,500)
