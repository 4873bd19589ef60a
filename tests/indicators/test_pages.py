"""The catalogue pages and the staff's import pages: who may do what, and the journey."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Role
from territoria.core.models import Job
from territoria.indicators import services
from territoria.indicators.models import DataImport, IndicatorValue, Level

from .conftest import applied, checked, upload

pytestmark = pytest.mark.django_db

OK, LOGIN, DENIED, HIDDEN, MOVED = "200", "login", "403", "404", "302"
ACTIONS = ["catalogue", "indicator", "imports", "upload", "import", "apply", "undo"]
# fmt: off
PUBLIC = {
    #                     catalogue indicator imports upload  import  apply   undo
    "anonymous":         (OK,       OK,       LOGIN,  LOGIN,  LOGIN,  LOGIN,  LOGIN),
    "administrator":     (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "elected":           (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "staff":             (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "pmo":               (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "project_lead":      (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "member elsewhere":  (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN,   HIDDEN,   HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "administrator":     (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "elected":           (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "staff":             (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "pmo":               (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "project_lead":      (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,       OK,       DENIED, DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,       OK,       OK,     OK,     OK,     MOVED,  OK),
    "member elsewhere":  (HIDDEN,   HIDDEN,   HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
}
# fmt: on
CASES = [
    pytest.param(visibility, who, action, expected, id=f"{visibility}-{who}-{action}")
    for visibility, table in (("public", PUBLIC), ("private", PRIVATE))
    for who, outcomes in table.items()
    for action, expected in zip(ACTIONS, outcomes, strict=True)
]


def test_every_role_is_in_the_matrix():
    assert set(Role.values) < set(PUBLIC) and set(Role.values) < set(PRIVATE)


def _person(who, territory):
    if who == "anonymous":
        return None
    if who == "platform operator":
        user = UserFactory(is_superuser=True, is_staff=True)
    elif who == "member elsewhere":
        user = MembershipFactory(role=Role.ADMINISTRATOR).user
    else:
        user = MembershipFactory(territory=territory, role=who).user
    if who in ("administrator", "platform operator", "member elsewhere"):
        give_totp(user)
    return user


def _request(client, action, territory, data_import):
    slug = territory.slug
    urls = {
        "catalogue": ("get", reverse("indicators:indicator-list", args=[slug])),
        "indicator": ("get", reverse("indicators:indicator-detail",
                                     args=[slug, "unemployment_rate"])),
        "imports": ("get", reverse("indicators:import-list", args=[slug])),
        "upload": ("get", reverse("indicators:import-create", args=[slug])),
        "import": ("get", reverse("indicators:import-detail", args=[slug, data_import.pk])),
        "apply": ("post", reverse("indicators:import-apply", args=[slug, data_import.pk])),
        "undo": ("get", reverse("indicators:import-undo", args=[slug, data_import.pk])),
    }
    method, url = urls[action]
    return getattr(client, method)(url)


@pytest.mark.parametrize(("visibility", "who", "action", "expected"), CASES)
def test_role_action_matrix(client, catalogue, referential, visibility, who, action,
                            expected, django_capture_on_commit_callbacks):
    territory = TerritoryFactory(is_public=visibility == "public",
                                 communes=[referential["42218"]])
    data_import = checked(territory, "insee_small.csv")
    user = _person(who, territory)
    if user is not None:
        client.force_login(user)
    response = _request(client, action, territory, data_import)
    got = str(response.status_code)
    if response.status_code == 302 and response.url.startswith(reverse("account_login")):
        got = LOGIN
    assert got == expected
    data_import.refresh_from_db()
    assert (data_import.status == DataImport.State.APPLYING) == (expected == MOVED)


def test_another_territorys_import_answers_404(client, catalogue, territory):
    other = TerritoryFactory(slug="elsewhere")
    theirs = checked(other, "insee_small.csv")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    client.force_login(staff)
    for name in ("indicators:import-detail", "indicators:import-apply",
                 "indicators:import-undo"):
        url = reverse(name, args=[territory.slug, theirs.pk])
        assert client.get(url).status_code in (404, 405)
        assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == DataImport.State.PREVIEWED


@pytest.fixture
def staff_client(client, territory):
    user = MembershipFactory(territory=territory, role=Role.STAFF).user
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_staff_upload_see_the_preview_apply_and_read_the_values(
        staff_client, territory, catalogue, django_capture_on_commit_callbacks):
    slug = territory.slug
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("indicators:import-create", args=[slug]),
                                     {"kind": "insee", "file": upload("insee_small.zip")})
    data_import = DataImport.objects.get()
    assert response.url == reverse("core:job-detail", args=[data_import.job_id])
    job = Job.objects.get(pk=data_import.job_id)
    assert job.status == Job.Status.SUCCEEDED and "new values" in job.message
    assert job.result_url == reverse("indicators:import-detail", args=[slug, data_import.pk])
    page = staff_client.get(job.result_url).content.decode()
    assert "Validation report" in page and "99999" in page and "XYZ18" in page
    assert "Apply this import" in page
    assert not IndicatorValue.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("indicators:import-apply", args=[slug, data_import.pk]))
    data_import.refresh_from_db()
    assert data_import.status == DataImport.State.APPLIED
    assert "Applied:" in Job.objects.get(pk=data_import.job_id).message
    page = staff_client.get(reverse("indicators:indicator-detail",
                                    args=[slug, "unemployment_rate"])).content.decode()
    assert "Saint-Étienne Métropole" in page and "17.7" in page  # 15,560 / 88,000
    listing = staff_client.get(reverse("indicators:import-list", args=[slug])).content.decode()
    assert "insee_small.zip" in listing and "applied" in listing
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("indicators:import-undo", args=[slug, data_import.pk]))
    data_import.refresh_from_db()
    assert data_import.status == DataImport.State.UNDONE
    assert not IndicatorValue.objects.exists()


def test_hostile_strings_of_a_file_are_shown_escaped(staff_client, territory, catalogue):
    data_import = checked(territory, "long.csv", DataImport.Kind.LONG)
    page = staff_client.get(reverse("indicators:import-detail",
                                    args=[territory.slug, data_import.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_upload_form_refuses_a_large_or_strange_file(staff_client, territory, catalogue,
                                                         monkeypatch):
    url = reverse("indicators:import-create", args=[territory.slug])
    response = staff_client.post(url, {"kind": "insee", "file": upload("x.exe", b"MZ")})
    assert "Choose a .csv, .zip or .xlsx file." in response.content.decode()
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 10)
    monkeypatch.setattr("territoria.indicators.forms.MAX_UPLOAD_BYTES", 10)
    response = staff_client.post(url, {"kind": "insee", "file": upload("insee_small.csv")})
    assert "the limit is 10" in response.content.decode()
    assert not DataImport.objects.exists()


def test_a_refused_undo_says_which_import_to_undo_first(staff_client, territory, catalogue):
    first = applied(territory, "insee_small.zip")
    content = upload("insee_small.csv").read().replace(b"42095;16800", b"42095;17000")
    applied(territory, "later.csv", content=content)
    response = staff_client.post(reverse("indicators:import-undo",
                                         args=[territory.slug, first.pk]), follow=True)
    assert "“later.csv”" in response.content.decode()
    first.refresh_from_db()
    assert first.status == DataImport.State.APPLIED


def test_the_catalogue_page_lists_indicators_by_axis_with_source_and_licence(client, territory,
                                                                             catalogue):
    page = client.get(reverse("indicators:indicator-list", args=[territory.slug])).content
    page = page.decode()
    assert "Unemployment rate" in page and "Turnout at the last municipal election" in page
    assert "Licence Ouverte 2.0" in page and "comparateur de territoires 2021" in page
    assert page.index("Economy and jobs") < page.index("Unemployment rate")
    assert reverse("indicators:import-list", args=[territory.slug]) not in page


def test_the_territory_navigation_links_to_the_indicators(client, territory):
    page = client.get(reverse("core:territory-home", args=[territory.slug])).content.decode()
    assert reverse("indicators:indicator-list", args=[territory.slug]) in page


def test_the_whole_journey_runs_on_the_real_task_worker(client, task_worker, referential,
                                                        territory):
    services.catalogue_load()
    user = MembershipFactory(territory=territory, role=Role.STAFF).user
    client.force_login(user)
    slug = territory.slug
    client.post(reverse("indicators:import-create", args=[slug]),
                {"kind": "insee", "file": upload("insee_small.zip")})
    task_worker.run_until_idle()
    data_import = DataImport.objects.get()
    assert data_import.status == DataImport.State.PREVIEWED
    client.post(reverse("indicators:import-apply", args=[slug, data_import.pk]))
    task_worker.run_until_idle()
    data_import.refresh_from_db()
    assert data_import.status == DataImport.State.APPLIED
    assert IndicatorValue.objects.get(indicator__code="population", level=Level.EPCI,
                                      area_code="244200770", period="2018").value == 189724
    client.post(reverse("indicators:import-undo", args=[slug, data_import.pk]))
    task_worker.run_until_idle()
    data_import.refresh_from_db()
    assert data_import.status == DataImport.State.UNDONE
    assert not IndicatorValue.objects.exists()
