import os
import sys

from django.core.management.base import BaseCommand

from samensterk.privacy.backup import make_backup


class Command(BaseCommand):
    help = (
        "Write a backup (database and uploaded files) to a file or stdout; encrypted when a "
        "passphrase is given (--passphrase or BACKUP_PASSPHRASE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")
        parser.add_argument("--passphrase", default=os.environ.get("BACKUP_PASSPHRASE", ""))

    def handle(self, *args, output=None, passphrase="", **options):
        payload = make_backup(passphrase=passphrase or None)
        if output:
            with open(output, "wb") as handle:
                handle.write(payload)
            self.stderr.write(f"Backup written: {output} ({len(payload)} bytes).")
        else:
            sys.stdout.buffer.write(payload)
