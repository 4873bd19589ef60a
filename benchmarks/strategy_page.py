"""How long the strategy's pages take to build, and how many queries they make.

    .venv/bin/python benchmarks/strategy_page.py [--orientations 8] [--ambitions 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/territoria \\
        .venv/bin/python benchmarks/strategy_page.py

For each database (a temporary SQLite file; and a temporary database on the PostgreSQL server
that DATABASE_URL names, created and dropped here), a child process migrates, loads the
indicator catalogue, builds an EPCI territory with ten years of values of ten indicators,
and a strategy of ``--orientations`` adopted orientations of ``--ambitions`` measurable
ambitions each (milestones and cross-effects included). It then requests, through Django's
test client (views, selectors, charts and templates), the public strategy page as a visitor
and the balance check and cross-effects pages as a member of the team, 20 times each after a
warm-up, and prints the median and the worst time and the number of queries per page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, postgres_url, run_child, server_name, temporary_postgres  # noqa: E402

RUNS = 20
INDICATORS = ["unemployment_rate", "jobs", "vacant_dwellings_share", "poverty_rate",
              "median_income", "establishments_per_1000", "activity_rate",
              "car_commuting_share", "associations_per_1000", "municipal_turnout"]


def child(n_orientations: int, n_ambitions: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from territoria.accounts.models import Membership, Role, User
    from territoria.core.models import Territory
    from territoria.geo.models import Commune, Department, Epci, Region
    from territoria.indicators.models import Indicator, IndicatorValue, Level
    from territoria.indicators.services import catalogue_load
    from territoria.strategy import services

    catalogue_load()
    region = Region.objects.create(code="84", name="Région", zone="metro")
    department = Department.objects.create(code="26", name="Drôme", region=region, zone="metro")
    epci = Epci.objects.create(siren="242600252", name="CC Bench", search_name="cc bench",
                               kind=Epci.Kind.CC, population=30_000)
    commune = Commune.objects.create(insee_code="26001", kind=Commune.Kind.CURRENT,
                                     name="Bench", search_name="bench", siren="212600010",
                                     department=department, region=region, epci=epci,
                                     population=30_000)
    territory = Territory.objects.create(name="Bench", slug="bench", kind=Territory.Kind.EPCI,
                                         epci=epci)
    territory.communes.set([commune])
    indicators = list(Indicator.objects.filter(code__in=INDICATORS))
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=i, level=Level.EPCI, area_code=epci.siren, period=str(year),
                       value=10.0 + (year - 2014) * 0.1 * (1 + n % 3))
        for n, i in enumerate(indicators) for year in range(2014, 2025)])
    user = User.objects.create_user(email="bench@example.org", password="x")
    Membership.objects.create(user=user, territory=territory, role=Role.ELECTED)
    axes = ["mobility", "health", "education", "economy", "housing", "environment"]
    for o in range(n_orientations):
        version = services.orientation_create(
            actor=user, territory=territory, title=f"Orientation {o}", rationale="Why.",
            principles=["responsible", "endogenous"][: 1 + o % 2], axes=axes[o % 6: o % 6 + 2])
        effects = {}
        for a in range(n_ambitions):
            indicator = indicators[(o * n_ambitions + a) % len(indicators)]
            ambition = services.ambition_create(
                actor=user, version=version, title=f"Ambition {o}.{a}", indicator=indicator,
                baseline_value=10.0, baseline_date=date(2016, 1, 1), target_value=14.0,
                deadline=date(2030, 12, 31), milestones=[(date(2024, 1, 1), 12.0)])
            effects[(ambition.pk, axes[a % 6])] = ("positive", "")
            effects[(ambition.pk, axes[(a + 3) % 6])] = ("negative", "A note")
        services.effects_record(actor=user, territory=territory, effects=effects,
                                source="staff")
        services.orientation_submit(actor=user, version=version)
        services.orientation_adopt(actor=user, version=version, decision_date=date(2026, 1, 1),
                                   decision_body="Committee")
    # The team edits effects on drafts: one orientation under revision.
    services.orientation_revise(actor=user, orientation=version.orientation)

    visitor, team = Client(), Client()
    team.force_login(user)
    pages = {"strategy (visitor)": (visitor, "/t/bench/strategy/"),
             "balance (team)": (team, "/t/bench/strategy/balance/"),
             "effects (team)": (team, "/t/bench/strategy/effects/")}
    figures: dict = {"orientations": n_orientations,
                     "ambitions": n_orientations * n_ambitions, "server": server_name()}
    for name, (client, url) in pages.items():
        assert client.get(url).status_code == 200, url
        samples = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                clock = time.perf_counter()
                response = client.get(url)
                samples.append(1000 * (time.perf_counter() - clock))
        figures[name] = {"median_ms": statistics.median(samples), "max_ms": max(samples),
                         "queries": len(queries), "kb": len(response.content) // 1024}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orientations", type=int, default=8)
    parser.add_argument("--ambitions", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.orientations, args.ambitions)))
        return
    arguments = ["--orientations", str(args.orientations), "--ambitions", str(args.ambitions)]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run_child(__file__, f"sqlite:///{folder}/bench.sqlite3", arguments))
    url = postgres_url()
    if url:
        with temporary_postgres(url, "territoria_bench_strategy") as temporary:
            results.append(run_child(__file__, temporary, arguments))
    for result in results:
        print(f"{result['server']}: {result['orientations']} orientations, "
              f"{result['ambitions']} ambitions")
        for name in ("strategy (visitor)", "balance (team)", "effects (team)"):
            row = result[name]
            print(f"  {name:20} median {row['median_ms']:7.1f} ms  max {row['max_ms']:7.1f} ms"
                  f"  {row['queries']:3d} queries  {row['kb']:4d} KB")


if __name__ == "__main__":
    main()
