"""How long a search takes over a large index, and how long rebuilding the index takes.

    .venv/bin/python benchmarks/search.py [--statements 100000] [--repeat 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/search.py

For each database (a temporary SQLite file; and a temporary database on the PostgreSQL
server that DATABASE_URL names, created and dropped here), a child process migrates, writes
``--statements`` opinion statements of generated French text spread over 100 conversations
of one territory (and 10 % as many in another territory, which the search must leave out),
rebuilds the index with ``search_rebuild``'s function (timed), then runs each query of
``QUERIES`` ``--repeat`` times through ``territoria.search.selectors.search`` (count by kind,
one page of 20 with snippets, the entries of the page: what the search page does), and
prints the median and 95th percentile of each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres  # noqa: E402

WORDS = ("école commune développement mobilité santé logement commerce marché vélo bus "
         "emploi jeunes familles centre-bourg parc jardin médecin crèche associations "
         "agriculture circuit court énergie solaire rénovation piscine bibliothèque culture "
         "sécurité éclairage route chemin forêt rivière eau déchets tri compost transport "
         "covoiturage numérique fibre tourisme patrimoine église château musée festival").split()
QUERIES = ["developpement", "École", "communes", "santé logement", "vélo bus jeunes",
           "zzzz introuvable", '"NEAR( AND OR *']


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def child(n_statements: int, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from territoria.core.models import Territory
    from territoria.opinion.models import Conversation, Statement
    from territoria.search.index import index_rebuild
    from territoria.search.selectors import search

    call_command("migrate", verbosity=0)
    rng = random.Random(20261122)
    territories = [Territory.objects.create(name=name, slug=name, kind=Territory.Kind.CUSTOM)
                   for name in ("searched", "elsewhere")]
    with transaction.atomic():
        for territory, count in ((territories[0], n_statements),
                                 (territories[1], n_statements // 10)):
            conversations = Conversation.objects.bulk_create([
                Conversation(territory=territory, title=" ".join(rng.sample(WORDS, 6)))
                for _ in range(100)])
            Statement.objects.bulk_create([
                Statement(conversation=conversations[n % 100],
                          text=" ".join(rng.sample(WORDS, rng.randint(6, 14))).capitalize(),
                          normalised=f"{territory.slug}-{n}")
                for n in range(count)], batch_size=5000)
    started = time.perf_counter()
    counts = index_rebuild()
    rebuild_s = time.perf_counter() - started
    figures: dict = {"entries": sum(counts.values()), "rebuild_s": rebuild_s, "queries": {}}
    anonymous = AnonymousUser()
    for text in QUERIES:
        samples, found, sql = [], 0, 0
        for _ in range(repeat):
            clock = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                results = search(territory=territories[0], query=text, user=anonymous)
                hits = results.hits
            samples.append(1000 * (time.perf_counter() - clock))
            found, sql = results.total, len(queries.captured_queries)
        figures["queries"][text] = {"found": found, "shown": len(hits), "sql": sql,
                                    "p50_ms": statistics.median(samples),
                                    "p95_ms": _percentile(samples, 0.95)}
    figures["server"] = server_name()
    return figures


def _print(f: dict) -> None:
    print(f"\n{f['server']} — {f['entries']:,} entries indexed in {f['rebuild_s']:.1f} s")
    print(f"  {'query':<22} {'found':>8} {'shown':>6} {'SQL':>4} {'p50':>9} {'p95':>9}")
    for text, q in f["queries"].items():
        print(f"  {text!r:<22} {q['found']:>8,} {q['shown']:>6} {q['sql']:>4} "
              f"{q['p50_ms']:>7.1f} ms {q['p95_ms']:>6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    arguments = ["--statements", str(args.statements), "--repeat", str(args.repeat)]
    if args.child:
        print(json.dumps(child(args.statements, args.repeat)))
        return
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        _print(run_child(__file__, f"sqlite:///{Path(workdir) / 'search.sqlite3'}", arguments))
    url = postgres_url()
    if url is None:
        print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")
        return
    with temporary_postgres(url, f"territoria_bench_search_{os.getpid()}") as database:
        _print(run_child(__file__, database, arguments))


if __name__ == "__main__":
    main()
