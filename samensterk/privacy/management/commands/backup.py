import os
import sys
import tempfile

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
            _write_privately(output, payload)
            self.stderr.write(f"Backup written: {output} ({len(payload)} bytes).")
        else:
            sys.stdout.buffer.write(payload)


def _write_privately(path: str, payload: bytes) -> None:
    """A new file, 0600 from its first moment, in place of `path` only once it is complete: a
    full disk keeps the previous backup, and whoever could read an older file (or placed a
    link there) gets nothing of this one."""
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".backup-", delete=False) as handle:
        # mkstemp: O_EXCL and mode 0600 already; the write goes to this new file only.
        try:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)
