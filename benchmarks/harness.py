"""What the benchmark scripts share: a child process per database, a temporary PostgreSQL
database created and dropped around it, and the name of the database server.

A script runs its measurements in a child process (``run_child``) so that each database gets
a fresh Django set-up; the child prints its figures as JSON on its last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def run_child(script: str, database_url: str, arguments: Sequence[str] = ()) -> dict:
    """Run ``script --child *arguments`` on ``database_url``; its last printed line, as JSON."""
    env = {**os.environ, "DATABASE_URL": database_url, "TERRITORIA_DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "config.settings.base", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, script, "--child", *arguments], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"A run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def postgres_url() -> str | None:
    """The PostgreSQL server DATABASE_URL names, if it names one."""
    url = os.environ.get("TERRITORIA_DATABASE_URL", os.environ.get("DATABASE_URL", ""))
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextmanager
def temporary_postgres(url: str, name: str) -> Iterator[str]:
    """A database ``name`` created on ``url``'s server for the duration, then dropped; the
    database ``url`` names is never touched. Yields its URL."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_name() -> str:
    """"SQLite 3.40.1" or "PostgreSQL 15.20": the server of Django's connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
