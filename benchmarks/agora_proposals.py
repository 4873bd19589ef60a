"""The Agorapolis at scale: the proposal list and the support endpoint (issue 5).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/agora_proposals.py [--proposals 10000] [--supports 1000000]
        [--comments 200000] [--requests 200] [--users 64] [--per-user 100] [--threads 1]

PostgreSQL only (the issue's target). For each of two sizes — a tenth, then the full one —
a temporary database is created on the server DATABASE_URL names (and dropped after), a
child process migrates it and bulk-loads one consultation of a public territory with
``--proposals`` proposals on the eleven axes of life, ``--supports`` supports from
20,000 accounts and ``--comments`` comments on the proposals (one proposal holds
``HOT_THREAD`` of them, a fifth of which are replies), all in SQL (``generate_series``:
nothing is created row by row), then times the consultation's page (20 proposals with
their comment counts, sorted by supports, filtered by one axis or none, pages 1 to 5, a
signed-in resident) through Django's test client: p50/p95 and the number of queries, which
must be the same at both sizes; and the page of the proposal with the longest thread.

On the full size, it then starts gunicorn with 2 workers on that database and loads
``POST …/proposals/<id>/support/`` from 127.0.0.1 with locust (headless, ``--users``
simulated people sending ``--per-user`` supports each, a bounded run,
benchmarks/agora_locustfile.py; one request in ten is a double click). Afterwards it checks that the supports added in the database equal
the successful first clicks, that double clicks added nothing, and that every proposal's
``support_count`` equals its rows. Goals: the list under 150 ms at p95; at least 500
supports per second.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres

GOAL_P95_MS = 150.0
GOAL_SUPPORTS_PER_S = 500.0
ACCOUNTS = 20_000
BENCH_ACCOUNTS = 2_000
HOT_THREAD = 5_000  # comments on the most discussed proposal
SLUG = "bench"


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["TERRITORIA_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()


def load(n_proposals: int, n_supports: int, n_comments: int) -> dict:
    """Migrate and bulk-load the consultation; returns the ids the other steps need."""
    from django.core.management import call_command
    from django.db import connection

    from django.contrib.contenttypes.models import ContentType

    from territoria.agora.models import Consultation, Proposal
    from territoria.core.axes import Axis
    from territoria.core.models import Territory

    call_command("migrate", verbosity=0)
    territory = Territory.objects.create(name="Benchmark", slug=SLUG, is_public=True,
                                         kind=Territory.Kind.CUSTOM)
    consultation = Consultation.objects.create(territory=territory, title="Benchmark",
                                               is_published=True)
    from datetime import timedelta

    from django.utils import timezone

    consultation.phases.create(kind="contributions", starts_at=timezone.now() - timedelta(
        days=1), ends_at=timezone.now() + timedelta(days=30), allows_submit=True,
        allows_support=True, allows_comment=True)
    per_account = max(1, n_supports // ACCOUNTS)
    axes = "ARRAY[" + ",".join(f"'{a}'" for a in Axis.values) + "]"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, "
            "date_joined, email, display_name) SELECT '!', false, false, true, now(), "
            "'person' || g || '@bench.example', 'Person ' || g "
            "FROM generate_series(1, %s) g", [ACCOUNTS + BENCH_ACCOUNTS])
        cursor.execute("SELECT min(id) FROM accounts_user")
        first_user = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO agora_proposal (territory_id, consultation_id, title, body, author_id,"
            " status, axis, support_count, is_hidden, created_at, published_at, "
            "status_changed_at) "
            f"SELECT %s, %s, 'Proposal ' || g, 'Text of proposal ' || g, %s + g %% %s, "
            "CASE WHEN g %% 20 = 0 THEN 'evaluating' WHEN g %% 50 = 1 THEN 'draft' "
            "ELSE 'published' END, "
            f"({axes})[1 + g %% {len(Axis.values)}], 0, false, now(), now(), now() "
            "FROM generate_series(1, %s) g",
            [territory.pk, consultation.pk, first_user, ACCOUNTS, n_proposals])
        cursor.execute("SELECT min(id) FROM agora_proposal")
        first_proposal = cursor.fetchone()[0]
        # Account u supports per_account distinct proposals: (u·7919 + k·4729) mod P is
        # distinct for k < P since 4729 is prime to P (P = 10,000 here).
        cursor.execute(
            "INSERT INTO agora_support (proposal_id, user_id, consultation_id, created_at) "
            "SELECT %s + (u * 7919 + k * 4729) %% %s, %s + u - 1, %s, now() "
            "FROM generate_series(1, %s) u, generate_series(0, %s) k",
            [first_proposal, n_proposals, first_user, consultation.pk, ACCOUNTS,
             per_account - 1])
        cursor.execute(
            "UPDATE agora_proposal p SET support_count = s.n FROM (SELECT proposal_id, "
            "count(*) n FROM agora_support GROUP BY proposal_id) s WHERE p.id = s.proposal_id")
        # Comments: HOT_THREAD on the first public proposal (every fifth a reply to the
        # comment before it), the rest spread over the proposals.
        proposal_type = ContentType.objects.get_for_model(Proposal).pk
        hot = Proposal.objects.filter(consultation=consultation,
                                      status="published").order_by("pk").first().pk
        hot_n = min(HOT_THREAD, n_comments)
        columns = ("territory_id, content_type_id, object_id, parent_id, author_id, "
                   "author_role, body, body_html, created_at")
        cursor.execute(
            f"INSERT INTO comments_comment ({columns}) "
            "SELECT %s, %s, %s, NULL, %s + g %% %s, 'resident', 'Comment ' || g, "
            "'<p>Comment ' || g || '</p>', now() - make_interval(secs => %s - g) "
            "FROM generate_series(1, %s) g",
            [territory.pk, proposal_type, hot, first_user, ACCOUNTS, hot_n, hot_n])
        cursor.execute(
            "UPDATE comments_comment c SET parent_id = c.id - 1 WHERE object_id = %s "
            "AND content_type_id = %s AND c.id %% 5 = 0 AND c.id > (SELECT min(id) FROM "
            "comments_comment WHERE object_id = %s)", [hot, proposal_type, hot])
        cursor.execute(
            f"INSERT INTO comments_comment ({columns}) "
            "SELECT %s, %s, %s + (g * 7919) %% %s, NULL, %s + g %% %s, 'resident', "
            "'Comment ' || g, '<p>Comment ' || g || '</p>', now() "
            "FROM generate_series(1, %s) g",
            [territory.pk, proposal_type, first_proposal, n_proposals, first_user, ACCOUNTS,
             max(0, n_comments - hot_n)])
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM agora_support")
        supports = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM comments_comment")
        comments = cursor.fetchone()[0]
    return {"territory": territory.pk, "consultation": consultation.pk,
            "first_user": first_user, "first_proposal": first_proposal, "hot": hot,
            "hot_comments": hot_n, "supports": supports, "comments": comments,
            "load_s": time.perf_counter() - started}


def time_list(consultation_id: int, first_user: int, n_requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from territoria.accounts.models import User
    from territoria.core.axes import Axis

    client = Client()
    client.force_login(User.objects.get(pk=first_user))
    base = f"/t/{SLUG}/agora/consultations/{consultation_id}/"
    rng = random.Random(5)
    choices = ["", *Axis.values]
    client.get(base)  # warm the process
    samples, counts = [], set()
    for _ in range(n_requests):
        params = {"axis": rng.choice(choices), "sort": "supports",
                  "page": str(rng.randint(1, 5))}
        with CaptureQueriesContext(connection) as queries:
            clock = time.perf_counter()
            response = client.get(base, params)
            samples.append(1000 * (time.perf_counter() - clock))
        assert response.status_code == 200, response.status_code
        counts.add(len(queries))
    partial = []
    for _ in range(n_requests // 2):
        clock = time.perf_counter()
        client.get(base, {"axis": rng.choice(choices), "page": "2"}, HTTP_HX_REQUEST="true",
                   HTTP_HX_TARGET="proposal-list")
        partial.append(1000 * (time.perf_counter() - clock))
    return {"p50_ms": statistics.median(samples), "p95_ms": _percentile(samples, 0.95),
            "max_ms": max(samples), "queries": sorted(counts),
            "partial_p50_ms": statistics.median(partial),
            "partial_p95_ms": _percentile(partial, 0.95)}


def time_thread(hot: int, first_user: int, n_requests: int) -> dict:
    """The page of the proposal with the longest thread: its first and a middle page of
    comments (30 top-level comments each, with their replies)."""
    from django.test import Client

    from territoria.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=first_user))
    url = f"/t/{SLUG}/agora/proposals/{hot}/"
    client.get(url)
    samples = []
    for n in range(n_requests):
        clock = time.perf_counter()
        response = client.get(url, {"comments": str(1 + (n % 2) * 60)})
        samples.append(1000 * (time.perf_counter() - clock))
        assert response.status_code == 200, response.status_code
    return {"thread_p50_ms": statistics.median(samples),
            "thread_p95_ms": _percentile(samples, 0.95)}


def bench_sessions(first_user: int, path: Path, consultation_id: int) -> None:
    """Sessions of the benchmark accounts (who support nothing yet), for locust."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from territoria.accounts.models import User
    from territoria.agora.models import Proposal

    sessions = []
    for user in User.objects.filter(pk__gte=first_user + ACCOUNTS).order_by("pk"):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    proposals = list(Proposal.objects.filter(consultation_id=consultation_id,
                                             status__in=["published", "evaluating"])
                     .order_by("pk").values_list("pk", flat=True))
    path.write_text(json.dumps({"slug": SLUG, "sessions": sessions, "proposals": proposals}))


