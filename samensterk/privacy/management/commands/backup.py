import os
import sys

from django.core.management.base import BaseCommand, CommandError

from samensterk.privacy.backup import make_backup

NO_PASSPHRASE = (
    "No passphrase: a backup holds password hashes, two-factor secrets and reporters' contact "
    "details. Give --passphrase or BACKUP_PASSPHRASE, or --unencrypted if you really mean it."
)
UNENCRYPTED_WARNING = (
    "WARNING: this backup is NOT encrypted. It holds password hashes, two-factor secrets and "
    "reporters' contact details: keep it somewhere only you can read."
)


class Command(BaseCommand):
    help = (
        "Write a backup (database and uploaded files) to a file (mode 0600) or stdout, encrypted "
        "with the passphrase (--passphrase or BACKUP_PASSPHRASE). Without one it refuses, unless "
        "--unencrypted is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")
        parser.add_argument("--passphrase", default=os.environ.get("BACKUP_PASSPHRASE", ""))
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="write a readable archive when no passphrase is given (not recommended)",
        )

    def handle(self, *args, output=None, passphrase="", unencrypted=False, **options):
        if not passphrase:
            if not unencrypted:
                raise CommandError(NO_PASSPHRASE)
            self.stderr.write(UNENCRYPTED_WARNING)
        payload = make_backup(passphrase=passphrase or None)
        if output:
            # Created 0600, and an existing file made 0600 before anything is written to it:
            # there is no moment at which others can read the backup.
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(payload)
            self.stderr.write(f"Backup written: {output} ({len(payload)} bytes).")
        else:
            sys.stdout.buffer.write(payload)
