"""How fast the portfolio dashboard and a mission letter are drawn on a big portfolio.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/portfolio_dashboard.py [--projects 500] [--tasks 20000]

Each database (a temporary SQLite file; and a temporary database on the PostgreSQL server
that DATABASE_URL names, created and dropped here) gets one territory with ``--projects``
projects at every stage, ``--tasks`` tasks and milestones spread over them (with
dependencies and a baseline), two budget lines, two co-financers, an application and a risk
per project, and ``--campaigns`` monthly reporting campaigns answered by nearly every project
(500 × 24 = about 11,500 reports). Then, in a child process:

1. the dashboard page as a visitor and as the PMO gets it (``GET
   /t/<slug>/projects/dashboard/`` through Django's test client: selectors, the two charts,
   the template), ``--runs`` times each; median and 95th percentile. Goal: p95 < 300 ms on
   PostgreSQL.
2. a mission letter drawn as a PDF (``render_pdf`` of a signed framing), ``--pdf-runs``
   times; median and 95th percentile. Goal: < 3 s.
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
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres  # noqa: E402

sys.path.insert(0, str(ROOT))
GOAL_DASHBOARD_P95_MS = 300.0
GOAL_LETTER_S = 3.0


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build(n_projects: int, n_tasks: int, n_campaigns: int):
    from django.utils import timezone

    from territoria.accounts.models import Membership, User
    from territoria.actors.models import Actor
    from territoria.core.models import Territory
    from territoria.projects.models import (
        BudgetLine,
        Campaign,
        Dependency,
        FinancingShare,
        Framing,
        FundingApplication,
        Plan,
        Project,
        Report,
        Risk,
        Task,
    )

    rng = random.Random(11)
    today = timezone.localdate()
    territory = Territory.objects.create(name="Bench", slug="bench", kind="custom",
                                         is_public=True)
    pmo = User.objects.create_user(email="pmo@bench.example", password="x")
    Membership.objects.create(user=pmo, territory=territory, role="pmo")
    actors = Actor.objects.bulk_create([Actor(territory=territory, name=f"Actor {i}",
                                              kind="association") for i in range(40)])
    stages = ["idea", "framing", "planned", "running", "running", "running", "closed",
              "abandoned"]
    projects = Project.objects.bulk_create([
        Project(territory=territory, title=f"Project {i:03d}", stage=stages[i % len(stages)],
                carrier=actors[i % len(actors)], lead=pmo, summary="A project.")
        for i in range(n_projects)], batch_size=500)
    Plan.objects.bulk_create([Plan(project=p, start=today - timedelta(days=200),
                                   baseline_set_at=timezone.now()) for p in projects])
    per_project = n_tasks // n_projects
    tasks = []
    for project in projects:
        for k in range(per_project):
            start = today - timedelta(days=200 - 10 * k)
            finish = start + timedelta(days=rng.randint(0, 20))
            milestone = k % 8 == 7
            tasks.append(Task(project=project, title=f"Task {k}",
                              kind="milestone" if milestone else "task",
                              duration=0 if milestone else (finish - start).days + 1,
                              start=start, finish=start if milestone else finish,
                              done=finish < today - timedelta(days=30),
                              baseline_start=start,
                              baseline_finish=finish - timedelta(days=rng.randint(0, 5)),
                              float_days=0, is_critical=k % 3 == 0))
    tasks = Task.objects.bulk_create(tasks, batch_size=2000)
    Dependency.objects.bulk_create([Dependency(before=tasks[i - 1], after=tasks[i])
                                    for i in range(1, len(tasks))
                                    if tasks[i].project_id == tasks[i - 1].project_id],
                                   batch_size=2000)
    D = Decimal
    BudgetLine.objects.bulk_create(
        [BudgetLine(project=p, nature=n, label=n, year=today.year,
                    planned=D(rng.randint(10, 500) * 1000), actual=D(rng.randint(0, 9) * 1000))
         for p in projects for n in ("investment", "operating")], batch_size=2000)
    FinancingShare.objects.bulk_create(
        [FinancingShare(project=p, funder_kind=k, amount=D(rng.randint(5, 200) * 1000),
                        status="secured") for p in projects for k in ("region", "own")],
        batch_size=2000)
    FundingApplication.objects.bulk_create(
        [FundingApplication(project=p, funder="Région", programme="AAP",
                            deadline=today + timedelta(days=rng.randint(-60, 90)),
                            requested=D(50000), status=rng.choice(["draft", "submitted",
                                                                   "granted"]))
         for p in projects], batch_size=2000)
    Risk.objects.bulk_create([Risk(project=p, title="A risk", probability=rng.randint(1, 4),
                                   impact=rng.randint(1, 4)) for p in projects],
                             batch_size=2000)
    active = [p for p in projects if p.stage in ("planned", "running")]
    for month in range(n_campaigns):
        end = today - timedelta(days=30 * (n_campaigns - 1 - month))
        campaign = Campaign.objects.create(territory=territory, title=f"Month {month}",
                                           period_start=end - timedelta(days=30),
                                           period_end=end, due_on=end + timedelta(days=5),
                                           status="closed" if month < n_campaigns - 1
                                           else "open")
        campaign.projects.set(projects)
        Report.objects.bulk_create(
            [Report(campaign=campaign, project=p, status=rng.choice(["on_track", "at_risk",
                                                                     "late"]),
                    progress=rng.randint(0, 100), needs_decision=rng.random() < 0.05)
             for p in projects if rng.random() < 0.96], batch_size=2000)
    framing = Framing.objects.create(
        project=active[0], version=1, status="signed", context="Context. " * 40,
        objectives="Objectives. " * 30, deliverables="Deliverables. " * 20,
        team="Team. " * 10, budget_envelope=D(250000), start_on=today,
        end_on=today + timedelta(days=500), success_indicators="Indicators. " * 20,
        signed_on=today, signatory_name="Marie Dupont", signatory_quality="présidente")
    return territory, pmo, framing


def child(n_projects: int, n_tasks: int, n_campaigns: int, runs: int, pdf_runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    territory, pmo, framing = build(n_projects, n_tasks, n_campaigns)
    build_s = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from territoria.core.pdf import render_pdf
    from territoria.projects.models import Report, Task
    from territoria.projects.selectors_reporting import letter_context

    url = f"/t/{territory.slug}/projects/dashboard/"
    figures = {}
    for who in ("visitor", "pmo"):
        client = Client()
        if who == "pmo":
            client.force_login(pmo)
        assert client.get(url).status_code == 200  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        figures[who] = {"median_ms": statistics.median(times),
                        "p95_ms": percentile(times, 0.95), "bytes": len(response.content)}
    letters = []
    for _ in range(pdf_runs):
        started = time.perf_counter()
        pdf = render_pdf("projects/framing/letter.html", letter_context(framing))
        letters.append(time.perf_counter() - started)
    return {"server": server_name(), "build_s": build_s, "runs": runs,
            "tasks": Task.objects.count(), "reports": Report.objects.count(),
            "dashboard": figures, "letter_median_s": statistics.median(letters),
            "letter_p95_s": percentile(letters, 0.95), "letter_bytes": len(pdf)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--campaigns", type=int, default=24)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf-runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    arguments = ["--projects", str(args.projects), "--tasks", str(args.tasks), "--campaigns",
                 str(args.campaigns), "--runs", str(args.runs), "--pdf-runs",
                 str(args.pdf_runs)]
    if args.child:
        print(json.dumps(child(args.projects, args.tasks, args.campaigns, args.runs,
                               args.pdf_runs)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        results.append(run_child(__file__, f"sqlite:///{Path(workdir) / 'p.sqlite3'}",
                                 arguments))
    url = postgres_url()
    if url is not None:
        with temporary_postgres(url, f"territoria_bench_portfolio_{os.getpid()}") as database:
            results.append(run_child(__file__, database, arguments))
    print(f"Portfolio of {args.projects} projects, {results[0]['tasks']:,} tasks, "
          f"{args.campaigns} campaigns ({results[0]['reports']:,} reports); "
          f"{args.runs} requests each")
    print(f"{'database':<18} {'who':<8} {'median':>9} {'p95':>9} {'goal p95':>9} {'page':>9}")
    for result in results:
        for who, figures in result["dashboard"].items():
            print(f"{result['server']:<18} {who:<8} {figures['median_ms']:>7.0f}ms "
                  f"{figures['p95_ms']:>7.0f}ms {GOAL_DASHBOARD_P95_MS:>7.0f}ms "
                  f"{figures['bytes'] / 1024:>7.0f}KB")
    for result in results:
        print(f"{result['server']}: mission letter PDF median {result['letter_median_s']:.2f} s, "
              f"p95 {result['letter_p95_s']:.2f} s (goal {GOAL_LETTER_S:.0f} s, "
              f"{result['letter_bytes'] / 1024:.0f} KB); data built in {result['build_s']:.0f} s")
    if url is None:
        print("(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")


if __name__ == "__main__":
    main()
