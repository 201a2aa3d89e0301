"""A backup restored into an empty database gives back every table, row for row."""

import io

from django.apps import apps
from django.core.management import call_command
from django.test import TransactionTestCase

from samensterk.privacy.backup import BackupError, make_backup, restore_backup

SKIPPED_APPS = {"contenttypes", "sessions", "admin"}


def snapshot() -> dict:
    """Every row of every table of the platform."""
    tables = {}
    for model in apps.get_models():
        meta = model._meta
        if (
            meta.app_label in SKIPPED_APPS
            or f"{meta.app_label}.{meta.model_name}" == "auth.permission"
        ):
            continue
        if not meta.managed or meta.proxy:
            continue
        rows = model.objects.order_by("pk").values_list()
        tables[meta.label] = [tuple(str(v) for v in row) for row in rows]
    return tables


class BackupRestoreTests(TransactionTestCase):
    def test_restore_into_an_empty_database_gives_back_every_table(self):
        call_command("load_demo", stdout=io.StringIO())
        before = snapshot()
        self.assertGreater(len(before["intake.Signal"]), 100)
        payload = make_backup(passphrase="een goed wachtwoord")
        self.assertNotIn(b"data.xml", payload)  # encrypted
        with self.assertRaisesMessage(BackupError, "De database is niet leeg"):
            restore_backup(payload, passphrase="een goed wachtwoord")
        call_command("flush", interactive=False, verbosity=0)
        with self.assertRaisesMessage(BackupError, "Het wachtwoord klopt niet"):
            restore_backup(payload, passphrase="fout")
        with self.assertRaisesMessage(BackupError, "versleuteld"):
            restore_backup(payload)
        with self.assertRaisesMessage(BackupError, "geen back-up"):
            restore_backup(b"rommel")
        restore_backup(payload, passphrase="een goed wachtwoord")
        after = snapshot()
        self.assertEqual(set(after), set(before))
        for table, rows in before.items():
            self.assertEqual(after[table], rows, table)
