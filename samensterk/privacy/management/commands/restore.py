import os

from django.core.management.base import BaseCommand, CommandError

from samensterk.privacy.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup into an empty, migrated database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--passphrase", default=os.environ.get("BACKUP_PASSPHRASE", ""))

    def handle(self, *args, file, passphrase="", **options):
        with open(file, "rb") as handle:
            payload = handle.read()
        try:
            result = restore_backup(payload, passphrase=passphrase or None)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the backup of {result['made_at']} ({result['files']} files).")
