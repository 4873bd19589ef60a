"""Comments and moderation at the issue's scale: a list of objects with their comment counts,
a large thread, and reports.

    .venv/bin/python benchmarks/comments_moderation.py [--items 10000 --comments 200000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/comments_moderation.py

For each database (a temporary SQLite file; and a temporary database on the PostgreSQL
server that DATABASE_URL names, created and dropped here) a child process migrates, creates
``--items`` contributions of one territory's diagnostic board and ``--comments`` comments
spread over them (one contribution holds a thread of ``--thread`` comments with replies; one
comment in a hundred is hidden by moderation), then times:

- a page of 20 contributions with ``with_comment_count`` (the count in the same query), and
  the same page followed by ``comment_counts`` of its 20 rows (a second query);
- ``thread_get`` for the large thread, and the thread's HTML as the page renders it;
- ``content_report`` (one report each, up to the threshold).

It prints the median and 95th percentile of each, and the number of queries, which must not
grow with the data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres  # noqa: E402


def _times(function, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()  # warm-up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
    return timings, len(captured)


def _figures(timings: list[float], queries: int) -> dict:
    timings = sorted(timings)
    return {"median_ms": statistics.median(timings),
            "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)], "queries": queries}


def child(n_items: int, n_comments: int, thread: int, runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import timezone

    from territoria.accounts.models import Membership, Role, User
    from territoria.comments.models import Comment
    from territoria.comments.selectors import comment_counts, thread_get, with_comment_count
    from territoria.comments.templatetags.comments import thread_context
    from territoria.core.models import Territory
    from territoria.diagnostic.models import DiagnosticItem
    from territoria.moderation.models import ModeratedContent
    from territoria.moderation.services import content_report

    call_command("migrate", verbosity=0)
    territory = Territory.objects.create(name="Benchmark", slug="benchmark",
                                         kind=Territory.Kind.CUSTOM)
    users = User.objects.bulk_create([User(email=f"u{n}@bench.example") for n in range(200)])
    Membership.objects.bulk_create([Membership(user=u, territory=territory, role=Role.RESIDENT)
                                    for u in users])
    start = time.perf_counter()
    items = DiagnosticItem.objects.bulk_create([DiagnosticItem(
        territory=territory, kind="weakness", axis="mobility", title=f"Item {n}",
        explanation="Texte", origin="contribution", status="published", author=users[n % 200])
        for n in range(n_items)], batch_size=2000)
    item_type = ContentType.objects.get_for_model(DiagnosticItem)
    now = timezone.now()
    big = items[0]
    rows = [Comment(territory=territory, content_type=item_type, object_id=big.pk,
                    author=users[n % 200], author_role="resident", body=f"Commentaire {n}",
                    body_html=f"<p>Commentaire {n}</p>") for n in range(thread)]
    Comment.objects.bulk_create(rows, batch_size=2000)
    # Replies: each comment after the first ten answers an earlier one.
    ids = list(Comment.objects.filter(object_id=big.pk).order_by("pk").values_list("pk",
                                                                                   flat=True))
    replies = [Comment(pk=pk, parent_id=ids[(k * 7) % k]) for k, pk in enumerate(ids) if k >= 10]
    Comment.objects.bulk_update(replies, ["parent"], batch_size=2000)
    Comment.objects.bulk_create(
        [Comment(territory=territory, content_type=item_type,
                 object_id=items[1 + n % (n_items - 1)].pk, author=users[n % 200],
                 author_role="resident", body="x", body_html="<p>x</p>", created_at=now)
         for n in range(n_comments - thread)], batch_size=5000)
    comment_type = ContentType.objects.get_for_model(Comment)
    ModeratedContent.objects.bulk_create(
        [ModeratedContent(territory=territory, content_type=comment_type, object_id=pk,
                          status="pending")
         for pk in Comment.objects.values_list("pk", flat=True)[::100]], batch_size=5000)
    loaded_s = time.perf_counter() - start

    def page():
        return list(with_comment_count(DiagnosticItem.objects.filter(territory=territory))
                    .order_by("-created_at", "-pk")[40:60])

    def page_then_counts():
        rows = list(DiagnosticItem.objects.filter(territory=territory)
                    .order_by("-created_at", "-pk")[40:60])
        return rows, comment_counts(rows)

    def large_thread():
        return thread_get(target=big)

    request = RequestFactory().get("/")
    request.user = users[0]

    def rendered():
        return render_to_string("comments/_thread.html", thread_context(request, big),
                                request=request)

    results = {"server": server_name(), "items": n_items, "comments": n_comments,
               "thread": thread, "load_s": loaded_s,
               "page_of_20": _figures(*_times(page, runs)),
               "page_then_counts": _figures(*_times(page_then_counts, runs)),
               "thread_get": _figures(*_times(large_thread, runs)),
               "thread_html": _figures(*_times(rendered, max(5, runs // 5)))}
    reporters = iter(users[1:])
    targets = iter(items[2:])

    def report():
        content_report(reporter=next(reporters), obj=next(targets), reason="spam")

    results["report"] = _figures(*_times(report, min(runs, 150)))
    return results


def _print(f: dict) -> None:
    print(f"\n{f['server']}: {f['items']:,} contributions, {f['comments']:,} comments "
          f"(loaded in {f['load_s']:.1f} s), a thread of {f['thread']:,}")
    for key, label in (("page_of_20", "a page of 20 with comment counts (with_comment_count)"),
                       ("page_then_counts", "a page of 20, then comment_counts of the page"),
                       ("thread_get", f"thread_get ({f['thread']} comments)"),
                       ("thread_html", "the thread's HTML"),
                       ("report", "content_report")):
        v = f[key]
        print(f"  {label}: median {v['median_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms, "
              f"{v['queries']} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--thread", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    arguments = ["--items", str(args.items), "--comments", str(args.comments), "--thread",
                 str(args.thread), "--runs", str(args.runs)]
    if args.child:
        print(json.dumps(child(args.items, args.comments, args.thread, args.runs)))
        return
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        _print(run_child(__file__, f"sqlite:///{Path(workdir) / 'comments.sqlite3'}",
                         arguments))
    url = postgres_url()
    if url is None:
        print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")
        return
    with temporary_postgres(url, f"territoria_bench_comments_{os.getpid()}") as database:
        _print(run_child(__file__, database, arguments))


if __name__ == "__main__":
    main()
