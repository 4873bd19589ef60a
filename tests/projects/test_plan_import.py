from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from territoria.actors.models import Actor
from territoria.projects import services_import as services
from territoria.projects.domain.action_plan import (
    Lookups,
    guess_mapping,
    parse_amount,
    parse_date,
    read_plan,
)
from territoria.projects.models import PlanImport, Project
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory

SAMPLE = (Path(__file__).resolve().parents[2] / "territoria" / "projects" / "static"
          / "projects" / "sample-action-plan.xlsx")
NO_LOOKUPS = Lookups(commune=lambda t: None, member=lambda t: None, ambition=lambda t: None,
                     existing_titles=set())


def test_columns_are_guessed_from_french_or_english_headers():
    mapping = guess_mapping(["Intitulé", "Statut", "STRUCTURE PILOTE", "Budget (€)",
                             "Date de début", "Colonne perso"])
    assert (mapping["title"], mapping["stage"], mapping["carrier"], mapping["budget"],
            mapping["start"], mapping["lead"]) == (0, 1, 2, 3, 4, None)
    assert guess_mapping(["Title", "Status"])["stage"] == 1


def test_french_amounts_dates_and_excel_day_numbers():
    assert parse_amount("12 500,50 €") == Decimal("12500.50")
    assert parse_amount("1.200.000,00") == Decimal("1200000.00")
    assert parse_date("31/12/2026") == date(2026, 12, 31)
    assert parse_date("46022") == date(2025, 12, 31)
    assert parse_date("2027-01-04 00:00:00") == date(2027, 1, 4)
    with pytest.raises(ValueError):
        parse_amount("beaucoup")
    with pytest.raises(ValueError):
        parse_date("31/02/2026")


def test_each_row_is_read_with_its_problems_by_spreadsheet_row():
    header = ["Intitulé", "Statut", "Budget", "Date de début", "Date de fin", "Notes"]
    rows = [(2, ["Piste cyclable", "En cours", "12 000", "01/01/2026", "31/12/2026", "x"]),
            (3, ["", "À venir", "", "", "", ""]),
            (4, ["Piste cyclable", "", "", "", "", ""]),
            (5, ["Halle", "Bientôt", "dix", "01/06/2026", "01/01/2026", ""])]
    reading = read_plan(header, rows, guess_mapping(header), NO_LOOKUPS)
    assert reading.unexpected_columns == ["Notes"]
    assert [d.title for d in reading.valid_drafts()] == ["Piste cyclable"]
    assert reading.valid_drafts()[0].stage == "running"
    by_row = {(p.row, p.field, p.blocking) for p in reading.problems}
    assert {(3, "title", True), (4, "title", True), (5, "stage", False), (5, "budget", True),
            (5, "end", True)} <= by_row


def test_without_a_title_column_nothing_is_read():
    reading = read_plan(["A"], [(2, ["x"])], {"title": None}, NO_LOOKUPS)
    assert reading.drafts == [] and reading.problems[0].field == "title"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def workbook_bytes(rows, merge=None):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if merge:
        book.active.merge_cells(merge)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_merged_cells_empty_and_foreign_files_are_refused_with_a_message():
    territory = TerritoryFactory()
    with pytest.raises(ValidationError, match="A3:A4"):
        services.plan_import_upload(actor=None, territory=territory, upload=upload(
            "plan.xlsx", workbook_bytes([["Intitulé"], ["a"], ["b"], [None]], merge="A3:A4")))
    with pytest.raises(ValidationError):
        services.plan_import_upload(actor=None, territory=territory, upload=upload("e.csv", b""))
    with pytest.raises(ValidationError):
        services.plan_import_upload(actor=None, territory=territory,
                                    upload=upload("x.pdf", b"%PDF-1.4 ..."))
    assert not PlanImport.objects.exists()


@pytest.mark.django_db
def test_the_sample_plan_is_imported_then_undone_except_what_changed(settings):
    territory = TerritoryFactory()
    ProjectFactory(territory=territory, title="Plan vélo intercommunal")  # already there
    pmo = MembershipFactory(territory=territory, role="pmo").user
    record = services.plan_import_upload(actor=pmo, territory=territory,
                                         upload=upload("plan.xlsx", SAMPLE.read_bytes()))
    table, _reading = services.plan_import_read(record=record, mapping={})
    services.plan_import_map(actor=pmo, record=record, mapping=guess_mapping(table.header))
    services.plan_import_apply(actor=pmo, record=record)
    record.refresh_from_db()
    assert len(record.created_projects) == 24  # 25 rows, one already in the portfolio
    school = Project.objects.get(title="Rénovation énergétique de l'école")
    assert school.stage == "running"
    assert school.stage_moves.last().reason == "Imported from plan.xlsx"
    assert school.budget_lines.get().planned == Decimal("380000.00")
    assert Actor.objects.filter(territory=territory, name="Régie d'énergie").exists()
    with pytest.raises(ValidationError):
        services.plan_import_apply(actor=pmo, record=record)
    school.title = "École rénovée"
    school.save()
    kept = services.plan_import_undo(actor=pmo, record=record)
    assert kept == ["École rénovée"]
    assert Project.objects.filter(territory=territory).count() == 2
    assert not Actor.objects.filter(territory=territory, name="Régie d'énergie").exists()


@pytest.mark.django_db
def test_the_flow_through_the_pages_for_the_team_only(client):
    territory = TerritoryFactory()
    client.force_login(MembershipFactory(territory=territory, role="resident").user)
    assert client.get(f"/t/{territory.slug}/projects/import/").status_code == 403
    client.force_login(MembershipFactory(territory=territory, role="staff").user)
    csv = "Intitulé;Statut;Personne pilote\nHalle;En cours;inconnu@example.org\n".encode()
    response = client.post(f"/t/{territory.slug}/projects/import/",
                           {"file": upload("plan.csv", csv)})
    record = PlanImport.objects.get()
    assert response["Location"].endswith(f"/import/{record.pk}/columns/")
    mapping = {"title": "0", "stage": "1", "lead": "2"}
    mapping.update({f: "" for f in ("summary", "objectives", "carrier", "communes",
                                    "ambition", "budget", "start", "end")})
    client.post(f"/t/{territory.slug}/projects/import/{record.pk}/columns/", mapping)
    page = client.get(f"/t/{territory.slug}/projects/import/{record.pk}/preview/")
    assert "inconnu@example.org" in page.content.decode()
    client.post(f"/t/{territory.slug}/projects/import/{record.pk}/preview/")
    assert Project.objects.get(territory=territory).stage == "running"
    other = TerritoryFactory()
    client.force_login(MembershipFactory(territory=other, role="staff").user)
    assert client.get(
        f"/t/{other.slug}/projects/import/{record.pk}/preview/").status_code == 404
