"""Large imports on the web page: checked at once, stored by a task with progress."""

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samensterk.intake import importing
from samensterk.intake.models import ImportJob, Signal
from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.test import BaseTestCase, login_verified, make_characters
from samensterk.themes.defaults import install_default_themes
from samensterk.themes.models import Theme

POLLING = 'hx-trigger="every 3s"'  # htmx asks again; no timed refresh of the page


def upload(client, content: str, owner="g:groep-a"):
    return client.post(
        reverse("intake:signal_import"),
        {"owner": owner, "file": SimpleUploadedFile("groot.csv", content.encode())},
    )


def rows_csv(count: int, extra: str = "") -> str:
    lines = [f"Jan de Vries wacht al {n} weken op de taxi." for n in range(count)]
    return "text\n" + "\n".join(lines) + "\n" + extra


# More rows than the page stores within the request, in batches of two.
@mock.patch.object(importing, "TASK_FROM_ROWS", 3)
@mock.patch.object(importing, "JOB_BATCH", 2)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class ImportJobWorkerTests(TransactionTestCase):
    """The real queue: the job waits in the database until `samensterk db_worker` runs it."""

    def setUp(self):
        # An earlier transactional test may have flushed what the migrations installed.
        sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
        install_default_themes(Theme)
        make_characters(self)
        login_verified(self.client, self.carla)

    def test_a_large_file_is_stored_by_the_worker_and_the_page_follows_it(self):
        response = upload(self.client, rows_csv(5))
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("intake:signal_import_job", args=[job.pk]))
        self.assertEqual(DBTaskResult.objects.count(), 1)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Bezig: 0 van 5 rijen.")
        self.assertContains(page, POLLING)
        self.assertFalse(Signal.objects.exists())

        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

        page = self.client.get(response["Location"])
        self.assertContains(page, "Klaar: 5 signalen toegevoegd, 0 bijgewerkt.")
        self.assertNotContains(page, POLLING)
        self.assertContains(page, reverse("intake:signal_list"))
        signals = Signal.objects.order_by("pk")
        self.assertEqual(
            [s.story for s in signals],
            [f"Jan de Vries wacht al {n} weken op de taxi." for n in range(5)],
        )
        for signal in signals:
            self.assertEqual((signal.group, signal.created_by), (self.group_a, self.carla))
            self.assertEqual(signal.theme_suggestions[0]["code"], "vervoer")
            self.assertNotIn("Vries", signal.story_pseudonymised)
            self.assertEqual(signal.events.get().kind, "created")
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total), ("klaar", 5, 5))
        self.assertEqual(job.rows, [])  # no second copy of the stories stays behind
        self.assertIsNotNone(job.finished_at)


@mock.patch.object(importing, "TASK_FROM_ROWS", 3)
@mock.patch.object(importing, "JOB_BATCH", 2)
class ImportJobTests(BaseTestCase):
    def test_a_large_file_with_bad_rows_stores_nothing_and_names_them(self):
        self.login(self.carla)
        content = "text,group\n" + "Geen taxi.,groep-a\n" * 4 + "Geen taxi.,groep-b\n,groep-a\n"
        response = upload(self.client, content)
        self.assertContains(response, "Er is niets geïmporteerd")
        # Numbered as the spreadsheet shows them: the header is row 1.
        self.assertContains(response, "rij 6, kolom groep:")
        self.assertContains(response, "rij 7, kolom verhaal: Het verhaal is leeg.")
        self.assertFalse(ImportJob.objects.exists())
        self.assertFalse(Signal.objects.exists())

    def test_the_page_shows_how_far_it_is(self):
        job = ImportJob.objects.create(
            organisation=self.alfa, group=self.group_a, total=5000, done=1200, status="bezig"
        )
        self.login(self.carla)
        page = self.client.get(reverse("intake:signal_import_job", args=[job.pk]))
        self.assertContains(page, "Bezig: 1.200 van 5.000 rijen.")
        self.assertContains(page, POLLING)

    def test_only_who_manages_the_owner_sees_a_job(self):
        group_job = ImportJob.objects.create(organisation=self.alfa, group=self.group_a, total=1)
        office_job = ImportJob.objects.create(organisation=self.alfa, total=1)
        group_url = reverse("intake:signal_import_job", args=[group_job.pk])
        office_url = reverse("intake:signal_import_job", args=[office_job.pk])
        self.assertNotFoundFor([self.otto, self.vince, self.nina], "get", group_url)
        self.assertNotFoundFor([self.otto, self.carla, self.vince], "get", office_url)
        self.login(self.carla)
        self.assertEqual(self.client.get(group_url).status_code, 200)
        self.login(self.sanne)
        self.assertEqual(self.client.get(office_url).status_code, 200)

    def test_a_job_continues_where_it_stopped(self):
        """Each batch is committed with `done`: a task run again does not store rows twice."""
        rows = [[f"Verhaal {n} over de taxi.", "groep-a"] for n in range(5)]
        job = ImportJob.objects.create(
            organisation=self.alfa,
            header=["text", "group"],
            rows=rows,
            total=5,
            done=2,
            status="bezig",
        )
        importing.import_job_process(job.pk)
        self.assertEqual(
            list(Signal.objects.order_by("pk").values_list("story", flat=True)),
            [f"Verhaal {n} over de taxi." for n in range(2, 5)],
        )
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.signals_created), ("klaar", 5, 3))

    def test_a_row_that_became_invalid_stops_the_job_with_its_number(self):
        rows = [[f"Verhaal {n}.", "groep-a"] for n in range(3)] + [["Verhaal.", "weg"]]
        job = ImportJob.objects.create(
            organisation=self.alfa, header=["text", "group"], rows=rows, total=4
        )
        importing.import_job_process(job.pk)
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.rows), ("mislukt", 2, []))
        self.assertEqual(job.errors, ["rij 5, kolom groep: onbekende groep ‘weg’"])
        self.assertEqual(Signal.objects.count(), 2)  # the first batch, committed
        self.login(self.sanne)
        page = self.client.get(reverse("intake:signal_import_job", args=[job.pk]))
        self.assertContains(page, "Het importeren is gestopt. 2 van 4 rijen zijn opgeslagen.")
        self.assertContains(page, "rij 5, kolom groep:")
        self.assertNotContains(page, POLLING)

    def test_a_small_file_is_stored_within_the_request(self):
        self.login(self.carla)
        response = upload(self.client, rows_csv(3))
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("intake:signal_import_job", args=[job.pk]))
        self.assertEqual(Signal.objects.count(), 3)
        self.assertEqual((job.status, job.done, job.rows), ("klaar", 3, []))
        page = self.client.get(response["Location"])
        self.assertContains(page, "Klaar: 3 signalen toegevoegd, 0 bijgewerkt.")
        self.assertNotContains(page, 'http-equiv="refresh"')
