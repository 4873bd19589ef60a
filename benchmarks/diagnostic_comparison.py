"""How long one territory's full comparison takes: every indicator of the catalogue against
its département, région, France and its peers, with the trend and the proposals.

    .venv/bin/python benchmarks/diagnostic_comparison.py [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/diagnostic_comparison.py

For each database (a temporary SQLite file; and a temporary database on the PostgreSQL
server that DATABASE_URL names, created and dropped here), a child process migrates, loads
the referential and the catalogue, then the national values: the real INSEE "Comparateur de
territoires" file when ../shared/data/insee holds it (imported through the same services as
the import pages), otherwise demonstration values for every commune of France. It then
times ``territory_comparison`` for a commune, an EPCI and a custom perimeter (median of
``--runs`` runs each, after one warm-up run). The issue's goal: under 200 ms.
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
INSEE = ROOT.parent / "shared" / "data" / "insee" / "base_cc_comparateur_csv.zip"
GOAL_MS = 200.0
CASES = {
    "commune (Crest, 26108)": ("commune", "26108"),
    "EPCI (Val de Drôme en Biovallée)": ("epci", "242600252"),
    "custom perimeter (the 29 communes of that EPCI)": ("custom", "242600252"),
}


def _load_values() -> str:
    from django.core.files import File
    from django.db import transaction

    from territoria.core.models import Territory
    from territoria.indicators.models import DataImport

    if INSEE.exists():
        from territoria.indicators.services import data_import_apply, data_import_validate

        territory = Territory.objects.create(name="Benchmark", slug="benchmark",
                                             kind=Territory.Kind.CUSTOM)
        data_import = DataImport(territory=territory, kind=DataImport.Kind.INSEE,
                                 original_name=INSEE.name)
        with INSEE.open("rb") as stream:
            data_import.file.save("benchmark.zip", File(stream), save=False)
        data_import.save()
        data_import_validate(data_import=data_import)
        data_import_apply(data_import=data_import)
        return f"INSEE file {INSEE.name}"
    from territoria.geo.models import Commune
    from territoria.indicators.domain.demo_values import demo_values
    from territoria.indicators.models import Indicator, IndicatorValue, Level
    from territoria.indicators.recompute import values_recompute

    ids = dict(Indicator.objects.values_list("code", "pk"))
    communes = Commune.objects.filter(kind=Commune.Kind.CURRENT).values_list("insee_code",
                                                                            "population")
    with transaction.atomic():
        IndicatorValue.objects.bulk_create(
            (IndicatorValue(indicator_id=ids[v.indicator], level=Level.COMMUNE,
                            area_code=v.area_code, period=v.period, value=v.value,
                            missing="" if v.value is not None else "secret")
             for v in demo_values(communes) if v.indicator in ids), batch_size=5000)
        values_recompute()
    return "demonstration values for every commune (../shared/data/insee absent)"


def child(runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from territoria.core.models import Territory
    from territoria.core.services import territory_create
    from territoria.geo.models import Commune, Epci
    from territoria.geo.services import referential_load
    from territoria.indicators.comparison import territory_comparison
    from territoria.indicators.models import IndicatorValue
    from territoria.indicators.services import catalogue_load

    call_command("migrate", verbosity=0)
    referential_load(path=ROOT / "territoria" / "geo" / "data" / "referential.json.gz")
    catalogue_load()
    started = time.perf_counter()
    source = _load_values()
    figures: dict = {"source": source, "load_seconds": time.perf_counter() - started,
                     "values": IndicatorValue.objects.count()}
    epci = Epci.objects.get(siren="242600252")
    territories = {
        "commune": territory_create(name="Crest", kind=Territory.Kind.COMMUNE,
                                    commune=Commune.objects.get(insee_code="26108",
                                                                kind=Commune.Kind.CURRENT)),
        "epci": territory_create(name="Val de Drôme", kind=Territory.Kind.EPCI, epci=epci),
        "custom": territory_create(name="Perimeter", kind=Territory.Kind.CUSTOM,
                                   communes=list(epci.communes.filter(
                                       kind=Commune.Kind.CURRENT))),
    }
    for label, (kind, _code) in CASES.items():
        territory = territories[kind]
        began = time.perf_counter()
        result = territory_comparison(territory=territory)  # cold: the peer group is built
        cold = time.perf_counter() - began
        samples = []
        for _ in range(runs):
            began = time.perf_counter()
            result = territory_comparison(territory=territory)
            samples.append(time.perf_counter() - began)
        figures[label] = {"median_ms": 1000 * statistics.median(samples),
                          "cold_ms": 1000 * cold,
                          "max_ms": 1000 * max(samples),
                          "indicators": len(result.rows),
                          "with_value": sum(1 for r in result.rows if r.period),
                          "peers": len(result.peers),
                          "proposals": sum(1 for r in result.rows if r.proposal)}
    figures["server"] = server_name()
    return figures


def _run_child(database_url: str, runs: int) -> dict:
    return run_child(__file__, database_url, ["--runs", str(runs)])


def _print(figures: dict, runs: int) -> None:
    print(f"\n{figures['server']} — {figures['source']}: {figures['values']:,} stored values "
          f"(loaded and aggregated in {figures['load_seconds']:.1f} s)")
    print(f"  {'territory':<50} {'median':>9} {'max':>9} {'first':>9}   goal {GOAL_MS:.0f} ms"
          f"  (median of {runs} runs; first = the process's first, building the peer group)")
    for label in CASES:
        f = figures[label]
        print(f"  {label:<50} {f['median_ms']:7.1f} ms {f['max_ms']:7.1f} ms "
              f"{f['cold_ms']:7.1f} ms   "
              f"{f['median_ms'] / GOAL_MS:.2f} × goal; {f['with_value']}/{f['indicators']} "
              f"indicators with a value, {f['peers']} peers, {f['proposals']} proposals")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.runs)))
        return
    with tempfile.TemporaryDirectory(prefix="territoria-bench-") as workdir:
        _print(_run_child(f"sqlite:///{Path(workdir) / 'comparison.sqlite3'}", args.runs),
               args.runs)
    url = postgres_url()
    if url is None:
        print("\n(PostgreSQL: set DATABASE_URL=postgres://… to time it too.)")
        return
    with temporary_postgres(url, f"territoria_bench_comparison_{os.getpid()}") as database:
        _print(_run_child(database, args.runs), args.runs)


if __name__ == "__main__":
    main()
