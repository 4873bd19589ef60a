import textwrap

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
