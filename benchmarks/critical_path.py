"""How fast a project's plan is scheduled (critical path method).

    .venv/bin/python benchmarks/critical_path.py [--tasks 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/critical_path.py

1. The domain (``projects.domain.schedule.schedule``): a random plan of ``--tasks`` tasks
   (durations 0–15 days, every task after one or two earlier ones: about 1.3 links a task),
   scheduled ``--runs`` times; median and 95th percentile. Goal: under 100 ms.
2. Each database (a temporary SQLite file; and a temporary database on the PostgreSQL server
   that DATABASE_URL names, created and dropped here): the same plan stored as one project's
   tasks and dependencies; the first schedule (every task written), then
   ``services_planning.plan_recompute`` (reads, schedules, writes what moved) and
   ``task_create`` of a task in the middle of the plan, timed.
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

sys.path.insert(0, str(ROOT))
GOAL_MS = 100.0


def random_plan(n_tasks: int, seed: int = 7):
    rng = random.Random(seed)
    durations = [rng.randint(0, 15) for _ in range(n_tasks)]
    links = sorted({(rng.randrange(0, i), i) for i in range(1, n_tasks)
                    for _ in range(rng.choice((1, 1, 2)))})
    return durations, links


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def domain(n_tasks: int, runs: int) -> dict:
    from territoria.projects.domain.schedule import Link, TaskSpec, schedule

    durations, links = random_plan(n_tasks)
    tasks = [TaskSpec(i, d) for i, d in enumerate(durations)]
    edges = [Link(a, b) for a, b in links]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = schedule(tasks, edges)
        times.append((time.perf_counter() - started) * 1000)
    return {"tasks": n_tasks, "links": len(edges), "median_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95), "critical": len(result.critical_path)}


def child(n_tasks: int, runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from territoria.core.models import Territory
    from territoria.projects import services_planning
    from territoria.projects.models import Dependency, Project, Task

    territory = Territory.objects.create(name="Bench", slug="bench", kind="custom")
    project = Project.objects.create(territory=territory, title="A big plan")
    services_planning.plan_get_or_create(project=project)
    durations, links = random_plan(n_tasks)
    tasks = Task.objects.bulk_create([Task(project=project, title=f"Task {i}", duration=d)
                                      for i, d in enumerate(durations)], batch_size=2000)
    Dependency.objects.bulk_create([Dependency(before=tasks[a], after=tasks[b])
                                    for a, b in links], batch_size=2000)
    started = time.perf_counter()
    services_planning.plan_recompute(project=project)  # every task gets its dates
    first_ms = (time.perf_counter() - started) * 1000
    times, adds = [], []
    for run in range(runs):
        started = time.perf_counter()
        services_planning.plan_recompute(project=project)
        times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        services_planning.task_create(actor=None, project=project, title=f"Extra {run}",
                                      duration=3, after=[tasks[len(tasks) // 2]])
        adds.append((time.perf_counter() - started) * 1000)
    return {"server": server_name(), "first_ms": first_ms,
            "median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95),
            "add_median_ms": statistics.median(adds), "add_p95_ms": percentile(adds, 0.95),
            "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db-runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.tasks, args.db_runs)))
        return
    figures = domain(args.tasks, args.runs)
    print(f"Critical path of {figures['tasks']:,} tasks and {figures['links']:,} dependencies "
          f"({args.runs} runs): median {figures['median_ms']:.1f} ms, "
          f"p95 {figures['p95_ms']:.1f} ms (goal {GOAL_MS:.0f} ms; "
          f"{figures['critical']} critical tasks)")
    arguments = ["--tasks", str(args.tasks), "--db-runs", str(args.db_runs)]
    runs = []
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        runs.append(run_child(__file__, f"sqlite:///{Path(workdir) / 'plan.sqlite3'}",
                              arguments))
    url = postgres_url()
    if url is not None:
        with temporary_postgres(url, f"territoria_bench_cpm_{os.getpid()}") as database:
            runs.append(run_child(__file__, database, arguments))
    for run in runs:
        print(f"{run['server']}: first schedule of the stored plan (every task written) "
              f"{run['first_ms']:.0f} ms; plan_recompute (read, schedule, nothing moved) "
              f"median {run['median_ms']:.0f} ms, p95 {run['p95_ms']:.0f} ms; adding a task "
              f"in the middle (task_create: insert, recompute, write what moved) median "
              f"{run['add_median_ms']:.0f} ms, p95 {run['add_p95_ms']:.0f} ms "
              f"({run['runs']} runs)")
    if url is None:
        print("(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")


if __name__ == "__main__":
    main()
