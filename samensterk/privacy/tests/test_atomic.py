"""A crash halfway through an import, a merge or the retention run leaves the database as it
was (issue 9): the failure is simulated in the last step of each."""

from unittest import mock

from django.db import IntegrityError

from samensterk.intake import transfer
from samensterk.intake.models import Signal, SignalContact
from samensterk.network import exchange, selectors, services
from samensterk.network.models import ContactMoment, Person, Stakeholder
from samensterk.network.tests.test_register import NetworkTestCase
from samensterk.privacy import retention
from samensterk.privacy.models import AuditLog
from samensterk.privacy.tests import test_retention
from samensterk.test import BaseTestCase


class Crash(Exception):
    pass


def table(model):
    return sorted(model.objects.values_list(flat=False))


class ImportCrashTests(NetworkTestCase):
    def test_a_signals_import_that_crashes_halfway_stores_nothing(self):
        rows = [
            [f"ext-{n}", f"Verhaal nummer {n} over de taxi."] for n in range(transfer.BATCH + 20)
        ]
        real = transfer.services.signal_create_many
        calls = []

        def second_batch_fails(**kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise Crash
            return real(**kwargs)

        before = Signal.objects.count()
        patched = mock.patch.object(transfer.services, "signal_create_many", second_batch_fails)
        with patched, self.assertRaises(Crash):
            transfer.import_signals(
                organisation=self.alfa, header=["external_id", "text"], rows=rows,
                actor=self.sanne, allowed_groups=None, default_group=None,
            )  # fmt: skip
        self.assertEqual(len(calls), 2)  # the first batch had been written
        self.assertEqual(Signal.objects.count(), before)

    def test_a_contacts_import_that_crashes_halfway_stores_nothing(self):
        before = (table(Person), table(Stakeholder))
        real_save = Person.save
        saved = []

        def third_fails(person, *args, **kwargs):
            saved.append(person.name)
            if len(saved) == 3:
                raise IntegrityError("disk full")
            return real_save(person, *args, **kwargs)

        header = ["naam", "organisatie"]
        rows = [["Anna", "Nieuwe Stichting"], ["Bert", "Nieuwe Stichting"], ["Cor", "Andere"]]
        with mock.patch.object(Person, "save", third_fails), self.assertRaises(IntegrityError):
            exchange.import_people(
                register=selectors.register_for(self.carla), organisation=self.alfa,
                municipality=self.amsterdam, header=header, rows=rows, actor=self.carla,
            )  # fmt: skip
        self.assertEqual((table(Person), table(Stakeholder)), before)

    def test_a_merge_that_crashes_halfway_changes_nothing(self):
        double = Person.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, name="W. Wethouder", notes="x"
        )
        ContactMoment.objects.create(
            organisation=self.alfa, group=self.group_a, person=double, date="2026-05-01",
            kind="gesprek", discussed="Vervoer",
        )  # fmt: skip
        before = (table(Person), table(ContactMoment))
        # The last step of a merge of people: the duplicate is deleted.
        with mock.patch.object(Person, "delete", side_effect=Crash), self.assertRaises(Crash):
            services.entry_merge(
                register=selectors.register_for(self.carla), keep=self.wethouder, remove=double
            )
        self.assertEqual((table(Person), table(ContactMoment)), before)


class RetentionCrashTests(BaseTestCase):
    setUp = test_retention.RetentionTestCase.setUp  # the same signals, without its tests
    run_command = test_retention.RetentionTestCase.run_command

    def test_a_retention_run_that_crashes_halfway_erases_nothing(self):
        before = (table(SignalContact), AuditLog.objects.count())
        with (
            # A last step that crashes, after the others did their work.
            mock.patch.object(
                retention,
                "STEPS",
                [
                    *retention.STEPS,
                    retention.Step("crash", mock.Mock(side_effect=Crash), mock.Mock()),
                ],
            ),
            self.assertRaises(Crash),
        ):
            self.run_command()
        self.assertEqual((table(SignalContact), AuditLog.objects.count()), before)
        self.assertIn("5 contact records erased", self.run_command())
