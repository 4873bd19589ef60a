"""The engines' structures, each created only on its database and kept in step with
``search_searchentry`` by triggers.

PostgreSQL: the text search configuration ``territoria_french`` (French stemming, with
``unaccent`` before it when the extension can be created: "developpement" finds
"développement"), a ``search_vector`` column (title weighted A, body B) filled by a trigger,
and its GIN index.

SQLite: an FTS5 table over the entries' title and body (external content, tokenizer
``unicode61 remove_diacritics 2``) and the three triggers of SQLite's documentation.
A later migration that alters ``search_searchentry`` on SQLite rebuilds the table, which
drops its triggers: recreate them there (``SQLITE_TRIGGERS``), then rebuild the index.
"""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

POSTGRES_VECTOR = """
ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector;
CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (search_vector);
CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('territoria_french', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('territoria_french', coalesce(NEW.body, '')), 'B');
  RETURN NEW;
END $$;
CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title, body
  ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector();
"""

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body, content='search_searchentry', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2')
"""
SQLITE_TRIGGERS = [
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
         INSERT INTO search_fts(search_fts, rowid, title, body)
           VALUES ('delete', old.id, old.title, old.body);
       END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
         INSERT INTO search_fts(search_fts, rowid, title, body)
           VALUES ('delete', old.id, old.title, old.body);
         INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            unaccent = True
            try:
                with _savepoint(connection), connection.cursor() as probe:
                    probe.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            except Exception:  # not installed, or no right to create it
                unaccent = False
                logger.warning("The unaccent extension is not available: searches on "
                               "PostgreSQL will not ignore accents. Install "
                               "postgresql-contrib and run `CREATE EXTENSION unaccent`.")
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'territoria_french'")
            if cursor.fetchone() is None:
                cursor.execute("CREATE TEXT SEARCH CONFIGURATION territoria_french "
                               "(COPY = french)")
                if unaccent:
                    cursor.execute("ALTER TEXT SEARCH CONFIGURATION territoria_french "
                                   "ALTER MAPPING FOR hword, hword_part, word "
                                   "WITH unaccent, french_stem")
            cursor.execute(POSTGRES_VECTOR)
        elif connection.vendor == "sqlite":
            cursor.execute(SQLITE_TABLE)
            for trigger in SQLITE_TRIGGERS:
                cursor.execute(trigger)


class _savepoint:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.sid = self.connection.savepoint()

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.connection.savepoint_commit(self.sid)
        else:
            self.connection.savepoint_rollback(self.sid)
        return False


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry")
            cursor.execute("DROP FUNCTION IF EXISTS search_entry_vector()")
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector")
            cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS territoria_french")
        elif connection.vendor == "sqlite":
            for name in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS search_fts_{name}")
            cursor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
