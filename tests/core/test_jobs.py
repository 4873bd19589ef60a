"""Background jobs: progress shown to the user who started the work, and to no one else."""

import pytest
from django.urls import reverse

from territoria.core.models import Job
from territoria.core.services import job_create, job_enqueue, job_finish, job_progress
from tests.core.jobs_for_tests import break_down, count_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    return UserFactory()


@pytest.fixture
def job(starter, territory):
    return job_create(title="Import des indicateurs", user=starter, territory=territory,
                      total=200)


def test_the_user_who_started_a_job_follows_its_progress(client, starter, job):
    job_progress(job_id=job.pk, done=50)
    client.force_login(starter)
    page = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Import des indicateurs" in page
    assert "In progress: 50 of 200." in page
    assert 'value="25"' in page
    assert 'hx-trigger="every 1s"' in page  # polls while the job runs


def test_another_user_gets_404_and_a_visitor_is_asked_to_log_in(client, job):
    url = reverse("core:job-detail", args=[job.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_an_unknown_job_answers_404(client, starter):
    client.force_login(starter)
    assert client.get("/jobs/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_htmx_request_gets_the_progress_partial_only(client, starter, job):
    job_progress(job_id=job.pk, done=100)
    client.force_login(starter)
    response = client.get(reverse("core:job-detail", args=[job.pk]), headers={
        "HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="job-progress"')
    assert "<html" not in page
    assert "In progress: 100 of 200." in page


def test_a_finished_job_stops_polling_and_links_to_its_result(client, starter, job):
    job_finish(job_id=job.pk, message="200 valeurs importées.", result_url="/t/x/")
    client.force_login(starter)
    page = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Done." in page and "200 valeurs importées." in page
    assert 'href="/t/x/"' in page
    assert "hx-trigger" not in page


def test_an_enqueued_job_runs_its_task_after_commit_and_reports_success(
        starter, territory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(task=count_to, title="Compter", user=starter, territory=territory,
                          n=5)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (Job.Status.SUCCEEDED, 5, 5, 100)
    assert job.started_by == starter and job.finished_at is not None


def test_a_task_that_fails_leaves_its_job_failed_not_running(
        client, starter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(task=break_down, title="Casser", user=starter)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    client.force_login(starter)
    page = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "This job failed" in page
    assert "The work stopped on an unexpected error." in page
    assert "disk full" not in page  # internals stay in the worker's log
