"""How long loading the French administrative referential takes, and searching it.

    .venv/bin/python benchmarks/referential_load.py [--runs 3] [--file PATH]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \
        .venv/bin/python benchmarks/referential_load.py

Each run starts from a fresh, migrated, empty database — a temporary SQLite file, and, when
DATABASE_URL names a PostgreSQL server, a temporary database created on that server and
dropped afterwards (the database DATABASE_URL names is never touched). A run times:

- the load of the whole committed referential into the empty database (target: 30 s);
- a reload of the same file (skipped on its checksum);
- a forced reload of the same file (every record compared, nothing written);
- the load of a file where every population changed (about 36,000 updates);
- three searches on the full referential.

The figures printed are the medians of the runs. Nothing here asserts: the figures are
for people to read and compare (see docs/data-sources.md).
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

TARGET_SECONDS = 30.0
SEARCHES = ("st etienne", "a", "42218")


def _changed_populations(source: Path, target: Path) -> None:
    """The same referential with every population one higher."""
    sys.path.insert(0, str(ROOT))
    from territoria.geo.domain.referential import decode_referential, encode_referential

    referential = decode_referential(source.read_bytes())
    bumped = type(referential)(
        source=referential.source, regions=referential.regions,
        departments=referential.departments,
        epcis=tuple(e._replace(population=(e.population or 0) + 1) for e in referential.epcis),
        communes=tuple(c._replace(population=(c.population or 0) + 1)
                       for c in referential.communes))
    target.write_bytes(encode_referential(bumped))


# -- one run, in a child process with its own database --------------------------------------


def child(file: Path, changed: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from territoria.geo.selectors import commune_search
    from territoria.geo.services import referential_load

    call_command("migrate", verbosity=0)

    def timed(function) -> tuple[float, object]:
        started = time.perf_counter()
        result = function()
        return time.perf_counter() - started, result

    figures: dict[str, float] = {}
    figures["load"], report = timed(lambda: referential_load(path=file))
    assert not report.skipped
    figures["reload"], report = timed(lambda: referential_load(path=file))
    assert report.skipped
    figures["forced"], report = timed(lambda: referential_load(path=file, force=True))
    assert not report.changed
    figures["changed"], report = timed(lambda: referential_load(path=changed))
    figures["changed_updates"] = sum(c.updated for c in report.changes.values())
    for query in SEARCHES:
        list(commune_search(query=query))  # warm the caches
        samples = []
        for _ in range(5):
            seconds, _result = timed(lambda q=query: list(commune_search(query=q)))
            samples.append(seconds)
        figures[f"search:{query}"] = statistics.median(samples)
    figures["server"] = server_name()
    return figures


# -- the runs -------------------------------------------------------------------------------


def _run_child(database_url: str, file: Path, changed: Path) -> dict:
    return run_child(__file__, database_url, ["--file", str(file), "--changed", str(changed)])


def _sqlite_runs(runs: int, file: Path, changed: Path, workdir: Path) -> list[dict]:
    return [_run_child(f"sqlite:///{workdir / f'run-{i}.sqlite3'}", file, changed)
            for i in range(runs)]


def _postgres_runs(url: str, runs: int, file: Path, changed: Path) -> list[dict]:
    results = []
    for i in range(runs):
        with temporary_postgres(url, f"territoria_bench_{os.getpid()}_{i}") as database:
            results.append(_run_child(database, file, changed))
    return results


def _print(label: str, runs: list[dict]) -> None:
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    load = median("load")
    verdict = "within target" if load < TARGET_SECONDS else "OVER TARGET"
    print(f"\n{runs[0]['server']} — median of {len(runs)} runs ({label})")
    print(f"  load into an empty database   {load:8.2f} s   target {TARGET_SECONDS:.0f} s "
          f"({verdict}; runs: {', '.join(f'{r['load']:.2f}' for r in runs)})")
    print(f"  reload, same file (skipped)   {median('reload'):8.3f} s")
    print(f"  forced reload, nothing new    {median('forced'):8.2f} s")
    print(f"  every population changed      {median('changed'):8.2f} s   "
          f"({int(runs[0]['changed_updates']):,} records updated)")
    for query in SEARCHES:
        print(f"  search {query!r:<22} {median(f'search:{query}') * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path,
                        default=ROOT / "territoria" / "geo" / "data" / "referential.json.gz")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--changed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.file, args.changed)))
        return

    shown = args.file.relative_to(ROOT) if args.file.is_relative_to(ROOT) else args.file
    print(f"Referential file: {shown} ({args.file.stat().st_size / 1024:.0f} KB)")
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        workdir = Path(workdir)
        changed = workdir / "changed.json.gz"
        _changed_populations(args.file, changed)
        _print("fresh temporary SQLite file per run",
               _sqlite_runs(args.runs, args.file, changed, workdir))
        url = postgres_url()
        if url is not None:
            _print("fresh temporary database per run on the DATABASE_URL server",
                   _postgres_runs(url, args.runs, args.file, changed))
        else:
            print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")


if __name__ == "__main__":
    main()