def verify(first_user: int) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM agora_support WHERE user_id >= %s",
                       [first_user + ACCOUNTS])
        added = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM agora_proposal p WHERE support_count <> "
                       "(SELECT count(*) FROM agora_support s WHERE s.proposal_id = p.id)")
        drifted = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM (SELECT proposal_id, user_id FROM agora_support "
                       "GROUP BY 1, 2 HAVING count(*) > 1) d")
        doubled = cursor.fetchone()[0]
    return {"added": added, "drifted_counts": drifted, "doubled": doubled}


def child(args) -> dict:
    _setup()
    if args.step == "verify":
        return {**verify(args.first_user), "server": server_name()}
    ids = load(args.proposals, args.supports, args.comments)
    figures = {**ids, **time_list(ids["consultation"], ids["first_user"], args.requests),
               **time_thread(ids["hot"], ids["first_user"], max(10, args.requests // 4)),
               "proposals": args.proposals, "server": server_name()}
    if args.sessions:
        bench_sessions(ids["first_user"], Path(args.sessions), ids["consultation"])
    return figures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def load_test(database: str, data: Path, workdir: Path, args) -> dict:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database, "TERRITORIA_DATABASE_URL": database,
           "DJANGO_SETTINGS_MODULE": "config.settings.base", "PYTHONPATH": str(ROOT),
           "TERRITORIA_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen([str(bin_dir / "gunicorn"), "config.wsgi:application",
                               "--workers", "2", "--bind", f"127.0.0.1:{port}",
                               *(["--worker-class", "gthread", "--threads", str(args.threads)]
                                 if args.threads > 1 else []),
                               "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        _wait_for(port)
        prefix = workdir / "locust"
        subprocess.run([str(bin_dir / "locust"), "-f",
                        str(ROOT / "benchmarks" / "agora_locustfile.py"), "--headless",
                        "--users", str(args.users), "--spawn-rate", str(args.users),
                        "--run-time", f"{args.duration}s", "--host",
                        f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
                        "--loglevel", "WARNING", "--stop-timeout", "10"],
                       cwd=ROOT, env={**os.environ, "BENCH_DATA": str(data),
                                      "BENCH_RESULT": str(workdir / "seen.json"),
                                      "BENCH_PER_USER": str(args.per_user)}, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stats = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = row
    seen_file = workdir / "seen.json"
    if not seen_file.exists():
        sys.exit("locust stopped before every simulated person was done (raise --duration)")
    seen = json.loads(seen_file.read_text())
    first = stats["support"]
    return {
        "first_clicks": seen["first_ok"] + seen["first_failed"],
        "first_failures": seen["first_failed"],
        "double_clicks": seen["double_ok"] + seen["double_failed"],
        "double_failures": seen["double_failed"],
        "supports_per_s": float(first["Requests/s"]),
        "load_average": os.getloadavg(),
        "all_requests_per_s": float(stats["Aggregated"]["Requests/s"]),
        "p50_ms": float(first["50%"]), "p95_ms": float(first["95%"]),
        "p99_ms": float(first["99%"]),
    }


def _child_args(args, step: str, **extra) -> list[str]:
    out = ["--step", step, "--proposals", str(extra.get("proposals", args.proposals)),
           "--supports", str(extra.get("supports", args.supports)),
           "--comments", str(extra.get("comments", args.comments)),
           "--requests", str(args.requests)]
    if extra.get("sessions"):
        out += ["--sessions", str(extra["sessions"])]
    if extra.get("first_user"):
        out += ["--first-user", str(extra["first_user"])]
    return out


def _print_list(f: dict) -> None:
    print(f"\n{f['server']} — {f['proposals']:,} proposals, {f['supports']:,} supports, "
          f"{f['comments']:,} comments (loaded in {f['load_s']:.1f} s)")
    print(f"  consultation page, 20 proposals sorted by supports, by axis: p50 "
          f"{f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms, max {f['max_ms']:.1f} ms — p95 is "
          f"{f['p95_ms'] / GOAL_P95_MS:.2f} × the goal of {GOAL_P95_MS:.0f} ms")
    print(f"  machine load average (1, 5, 15 min): "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"  queries per page: {f['queries']}; the list alone (htmx): p50 "
          f"{f['partial_p50_ms']:.1f} ms, p95 {f['partial_p95_ms']:.1f} ms")
    print(f"  the proposal with {f['hot_comments']:,} comments (pages 1 and 61 of its thread): "
          f"p50 {f['thread_p50_ms']:.1f} ms, p95 {f['thread_p95_ms']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--users", type=int, default=64, help="simulated people (locust)")
    parser.add_argument("--per-user", type=int, default=100,
                        help="supports each simulated person sends (the run's bound)")
    parser.add_argument("--duration", type=int, default=300,
                        help="locust's time limit, in seconds, should the bound not be reached")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (gthread when more than 1)")
    parser.add_argument("--no-load-test", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--step", default="list", help=argparse.SUPPRESS)
    parser.add_argument("--sessions", default="", help=argparse.SUPPRESS)
    parser.add_argument("--first-user", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    url = postgres_url()
    if url is None:
        sys.exit("Set DATABASE_URL=postgres://… : this benchmark runs on PostgreSQL.")
    pid = os.getpid()
    small = {"proposals": args.proposals // 10, "supports": args.supports // 10,
             "comments": args.comments // 10}
    with temporary_postgres(url, f"territoria_bench_agora_small_{pid}") as database:
        _print_list(run_child(__file__, database, _child_args(args, "list", **small)))
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir, \
            temporary_postgres(url, f"territoria_bench_agora_{pid}") as database:
        data = Path(workdir) / "data.json"
        figures = run_child(__file__, database, _child_args(args, "list", sessions=data))
        _print_list(figures)
        if args.no_load_test:
            return
        load = load_test(database, data, Path(workdir), args)
        check = run_child(__file__, database, _child_args(
            args, "verify", first_user=figures["first_user"]))
        ok_first = load["first_clicks"] - load["first_failures"]
        print(f"\nSupport endpoint — gunicorn, 2 workers × {args.threads} thread(s); locust "
              f"from 127.0.0.1, {args.users} people × {args.per_user} supports each")
        print(f"  {load['first_clicks']:,} supports sent ({load['first_failures']} failed), "
              f"{load['supports_per_s']:.0f} supports/s ({load['all_requests_per_s']:.0f} "
              f"requests/s with the double clicks) — "
              f"{load['supports_per_s'] / GOAL_SUPPORTS_PER_S:.2f} × the goal of "
              f"{GOAL_SUPPORTS_PER_S:.0f}/s")
        print(f"  machine load average during the run (1, 5, 15 min): "
              f"{', '.join(f'{x:.1f}' for x in load['load_average'])} on {os.cpu_count()} cores")
        print(f"  latency: p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms, p99 "
              f"{load['p99_ms']:.0f} ms")
        print(f"  {load['double_clicks']:,} double clicks ({load['double_failures']} failed)")
        print(f"  in the database afterwards: {check['added']:,} supports added for "
              f"{ok_first:,} successful first clicks — "
              f"{'equal' if check['added'] == ok_first else 'DIFFERENT'}; "
              f"{check['doubled']} doubled pairs; {check['drifted_counts']} proposals whose "
              f"count differs from their rows")


if __name__ == "__main__":
    main()
