"""Place names normalised for search (no database)."""

import pytest

from territoria.geo.domain.names import normalise_name, query_words


@pytest.mark.parametrize("written", [
    "Saint-Étienne", "saint etienne", "St Etienne", "ST-ÉTIENNE", "st-étienne", "  Saint  Étienne ",
    "SAINT ETIENNE", "St. Étienne",
])
def test_every_way_of_writing_saint_etienne_normalises_alike(written):
    assert normalise_name(written) == "st etienne"


@pytest.mark.parametrize(("name", "expected"), [
    ("Sainte-Foy-lès-Lyon", "ste foy les lyon"),
    ("L'Haÿ-les-Roses", "l hay les roses"),
    ("Œuilly", "oeuilly"),
    ("Saintes", "stes"),
    ("Les Saintes-Maries-de-la-Mer", "les stes maries de la mer"),
    ("Paris 1er Arrondissement", "paris 1er arrondissement"),
])
def test_names_lose_accents_case_punctuation_and_saint(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize("name", [
    "Saint-Étienne", "L'Abergement-Clémenciat", "Œuilly", "Sainte-Foy-lès-Lyon", "Saintes",
    "Îles Saint-Paul et Nouvelle-Amsterdam", "CC Faucigny - Glières",
])
def test_normalising_twice_changes_nothing(name):
    assert normalise_name(normalise_name(name)) == normalise_name(name)


def test_a_query_of_punctuation_only_has_no_words():
    assert query_words(" - ' ") == []
