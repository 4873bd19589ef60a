import pytest


@pytest.fixture(autouse=True)
def _english(request, settings):
    """App tests read the English source strings, whatever the French catalog holds.

    French, the default language, is checked by tests/i18n and by the browser journeys,
    which keep LANGUAGE_CODE = "fr".
    """
    if "e2e" not in request.node.keywords and "french" not in request.node.keywords:
        settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_peer_groups():
    """Peer groups are kept per process until the referential changes; tests build their
    own small referentials, so each starts with none kept."""
    from territoria.indicators.comparison import _automatic_peers

    _automatic_peers.cache_clear()


@pytest.fixture
def task_worker(settings, transactional_db):
    """A real task worker process (django-tasks-db's ``db_worker``) on the test database.

    The test process enqueues into the database backend; the worker runs the tasks until
    the queue is empty, then the fixture stops it.
    """
    import os
    import subprocess
    import sys

    from django.db import connection

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
               f"{db['PORT'] or 5432}/{db['NAME']}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "TEST_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}

    class Worker:
        def run_until_idle(self, timeout: float = 60) -> str:
            """Run the worker in batch mode: it processes every queued task, then exits."""
            done = subprocess.run(
                [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
                 "--interval", "0.2"],
                env=env, capture_output=True, text=True, timeout=timeout,
                cwd=settings.BASE_DIR)
            assert done.returncode == 0, done.stderr[-3000:]
            return done.stdout + done.stderr

    return Worker()
