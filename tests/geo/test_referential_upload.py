"""The operators' page that loads a new referential file in the background."""

import gzip
import json

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.core.models import Job
from territoria.geo.models import Commune, ReferentialVersion
from tests.factories import MembershipFactory, UserFactory

from .conftest import database_state

pytestmark = pytest.mark.django_db

URL = "/geo/referential/"


@pytest.fixture
def operator(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    # Platform operators must have two-factor login before they reach any page.
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def _upload(document, name="referential.json.gz"):
    return SimpleUploadedFile(name, gzip.compress(json.dumps(document).encode()),
                              content_type="application/gzip")


def test_the_page_is_at_its_named_address():
    assert reverse("geo:referential-upload") == URL


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_ordinary_user_is_refused(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


@pytest.mark.parametrize("role", list(Role))
def test_no_role_in_a_territory_gives_access_to_the_shared_referential(client, role):
    # The referential is shared by every territory: only platform operators may replace it.
    membership = MembershipFactory(role=role)
    Authenticator.objects.create(user=membership.user, type=Authenticator.Type.TOTP,
                                 data={"secret": "x"})
    client.force_login(membership.user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403
    assert not Job.objects.exists()


def test_an_operator_sees_that_nothing_is_loaded_yet(client, operator):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "No referential has been loaded yet." in html
    assert '<label for="id_file">Referential file' in html
    assert 'aria-describedby="id_file_helptext"' in html


def test_an_operator_loads_a_file_and_follows_the_job(client, operator, small_document,
                                                      django_capture_on_commit_callbacks,
                                                      settings, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": _upload(small_document)})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED
    assert job.started_by == operator
    assert "Communes: 6 created" in job.message
    assert job.result_url == URL
    assert Commune.objects.count() == 6
    job_page = client.get(response["Location"]).content.decode()
    assert "Communes: 6 created" in job_page
    # The uploaded copy is removed once loaded; the version is known by its checksum.
    assert not list((settings.MEDIA_ROOT / "geo" / "referential").iterdir())


def test_the_page_shows_the_version_loaded_with_its_counts(client, operator, small_document,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": _upload(small_document)})

    html = client.get(URL).content.decode()
    version = ReferentialVersion.objects.get()
    assert "test 1" in html
    assert version.checksum in html
    assert "<caption>Records in the loaded referential</caption>" in html
    assert '<th scope="row">Delegated communes</th><td>1</td>' in html
    assert "<caption>The last ten loads, latest first</caption>" in html


def test_a_bad_file_ends_in_a_failed_job_that_says_why_and_changes_nothing(
        client, operator, small_document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": _upload(small_document)})
    before = database_state()
    small_document["communes"][0]["department"] = "99"
    small_document["communes"][1]["population"] = 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": _upload(small_document)})

    job = Job.objects.order_by("-created_at").first()
    assert job.status == Job.Status.FAILED
    assert job.message == "commune 42218: unknown département 99."
    assert database_state() == before
    job_page = client.get(response["Location"]).content.decode()
    assert "This job failed; nothing was changed." in job_page
    assert "commune 42218: unknown département 99." in job_page


def test_a_truncated_file_ends_in_a_failed_job(client, operator, small_document,
                                               django_capture_on_commit_callbacks):
    raw = gzip.compress(json.dumps(small_document).encode())
    upload = SimpleUploadedFile("referential.json.gz", raw[: len(raw) // 2])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": upload})

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.message == "The file is truncated: its compressed data stops before the end."
    assert Commune.objects.count() == 0


def test_a_file_that_is_not_gz_is_refused_by_the_form(client, operator):
    response = client.post(URL, {"file": SimpleUploadedFile("communes.csv", b"code;name")})

    assert response.status_code == 200
    assert "Choose a .json.gz file." in response.content.decode()
    assert not Job.objects.exists()


def test_the_form_asks_for_a_file(client, operator):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert 'id="id_file_error"' in response.content.decode()
    assert not Job.objects.exists()


def test_the_job_is_enqueued_only_once_the_upload_is_committed(client, operator,
                                                                 small_document,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(URL, {"file": _upload(small_document)})

    assert len(callbacks) == 1
    assert Job.objects.get().status == Job.Status.QUEUED
    assert Commune.objects.count() == 0


@pytest.fixture
def media_shared_with_the_worker(monkeypatch, settings, tmp_path):
    # The worker process reads its settings from the environment: TERRITORIA_DATA_DIR gives
    # it the test's media directory (the test settings put media under DATA_DIR/test-media).
    monkeypatch.setenv("TERRITORIA_DATA_DIR", str(tmp_path))
    settings.MEDIA_ROOT = tmp_path / "test-media"


def test_a_real_worker_loads_the_uploaded_file(client, operator, small_document,
                                               media_shared_with_the_worker, task_worker):
    response = client.post(URL, {"file": _upload(small_document)})
    output = task_worker.run_until_idle()

    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED, output
    assert job.done == job.total == 26
    assert Commune.objects.count() == 6
