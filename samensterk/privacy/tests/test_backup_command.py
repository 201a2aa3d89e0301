"""`samensterk backup`: encrypted unless told otherwise, and readable by its owner only."""

import io
import os
import stat
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command

from samensterk.privacy.backup import MAGIC, BackupError, restore_backup
from samensterk.privacy.management.commands.backup import NO_PASSPHRASE, UNENCRYPTED_WARNING
from samensterk.test import BaseTestCase


class BackupCommandTestCase(BaseTestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.path = Path(folder.name) / "backup.ssb"

    def backup(self, **options) -> str:
        err = io.StringIO()
        call_command("backup", output=str(self.path), stdout=io.StringIO(), stderr=err, **options)
        return err.getvalue()

    def mode(self) -> int:
        return stat.S_IMODE(self.path.stat().st_mode)

    def test_it_refuses_without_a_passphrase(self):
        with self.assertRaisesMessage(CommandError, NO_PASSPHRASE):
            self.backup(passphrase="")
        self.assertFalse(self.path.exists())

    def test_it_refuses_without_a_passphrase_also_on_stdout(self):
        with self.assertRaisesMessage(CommandError, NO_PASSPHRASE):
            call_command("backup", passphrase="", stdout=io.StringIO(), stderr=io.StringIO())

    def test_it_writes_an_encrypted_backup_readable_by_its_owner_only(self):
        old = os.umask(0)  # the mode does not depend on a strict umask
        try:
            self.backup(passphrase="een goed wachtwoord")
        finally:
            os.umask(old)
        self.assertEqual(self.mode(), 0o600)
        self.assertTrue(self.path.read_bytes().startswith(MAGIC))

    def test_it_makes_an_existing_file_readable_by_its_owner_only(self):
        self.path.write_bytes(b"yesterday")
        self.path.chmod(0o644)
        self.backup(passphrase="een goed wachtwoord")
        self.assertEqual(self.mode(), 0o600)
        self.assertTrue(self.path.read_bytes().startswith(MAGIC))

    def test_a_failed_write_keeps_the_previous_backup_and_leaves_nothing_behind(self):
        self.path.write_bytes(b"yesterday")
        with (
            mock.patch("os.fsync", side_effect=OSError("No space left on device")),
            self.assertRaises(OSError),
        ):
            self.backup(passphrase="een goed wachtwoord")
        self.assertEqual(self.path.read_bytes(), b"yesterday")
        self.assertEqual(sorted(p.name for p in self.path.parent.iterdir()), [self.path.name])

    def test_a_link_in_its_place_is_replaced_not_followed(self):
        elsewhere = self.path.parent / "elsewhere"
        elsewhere.write_bytes(b"not yours")
        self.path.symlink_to(elsewhere)
        self.backup(passphrase="een goed wachtwoord")
        self.assertEqual(elsewhere.read_bytes(), b"not yours")
        self.assertFalse(self.path.is_symlink())
        self.assertEqual(self.mode(), 0o600)

    def test_unencrypted_on_purpose_works_and_warns(self):
        err = self.backup(passphrase="", unencrypted=True)
        self.assertIn(UNENCRYPTED_WARNING, err)
        self.assertEqual(self.mode(), 0o600)
        payload = self.path.read_bytes()
        self.assertFalse(payload.startswith(MAGIC))
        self.assertEqual(payload[:2], b"\x1f\x8b")  # a plain gzip

    def test_a_passphrase_makes_unencrypted_moot(self):
        err = self.backup(passphrase="een goed wachtwoord", unencrypted=True)
        self.assertNotIn(UNENCRYPTED_WARNING, err)
        self.assertTrue(self.path.read_bytes().startswith(MAGIC))

    def test_it_takes_the_passphrase_from_backup_passphrase(self):
        with mock.patch.dict(os.environ, {"BACKUP_PASSPHRASE": "uit de omgeving"}):
            self.backup()
        payload = self.path.read_bytes()
        self.assertTrue(payload.startswith(MAGIC))
        # The database is not empty, so the restore stops after the decryption succeeded.
        with self.assertRaisesMessage(BackupError, "De database is niet leeg"):
            restore_backup(payload, passphrase="uit de omgeving")
