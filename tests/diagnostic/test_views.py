from django.urls import reverse

from territoria.accounts.models import Role
from territoria.diagnostic.models import DiagnosticItem
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory


def board_url(territory, **query):
    url = reverse("diagnostic:board", args=[territory.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_anyone_reads_the_board_of_a_public_territory(client, territory, resident):
    contribute(resident, territory, title="Too few buses")
    html = client.get(board_url(territory)).content.decode()
    assert "Too few buses" in html
    assert "Log in to add what you perceive" in html


def test_hostile_html_in_a_contribution_is_shown_escaped(client, territory, resident):
    contribute(resident, territory, title="<script>alert('x')</script>",
               explanation="<b onclick=alert(1)>bold</b>")
    html = client.get(board_url(territory)).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b onclick" not in html


def test_a_resident_contributes_through_the_form(client, territory, resident):
    client.force_login(resident)
    response = client.post(reverse("diagnostic:item-contribute", args=[territory.slug]), {
        "kind": "strength", "axis": "culture", "title": "A lively music school",
        "explanation": "Two hundred pupils."})
    item = DiagnosticItem.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#item-{item.pk}")
    assert item.title == "A lively music school"


def test_a_form_with_errors_keeps_what_was_typed(client, territory, resident):
    client.force_login(resident)
    response = client.post(reverse("diagnostic:item-contribute", args=[territory.slug]), {
        "kind": "strength", "axis": "", "title": "Kept title", "explanation": "Kept text"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kept title" in html and "Kept text" in html
    assert not DiagnosticItem.objects.exists()


def test_the_axis_filter_shows_one_axis(client, territory, resident):
    contribute(resident, territory, axis="mobility", title="Buses")
    contribute(resident, territory, axis="health", title="Doctors")
    html = client.get(board_url(territory, axis="health")).content.decode()
    assert "Doctors" in html and "Buses" not in html
    # an unknown axis shows them all rather than failing
    html = client.get(board_url(territory, axis="nonsense")).content.decode()
    assert "Doctors" in html and "Buses" in html


def test_supporting_from_the_board_returns_to_the_item(client, territory, resident):
    item = contribute(resident, territory)
    neighbour = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    client.force_login(neighbour)
    response = client.post(reverse("diagnostic:item-support", args=[territory.slug, item.pk]),
                           {"next": board_url(territory) + f"#item-{item.pk}"})
    assert response.url == board_url(territory) + f"#item-{item.pk}"
    assert item.supports.count() == 1
    # an address elsewhere is not followed
    response = client.post(reverse("diagnostic:item-support", args=[territory.slug, item.pk]),
                           {"next": "https://evil.example/"})
    assert response.url.startswith("/t/")


def test_a_hidden_contribution_is_gone_for_readers_but_not_for_the_team(client, territory,
                                                                         resident, staff):
    item = contribute(resident, territory, title="Rude words")
    client.force_login(staff)
    client.post(reverse("diagnostic:item-hide", args=[territory.slug, item.pk]))
    assert "Rude words" not in client.get(board_url(territory)).content.decode()
    assert "Rude words" in client.get(
        reverse("diagnostic:proposal-list", args=[territory.slug])).content.decode()
    client.logout()
    detail = reverse("diagnostic:item-detail", args=[territory.slug, item.pk])
    assert client.get(detail).status_code == 404


def test_another_territorys_item_answers_404(client, territory, resident, staff):
    elsewhere = TerritoryFactory()
    foreign = contribute(MembershipFactory(territory=elsewhere).user, elsewhere)
    client.force_login(staff)
    for name in ("item-detail",):
        assert client.get(reverse(f"diagnostic:{name}",
                                  args=[territory.slug, foreign.pk])).status_code == 404
    for name in ("item-support", "proposal-accept", "proposal-dismiss", "item-hide",
                 "item-merge", "evidence-add"):
        response = client.post(reverse(f"diagnostic:{name}", args=[territory.slug, foreign.pk]))
        assert response.status_code == 404, name
    foreign.refresh_from_db()
    assert foreign.status == DiagnosticItem.Status.PUBLISHED


def test_the_home_page_shows_the_diagnostic_under_way(client, territory, resident):
    contribute(resident, territory)
    html = client.get(territory.get_absolute_url()).content.decode()
    assert "0 items from the data, 1 contributions" in html


def test_the_board_lists_the_opinion_maps_held_on_each_axis(client, territory, staff):
    from territoria.opinion.services import conversation_create

    conversation_create(actor=staff, territory=territory, title="Buses for young families?",
                        axis="mobility", seed_statements=["More buses on Saturdays"])
    conversation_create(actor=staff, territory=territory, title="Any axis at all")
    html = client.get(board_url(territory)).content.decode()
    assert "Buses for young families?" in html
    assert "Any axis at all" not in html
