import textwrap

import pytest

from territoria.core.management.commands.check_messages import catalog_problems
from territoria.core.pofile import read_po


def test_every_source_string_has_a_reviewed_french_translation():
    problems = catalog_problems("fr")
    assert problems == [], "\n".join(problems[:50])


def test_the_catalog_reader_sees_untranslated_fuzzy_and_plural_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "Save"
        msgstr "Enregistrer"

        #, fuzzy, python-format
        msgid "Hello %(name)s"
        msgstr "Bonjour %(name)s"

        msgid "Long "
        "text"
        msgstr ""

        msgctxt "verb"
        msgid "{n} commune"
        msgid_plural "{n} communes"
        msgstr[0] "{n} commune"
        msgstr[1] ""

        #~ msgid "Gone"
        #~ msgstr "Parti"
        '''), encoding="utf-8")
    entries = {e.msgid: e for e in read_po(po)}
    assert set(entries) == {"Save", "Hello %(name)s", "Long text", "{n} commune"}
    assert entries["Save"].translated and not entries["Save"].fuzzy
    assert entries["Hello %(name)s"].fuzzy
    assert not entries["Long text"].translated
    assert entries["{n} commune"].msgctxt == "verb"
    assert not entries["{n} commune"].translated


@pytest.mark.french
@pytest.mark.django_db
def test_the_interface_speaks_french_by_default_and_english_on_request(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Tous les territoires" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "All territories" in html
