"""How long importing INSEE's national "Comparateur de territoires" file takes.

    .venv/bin/python benchmarks/insee_import.py [--runs 1] [--file PATH]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \
        .venv/bin/python benchmarks/insee_import.py

The file is ../shared/data/insee/base_cc_comparateur_csv.zip (35,010 communes × 33
variables, 2021 edition) unless --file says otherwise. Each run starts from a fresh,
migrated database — a temporary SQLite file, and, when DATABASE_URL names a PostgreSQL
server, a temporary database created on that server and dropped afterwards — with the
committed referential and the indicator catalogue loaded (not timed). A run times, through
the same services as the tasks behind the staff's pages:

- check: read the file, check every cell, compare with the stored values (the preview);
- apply: read and compare again, write every value in one transaction, then compute the
  EPCI, département, région and France values and every derived indicator at every level;
- the re-import of the same file (check + apply), which finds every value unchanged;
- the undo of the re-import (nothing to restore), then of the first import (delete every
  value it created, recompute).

Goal: check + apply under 60 s on each database. Nothing here asserts.
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

DEFAULT_FILE = ROOT.parent / "shared" / "data" / "insee" / "base_cc_comparateur_csv.zip"
GOAL_SECONDS = 60.0


def child(file: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from territoria.core.models import Territory
    from territoria.geo.services import DEFAULT_REFERENTIAL_PATH, referential_load
    from territoria.indicators import services
    from territoria.indicators.models import DataImport, IndicatorValue

    settings.STORAGES["private"]["OPTIONS"]["location"] = tempfile.mkdtemp()
    call_command("migrate", verbosity=0)
    referential_load(path=DEFAULT_REFERENTIAL_PATH)
    services.catalogue_load()
    territory = Territory.objects.create(slug="bench", name="Bench", kind="custom")
    raw = file.read_bytes()

    def new_import() -> DataImport:
        data_import = DataImport(territory=territory, kind=DataImport.Kind.INSEE,
                                 original_name=file.name)
        data_import.file.save(file.name, ContentFile(raw), save=False)
        data_import.save()
        return data_import

    def timed(function) -> tuple[float, object]:
        started = time.perf_counter()
        result = function()
        return time.perf_counter() - started, result

    figures: dict[str, object] = {}
    first = new_import()
    started_cpu = time.process_time()
    figures["check"], first = timed(lambda: services.data_import_validate(data_import=first))
    check_cpu = time.process_time()
    steps: list[tuple[float, str]] = []
    figures["apply"], first = timed(lambda: services.data_import_apply(
        data_import=first, progress=lambda done, total, message: steps.append(
            (time.perf_counter(), str(message)))))
    steps.append((time.perf_counter(), "end"))
    figures["cpu_check"] = check_cpu - started_cpu
    figures["cpu_apply"] = time.process_time() - check_cpu
    figures["steps"] = [(round(b[0] - a[0], 2), a[1]) for a, b in zip(steps, steps[1:])]
    figures["created"] = first.values_created
    figures["stored"] = IndicatorValue.objects.count()
    again = new_import()
    figures["recheck"], again = timed(lambda: services.data_import_validate(data_import=again))
    figures["reapply"], again = timed(lambda: services.data_import_apply(data_import=again))
    figures["unchanged"] = again.values_unchanged
    # The re-import holds the same values: it is undone first (it changed nothing).
    figures["undo_again"], _ = timed(lambda: services.data_import_undo(data_import=again))
    figures["undo"], _ = timed(lambda: services.data_import_undo(data_import=first))
    figures["server"] = server_name()
    return figures


def _run_child(database_url: str, file: Path) -> dict:
    return run_child(__file__, database_url, ["--file", str(file)])


def _postgres_runs(url: str, runs: int, file: Path) -> list[dict]:
    results = []
    for i in range(runs):
        with temporary_postgres(url, f"territoria_bench_insee_{os.getpid()}_{i}") as database:
            results.append(_run_child(database, file))
    return results


def _print(label: str, runs: list[dict]) -> None:
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    total = median("check") + median("apply")
    verdict = "within the goal" if total < GOAL_SECONDS else "OVER THE GOAL"
    print(f"\n{runs[0]['server']} — median of {len(runs)} run(s) ({label})")
    print(f"  check (preview report)            {median('check'):7.2f} s")
    print(f"  apply (write + aggregates)        {median('apply'):7.2f} s   "
          f"({int(runs[0]['created']):,} values imported, "
          f"{int(runs[0]['stored']):,} stored with aggregates and derived values)")
    for seconds, step in runs[0]["steps"]:
        print(f"      {step[:40]:<40} {seconds:6.2f} s")
    print(f"  check + apply                     {total:7.2f} s   goal {GOAL_SECONDS:.0f} s "
          f"({verdict}; CPU time of this process: check {median('cpu_check'):.1f} s, "
          f"apply {median('cpu_apply'):.1f} s)")
    print(f"  re-import of the same file        {median('recheck') + median('reapply'):7.2f} s"
          f"   (check {median('recheck'):.2f} s + apply {median('reapply'):.2f} s; "
          f"{int(runs[0]['unchanged']):,} values unchanged)")
    print(f"  undo of the re-import             {median('undo_again'):7.2f} s")
    print(f"  undo of the first import          {median('undo'):7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--only", choices=["sqlite", "postgresql"],
                        help="time one database only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.file)))
        return
    if not args.file.exists():
        sys.exit(f"The INSEE file is not at {args.file.resolve()}: pass --file.")
    print(f"INSEE file: {args.file.resolve()} ({args.file.stat().st_size / 1e6:.1f} MB)")
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        if args.only != "postgresql":
            _print("fresh temporary SQLite file per run",
                   [_run_child(f"sqlite:///{Path(workdir) / f'run-{i}.sqlite3'}", args.file)
                    for i in range(args.runs)])
    url = postgres_url()
    if args.only == "sqlite":
        return
    if url is not None:
        _print("fresh temporary database per run on the DATABASE_URL server",
               _postgres_runs(url, args.runs, args.file))
    else:
        print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")


if __name__ == "__main__":
    main()
