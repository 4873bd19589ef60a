"""The diagnostic report: a public web page, and the same page as a PDF drawn by the worker."""

import pytest
from django.urls import reverse

from territoria.diagnostic import services
from territoria.diagnostic.models import DiagnosticReport

pytestmark = pytest.mark.django_db


def proposal(territory):
    from territoria.diagnostic.models import DiagnosticItem

    return DiagnosticItem.objects.get(territory=territory, origin="data",
                                      indicator__code="unemployment_rate")


@pytest.fixture
def board(epcis, epci_staff, epci_resident):
    territory = epcis[0]
    services.proposals_refresh(territory=territory)
    services.proposal_accept(actor=epci_staff, item=proposal(territory))
    services.item_contribute(author=epci_resident, territory=territory, kind="weakness",
                             axis="mobility", title="No bus after 6 pm",
                             explanation="<script>alert(1)</script> and no train either.")
    return territory


def test_the_report_shows_indicators_against_references_with_a_chart_and_its_table(
        client, board):
    html = client.get(reverse("diagnostic:report", args=[board.slug])).content.decode()
    assert "Unemployment rate (2018)" in html
    assert '<svg' in html and 'role="img"' in html
    assert "<table" in html and "Drôme" in html
    assert "1 of 13" in html  # rank among 12 peers
    assert "No bus after 6 pm" in html
    assert "<script>alert(1)</script>" not in html


def test_the_team_draws_the_pdf_and_anyone_downloads_it(
        client, board, epci_staff, django_capture_on_commit_callbacks):
    client.force_login(epci_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("diagnostic:report-generate", args=[board.slug]))
    assert response.status_code == 302  # to the job's page
    report = DiagnosticReport.objects.get(territory=board)
    assert report.finished_at is not None and report.job.status == "succeeded"
    client.logout()
    page = client.get(reverse("diagnostic:report", args=[board.slug])).content.decode()
    assert "Download the PDF" in page
    pdf = client.get(reverse("diagnostic:report-pdf", args=[board.slug, report.pk]))
    body = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    assert 'filename="diagnostic-' in pdf["Content-Disposition"]


def test_the_pdf_holds_the_same_figures_and_contributions_as_the_page(board):
    from territoria.core.pdf import render_document
    from territoria.diagnostic.report import report_context
    from tests.core.test_pdf import page_text

    document = render_document("diagnostic/report.html", report_context(territory=board))
    text = page_text(document)
    assert "Unemployment rate (2018)" in text and "No bus after 6 pm" in text
    assert "Back to the board" not in text  # web navigation stays out of the PDF
    assert len(document.pages) >= 2


def test_a_private_territorys_report_is_not_downloadable_by_strangers(
        client, board, epci_staff, django_capture_on_commit_callbacks):
    client.force_login(epci_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("diagnostic:report-generate", args=[board.slug]))
    report = DiagnosticReport.objects.get()
    board.is_public = False
    board.save()
    client.logout()
    url = reverse("diagnostic:report-pdf", args=[board.slug, report.pk])
    assert client.get(url).status_code == 404
    assert "/media/" not in report.pdf.path  # kept out of the public media folder


def test_an_indicator_with_several_periods_gets_a_line_chart(client, board):
    from tests.indicators.conftest import put
    from territoria.indicators.models import Indicator, Level

    put(Indicator.objects.get(code="unemployment_rate"), Level.DEPARTMENT, "26", 10.0,
        period="2013")
    html = client.get(reverse("diagnostic:report", args=[board.slug])).content.decode()
    assert "Unemployment rate over time" in html
    assert 'id="history-unemployment_rate"' in html
