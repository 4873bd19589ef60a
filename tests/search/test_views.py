"""The search page: a box in every territory page's header, results by kind, snippets,
pages, and bad input answered with a message, never an error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def url(territory, **params):
    from urllib.parse import urlencode

    return reverse("search:search", kwargs={"territory_slug": territory.slug}) + (
        "?" + urlencode(params) if params else "")


def test_every_territory_page_has_the_search_box(client, territory):
    html = client.get(territory.get_absolute_url()).content.decode()
    assert 'role="search"' in html and url(territory) in html


def test_results_show_kinds_titles_and_snippets(client, territory, board):
    response = client.get(url(territory, q="developpement"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 results for “developpement”" in html
    assert "Diagnostic (1)" in html and "Statements (1)" in html
    assert "<mark>développement</mark>" in html
    item_url = reverse("diagnostic:item-detail", kwargs={"territory_slug": territory.slug,
                                                         "item_id": board["school"].pk})
    assert f'href="{item_url}"' in html


def test_a_kind_narrows_the_results(client, territory, board):
    html = client.get(url(territory, q="developpement", kind="opinion.statement")).content \
        .decode()
    assert "1 result for" in html and "vélo" in html and "va fermer" not in html


@pytest.mark.parametrize("typed", ['"', "*", "()", "   ", "\x00"])
def test_a_query_without_words_gets_a_message(client, territory, board, typed):
    response = client.get(url(territory, q=typed))
    assert response.status_code == 200
    assert "Type at least one word to search" in response.content.decode()


@pytest.mark.parametrize("typed", ["NEAR(", "AND OR", "x" * 10_000, "école " * 2000,
                                   "<script>alert(1)</script>", "a" * 300 + '"'])
def test_hostile_queries_answer_a_page(client, territory, board, typed):
    response = client.get(url(territory, q=typed, kind="<b>", page="-3"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if len(typed) > 200:
        assert "only its first words were used" in html


def test_hostile_content_is_escaped_in_the_results(client, territory, resident,
                                                   django_capture_on_commit_callbacks):
    from territoria.diagnostic.services import item_contribute

    with django_capture_on_commit_callbacks(execute=True):
        item_contribute(author=resident, territory=territory, kind="threat", axis="health",
                        title='Hôpital"><script>alert(1)</script>',
                        explanation="<img src=x onerror=alert(1)> hôpital fermé")
    html = client.get(url(territory, q="hopital")).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_results_come_in_pages(client, territory, staff, django_capture_on_commit_callbacks):
    from territoria.opinion.services import conversation_create

    with django_capture_on_commit_callbacks(execute=True):
        conversation_create(actor=staff, territory=territory, title="Les arbres",
                            seed_statements=[f"Planter un arbre rue {n}" for n in range(25)])
    html = client.get(url(territory, q="arbre")).content.decode()
    assert "Page 1 of 2" in html and "q=arbre&amp;kind=&amp;page=2" in html
    second = client.get(url(territory, q="arbre", page=2)).content.decode()
    assert "Page 2 of 2" in second


def test_the_htmx_request_gets_the_results_only(client, territory, board):
    html = client.get(url(territory, q="ecole"), headers={"HX-Request": "true"}).content.decode()
    assert 'id="search-results"' in html and "<html" not in html


def test_a_private_territory_search_answers_404_to_strangers(client, board, territory):
    territory.is_public = False
    territory.save()
    assert client.get(url(territory, q="ecole")).status_code == 404
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(url(territory, q="ecole")).status_code == 404


def test_a_statement_is_found_by_its_own_words_and_shows_its_question(client, territory,
                                                                      board):
    html = client.get(url(territory, q="vélo")).content.decode()
    assert "Statements · Comment revitaliser le centre-bourg ?" in html
    # The question's words find the conversation, not each of its statements.
    html = client.get(url(territory, q="revitaliser")).content.decode()
    assert "1 result for" in html
