"""How fast votes are tallied and ballots recorded.

    .venv/bin/python benchmarks/vote_tally.py [--ballots 100000] [--options 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/vote_tally.py

1. The domain: ``--ballots`` random majority-judgment ballots over ``--options`` options
   (six grades), counted (``majority_judgment.grade_counts``) and ranked
   (``majority_judgment.tally``); best of five runs. Goal: under 1 s.
2. Each database (a temporary SQLite file; and a temporary database on the PostgreSQL server
   that DATABASE_URL names, created and dropped here): a child process migrates, creates an
   open vote with ``--options`` options already holding ``--stored`` ballots of fictitious
   voters (``voting.demo.demo_fill``), then records ``--cast`` ballots through
   ``voting.services.ballot_cast``, each by a different account, timing each call
   (participation, ballot and grades in one transaction, commit included). Goal: p95 under
   50 ms. It also times the tally of the stored ballots (``selectors.vote_results``: one
   aggregate query, then the domain).
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres  # noqa: E402

sys.path.insert(0, str(ROOT))
GOAL_TALLY_S = 1.0
GOAL_CAST_P95_MS = 50.0


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def domain(n_ballots: int, n_options: int) -> dict:
    from territoria.voting.domain import majority_judgment
    from territoria.voting.domain.scales import PLATFORM

    rng = np.random.default_rng(2026)
    appeal = rng.uniform(1, 4, size=n_options)
    ballots = np.clip(np.rint(appeal + rng.normal(0, 1.2, size=(n_ballots, n_options))),
                      0, PLATFORM.size - 1).astype(np.int64)
    runs, count_runs = [], []
    for _ in range(5):
        started = time.perf_counter()
        counts = majority_judgment.grade_counts(ballots, PLATFORM.size)
        counted = time.perf_counter()
        majority_judgment.tally(counts, PLATFORM)
        runs.append(time.perf_counter() - started)
        count_runs.append(counted - started)
    return {"ballots": n_ballots, "options": n_options, "best_s": min(runs),
            "median_s": statistics.median(runs), "count_s": min(count_runs)}


def child(n_options: int, n_stored: int, n_cast: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from territoria.accounts.models import User
    from territoria.core.models import Territory
    from territoria.voting import selectors, services
    from territoria.voting.demo import demo_fill
    from territoria.voting.services import OptionSpec

    call_command("migrate", verbosity=0)
    territory = Territory.objects.create(name="Benchmark", slug="benchmark",
                                         kind=Territory.Kind.CUSTOM, is_public=True)
    now = timezone.now()
    vote = services.vote_create(
        actor=None, territory=territory, title="Benchmark", opens_at=now,
        closes_at=now + timezone.timedelta(days=1),
        options=[OptionSpec(f"Option {n}") for n in range(n_options)])
    started = time.perf_counter()
    demo_fill(vote=vote, participants=n_stored, close=False)
    fill_s = time.perf_counter() - started
    User.objects.bulk_create([User(email=f"voter{n}@example.org") for n in range(n_cast)])
    users = list(User.objects.order_by("pk"))
    option_ids = list(vote.options.values_list("pk", flat=True))
    rng = np.random.default_rng(7)
    samples = []
    for user in users:
        grades = dict(zip(option_ids, (int(g) for g in rng.integers(0, 6, size=n_options)),
                          strict=True))
        clock = time.perf_counter()
        services.ballot_cast(user=user, vote=vote, grades=grades)
        samples.append(1000 * (time.perf_counter() - clock))
    tally_runs = []
    for _ in range(3):
        clock = time.perf_counter()
        results = selectors.vote_results(vote=vote)
        tally_runs.append(time.perf_counter() - clock)
    return {"server": server_name(), "options": n_options, "stored": n_stored,
            "fill_s": fill_s, "cast": n_cast, "p50_ms": statistics.median(samples),
            "p95_ms": _percentile(samples, 0.95), "p99_ms": _percentile(samples, 0.99),
            "max_ms": max(samples), "voters": results.voters, "tally_s": min(tally_runs)}


def _print_domain(f: dict) -> None:
    print(f"Domain — {f['ballots']:,} ballots × {f['options']} options (6 grades): counted "
          f"and ranked in {f['best_s'] * 1000:.1f} ms (best of 5; median "
          f"{f['median_s'] * 1000:.1f} ms; counting alone {f['count_s'] * 1000:.1f} ms) — "
          f"goal < {GOAL_TALLY_S:.0f} s: {f['best_s'] / GOAL_TALLY_S:.3f} × the goal")


def _print_database(f: dict) -> None:
    print(f"\n{f['server']} — a vote of {f['options']} options holding {f['stored']:,} "
          f"ballots (written in {f['fill_s']:.1f} s)")
    print(f"  {f['cast']:,} ballots recorded through ballot_cast: p50 {f['p50_ms']:.1f} ms, "
          f"p95 {f['p95_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms, max {f['max_ms']:.1f} ms — "
          f"goal p95 < {GOAL_CAST_P95_MS:.0f} ms: {f['p95_ms'] / GOAL_CAST_P95_MS:.2f} × the goal")
    print(f"  tally of {f['voters']:,} ballots (one aggregate query + domain): "
          f"{f['tally_s'] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--options", type=int, default=20)
    parser.add_argument("--stored", type=int, default=20_000)
    parser.add_argument("--cast", type=int, default=500)
    parser.add_argument("--no-database", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.options, args.stored, args.cast)))
        return
    _print_domain(domain(args.ballots, args.options))
    if args.no_database:
        return
    arguments = ["--options", str(args.options), "--stored", str(args.stored),
                 "--cast", str(args.cast)]
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        _print_database(run_child(__file__, f"sqlite:///{Path(workdir) / 'votes.sqlite3'}",
                                  arguments))
    url = postgres_url()
    if url is None:
        print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")
        return
    with temporary_postgres(url, f"territoria_bench_tally_{os.getpid()}") as database:
        _print_database(run_child(__file__, database, arguments))


if __name__ == "__main__":
    main()
